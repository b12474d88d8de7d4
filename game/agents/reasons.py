"""Why an agent chose what it chose: the alternatives it weighed and their estimated values.

Every agent leaves a `Reason` for its last choice (`agent.reason`); the window shows it in the
chronicle and on hover, `simulate --explain` writes it into the results. The words are built
from the agent's figures here, in one place, so every agent explains itself alike.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

from game.core.actions import Action


@dataclass(frozen=True, slots=True)
class Weighed:
    """One alternative an agent considered, with what it expected of it."""

    action: Action
    value: float | None
    """The agent's estimate of its own score after this action (None: not estimated)."""
    visits: int = 0
    """How often a search tried it (0 for agents that do not search)."""


@dataclass(frozen=True, slots=True)
class Reason:
    """An agent's account of one choice."""

    agent: str
    """The agent's name (`mcts:normal`, `greedy`, …)."""
    chosen: Action
    why: str
    """One sentence in words: the rule it followed, or what it expected."""
    weighed: tuple[Weighed, ...] = ()
    """The alternatives it weighed, best first (the chosen one among them when it searched)."""

    def to_dict(self, notation: Callable[[Action], str]) -> dict[str, object]:
        """The reason as plain data for results files (actions in the game's notation)."""
        return {
            "agent": self.agent,
            "chosen": notation(self.chosen),
            "why": self.why,
            "weighed": [
                {
                    "action": notation(w.action),
                    "value": None if w.value is None else round(w.value, 3),
                    "visits": w.visits,
                }
                for w in self.weighed
            ],
        }
