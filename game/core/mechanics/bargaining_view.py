"""What a faction sees of a bargaining table, and the table's actions: the public part of the
bargaining mechanic (its rules are in `bargaining`)."""

from __future__ import annotations

from dataclasses import dataclass

from game.core.actions import Action


@dataclass(frozen=True, slots=True)
class TermsDef:
    """A way of paying: its share of the nominal price as each side values it (percent)."""

    id: str
    label: str
    text: str
    seller_pct: int
    buyer_pct: int


OFFER = "offer"
TERMS = "terms"
ACCEPT = "accept"


class Offer(Action):
    """A new standing price (`japan:offer:67.5`); `price` in the price track's units."""

    __slots__ = ()

    @property
    def price(self) -> int:
        return self.amount


class Terms(Action):
    """New payment terms (`ussr:terms:cash`); `terms` indexes the table's terms."""

    __slots__ = ()

    @property
    def terms(self) -> int:
        return self.ref


class Accept(Action):
    """Accepts the other side's standing offer (`japan:accept`)."""

    __slots__ = ()


TYPES: dict[str, type[Action]] = {OFFER: Offer, TERMS: Terms, ACCEPT: Accept}


@dataclass(frozen=True, slots=True)
class Side:
    """One side of the table as a faction sees it (None: hidden from that faction)."""

    faction: int
    price: int | None
    """Standing price in track units (0: no offer yet)."""
    terms: int | None


@dataclass(frozen=True, slots=True)
class BargainingView:
    """The table as one faction sees it: the standing offers, and whether talks are open."""

    seller: Side
    buyer: Side
    open: bool | None
    scale: int
    unit: str
    terms: tuple[TermsDef, ...]
