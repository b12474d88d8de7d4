"""Builds the auction as one faction sees it, from its observation only (`Auction.view`)."""

from __future__ import annotations

from typing import TYPE_CHECKING

from game.core.mechanics.auction_view import BID, NOBODY_HOLDS, AuctionView, LotView, Purse
from game.core.observation import Seen
from game.core.rules import NO_TRACK

if TYPE_CHECKING:
    from game.core.mechanics.auction import Auction


def lot_tracks(a: Auction) -> frozenset[int]:
    """Returns the per-lot tracks the auction keeps (its table shows them, not the meters)."""
    out = {t for lot in a.lots for t in (lot.hold, lot.price, lot.prev, lot.open, lot.haul)}
    out.update(t for lot in a.lots for t in lot.bids)
    return frozenset(out)


def _holder(value: int | None) -> int | None:
    """Returns the faction index a holder track names (it holds faction + 1; 0 is nobody)."""
    return None if value is None or value == NOBODY_HOLDS else value - 1


def auction_view(a: Auction, seen: Seen) -> AuctionView:
    """Returns the auction as the faction of `seen` sees it (tracks it cannot see read 0, as
    the compiler guarantees that whether an auction is held and what is on offer are seen by
    every bidder and the host)."""
    values = seen.filled()
    obs = seen.obs
    held = a.active(values, obs.turn, obs.fired)
    lots = tuple(
        LotView(
            index=lot.index,
            id=lot.id,
            name=lot.name,
            water=a.waters[lot.water],
            grounds=lot.grounds,
            estimate=lot.estimate,
            step=lot.step,
            text=lot.text,
            lon=lot.lon,
            lat=lot.lat,
            open=values[lot.open] > 0,
            on_offer=held and a.on_offer(values, lot),
            holder=_holder(seen[lot.hold]),
            rent=values[lot.price],
            last_holder=_holder(seen[lot.prev]),
            bids=tuple(
                (b.faction, values[track]) for b, track in zip(a.bidders, lot.bids, strict=True)
            ),
            catch=values[lot.haul],
        )
        for lot in a.lots
    )
    bidder = a.bidder(obs.faction)
    who = (a.host, tuple(b.faction for b in a.bidders))
    bid = a.verb(BID)
    if bidder is None:
        return AuctionView(*who, held, lots, None, None, a.unit, a.catch_unit, bid)
    rate = None if bidder.rate == NO_TRACK else values[bidder.rate]
    bound = sum(a.cost(values, bidder, o.amount) for o in obs.own_orders if o.kind == bid)
    purse = Purse(values[bidder.funds], bound, bidder.unit)
    return AuctionView(*who, held, lots, purse, rate, a.unit, a.catch_unit, bid)
