"""The auction mechanic's section of a scenario file, and its compile step."""

from __future__ import annotations

from pydantic import Field

from game.core import conditions as c
from game.core.mechanics.auction import Auction
from game.core.mechanics.auction_defs import BidderDef, LotDef
from game.core.mechanics.auction_view import BID, RESERVE, TENDER, WITHHOLD
from game.scenario.language import Condition, Effect, Pair, Slug, Spec, Text
from game.scenario.mechanics.base import Context, MechanicKind, MechanicSpec, NewTrack


class WaterSpec(Spec):
    """A named water in which lots lie; each water has its own run of fish each season."""

    id: Slug
    name: str = Field(max_length=80)
    text: Text = ""


class LotSpec(Spec):
    """A lot: a block of fishing grounds let at auction. Its holder, price, holder at the last
    season's end, openness, last season's catch and each bidder's last bid become tracks
    `hold_<id>`, `price_<id>`, `prev_<id>`, `open_<id>`, `haul_<id>` and `bid_<id>_<faction>`."""

    id: Slug
    name: str = Field(max_length=80)
    water: Slug
    grounds: int = Field(ge=1, le=1000)
    estimate: int = Field(ge=10, le=1_000_000)
    """Public estimate of a season's rent, in the auction's money unit (a multiple of 10)."""
    value: int = Field(ge=0, le=1_000_000)
    """Catch of a normal season, in the catch unit."""
    holder: Slug | None = None
    price: int | None = Field(default=None, ge=0, le=1_000_000)
    """The holder's current rent (default: the estimate)."""
    open: bool = True
    """False: not let until an effect sets `open_<id>` to 1 (a lot opened later)."""
    lon: float | None = Field(default=None, ge=-180, le=180)
    lat: float | None = Field(default=None, ge=-90, le=90)
    """Where the lot lies, for the map (approximate)."""
    text: Text = ""


class AuctionBidderSpec(Spec):
    """A bidder. Its grounds, share of the let grounds (percent), grounds lost and gained this
    season, grounds won at the latest auction and cumulative catch become tracks
    `grounds_<faction>`, `share_<faction>`, `lost_<faction>`, `gained_<faction>`,
    `won_<faction>` and `catch_<faction>`."""

    faction: Slug
    funds: Slug
    """Track of the bidder's means (in its own currency)."""
    rate: Slug | None = None
    """Track: the price of one money unit in the bidder's currency, in thousandths (none: par)."""
    capacity: Slug | None = None
    """Track: grounds the bidder can work (none: no limit)."""
    catch_pct: Slug | None = None
    """Track: percent of its catch the bidder lands this season (none: 100)."""


class AuctionSpec(MechanicSpec):
    """Parameters of the sealed-bid fishery auction (see game/core/mechanics/auction.py)."""

    host: Slug
    bidders: list[AuctionBidderSpec] = Field(min_length=1, max_length=8)
    waters: list[WaterSpec] = Field(min_length=1, max_length=32)
    lots: list[LotSpec] = Field(min_length=1, max_length=64)
    active: Condition
    """When the auction is held."""
    fishing: Condition
    """When the fishing season runs."""
    freeze: Slug
    """Track: while above 0, held lots are not offered (holders renew at their price)."""
    reserve: Slug
    """Track: the host's reserve, percent of the estimate (keep it visible to the host only)."""
    revenue: Slug | None = None
    """Track: rents paid to the host by the other bidders (cumulative)."""
    run: Pair = Field(default_factory=lambda: [70, 130])
    """A water's run each season: a percent of a normal catch, drawn from this range."""
    income_pct: int = Field(default=100, ge=0, le=1000)
    """Percent of its catch a bidder adds to its means."""
    unit: str = Field(max_length=40)
    catch_unit: str = Field(max_length=40)
    on_seizure: list[Effect] = Field(default_factory=list)
    """Effects each time the host withholds a lot another bidder holds."""
    cede: Slug | None = None
    """Track: the grounds a settlement makes the other bidders give up to the host this season
    (0: no settlement). When it is above 0 as the auction clears, the settlement's terms come
    first: each bidder gets back the lots it held at the last season's end that lie idle, then
    gives up to the host the old lots whose grounds bring what it has lost since that season
    nearest to the track's value (taken as withheld lots are, but agreed: no `on_seizure`);
    the track then goes back to 0. None: no settlements."""
    claim: Slug | None = None
    """Track: the grounds the host's trust takes back from the other bidders at this season's
    auction (0: none), beside the lots withheld by name. As the auction clears, after those, the
    host takes the lots on offer that the other bidders hold whose grounds come nearest to the
    track's value, less the grounds they have lost at this auction already (withheld by name,
    given up under a settlement), without passing its trust's room (fewest lots, then the first
    in lot order), as withheld lots are, with `on_seizure`; the track then goes back to 0.
    None: no claims."""


def auction_tracks(spec: AuctionSpec, ctx: Context) -> list[NewTrack]:
    """Returns the tracks the auction generates: per lot and per bidder."""
    factions = {f.id: i for i, f in enumerate(ctx.scenario.factions)}
    names = {f.id: f.name for f in ctx.scenario.factions}
    bidders = [b.faction for b in spec.bidders]
    out: list[NewTrack] = []
    n = len(ctx.scenario.factions)
    for i, lot in enumerate(spec.lots):
        holder = 0
        if lot.holder is not None:
            if lot.holder not in factions:
                ctx.fail(f"unknown faction {lot.holder!r}", "lots", i, "holder")
            else:
                holder = factions[lot.holder] + 1
        if lot.estimate % 10:
            ctx.fail("an estimate must be a multiple of 10", "lots", i, "estimate")
        price = lot.estimate if lot.price is None else lot.price
        name = lot.name
        out += [
            NewTrack(f"hold_{lot.id}", f"{name}: holder", (0, n), holder),
            NewTrack(f"price_{lot.id}", f"{name}: rent", (0, 1_000_000), price if holder else 0),
            NewTrack(f"prev_{lot.id}", f"{name}: holder last season", (0, n), holder),
            NewTrack(f"open_{lot.id}", f"{name}: let at auction", (0, 1), int(lot.open)),
            NewTrack(f"haul_{lot.id}", f"{name}: last season's catch", (0, 10_000_000), 0),
        ]
        out += [
            NewTrack(f"bid_{lot.id}_{b}", f"{name}: last bid of {b}", (0, 1_000_000), 0)
            for b in bidders
        ]
    let = sum(lot.grounds for lot in spec.lots if lot.holder is not None and lot.open)
    for j, b in enumerate(spec.bidders):
        if b.faction not in factions:
            ctx.fail(f"unknown faction {b.faction!r}", "bidders", j, "faction")
        held = sum(lot.grounds for lot in spec.lots if lot.holder == b.faction and lot.open)
        share = round(100 * held / let) if let else 0
        who = names.get(b.faction, b.faction)
        out += [
            NewTrack(tid, label, (0, 1_000_000), init)
            for tid, label, init in (
                (f"grounds_{b.faction}", f"{who}: grounds held", held),
                (f"share_{b.faction}", f"{who}: share of the let grounds (%)", share),
                (f"lost_{b.faction}", f"{who}: grounds lost this season", 0),
                (f"gained_{b.faction}", f"{who}: grounds gained this season", 0),
                (f"won_{b.faction}", f"{who}: grounds won at the latest auction", 0),
                (f"catch_{b.faction}", f"{who}: catch to date", 0),
            )
        ]
    return out


def _bidder(spec: AuctionBidderSpec, j: int, ctx: Context) -> BidderDef:
    f = spec.faction
    faction = ctx.faction(f, "bidders", j, "faction")
    funds = ctx.track(spec.funds, "bidders", j, "funds")
    track = ctx.track_spec(funds)
    return BidderDef(
        faction=faction,
        name=ctx.faction_name(ctx.compiler.factions.get(f, 0)),
        funds=funds,
        rate=ctx.track_or_none(spec.rate, "bidders", j, "rate"),
        capacity=ctx.track_or_none(spec.capacity, "bidders", j, "capacity"),
        catch_pct=ctx.track_or_none(spec.catch_pct, "bidders", j, "catch_pct"),
        catch=ctx.track(f"catch_{f}"),
        grounds=ctx.track(f"grounds_{f}"),
        share=ctx.track(f"share_{f}"),
        lost=ctx.track(f"lost_{f}"),
        gained=ctx.track(f"gained_{f}"),
        won=ctx.track(f"won_{f}"),
        unit=track.unit if track is not None else "",
    )


def compile_auction(spec: AuctionSpec, ctx: Context) -> Auction:
    """Returns the engine's auction of `spec`."""
    waters = ctx.index(spec.waters, "waters")
    ctx.index(spec.lots, "lots")
    bidder_ids = [b.faction for b in spec.bidders]
    for j, fid in enumerate(bidder_ids):
        if fid in bidder_ids[:j]:
            ctx.fail(f"{fid!r} is listed twice", "bidders", j, "faction")
    bidders = tuple(_bidder(b, j, ctx) for j, b in enumerate(spec.bidders))
    lots = []
    for i, lot in enumerate(spec.lots):
        if lot.water not in waters:
            ctx.fail(f"unknown water {lot.water!r}", "lots", i, "water")
        if lot.holder is not None and lot.holder not in bidder_ids:
            ctx.fail(f"{lot.holder!r} is not a bidder", "lots", i, "holder")
        lots.append(
            LotDef(
                index=i,
                id=lot.id,
                name=lot.name,
                water=waters.get(lot.water, 0),
                grounds=lot.grounds,
                estimate=lot.estimate,
                value=lot.value,
                text=lot.text,
                lon=lot.lon,
                lat=lot.lat,
                hold=ctx.track(f"hold_{lot.id}"),
                price=ctx.track(f"price_{lot.id}"),
                prev=ctx.track(f"prev_{lot.id}"),
                open=ctx.track(f"open_{lot.id}"),
                bids=tuple(ctx.track(f"bid_{lot.id}_{b}") for b in bidder_ids),
                haul=ctx.track(f"haul_{lot.id}"),
            )
        )
    low, high = spec.run
    if low > high:
        ctx.fail(f"low end {low} is above high end {high}", "run")
    host = ctx.faction(spec.host, "host")
    active = ctx.cond(spec.active, "active")
    return Auction(
        host=host,
        bidders=bidders,
        lots=tuple(lots),
        waters=tuple(w.name for w in spec.waters),
        active=c.predicate(active),
        fishing=c.predicate(ctx.cond(spec.fishing, "fishing")),
        freeze=ctx.track(spec.freeze, "freeze"),
        reserve=ctx.track(spec.reserve, "reserve"),
        revenue=ctx.track_or_none(spec.revenue, "revenue"),
        run_low=low,
        run_high=high,
        income_pct=spec.income_pct,
        unit=spec.unit,
        catch_unit=spec.catch_unit,
        on_seizure=ctx.effects(spec.on_seizure, "on_seizure"),
        cede=ctx.track_or_none(spec.cede, "cede"),
        claim=ctx.track_or_none(spec.claim, "claim"),
        active_tracks=frozenset(c.tracks_of(active)),
        name=spec.name or "",
    )


AUCTION = MechanicKind(
    AuctionSpec, auction_tracks, compile_auction, (BID, TENDER, RESERVE, WITHHOLD)
)
