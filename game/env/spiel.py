"""Each Amur scenario as an OpenSpiel Python game, so OpenSpiel's own algorithms run on it.

    import pyspiel
    import game.env.spiel  # registers the games (OpenSpiel's convention for Python games)
    game = pyspiel.load_game("python_amur_railway_sale(seeds=64)")

Games: `python_amur_railway_sale`, `python_amur_fishery_auctions`, `python_amur_august_1945`.
Parameters: `seeds` (int, default 1024): how many seeds the chance node draws from; `variant`
(string, default "" for none): a variant id of the scenario (`no_atomic_bomb`), as `play` takes.

Players are the scenario's factions in scenario order. Actions are the scenario's fixed action
index space (`Game.action_space`): `num_distinct_actions` is its size, action i is
`action_space.action(i)`, and the legal actions are the indexes of `Game.legal_actions`,
sorted. Sequential (the engine takes each turn's secret orders one side after another, and no
side observes another's orders of the turn before they resolve), imperfect information,
general-sum, terminal rewards: the returns are the sides' final scores (`Game.score`), 0 until
the end.

**Chance: one explicit chance node, at the root.** It draws the game's seed among `seeds`
equally likely values (outcome i is seed i). Explicit, so OpenSpiel's algorithms, its
`random_sim_test` and its serialisation see it (a state's history is the seed, then the moves).
One node, because the engine draws every later random thing (start ranges, rolls, events)
from that seed, the turn and a purpose tag (`game.core.rng`): once the seed is known, the game
is deterministic in the players' actions; making each roll a chance node would need the engine
to expose its draws one by one. The seed is hidden from every player: no observation or
information state contains it, only what it caused and the player may see.

**Information state (perfect recall).** The string lists, per decision the player made, what
changed in its view since its previous decision (its tracks, the events it saw fire, the event
it answers), the chronicle lines it could read meanwhile (their typed records, as the game's
own MCTS agent keys its information sets, or their text where a line has none) and the action
it took; then the same since its last decision (`now:`). The tensor is a fixed-size summary
without the chronicle lines; `W` = the widest faction's observation vector, `T` = the
calendar's turns, `A` = `num_distinct_actions`:

- `now` (W): the observation vector now (below);
- `turns` (T × (1 + W)): per calendar turn, 1 if the player decided in it, then its
  observation vector at its last decision of that turn (zeros for a turn without one);
- `actions` (A): how many times the player took each action so far.

**Observation.** The tensor is `Layout.vector` of `game.env.encoding` for the player, padded
with zeros to W; the string is the same view as text (raw track values, the events seen fired,
the event to answer).

**ISMCTS** calls `resample_from_infostate(player, sampler)`: it returns a state with the same
information state for `player`, made by `Game.determinize` as the game's `greedy` agent samples
(the tracks the player sees, its orders and the events it saw fire as they are; a new seed
drawn from `sampler`; a chronicle of only the lines the player read since its last decision).
Approximations: hidden tracks are drawn from their start ranges, not from what the game has
done to them since; hidden events that fired are forgotten (they may fire again); the other
sides' orders of the turn are empty and their records of past decisions start afresh (their
information states in the sample know only what happened after it). The sampled state was not
reached by moves: its `history()` is empty, and it serialises as a snapshot instead of a move
list. (OpenSpiel's `MCTSBot` searches the true state: it plays with the hidden information in
sight.)
"""

from __future__ import annotations

import random
from typing import Any

import pyspiel

from game.core.state import OVER
from game.env.spiel_model import DEFAULT_SEEDS, SCENARIOS, Core, model, sample
from game.env.spiel_observer import make_observer

PREFIX = "python_amur_"


class AmurState(pyspiel.State):  # type: ignore[misc]  # pyspiel has no type hints
    """A position of an Amur game, as OpenSpiel's `State`."""

    def __init__(self, game: AmurGame) -> None:
        super().__init__(game)
        self.core = Core.start(game.model)

    def current_player(self) -> int:
        state = self.core.state
        if state is None:
            return int(pyspiel.PlayerId.CHANCE)
        if state.phase == OVER:
            return int(pyspiel.PlayerId.TERMINAL)
        return state.to_act

    def _legal_actions(self, player: int) -> list[int]:
        state = self.core.state
        if state is None or player < 0:
            return []
        return self.core.model.legal(state, player)

    def chance_outcomes(self) -> list[tuple[int, float]]:
        return self.core.model.outcomes if self.core.state is None else []

    def _apply_action(self, action: int) -> None:
        self.core = self.core.after(action)

    def _action_to_string(self, player: int, action: int) -> str:
        if player == pyspiel.PlayerId.CHANCE:
            return f"seed {action}"
        return self.core.model.action_name(action)

    def is_terminal(self) -> bool:
        state = self.core.state
        return state is not None and state.phase == OVER

    def returns(self) -> list[float]:
        state, m = self.core.state, self.core.model
        if state is None or state.phase != OVER:
            return [0.0] * m.n
        return [m.engine.score(state, f) for f in range(m.n)]

    def resample_from_infostate(self, player: int, probability_sampler: Any) -> AmurState:
        """Returns a state `player` cannot tell from this one (see the module's docstring)."""
        out: AmurState = self.get_game().new_initial_state()
        if self.core.state is not None:
            rng = random.Random(int(probability_sampler() * (1 << 53)))
            out.core = sample(self.core, player, rng)
        return out

    def __str__(self) -> str:
        state = self.core.state
        if state is None:
            return "chance: the seed is not drawn yet"
        orders = [[list(a) for a in given] for given in state.orders]
        return (
            f"seed={state.seed} turn={state.turn} phase={int(state.phase)} "
            f"to_act={state.to_act} tracks={list(state.tracks)} orders={orders} "
            f"pending={list(state.pending)} fired={state.fired} outcome={state.outcome}"
        )


class AmurGame(pyspiel.Game):  # type: ignore[misc]  # pyspiel has no type hints
    """An Amur scenario as OpenSpiel's `Game` (one class; the short name picks the scenario)."""

    NAME = ""
    """The scenario's short name after `python_amur_` (each scenario's subclass sets it)."""

    def __init__(self, params: dict[str, Any] | None = None) -> None:
        name = self.NAME
        params = dict(params or {})
        seeds = int(params.get("seeds", DEFAULT_SEEDS))
        variant = str(params.get("variant", ""))
        m = model(name, variant, seeds)
        if m.n != SCENARIOS[name][1]:
            raise ValueError(f"{name}: {m.n} factions, registered with {SCENARIOS[name][1]}")
        lo, hi = m.utility_range()
        info = pyspiel.GameInfo(
            num_distinct_actions=len(m.actions),
            max_chance_outcomes=seeds,
            num_players=m.n,
            min_utility=lo,
            max_utility=hi,
            utility_sum=None,
            max_game_length=m.max_game_length(),
        )
        super().__init__(_game_type(name), info, {"seeds": seeds, "variant": variant})
        self.model = m

    def new_initial_state(self) -> AmurState:
        return AmurState(self)

    def make_py_observer(
        self, iig_obs_type: pyspiel.IIGObservationType | None = None, params: Any = None
    ) -> Any:
        return make_observer(self.model, iig_obs_type, params)


def _game_type(name: str) -> pyspiel.GameType:
    scenario, n = SCENARIOS[name]
    return pyspiel.GameType(
        short_name=PREFIX + name,
        long_name=f"Amur: {scenario}",
        dynamics=pyspiel.GameType.Dynamics.SEQUENTIAL,
        chance_mode=pyspiel.GameType.ChanceMode.EXPLICIT_STOCHASTIC,
        information=pyspiel.GameType.Information.IMPERFECT_INFORMATION,
        utility=pyspiel.GameType.Utility.GENERAL_SUM,
        reward_model=pyspiel.GameType.RewardModel.TERMINAL,
        max_num_players=n,
        min_num_players=n,
        provides_information_state_string=True,
        provides_information_state_tensor=True,
        provides_observation_string=True,
        provides_observation_tensor=True,
        parameter_specification={"seeds": DEFAULT_SEEDS, "variant": ""},
    )


class RailwaySaleGame(AmurGame):
    NAME = "railway_sale"


class FisheryAuctionsGame(AmurGame):
    NAME = "fishery_auctions"


class August1945Game(AmurGame):
    NAME = "august_1945"


GAMES: dict[str, type[AmurGame]] = {
    cls.NAME: cls for cls in (RailwaySaleGame, FisheryAuctionsGame, August1945Game)
}
"""Each scenario's game class. OpenSpiel keeps the constructor until the process ends: a
module-level class (pickle finds it by name; a `functools.partial` released after Python's
finalisation aborts the process)."""


def register() -> list[str]:
    """Registers every scenario's game with OpenSpiel (again: nothing happens); returns the
    short names."""
    known = set(pyspiel.registered_names())
    names = []
    for name in SCENARIOS:
        short = PREFIX + name
        if short not in known:
            pyspiel.register_game(_game_type(name), GAMES[name])
        names.append(short)
    return names


register()

__all__ = [
    "AmurGame",
    "AmurState",
    "August1945Game",
    "FisheryAuctionsGame",
    "RailwaySaleGame",
    "register",
]
