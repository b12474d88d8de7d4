"""What a faction sees of an auction, and the auction's actions: the public part of the
auction mechanic (its rules are in `auction`, `auction_season` and `auction_table`)."""

from __future__ import annotations

from dataclasses import dataclass

from game.core.actions import Action

BID = "bid"
TENDER = "tender"
RESERVE = "reserve"
WITHHOLD = "withhold"

BID_STEPS = tuple(range(5, 21))
"""Bids are these multiples of a lot's step (a tenth of its estimate): 50 % to 200 %."""
TENDER_PCTS = tuple(range(50, 201, 10))
RESERVE_PCTS = tuple(range(50, 151, 10))
NOBODY_HOLDS = 0
"""A lot's holder track: 0 when nobody holds it, else the holder's faction index + 1 (the
views give the holder as a faction index, or None)."""


class Bid(Action):
    """A sealed bid on a lot (`japan:bid:wk_bolshaya:250`), `price` in the money unit."""

    __slots__ = ()

    @property
    def lot(self) -> int:
        return self.ref

    @property
    def price(self) -> int:
        return self.amount


class Tender(Action):
    """A bid on every lot on offer at a share of its estimate (`japan:tender:120`)."""

    __slots__ = ()

    @property
    def share(self) -> int:
        """Percent of each lot's estimate."""
        return self.amount


class Reserve(Action):
    """The host's secret reserve (`ussr:reserve:100`), a share of each lot's estimate."""

    __slots__ = ()

    @property
    def share(self) -> int:
        return self.amount


class Withhold(Action):
    """The host takes a lot off the auction for its state trust (`ussr:withhold:pr_vladimir`)."""

    __slots__ = ()

    @property
    def lot(self) -> int:
        return self.ref


TYPES: dict[str, type[Action]] = {BID: Bid, TENDER: Tender, RESERVE: Reserve, WITHHOLD: Withhold}


@dataclass(frozen=True, slots=True)
class LotView:
    """One row of the table of lots, as one faction sees it."""

    index: int
    id: str
    name: str
    water: str
    grounds: int
    estimate: int
    step: int
    text: str
    lon: float | None
    lat: float | None
    open: bool
    on_offer: bool
    holder: int | None
    """Faction index of the holder; None if the lot lies idle, is not let, or is unseen."""
    rent: int
    last_holder: int | None
    """Holder at the end of the last fishing season (None: nobody)."""
    bids: tuple[tuple[int, int], ...]
    """(faction, amount) of the bids published at the latest auction (0 = none)."""
    catch: int
    """The lot's catch in the last fishing season (0 if it lay idle)."""


@dataclass(frozen=True, slots=True)
class Purse:
    """What the viewer bids with: its means, the part this turn's bids bind, and its unit."""

    means: int
    bound: int
    unit: str

    @property
    def left(self) -> int:
        return max(0, self.means - self.bound)


@dataclass(frozen=True, slots=True)
class AuctionView:
    """An auction as one faction sees it."""

    host: int
    """The faction that holds the auction (and may withhold lots and set a reserve)."""
    bidders: tuple[int, ...]
    """The factions that bid."""
    held: bool
    """Whether an auction is held this turn."""
    lots: tuple[LotView, ...]
    """The lots (none on offer when no auction is held)."""
    purse: Purse | None
    """The viewer's means, if it bids."""
    rate: int | None
    """The viewer's price of one money unit in its own currency, in thousandths (None: par)."""
    unit: str
    """The money unit of bids and rents."""
    catch_unit: str
    bid_verb: str = BID
    """This auction's verb for a bid (`name.bid` when the scenario names the auction)."""

    def cost(self, price: int) -> int:
        """Returns what a bid of `price` costs the viewer in its own currency (rounded up)."""
        return price if self.rate is None else -(-price * self.rate // 1000)
