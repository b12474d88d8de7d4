"""The persona agent: a government that wants what the historical one wanted.

It is the searching agent (`game.agents.mcts`: information-set MCTS on states drawn from its
beliefs) with three changes:

- **It values futures by personas, not scores.** Every side's evaluation in the search is that
  side's persona (the scenario file's `persona:`: aims, red lines, what waiting costs it; see
  `game.core.persona`), so it plans against governments that want what theirs wanted. A side
  without a persona is valued by its score.
- **It believes what its government believed.** Its particles start from the persona's priors
  for the values it cannot see, not from the scenario's ranges; a persona with `judged_deals`
  also learns from the deals the others let stand (`game.agents.beliefs`, "Refusals teach").
- **It varies.** It plays a root move with probability proportional to visits^(1/T), T the
  persona's `temperature` (or `TEMPERATURE`), among the moves whose mean value is within T × the
  spread of the root's means of the most visited move's (`near_best`): T = 0 always plays the
  most visited move; higher T spreads play over the moves the search found nearly as good, so
  seeds give different games where the government's choice was close, and the same game where
  it was not. Its randomness is the agent's own seeded generator (reproducible).

Its budgets (`LEVELS`) are the searching agent's, and a `fast` one for batches: a persona run of
200 games per scenario must fit in minutes on two cores (issue 14). A persona may name its own
playouts a move at `fast` (`playouts`), where 48 are too few for its government's choices, and,
at every level, cap how many turns its search plays ahead (`lookahead`: the railway's sides,
whose talks crawled at the window's three months), and ask for guided expansion (`guided`:
`game.agents.mcts`) and for every order to be weighed again after each order of a turn
(`every_order`: the same module).
"""

from __future__ import annotations

import dataclasses
import random
from typing import Final

from game.agents.beliefs import Belief
from game.agents.mcts import LEVELS as MCTS_LEVELS
from game.agents.mcts import Budget, MctsAgent, _Node
from game.core.actions import Action
from game.core.game import Game
from game.core.state import State

TEMPERATURE: Final = 0.15
"""Default temperature of the root choice (see the module docstring). ASSUMPTION: low enough
that a clearly better move is nearly always played, high enough that near-equal ones vary."""

LEVELS: Final = {
    "normal": MCTS_LEVELS["normal"],
    "fast": Budget(iterations=48, depth=2, days=120),
    "hard": MCTS_LEVELS["hard"],
}
"""Level → budget; the first is the default (the window's). `normal` and `hard` think as
`mcts` does; `fast` is for batches (a 200-game calibration run in minutes on two cores, issue
14): it looks two turns ahead with 48 playouts a move, and so models the other sides thinly (a
bad offer may look free to it where the other side would take it: see docs/calibration.md)."""


class PersonaAgent(MctsAgent):
    """Plans by search, valuing each side's futures by that side's persona."""

    measure = "value to its aims"

    def __init__(self, game: Game, faction: int, level: str = "normal") -> None:
        personas = [game.rules.persona(f.index) for f in game.rules.factions]
        mine = personas[faction]
        budget = LEVELS[level]
        if level == "fast" and mine is not None and mine.playouts is not None:
            budget = dataclasses.replace(budget, iterations=mine.playouts)
        if mine is not None and mine.lookahead is not None and mine.lookahead < budget.depth:
            budget = dataclasses.replace(budget, depth=mine.lookahead)
        super().__init__(
            game,
            faction,
            budget=budget,
            guided=mine is not None and mine.guided,
            every_order=mine is not None and mine.every_order,
            judged_deals=mine is not None and mine.judged_deals,
        )
        self.level = level
        self.name = f"persona:{level}"
        self._personas = personas
        self.temperature = (
            mine.temperature if mine is not None and mine.temperature is not None else TEMPERATURE
        )

    def make_belief(self, rng: random.Random) -> Belief:
        persona = self._personas[self.faction]
        priors = [(p.track, p.lo, p.hi) for p in persona.priors] if persona else []
        judge = self._judge if persona is not None and persona.judged_deals else None
        return Belief(self.game, self.faction, rng, priors=priors, judge=judge)

    def evaluate(self, state: State, side: int) -> float:
        persona = self._personas[side]
        if persona is None:
            return self.game.score(state, side)
        return persona.value(self.game.rules, state)

    def pick(self, ranked: list[tuple[Action, _Node]], rng: random.Random) -> Action:
        if self.temperature <= 0 or len(ranked) == 1:
            return ranked[0][0]
        eligible = near_best(ranked, self.temperature)
        top = ranked[0][1].n or 1
        weights = [(c.n / top) ** (1.0 / self.temperature) for _, c in eligible]
        r = rng.random() * sum(weights)
        for (action, _), w in zip(eligible, weights, strict=True):
            r -= w
            if r <= 0:
                return action
        return eligible[0][0]


def near_best(ranked: list[tuple[Action, _Node]], temperature: float) -> list[tuple[Action, _Node]]:
    """Returns the root's children the temperature may play: those whose mean value is within
    `temperature` × (the spread of the children's means) of the most visited child's (which is
    always among them, first).

    Visits alone do not tell near-equal moves from bad ones when the budget is small: 48
    playouts over a dozen children give each three or four, so sampling by visits^(1/T) alone
    drew nearly uniformly: a `fast` Japan offered 300 M for a line worth 80–110 M to it
    while its search rated that offer 73 M worse than its best (the railway, issue 14).
    With large budgets UCT's visits follow the means, and the filter seldom removes anything."""
    means = [c.w / c.n for _, c in ranked if c.n]
    first = ranked[0][1]
    if not means or not first.n:
        return ranked[:1]
    floor = first.w / first.n - temperature * (max(means) - min(means))
    return [ranked[0]] + [(a, c) for a, c in ranked[1:] if c.n and c.w / c.n >= floor]
