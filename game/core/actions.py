"""Actions: small immutable values that name a faction, a verb and its arguments."""

from dataclasses import dataclass
from typing import Final

END: Final = "end"
"""Verb that ends a faction's orders for this turn."""
CHOOSE: Final = "choose"
"""Verb that picks an option of an event that asks the faction for a decision."""
DO: Final = "do"
"""Verb of the scenario's own (data-defined) actions; `ref` is the action's index."""


@dataclass(frozen=True, slots=True, order=True)
class Action:
    """One decision of one faction.

    `kind` is the verb; `ref` and `amount` are its arguments, whose meaning depends on the verb
    (an action definition's index, an event and its option, a price in track units). Actions are
    values: equal when their fields are equal, sortable, hashable and cheap to compare.
    """

    faction: int
    kind: str
    ref: int = 0
    amount: int = 0
