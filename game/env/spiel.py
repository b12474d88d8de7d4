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
it answers) and the action it took, then what changed since its last decision (`now:`).
The tensor is a fixed-size summary, `W` = the widest faction's observation vector, `T` = the
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
(the tracks the player sees, its orders and the events it saw fire as they are; hidden tracks
redrawn from their start ranges; a new seed drawn from `sampler`). Approximations: hidden tracks
are drawn from their start ranges, not from what the game has done to them since; hidden events
that fired are forgotten (they may fire again); the other sides' orders of the turn are empty
and their records of past decisions start afresh (their information states in the sample know
only what happened after it). The sampled state was not reached by moves: its `history()` is
empty, and it serialises as a snapshot instead of a move list.
"""

from __future__ import annotations

import functools
import random
from typing import Any

import pyspiel

from game.core.game import Game
from game.core.serial import state_from_dict, state_to_dict
from game.core.state import OVER, State
from game.env.encoding import layouts
from game.env.spiel_observer import make_observer
from game.env.spiel_view import Record, View, Viewer, viewers
from game.scenario.loader import load_game

SCENARIOS = {
    "railway_sale": ("railway-sale", 2),
    "fishery_auctions": ("fishery-auctions", 2),
    "august_1945": ("august-1945", 3),
}
"""Short name (after `python_amur_`) → (scenario id, number of factions)."""
DEFAULT_SEEDS = 1024
MAX_SEEDS = 1 << 20
"""Each seed is a listed chance outcome: more would make `chance_outcomes` itself the cost."""
PREFIX = "python_amur_"


# ------------------------------------------------------------------ the model


class Model:
    """One scenario (and variant, and seed count) as OpenSpiel sees it; shared by its states."""

    def __init__(self, name: str, variant: str, seeds: int) -> None:
        if not 1 <= seeds <= MAX_SEEDS:
            raise ValueError(f"seeds must be 1 … {MAX_SEEDS}, not {seeds}")
        self.key = (name, variant, seeds)
        self.engine: Game = _engine(SCENARIOS[name][0], variant)
        rules = self.engine.rules
        self.n = len(rules.factions)
        self.space = self.engine.action_space
        self.actions = self.space.actions
        self.index: dict[tuple[int, str, int, int], int] = self.space.index_of
        self.viewers: tuple[Viewer, ...] = viewers(
            self.engine, layouts(self.engine), self.action_name
        )
        self.width = self.viewers[0].width
        self.turns = len(rules.calendar)
        self.seeds = seeds
        self.outcomes = [(i, 1.0 / seeds) for i in range(seeds)]
        self._last: tuple[State | None, list[int]] = (None, [])

    def __deepcopy__(self, memo: object) -> Model:
        return self

    def __reduce__(self) -> tuple[Any, ...]:
        return (model, self.key)

    def action_name(self, index: int) -> str:
        return self.engine.notation(self.actions[index])

    def legal(self, state: State, player: int) -> list[int]:
        """Returns the player's legal action indexes, sorted (the last answer is remembered)."""
        last = self._last
        if last[0] is state and state.to_act == player:
            return last[1]
        index = self.index  # keyed by the four fields: an Action (a NamedTuple) finds itself
        out = [index[a] for a in self.engine.legal_actions(state, player)]
        out.sort()
        if state.to_act == player:
            self._last = (state, out)
        return out

    def max_game_length(self) -> int:
        """Returns a bound on the moves of a game, the chance node included.

        Per turn each faction gives at most `max_orders` moves (orders then `end`, or
        `max_orders` orders, after which its turn passes by itself); each event with a chooser
        fires at most once a turn (repeatable ones) or once a game, and asks one answer.
        """
        rules = self.engine.rules
        asked = [e for e in rules.events if e.chooser >= 0]
        every_turn = sum(1 for e in asked if e.repeat)
        once = len(asked) - every_turn
        return 1 + self.turns * (self.n * rules.max_orders + every_turn) + once

    def utility_range(self) -> tuple[float, float]:
        """Returns bounds of any side's score, from the scoring terms and the tracks' ranges."""
        rules = self.engine.rules
        lows, highs = [], []
        for terms in rules.scoring:
            lo = hi = 0.0
            for term in terms:
                values = [term.constant]
                if term.track >= 0:
                    track = rules.tracks[term.track]
                    values = [term.constant + term.weight * v for v in (track.lo, track.hi)]
                lo += min(0.0, *values)  # a term counts only while its condition holds
                hi += max(0.0, *values)
            lows.append(lo / rules.score_scale)
            highs.append(hi / rules.score_scale)
        return min(lows), max(highs)


@functools.cache
def _engine(scenario: str, variant: str) -> Game:
    return load_game(scenario, variant or None)


@functools.cache
def model(name: str, variant: str, seeds: int) -> Model:
    """Returns the (shared) model of a scenario, variant and seed count."""
    return Model(name, variant, seeds)


# ------------------------------------------------------------------ a state's contents


class Core:
    """A state's whole content, immutable: `clone` shares it, `apply_action` replaces it.

    Pickled (OpenSpiel's `serialize`) as the moves since its start, replayed when read back:
    exact, since the game is deterministic once the seed is drawn. A resampled state's start
    is a snapshot (state and records), followed by the moves made from it.
    """

    __slots__ = ("base", "model", "records", "state", "trail")

    def __init__(
        self,
        model: Model,
        state: State | None,
        records: tuple[Record | None, ...],
        base: tuple[State, tuple[Record | None, ...]] | None,
        trail: tuple[Any, int] | None,
    ) -> None:
        self.model = model
        self.state = state
        self.records = records
        self.base = base
        """A resampled state's start (its state and records), or None from the chance node."""
        self.trail = trail
        """The moves since the start as a persistent list: (earlier, move) or None."""

    def __deepcopy__(self, memo: object) -> Core:
        return self

    def __reduce__(self) -> tuple[Any, ...]:
        moves: list[int] = []
        node = self.trail
        while node is not None:
            moves.append(node[1])
            node = node[0]
        moves.reverse()
        base = None
        if self.base is not None:
            start, records = self.base
            chains = [[(r.view, r.action) for r in rec.chain()] if rec else [] for rec in records]
            base = (state_to_dict(start), chains)
        return (_revive, (self.model.key, base, moves))

    @classmethod
    def start(cls, model: Model) -> Core:
        return cls(model, None, (None,) * model.n, None, None)

    def after(self, move: int) -> Core:
        """Returns the content after a move (a seed at the chance node, else an action index)."""
        m = self.model
        state = self.state
        if state is None:
            if not 0 <= move < m.seeds:
                raise ValueError(f"no seed {move}: the chance node draws 0 … {m.seeds - 1}")
            start = m.engine.initial_state(move)
            return Core(m, start, self.records, self.base, (self.trail, move))
        if not 0 <= move < len(m.actions):
            raise ValueError(f"no action {move} in a space of {len(m.actions)}")
        p = state.to_act
        after = m.engine.apply(state, m.actions[move])
        records = list(self.records)
        records[p] = Record(records[p], m.viewers[p].view(state), move)
        return Core(m, after, tuple(records), self.base, (self.trail, move))


def _revive(
    key: tuple[str, str, int],
    base: tuple[dict[str, Any], list[list[tuple[View, int]]]] | None,
    moves: list[int],
) -> Core:
    m = model(*key)
    if base is None:
        core = Core.start(m)
    else:
        data, chains = base
        records: list[Record | None] = []
        for chain in chains:
            node: Record | None = None
            for view, action in chain:
                node = Record(node, view, action)
            records.append(node)
        start = state_from_dict(data)
        core = Core(m, start, tuple(records), (start, tuple(records)), None)
    for move in moves:
        core = core.after(move)
    return core


# ------------------------------------------------------------------ OpenSpiel's classes


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
        core = self.core
        out: AmurState = self.get_game().new_initial_state()
        if core.state is None:
            return out
        m = core.model
        rng = random.Random(int(probability_sampler() * (1 << 53)))
        sample = m.engine.determinize(m.engine.observe(core.state, player), rng)
        records = tuple(core.records[f] if f == player else None for f in range(m.n))
        out.core = Core(m, sample, records, (sample, records), None)
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
