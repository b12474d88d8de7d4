"""Actions: small immutable values that name a faction, a verb and its arguments.

Every action is stored as four fields (`faction`, `kind`, `ref`, `amount`): that is what saves,
state hashes and the notation rest on. Each verb family has its own type with named fields
(`Offer.price`, `Attack.region`, `Bid.lot`, …) over the same four; the engine's own verbs are
here, each mechanic's are in its module. Equality, hashing and order look at the four fields
only (an action is a named tuple), so an `Action` restored from a state's JSON equals the typed
action the engine offers.
"""

from __future__ import annotations

from typing import Final, NamedTuple

END: Final = "end"
"""Verb that ends a faction's orders for this turn."""
CHOOSE: Final = "choose"
"""Verb that picks an option of an event that asks the faction for a decision."""
DO: Final = "do"
"""Verb of the scenario's own (data-defined) actions; `ref` is the action's index."""


class Action(NamedTuple):
    """One decision of one faction.

    `kind` is the verb; `ref` and `amount` are its arguments, whose meaning depends on the verb
    (the typed subclasses name them). Actions are values: a tuple of the four fields, so
    equality, hashing and order are the tuple's, computed in C (the engine compares actions
    in its hot loop).
    """

    faction: int
    kind: str
    ref: int = 0
    amount: int = 0

    def key(self) -> tuple[int, str, int, int]:
        """The four fields as a plain tuple (a dictionary key, a sort key)."""
        return (self.faction, self.kind, self.ref, self.amount)


class EndTurn(Action):
    """Ends the faction's orders for this turn (`ussr:end`)."""

    __slots__ = ()


class Choose(Action):
    """Answers an event (`japan:choose:potsdam:ignore`)."""

    __slots__ = ()

    @property
    def event(self) -> int:
        return self.ref

    @property
    def option(self) -> int:
        return self.amount


class Do(Action):
    """Gives one of the scenario's own orders (`ussr:court_us`)."""

    __slots__ = ()

    @property
    def action(self) -> int:
        """Index of the scenario's action definition."""
        return self.ref
