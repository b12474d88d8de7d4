"""Actions: small immutable values that name a faction, a verb and its arguments.

Every action is stored as four fields (`faction`, `kind`, `ref`, `amount`): that is what saves,
state hashes and the notation rest on. Each verb family has its own type with named fields
(`Offer.price`, `Attack.region`, `Bid.lot`, …) over the same four; the engine's own verbs are
here, each mechanic's are in its module. Equality, hashing and order look at the four fields
only, so an `Action` restored from a state's JSON equals the typed action the engine offers.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Final

END: Final = "end"
"""Verb that ends a faction's orders for this turn."""
CHOOSE: Final = "choose"
"""Verb that picks an option of an event that asks the faction for a decision."""
DO: Final = "do"
"""Verb of the scenario's own (data-defined) actions; `ref` is the action's index."""


@dataclass(frozen=True, slots=True, eq=False)
class Action:
    """One decision of one faction.

    `kind` is the verb; `ref` and `amount` are its arguments, whose meaning depends on the verb
    (the typed subclasses name them). Actions are values: equal when their fields are equal,
    sortable, hashable and cheap to compare.
    """

    faction: int
    kind: str
    ref: int = 0
    amount: int = 0

    def key(self) -> tuple[int, str, int, int]:
        return (self.faction, self.kind, self.ref, self.amount)

    def __eq__(self, other: object) -> bool:
        if not isinstance(other, Action):
            return NotImplemented
        return (
            self.faction == other.faction
            and self.kind == other.kind
            and self.ref == other.ref
            and self.amount == other.amount
        )

    def __hash__(self) -> int:
        return hash((self.faction, self.kind, self.ref, self.amount))

    def __lt__(self, other: Action) -> bool:
        return self.key() < other.key()

    def __le__(self, other: Action) -> bool:
        return self.key() <= other.key()

    def __gt__(self, other: Action) -> bool:
        return self.key() > other.key()

    def __ge__(self, other: Action) -> bool:
        return self.key() >= other.key()


class EndTurn(Action):
    """Ends the faction's orders for this turn (`ussr:end`)."""

    __slots__ = ()

    @classmethod
    def make(cls, faction: int) -> EndTurn:
        return cls(faction, END)


class Choose(Action):
    """Answers an event (`japan:choose:potsdam:ignore`)."""

    __slots__ = ()

    @classmethod
    def make(cls, faction: int, event: int, option: int) -> Choose:
        return cls(faction, CHOOSE, event, option)

    @property
    def event(self) -> int:
        return self.ref

    @property
    def option(self) -> int:
        return self.amount


class Do(Action):
    """Gives one of the scenario's own orders (`ussr:court_us`)."""

    __slots__ = ()

    @classmethod
    def make(cls, faction: int, action: int) -> Do:
        return cls(faction, DO, action)

    @property
    def action(self) -> int:
        """Index of the scenario's action definition."""
        return self.ref
