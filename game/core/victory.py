"""Victory levels: a side's result judged against its par, the score the historical path gave it.

The scale is symmetric, five levels, from the margin `score − par` and the scenario's two
margins (`VictoryMargins`, in its score unit, the same for every side):

| margin                   | level            |
|--------------------------|------------------|
| ≥ decisive               | decisive victory |
| ≥ draw                   | marginal victory |
| strictly within ± draw   | draw             |
| ≤ −draw                  | marginal defeat  |
| ≤ −decisive              | decisive defeat  |

Computing a par needs agents, so it lives in `game.sim.par`; this module is arithmetic only.
"""

from __future__ import annotations

import enum
from dataclasses import dataclass

from game.core.rules import VictoryMargins


class Level(enum.Enum):
    """A victory level; its value is its label for people (and JSON)."""

    DECISIVE_DEFEAT = "decisive defeat"
    MARGINAL_DEFEAT = "marginal defeat"
    DRAW = "draw"
    MARGINAL_VICTORY = "marginal victory"
    DECISIVE_VICTORY = "decisive victory"

    @property
    def rank(self) -> int:
        """Returns −2 (decisive defeat) … 2 (decisive victory)."""
        return list(Level).index(self) - 2


def level_of(margin: float, margins: VictoryMargins) -> Level:
    """Returns the level of a margin over par (see the module's table)."""
    if margin >= margins.decisive:
        return Level.DECISIVE_VICTORY
    if margin >= margins.draw:
        return Level.MARGINAL_VICTORY
    if margin <= -margins.decisive:
        return Level.DECISIVE_DEFEAT
    if margin <= -margins.draw:
        return Level.MARGINAL_DEFEAT
    return Level.DRAW


@dataclass(frozen=True, slots=True)
class Verdict:
    """One side's result against its par."""

    score: float
    par: float
    margin: float
    """`score − par`, rounded to 1e-9 so that float noise never changes a level."""
    level: Level

    def margin_text(self, unit: str = "") -> str:
        """Returns the margin signed, for people: `+7`, `−3.5 M gold rubles`."""
        value = f"{abs(self.margin):.1f}".removesuffix(".0")
        sign = "+" if self.margin > 0 else ("−" if self.margin < 0 else "±")
        return f"{sign}{value} {unit}".strip()

    def to_dict(self) -> dict[str, float | str]:
        return {
            "score": self.score,
            "par": self.par,
            "margin": self.margin,
            "level": self.level.value,
        }


def judge(score: float, par: float, margins: VictoryMargins) -> Verdict:
    """Returns the verdict on `score` against `par`."""
    margin = round(score - par, 9)
    return Verdict(score, par, margin, level_of(margin, margins))
