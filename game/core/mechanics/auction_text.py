"""The fishery auction's orders as text: their notation (`bid:lot:price`), labels and
explanations, and the typed actions of its verbs. A base class of `Auction`
(`game.core.mechanics.auction`, which holds the rules)."""

from __future__ import annotations

import math
from typing import TYPE_CHECKING

from game.core.actions import Action
from game.core.mechanics.auction_defs import LotDef
from game.core.mechanics.auction_view import BID, TENDER, TYPES, WITHHOLD, Bid, Withhold

__all__ = ["AuctionText"]


class AuctionText:
    """The text side of `Auction`: its methods are the auction's own."""

    __slots__ = ()

    if TYPE_CHECKING:
        lots: tuple[LotDef, ...]
        waters: tuple[str, ...]
        unit: str

        def base_verb(self, kind: str) -> str: ...

    def fmt(self, amount: int) -> str:
        return f"{amount:,}"

    def args(self, action: Action) -> list[str]:
        kind = self.base_verb(action.kind)
        if kind == BID:
            return [self.lots[action.ref].id, str(action.amount)]
        if kind == WITHHOLD:
            return [self.lots[action.ref].id]
        return [str(action.amount)]

    def typed(self, action: Action) -> Action:
        cls = TYPES[self.base_verb(action.kind)]
        return cls(action.faction, action.kind, action.ref, action.amount)

    def parse(self, faction: int, verb: str, args: list[str]) -> Action:
        kind = self.base_verb(verb)
        if kind in (BID, WITHHOLD):
            want = 2 if kind == BID else 1
            if len(args) != want:
                form = "bid:lot:price" if kind == BID else "withhold:lot"
                raise ValueError(f"write {form}")
            ids = [lot.id for lot in self.lots]
            if args[0] not in ids:
                raise ValueError(f"unknown lot {args[0]!r}")
            ref = ids.index(args[0])
            if kind == WITHHOLD:
                return Withhold(faction, verb, ref)
            return Bid(faction, verb, ref, _amount(args[1], "bid"))
        if len(args) != 1:
            raise ValueError(f"{kind} takes one percentage")
        return TYPES[kind](faction, verb, 0, _amount(args[0], kind))

    def label(self, action: Action) -> str:
        kind = self.base_verb(action.kind)
        if kind == BID:
            lot = self.lots[action.ref]
            return f"Bid {self.fmt(action.amount)} {self.unit} for {lot.name}"
        if kind == WITHHOLD:
            return f"Withhold {self.lots[action.ref].name} for the state trust"
        if kind == TENDER:
            return f"Tender for every lot on offer at {action.amount}% of its estimate"
        return f"Set the reserve at {action.amount}% of each lot's estimate"

    def explain(self, action: Action) -> str:
        kind = self.base_verb(action.kind)
        if kind in (BID, WITHHOLD):
            lot = self.lots[action.ref]
            return (
                f"{lot.name}, {self.waters[lot.water]}: {lot.grounds} grounds, estimate "
                f"{self.fmt(lot.estimate)} {self.unit}. {lot.text}"
            ).strip()
        if kind == TENDER:
            return "Bids on each lot you have not bid on by name, in lot order, while means last."
        return "Bids below the reserve are refused; the reserve stays secret until the results."


def _amount(text: str, what: str) -> int:
    """Returns a whole number from notation text; ValueError says what is wrong."""
    try:
        value = float(text)
    except ValueError:
        raise ValueError(f"{what} {text!r} is not a number") from None
    if not math.isfinite(value) or value != int(value):
        raise ValueError(f"{what} {text!r} is not a whole number")
    if value <= 0:
        raise ValueError(f"{what} {text!r} must be positive")
    if value > 1e9:
        raise ValueError(f"{what} {text!r} is out of range")
    return int(value)
