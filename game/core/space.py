"""A scenario's fixed action index space: every action the scenario could ever offer, numbered.

Learning agents mask over it (a later issue's environments stand on it). The order is fixed by
the scenario file alone: each faction's `end`, then the scenario's own actions, then every
event option, then each mechanic's actions in the order it lists them. Indexes do not depend on
a state, a seed or the order of play; the notation (`japan:offer:67.5`) stays the stable name.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

from game.core.actions import CHOOSE, DO, END, Action, Choose, Do, EndTurn
from game.core.mechanics.base import Mechanic
from game.core.phase import NOBODY
from game.core.rules import Rules


@dataclass(frozen=True)
class ActionSpace:
    """Action ↔ index for one compiled scenario."""

    actions: tuple[Action, ...]
    index_of: dict[tuple[int, str, int, int], int]

    @classmethod
    def of(cls, rules: Rules, mechanics: Sequence[Mechanic]) -> ActionSpace:
        out: list[Action] = [EndTurn(f.index, END) for f in rules.factions]
        out.extend(Do(a.faction, DO, a.index) for a in rules.actions)
        out.extend(
            Choose(e.chooser, CHOOSE, e.index, o.index)
            for e in rules.events
            if e.chooser != NOBODY
            for o in e.options
        )
        for mechanic in mechanics:
            out.extend(mechanic.action_space(len(rules.factions)))
        index: dict[tuple[int, str, int, int], int] = {}
        for i, action in enumerate(out):
            index.setdefault(action.key(), i)
        return cls(tuple(out), index)

    @property
    def size(self) -> int:
        """`num_distinct_actions`: how many indexes there are."""
        return len(self.actions)

    def index(self, action: Action) -> int:
        """Returns the index of an action; KeyError if the scenario can never offer it."""
        return self.index_of[action.key()]

    def action(self, index: int) -> Action:
        """Returns the action of an index (its typed form)."""
        return self.actions[index]
