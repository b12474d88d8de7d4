"""Sealed-bid auctions of fishing lots, and the fishing season that follows.

A lot is a block of fishing grounds in a named water, with a public estimate of its yearly rent
and a value of its catch. While the auction is held (the scenario's `active` condition), each
bidder may, with its orders, bid on lots (`bid lot price`, at most one bid per lot) or tender for
every lot on offer at a share of its estimate (`tender pct`); the host also sets its reserve
(`reserve pct`, a secret) and takes lots off the auction for its own state trust (`withhold lot`).
All of this is secret until the turn resolves; then, after every other order of the turn (so that
a new exchange rate or a freeze counts), the auction clears:

0. Under a settlement (the `cede` track above 0), each other bidder first gets back the lots it
   held at the last season's end that now lie idle, then gives up to the host the old lots that
   bring its losses since that season nearest to the agreed number of grounds; these are taken
   as withheld lots are (step 1), without the effects of a seizure, and the track returns to 0.
1. Withheld lots go to the host's trust while it has the capacity to work them, else lie idle.
   Then, under a claim (the `claim` track above 0), the host takes the lots on offer the other
   bidders hold whose grounds come nearest to the claim within its trust's room, as it takes
   withheld lots (a seizure's effects included), and the track returns to 0.
2. While a freeze holds, held lots are not offered: each holder renews at its last price (a freeze
   in force when the auction opens holds for all of it, even if a seizure breaks it).
3. Every other open lot not held by the host goes to its highest bid at or above the reserve
   (the estimate × the reserve percent); ties go to the current holder, then to the host, then
   to the lower faction. A winner pays its price when it can (a bidder paying in another currency
   pays price × rate); a bid it cannot pay lapses. Unsold lots lie idle. Tenders bid, lot by
   lot in order, on the lots the bidder did not bid on by name, while its means last.
4. All bids are published.

When the fishing season runs (the `fishing` condition), each water has a run drawn from the
turn's seeded generator, and each held lot yields its value × the run × the holder's catch
percent (recorded per lot) to the holder's catch and means. Then the season's holders become
the reference against which the next season's losses and gains are counted.

Money is held in integer units of the scenario's tracks; bids are multiples of a lot's step
(a tenth of its estimate). This module holds the rules of the orders (what is legal);
`auction_text` their text; `auction_defs` the lots and bidders; `auction_season` clears the
auction and runs the fishing; `auction_table` is what a faction sees.
"""

from __future__ import annotations

import bisect
import itertools
import operator
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass, field
from typing import Final

from game.core.actions import Action
from game.core.conditions import Pred
from game.core.effects import Effect
from game.core.listing import family_runs
from game.core.mechanics.auction_defs import BidderDef, LotDef
from game.core.mechanics.auction_season import Sealed, clear, fish
from game.core.mechanics.auction_table import auction_view, lot_tracks
from game.core.mechanics.auction_text import AuctionText
from game.core.mechanics.auction_view import (
    BID,
    BID_STEPS,
    RESERVE,
    RESERVE_PCTS,
    TENDER,
    TENDER_PCTS,
    WITHHOLD,
    AuctionView,
    Bid,
    Reserve,
    Tender,
    Withhold,
)
from game.core.mechanics.base import CACHE_LIMIT, Mechanic, Reading, nearest_members
from game.core.observation import Seen
from game.core.rules import NO_TRACK
from game.core.state import State
from game.core.turn import Turn

ANCHOR_PCTS: Final = (100, 130)
"""The tender shares (and bids, as shares of a lot's estimate) search tries first and its
playouts pick among (`Auction.anchors`): the estimate, and the 130 % with which the firms answer
being outbid in the historical plan. An ASSUMPTION of search, not a rule of play."""

ROUTINE_TENDER: Final = 100
"""The routine tender's share of each lot's estimate (`Auction.routine`): what the firms bid in
the historical plan, an ASSUMPTION of search's playouts, not a fact of play."""


class _Unpriceable:
    """Marks a bidder whose bid costs do not rise with the price (see `_price_lists`)."""


UNPRICEABLE: Final = _Unpriceable()
_Priced = tuple[list[tuple[list[int], list[Action]]], list[Action]]
"""Per lot its bids' costs and bids (ascending), and the actions that cost nothing."""


@dataclass(frozen=True, slots=True)
class Auction(AuctionText, Mechanic):
    """Parameters of the fishery auction (see the module docstring for the rules)."""

    host: int
    bidders: tuple[BidderDef, ...]
    lots: tuple[LotDef, ...]
    waters: tuple[str, ...]
    active: Pred
    fishing: Pred
    freeze: int
    reserve: int
    revenue: int
    run_low: int
    run_high: int
    income_pct: int
    unit: str
    catch_unit: str
    on_seizure: tuple[Effect, ...]
    """Effects each time the host withholds a lot another bidder holds."""
    cede: int = NO_TRACK
    """Track: grounds a settlement makes the other bidders give up this season (see
    `auction_season.settle_terms`); NO_TRACK: the scenario has no settlements."""
    claim: int = NO_TRACK
    """Track: grounds the host's trust takes back at this season's auction, beside the lots
    withheld by name (see `auction_season.claim_lots`); NO_TRACK: the scenario has no claims."""
    active_tracks: frozenset[int] = frozenset()
    """Tracks the `active` condition reads."""
    name: str = ""
    _cache: dict[tuple[int, ...], list[Action]] = field(
        default_factory=dict, compare=False, repr=False
    )
    _priced: dict[tuple[int, ...], _Priced | _Unpriceable] = field(
        default_factory=dict, compare=False, repr=False
    )
    """Each lot's bids with their costs, by everything the turn's actions depend on but the
    bidder's means (see `_affordable_actions`)."""
    _runs: dict[tuple[int, ...], tuple[_Run, ...]] = field(
        default_factory=dict, compare=False, repr=False
    )
    """The cached lists of `_cache` cut into runs (see `_runs_of`), by the same keys."""
    _v: tuple[str, str, str, str] = field(default=(BID, TENDER, RESERVE, WITHHOLD), init=False)
    """This auction's verbs for bid, tender, reserve and withhold (its name in front)."""
    _lot_key: Callable[[Sequence[int]], tuple[int, ...]] = field(
        default=tuple, init=False, compare=False, repr=False
    )
    """Reads the freeze and every lot's holder and whether it is open: the part of a turn's
    action list's key that every bidder shares (`actions`)."""

    kind = "auction"
    base_verbs = (BID, TENDER, RESERVE, WITHHOLD)

    def __post_init__(self) -> None:
        v = tuple(self.verb(b) for b in self.base_verbs)
        object.__setattr__(self, "_v", v)
        read = (self.freeze, *(lot.hold for lot in self.lots), *(lot.open for lot in self.lots))
        object.__setattr__(self, "_lot_key", operator.itemgetter(*read))

    # ------------------------------------------------------------- helpers

    def bidder(self, faction: int) -> BidderDef | None:
        for b in self.bidders:
            if b.faction == faction:
                return b
        return None

    def on_offer(
        self, tracks: tuple[int, ...] | list[int], lot: LotDef, frozen: bool | None = None
    ) -> bool:
        """True if the lot is put up at this auction, as every bidder can tell (`frozen`: whether
        holdings are frozen, if not read from the tracks)."""
        if not tracks[lot.open]:
            return False
        holder = tracks[lot.hold]
        if holder == self.host + 1:
            return False
        if frozen is None:
            frozen = tracks[self.freeze] > 0
        return not (holder and frozen)

    def cost(self, tracks: tuple[int, ...] | list[int], b: BidderDef, price: int) -> int:
        """Returns what `price` costs the bidder in its own currency (rounded up)."""
        if b.rate == NO_TRACK:
            return price
        return -(-price * tracks[b.rate] // 1000)

    def _committed(self, state: State, b: BidderDef) -> tuple[int, int, set[int], bool]:
        """Returns the means and grounds already bound by this turn's orders, the lots bid on,
        and whether a tender is given."""
        money = grounds = 0
        lots: set[int] = set()
        tender = False
        bid, tender_verb = self._v[0], self._v[1]
        for order in state.orders[b.faction]:
            if order.kind == bid:
                lot = self.lots[order.ref]
                money += self.cost(state.tracks, b, order.amount)
                grounds += lot.grounds
                lots.add(order.ref)
            elif order.kind == tender_verb:
                tender = True
        return money, grounds, lots, tender

    # -------------------------------------------------------------- actions

    def actions(self, state: State, faction: int) -> list[Action]:
        tracks = state.tracks
        if not self.active(tracks, state.turn, state.fired):
            return []
        b = self.bidder(faction)
        is_host = faction == self.host
        if b is None and not is_host:
            return []
        key = (faction, *self._lot_key(tracks))
        means = 0
        if b is not None:
            key += (tracks[b.rate] if b.rate != NO_TRACK else 0,)
            key += (tracks[b.capacity] if b.capacity != NO_TRACK else 0,)
            means = tracks[b.funds]
        full = (*key, means)
        cached = self._cache.get(full)
        if cached is None:
            cached = self._affordable_actions(state, faction, b, is_host, key, means)
            if len(self._cache) > CACHE_LIMIT:
                self._cache.clear()
            self._cache[full] = cached
        given = state.orders[faction]
        if not given:
            return cached
        runs = self._runs.get(full)
        if runs is None:
            runs = _runs_of(cached, self._v[0])
            if len(self._runs) > CACHE_LIMIT:
                self._runs.clear()
            self._runs[full] = runs
        return self._still_legal(state, faction, b, cached, runs, given)

    def _affordable_actions(
        self,
        state: State,
        faction: int,
        b: BidderDef | None,
        is_host: bool,
        key: tuple[int, ...],
        means: int,
    ) -> list[Action]:
        """Returns the turn's actions before any order, for a bidder with `means`: the priced
        lists of `key` (everything but the means, which change with every bid won or paid) cut
        at the means by bisection. The same list as `_listed` builds, bid by bid."""
        priced = self._priced.get(key)
        if priced is None:
            priced = self._price_lists(state, faction, b, is_host)
            if len(self._priced) > CACHE_LIMIT:
                self._priced.clear()
            self._priced[key] = priced
        if isinstance(priced, _Unpriceable):
            return self._listed(state, faction, b, is_host)
        lots, rest = priced
        out: list[Action] = []
        for costs, bids in lots:
            out.extend(bids[: bisect.bisect_right(costs, means)])
        out.extend(rest)
        out.sort(key=Action.key)
        return out

    def _price_lists(
        self, state: State, faction: int, b: BidderDef | None, is_host: bool
    ) -> _Priced | _Unpriceable:
        """Returns, per lot the bidder may bid on, every bid's cost and bid (ascending), and the
        actions that cost nothing; UNPRICEABLE when a lot's costs do not rise with the price
        (a negative rate), where cutting at the means is not a prefix."""
        tracks = state.tracks
        lots: list[tuple[list[int], list[Action]]] = []
        rest = self._listed(state, faction, None, is_host)
        if b is not None:
            bid, tender = self._v[0], self._v[1]
            rest.extend(Tender(faction, tender, 0, pct) for pct in TENDER_PCTS)
            room = self.room(tracks, b)
            for lot in self.lots:
                if not self.on_offer(tracks, lot) or lot.grounds > room:
                    continue
                prices = [lot.step * k for k in BID_STEPS]
                costs = [self.cost(tracks, b, price) for price in prices]
                if any(x > y for x, y in itertools.pairwise(costs)):
                    return UNPRICEABLE
                lots.append((costs, [Bid(faction, bid, lot.index, p) for p in prices]))
        return lots, rest

    def _still_legal(
        self,
        state: State,
        faction: int,
        b: BidderDef | None,
        cached: list[Action],
        runs: tuple[_Run, ...],
        given: tuple[Action, ...],
    ) -> list[Action]:
        """Filters the turn's legal actions by the orders already given (one pass over the
        runs of `cached`, a lot's bids cut at the means by bisection: the same answers as
        `why_illegal`, which the tests check)."""
        _, tender, reserve, withhold = self._v
        kinds = {o.kind for o in given}
        withheld = {o.ref for o in given if o.kind == withhold}
        once = {k for k in (tender, reserve) if k in kinds}
        rated = b is not None and b.rate != NO_TRACK
        means = rate = 0
        lots: set[int] = set()
        too_big: set[int] = set()
        if b is not None:
            money, grounds, lots, _ = self._committed(state, b)
            tracks = state.tracks
            means = tracks[b.funds] - money
            rate = tracks[b.rate] if rated else 0
            room = self.room(tracks, b) - grounds
            too_big = {lot.index for lot in self.lots if lot.grounds > room}
        # A bid costs its amount, or ceil(amount * rate / 1000) in the bidder's currency; that
        # is at most `means` exactly when the amount is at most `top` (for a rate above 0).
        top = means if not rated else (1000 * means) // rate if rate > 0 else None
        out: list[Action] = []
        for first, stop, ref, amounts in runs:
            if ref < 0:  # anything but bids, one by one
                for a in cached[first:stop]:
                    kind = a.kind
                    if kind in once or (kind == withhold and a.ref in withheld):
                        continue
                    out.append(a)
            elif b is None or ref in lots or ref in too_big:
                continue
            elif top is not None:
                out.extend(cached[first : first + bisect.bisect_right(amounts, top)])
            elif rate == 0:
                if means >= 0:
                    out.extend(cached[first:stop])
            else:  # a negative rate: costs fall as amounts rise
                out.extend(a for a in cached[first:stop] if -(-a.amount * rate // 1000) <= means)
        return out

    def _listed(
        self, state: State, faction: int, b: BidderDef | None, is_host: bool
    ) -> list[Action]:
        """Returns the turn's actions before any order, bid by bid (for a bidder `b`: up to its
        means); with `b` None, the host's actions only."""
        tracks = state.tracks
        bid, tender, reserve, withhold = self._v
        out: list[Action] = []
        if b is not None:
            out.extend(Tender(faction, tender, 0, pct) for pct in TENDER_PCTS)
            means = tracks[b.funds]
            room = self.room(tracks, b)
            for lot in self.lots:
                if not self.on_offer(tracks, lot) or lot.grounds > room:
                    continue
                for k in BID_STEPS:
                    price = lot.step * k
                    if self.cost(tracks, b, price) > means:
                        break
                    out.append(Bid(faction, bid, lot.index, price))
        if is_host:
            out.extend(Reserve(faction, reserve, 0, pct) for pct in RESERVE_PCTS)
            out.extend(
                Withhold(faction, withhold, lot.index)
                for lot in self.lots
                if tracks[lot.open] and tracks[lot.hold] != self.host + 1
            )
        out.sort(key=Action.key)
        return out

    def anchors(self, state: State, members: Sequence[Action]) -> tuple[Action, ...]:
        """The bids worth trying first: a tender or a bid at the estimate, then a third over it
        (the firms' answer to being outbid in the historical plan), and a bid at the price the
        lot last fetched; the reserve at the estimate and a step either side of the present one.
        Not a lowball: a bid below the reserve loses the lot (see the module docstring)."""
        if not members:
            return ()
        bid, tender, reserve, _ = self._v
        kind = members[0].kind
        if kind == tender:
            targets = list(ANCHOR_PCTS)
        elif kind == bid:
            lot = self.lots[members[0].ref]
            targets = [lot.estimate * pct // 100 for pct in ANCHOR_PCTS]
            if state.tracks[lot.price] > 0:
                targets.append(state.tracks[lot.price])
        elif kind == reserve:
            now = state.tracks[self.reserve]
            targets = [100, now - 10, now + 10]
        else:
            return ()
        return nearest_members(members, targets)

    def routine(self, state: State, faction: int) -> Action | None:
        """A bidder other than the host that has given no tender this turn and holds a lot on
        offer it has not bid on tenders at the estimate: the firms bid on the lots offered every
        season [001 L4], and one that ends its orders without a bid loses the lots it holds."""
        if faction == self.host:
            return None
        b = self.bidder(faction)
        if b is None:
            return None
        tracks = state.tracks
        bid, tender = self._v[0], self._v[1]
        named = set()
        for order in state.orders[faction]:
            if order.kind == tender:
                return None
            if order.kind == bid:
                named.add(order.ref)
        mark = faction + 1
        if not any(
            tracks[lot.hold] == mark and lot.index not in named and self.on_offer(tracks, lot)
            for lot in self.lots
        ):
            return None
        if not self.active(tracks, state.turn, state.fired):
            return None
        return Tender(faction, tender, 0, ROUTINE_TENDER)

    def room(self, tracks: tuple[int, ...] | list[int], b: BidderDef, held: int = -1) -> int:
        """Returns the grounds the bidder can still work (`held`: the grounds it holds, where
        the caller keeps count; counted from the tracks if -1)."""
        if b.capacity == NO_TRACK:
            return 1 << 30
        if held < 0:
            held = self.held_grounds(tracks, b.faction)
        return tracks[b.capacity] - held

    def why_illegal(self, state: State, action: Action) -> str | None:
        tracks = state.tracks
        kind = self.base_verb(action.kind)
        if not self.active(tracks, state.turn, state.fired):
            return "no auction is held this turn"
        if kind in (BID, WITHHOLD) and not 0 <= action.ref < len(self.lots):
            return f"unknown lot number {action.ref}"
        b = self.bidder(action.faction)
        if kind in (RESERVE, WITHHOLD):
            if action.faction != self.host:
                return f"only the host of the auction may {kind}"
            if kind == RESERVE:
                if action.ref or action.amount not in RESERVE_PCTS:
                    return "a reserve is 50 to 150 percent of the estimate, in steps of 10"
                if any(o.kind == action.kind for o in state.orders[action.faction]):
                    return "the reserve is already set this turn"
                return None
            lot = self.lots[action.ref]
            if action.amount:
                return "withhold takes a lot only"
            if not tracks[lot.open] or tracks[lot.hold] == self.host + 1:
                return f"{lot.name} is not let at auction"
            if action in state.orders[action.faction]:
                return f"{lot.name} is already withheld"
            return None
        if b is None:
            return "this faction does not bid at the auction"
        money, grounds, lots, tender = self._committed(state, b)
        if kind == TENDER:
            if action.ref or action.amount not in TENDER_PCTS:
                return "a tender is 50 to 200 percent of each lot's estimate, in steps of 10"
            return "a tender is already given this turn" if tender else None
        if kind != BID:
            return f"unknown verb {kind!r}"
        lot = self.lots[action.ref]
        price = action.amount
        if price <= 0:
            return "a bid must be a positive amount"
        if price % lot.step or not BID_STEPS[0] <= price // lot.step <= BID_STEPS[-1]:
            return (
                f"bids on {lot.name} are {self.fmt(lot.step * BID_STEPS[0])} to "
                f"{self.fmt(lot.step * BID_STEPS[-1])} {self.unit} in steps of "
                f"{self.fmt(lot.step)}"
            )
        if not self.on_offer(tracks, lot):
            return f"{lot.name} is not on offer at this auction"
        if action.ref in lots:
            return f"already bid on {lot.name} this turn"
        need = self.cost(tracks, b, price)
        means = tracks[b.funds] - money
        if need > means:
            return (
                f"the bid costs {need} and {b.name} has {max(means, 0)} left "
                "(its means, less this turn's other bids)"
            )
        if lot.grounds > self.room(tracks, b) - grounds:
            return f"{b.name} cannot work {lot.grounds} more grounds (capacity)"
        return None

    def priority(self, action: Action) -> int:
        return 90

    def resolve(self, turn: Turn, action: Action) -> None:
        """Orders only record intentions; the auction clears in `settle`."""

    # ------------------------------------------------------------ clearing

    def settle(self, turn: Turn, orders: tuple[tuple[Action, ...], ...]) -> None:
        """Clears the auction on all the turn's sealed orders, then runs the fishing season
        (see `auction_season`)."""
        if self.active(turn.tracks, turn.turn, turn.fired):
            bid, tender, reserve, withhold = self._v
            host = orders[self.host]
            sealed = Sealed(
                withheld=tuple(sorted({o.ref for o in host if o.kind == withhold})),
                reserve=next((o.amount for o in host if o.kind == reserve), 0),
                named=tuple(
                    {o.ref: o.amount for o in orders[b.faction] if o.kind == bid}
                    for b in self.bidders
                ),
                tender=tuple(
                    next((o.amount for o in orders[b.faction] if o.kind == tender), 0)
                    for b in self.bidders
                ),
            )
            clear(self, turn, sealed)
        if self.fishing(turn.tracks, turn.turn, turn.fired):
            fish(self, turn)

    def index_of(self, faction: int) -> int:
        """Returns the bidder number of a faction (-1 if it does not bid)."""
        for i, b in enumerate(self.bidders):
            if b.faction == faction:
                return i
        return -1

    def held_grounds(self, tracks: tuple[int, ...] | list[int], faction: int) -> int:
        """Returns the grounds a faction holds."""
        mark = faction + 1
        return sum(lot.grounds for lot in self.lots if tracks[lot.hold] == mark)

    # ------------------------------------------------- what a faction sees

    def view(self, seen: Seen) -> AuctionView:
        """Returns the auction as the observing faction sees it (see `auction_table`)."""
        return auction_view(self, seen)

    def track_roles(self) -> Mapping[int, str]:
        return dict.fromkeys(lot_tracks(self), "panel")

    def reads(self) -> tuple[Reading, ...]:
        everyone = 1 << self.host
        for b in self.bidders:
            everyone |= 1 << b.faction
        table = frozenset(t for lot in self.lots for t in (lot.hold, lot.open)) | {self.freeze}
        out = [
            Reading(everyone, self.active_tracks, "active"),
            Reading(everyone, table, "lots"),
        ]
        if self.cede != NO_TRACK:
            out.append(Reading(everyone, frozenset({self.cede}), "cede"))
        for i, b in enumerate(self.bidders):
            own = {b.funds} | {t for t in (b.rate, b.capacity) if t != NO_TRACK}
            out.append(Reading(1 << b.faction, frozenset(own), f"bidders.{i}"))
        return tuple(out)

    def action_space(self, factions: int) -> list[Action]:
        bid, tender, reserve, withhold = self._v
        out: list[Action] = []
        for b in self.bidders:
            out.extend(Tender(b.faction, tender, 0, pct) for pct in TENDER_PCTS)
            out.extend(
                Bid(b.faction, bid, lot.index, lot.step * k) for lot in self.lots for k in BID_STEPS
            )
        out.extend(Reserve(self.host, reserve, 0, pct) for pct in RESERVE_PCTS)
        out.extend(Withhold(self.host, withhold, lot.index) for lot in self.lots)
        return out


_Run = tuple[int, int, int, tuple[int, ...]]
"""A family of a sorted action list (`_runs_of`): first, stop, the lot of its bids (-1: not
bids) and the bids' amounts, ascending."""


def _runs_of(actions: list[Action], bid: str) -> tuple[_Run, ...]:
    """Returns a sorted action list as its families (`family_runs`), each lot's bids with their
    amounts (ascending) and every other family as lot -1."""
    out: list[_Run] = []
    for first, stop in family_runs(actions):
        head = actions[first]
        if head.kind == bid:
            out.append((first, stop, head.ref, tuple(a.amount for a in actions[first:stop])))
        else:
            out.append((first, stop, -1, ()))
    return tuple(out)
