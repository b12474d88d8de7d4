"""The table of lots as one faction sees it: what the front end shows of an auction."""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from game.core.mechanics.auction import Auction


@dataclass(frozen=True, slots=True)
class LotView:
    """One row of the table of lots, as one faction sees it (for the front end)."""

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
    holder: int
    """Faction index of the holder, -1 if the lot lies idle or is not let."""
    rent: int
    last_holder: int
    """Holder at the end of the last fishing season (-1: nobody)."""
    bids: tuple[tuple[int, int], ...]
    """(faction, amount) of the bids published at the latest auction (0 = none)."""
    catch: int
    """The lot's catch in the last fishing season (0 if it lay idle)."""


def lot_track_ids(a: Auction) -> frozenset[str]:
    """Ids of the per-lot tracks the auction keeps (the table shows them, not the meters)."""
    kinds = ("hold", "price", "prev", "open", "haul")
    ids = {f"{kind}_{lot.id}" for lot in a.lots for kind in kinds}
    ids.update(f"bid_{lot.id}_{b}" for lot in a.lots for b in a.bidder_ids)
    return frozenset(ids)


def auction_held(
    a: Auction, seen: Mapping[str, int], track_ids: Sequence[str], turn: int, fired: int
) -> bool:
    """True if an auction is held on `turn`, as a faction seeing `seen` (its observation's
    tracks by id) and the events `fired` can tell."""
    values = tuple(seen.get(tid, 0) for tid in track_ids)
    return a.active(values, turn, fired)


def lot_table(
    a: Auction,
    seen: Mapping[str, int],
    track_ids: Sequence[str],
    turn: int | None = None,
    fired: int = 0,
) -> list[LotView]:
    """Returns the lots as one faction sees them: `seen` holds its observation's tracks by
    id, `track_ids` the rules' track ids in order (tracks it cannot see count as 0). Given
    the `turn` (and the events `fired`), no lot is on offer when no auction is held."""
    values = [seen.get(tid, 0) for tid in track_ids]
    held = turn is None or auction_held(a, seen, track_ids, turn, fired)
    return [
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
            holder=values[lot.hold] - 1,
            rent=values[lot.price],
            last_holder=values[lot.prev] - 1,
            bids=tuple(
                (b.faction, values[track]) for b, track in zip(a.bidders, lot.bids, strict=True)
            ),
            catch=values[lot.haul],
        )
        for lot in a.lots
    ]
