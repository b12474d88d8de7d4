"""The par: what each side would have scored on the historical path, and victory levels.

The par of a game is the same scenario, variant and seed played with every side's `historical`
agent (`par_of`): it shares the game's chance draws, so luck cancels from `score − par` until
the two games part. Its trajectory holds every side's score at the start of each turn the
historical path reached (after the turns before it), and its final score after its last turn.

Two comparisons read it (`game.core.victory` turns a margin into a level):
- `victory(game, state, par)`: at the end (the debrief, `simulate --levels`), each side's final
  score against the par's final score; while a game runs, against the par at the same date.
- `live_verdict(game, obs, par)`: a side's "if the game ended now", from its observation's
  score and the par at the observation's date only (`Par.at`); the par's later points share
  the seed's chance draws with the game's future and are never read (`Par.until` cuts them).
"""

from __future__ import annotations

from dataclasses import dataclass

from game.agents.base import make_agents
from game.core.actions import Action
from game.core.game import Game
from game.core.observation import Observation
from game.core.state import State
from game.core.victory import Verdict, judge
from game.sim.play import play

PAR_AGENT = "historical"
"""The agent every side plays on the par's path."""


@dataclass(frozen=True, slots=True)
class Par:
    """The historical path's scores of one seed: `points[i] = (turn, scores by faction)`, turns
    increasing; a point's scores are those at the start of that turn. The last point, one turn
    after the path's last turn, holds its final scores (when `complete`)."""

    seed: int
    points: tuple[tuple[int, tuple[float, ...]], ...]
    complete: bool = True
    """False once cut by `until`: the final scores are not in it."""

    def at(self, turn: int) -> tuple[float, ...]:
        """Returns every side's par at the start of `turn`: the last point at or before it
        (a turn the path passed without a decision keeps the point before it; the first point,
        the game's start, for a turn before it)."""
        best = self.points[0][1]
        for when, scores in self.points:
            if when > turn:
                break
            best = scores
        return best

    def final(self) -> tuple[float, ...]:
        """Returns every side's final par; ValueError on a par cut by `until`."""
        if not self.complete:
            raise ValueError("this par was cut at a date: its final scores are not in it")
        return self.points[-1][1]

    def until(self, turn: int) -> Par:
        """Returns the par known at `turn`: its points up to that turn, none later."""
        kept = tuple(p for p in self.points if p[0] <= turn) or self.points[:1]
        return Par(self.seed, kept, complete=False)

    @property
    def last_turn(self) -> int:
        return self.points[-1][0]


def par_of(game: Game, seed: int) -> Par:
    """Returns the par of the game of `seed`: the game played by every side's historical agent
    (the scenario's variant is the game's own). Deterministic: the same game and seed give the
    same par."""
    agents = make_agents(game, {f.id: PAR_AGENT for f in game.rules.factions})
    # The first point is the game's start (a turn after 0 if nobody had a decision before it:
    # no game of this scenario and seed is ever at an earlier date).
    start = game.initial_state(seed)
    points: list[tuple[int, tuple[float, ...]]] = [(start.turn, _scores(game, start))]

    def seen(state: State, action: Action, legal: int) -> None:
        if points[-1][0] != state.turn:
            points.append((state.turn, _scores(game, state)))

    _, final = play(game, agents, seed, on_action=seen)
    points.append((final.turn + 1, _scores(game, final)))
    return Par(seed, tuple(points))


def _scores(game: Game, state: State) -> tuple[float, ...]:
    return tuple(game.score(state, f.index) for f in game.rules.factions)


def now(game: Game, state: State) -> int:
    """Returns the par's turn to compare a state with: its turn while it runs, the turn after
    its last once over (its scores are those after that turn)."""
    return state.turn + 1 if game.is_terminal(state) else state.turn


def victory(game: Game, state: State, par: Par) -> dict[str, Verdict]:
    """Returns each side's verdict, by faction id: once the game is over, its final score
    against the par's final score; while it runs, its score now against the par at this date.
    Empty if the scenario gives no victory margins."""
    margins = game.rules.victory
    if margins is None:
        return {}
    pars = par.final() if game.is_terminal(state) else par.at(now(game, state))
    return {
        f.id: judge(game.score(state, f.index), pars[f.index], margins) for f in game.rules.factions
    }


def live_verdict(game: Game, obs: Observation, par: Par) -> Verdict | None:
    """Returns the observing side's "if the game ended now": the score its observation shows
    against its par at the observation's date (never a later point of the par). None if the
    scenario gives no victory margins."""
    margins = game.rules.victory
    if margins is None:
        return None
    return judge(obs.score, par.until(obs.turn).at(obs.turn)[obs.faction], margins)
