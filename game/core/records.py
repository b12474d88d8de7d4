"""Typed records of what happened, carried by the chronicle lines that tell it in prose.

A record is written only where the engine already writes a line (one record per line at most),
so readers of the history (the chronicle, its turning points, the debrief) ask the records and
never parse the text. Records are small frozen values of ints: cheap to build in the hot loop,
hashable, and left out of saves and of the state hash (`game.core.serial`), which keep the text.

Indexes are the compiled scenario's (`Rules`): factions, events and their options, end rules,
and the mechanics' own (a front, a region, a set of terms). Prices and counts are in track units.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Literal, TypeAlias

from game.core.actions import Action


@dataclass(frozen=True, slots=True)
class EventFired:
    """An event fired (its title and text are the line)."""

    event: int


@dataclass(frozen=True, slots=True)
class OptionChosen:
    """A faction answered an event by choosing one of its options."""

    event: int
    option: int
    faction: int


Change: TypeAlias = tuple[int, int, int]
"""(track, value before, value after): a track an order changed."""


@dataclass(frozen=True, slots=True)
class OrderGiven:
    """A scenario order (`do`) was carried out: its cost paid and its effects applied."""

    faction: int
    action: Action
    success: bool | None = None
    """For an order with odds, whether its roll succeeded; None for an order without odds."""
    changes: tuple[Change, ...] = ()
    """For an order with odds, what it changed that every reader of its line may see."""


@dataclass(frozen=True, slots=True)
class OrderChanges:
    """What an order with odds changed that only some readers of its line may see (a line of
    their own, visible to them alone)."""

    faction: int
    action: Action
    changes: tuple[Change, ...]


@dataclass(frozen=True, slots=True)
class OrderLapsed:
    """A scenario order (`do`) lapsed at resolution: nothing was paid, nothing happened."""

    faction: int
    action: Action
    reason: Literal["impossible", "unpaid"]
    """"impossible": its conditions no longer held; "unpaid": its cost could not be paid."""


@dataclass(frozen=True, slots=True)
class GameEnded:
    """The game ended by an end rule (the rule's label and text are the line)."""

    rule: int


@dataclass(frozen=True, slots=True)
class OfferMade:
    """Bargaining: a side offered a price (on its current terms)."""

    faction: int
    price: int
    terms: int


@dataclass(frozen=True, slots=True)
class TermsProposed:
    """Bargaining: a side proposed new terms."""

    faction: int
    terms: int


@dataclass(frozen=True, slots=True)
class AcceptanceOverruled:
    """Bargaining: a side moved to accept the other's price but its government overruled it."""

    faction: int
    price: int


@dataclass(frozen=True, slots=True)
class AgreementReached:
    """Bargaining: a side accepted the other's price and terms; the sale is agreed."""

    faction: int
    price: int
    terms: int


@dataclass(frozen=True, slots=True)
class AttackResolved:
    """Campaign: a front attacked a region, and took it or was held."""

    front: int
    region: int
    taken: bool


@dataclass(frozen=True, slots=True)
class AuctionCleared:
    """Auction: the sealed bids were opened (lots let, kept by their holders, left unsold)."""

    sold: int
    kept: int
    unsold: int
    renewed: int
    """Lots renewed at their rents under a freeze; -1 when holdings were not frozen."""
    reserve: int
    """The reserve, in percent of the estimate."""
    grounds: int = 0
    """The grounds in the lots let (a lot is a block of grounds; the sources count grounds)."""


@dataclass(frozen=True, slots=True)
class FishingSeason:
    """Auction: a fishing season ran; the run per water (percent) and the catch per bidder."""

    runs: tuple[int, ...]
    catches: tuple[int, ...]


Record: TypeAlias = (
    EventFired
    | OptionChosen
    | OrderGiven
    | OrderChanges
    | OrderLapsed
    | GameEnded
    | OfferMade
    | TermsProposed
    | AcceptanceOverruled
    | AgreementReached
    | AttackResolved
    | AuctionCleared
    | FishingSeason
)
"""What a chronicle line may record."""
