"""The fishery auction's lots and bidders, as the compiler makes them for `Auction`
(`game.core.mechanics.auction`, which holds the rules)."""

from __future__ import annotations

from dataclasses import dataclass

__all__ = ["BidderDef", "LotDef"]


@dataclass(frozen=True, slots=True)
class LotDef:
    index: int
    id: str
    name: str
    water: int
    grounds: int
    estimate: int
    """Public estimate of a season's rent, in the money unit (a multiple of 10)."""
    value: int
    """Catch value of a normal season, in the catch unit."""
    text: str
    lon: float | None
    lat: float | None
    """Where the lot lies (approximate), for the map; None if not given."""
    hold: int
    """Track: the holder (0 = nobody, else faction + 1)."""
    price: int
    """Track: the price the holder pays each season."""
    prev: int
    """Track: the holder at the end of the last fishing season."""
    open: int
    """Track: 1 while the lot may be let at all."""
    bids: tuple[int, ...]
    """Track per bidder: its last published bid on this lot (0 = none)."""
    haul: int
    """Track: the lot's catch in the last fishing season (0 if idle)."""

    @property
    def step(self) -> int:
        return max(1, self.estimate // 10)


@dataclass(frozen=True, slots=True)
class BidderDef:
    faction: int
    name: str
    funds: int
    """Track: means for bids and rents."""
    rate: int
    """Track of the price of one money unit in the bidder's currency, in thousandths
    (NO_TRACK: pays at par)."""
    capacity: int
    """Track: grounds the bidder can work (NO_TRACK: no limit)."""
    catch_pct: int
    """Track: percent of the catch the bidder lands (NO_TRACK: 100)."""
    catch: int
    """Track: cumulative catch."""
    grounds: int
    share: int
    lost: int
    gained: int
    won: int
    """Tracks: grounds held; percent of the let grounds; grounds lost and gained this season;
    grounds won at the latest auction."""
    unit: str = ""
    """The unit of the bidder's means (its funds track's)."""
