"""The auction's season: clearing the sealed bids, and the fishing that follows.

The rules are in the docstring of `game.core.mechanics.auction`; these functions carry out its
steps 1–4 and the fishing season on one turn's resolution context.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING

from game.core.records import AuctionCleared, FishingSeason
from game.core.turn import Turn

if TYPE_CHECKING:
    from game.core.mechanics.auction import Auction
    from game.core.mechanics.auction_defs import BidderDef, LotDef


@dataclass(frozen=True, slots=True)
class Sealed:
    """A turn's sealed orders at the auction, read from the orders by `Auction.settle`."""

    withheld: tuple[int, ...]
    """Lots the host withholds, in lot order."""
    reserve: int
    """The host's new reserve percent (0: unchanged)."""
    named: tuple[dict[int, int], ...]
    """Per bidder: lot → price of its bids by name."""
    tender: tuple[int, ...]
    """Per bidder: its tender percent (0: none)."""


def clear(a: Auction, turn: Turn, sealed: Sealed) -> None:
    """Clears one auction: withheld lots, renewals under a freeze, then the sealed bids."""
    t = turn.tracks
    if sealed.reserve:
        turn.put(a.reserve, sealed.reserve)
    frozen = t[a.freeze] > 0  # a freeze broken at this auction ends after it
    for b in a.bidders:
        turn.put(b.won, 0)
    for lot in a.lots:  # last auction's bids give way to this one's
        for track in lot.bids:
            if t[track]:  # a track at 0 is within its bounds: putting 0 would change nothing
                turn.put(track, 0)
    lines: list[str] = []
    ceded = settle_terms(a, turn, lines)
    _withhold(a, turn, ceded, lines, seize=False)
    _withhold(a, turn, tuple(r for r in sealed.withheld if r not in ceded), lines)
    claimed = claim_lots(a, turn, set(ceded) | set(sealed.withheld))
    _withhold(a, turn, claimed, lines, how="is taken back")
    renewed = _renew(a, turn, lines) if frozen else 0
    sold, kept, unsold = _sell(a, turn, sealed, frozen, lines, set(ceded) | set(claimed))
    tally(a, turn)
    # A lot is a block of grounds, and the sources count grounds (FACTS.md §1.5): the line
    # gives both, so that "1 lot (4 grounds)" reads against the sources' "four lots" [001 L9].
    grounds = sum(turn.tracks[b.won] for b in a.bidders)
    head = (
        f"Auction: {count(sold, 'lot')} let ({count(grounds, 'ground')}; {kept} to their "
        f"holders, the only bidders), {unsold} unsold; reserve {t[a.reserve]}% of the "
        f"estimate; prices in {a.unit}"
    )
    if frozen:
        head = f"Holdings frozen: {count(renewed, 'lot')} renewed at their rents. " + head
    cleared = AuctionCleared(sold, kept, unsold, renewed if frozen else -1, t[a.reserve], grounds)
    turn.say(head + (": " + "; ".join(lines) if lines else "") + ".", -1, record=cleared)


def count(n: int, noun: str) -> str:
    """Returns `1 lot`, `4 lots`: a count with its noun in the right number."""
    return f"{n} {noun}" if n == 1 else f"{n} {noun}s"


def settle_terms(a: Auction, turn: Turn, lines: list[str]) -> tuple[int, ...]:
    """Step 0, under a settlement (the `cede` track above 0): each other bidder gets back the
    lots it held at the last season's end that lie idle, then the old lots it gives up are
    chosen (see `_cession`); returns them, in lot order, and sets the track back to 0."""
    t = turn.tracks
    if a.cede < 0 or t[a.cede] <= 0:
        return ()
    target = t[a.cede]
    turn.put(a.cede, 0)
    out: list[int] = []
    for b in a.bidders:
        if b.faction == a.host:
            continue
        mark = b.faction + 1
        old = [lot for lot in a.lots if t[lot.prev] == mark and t[lot.open]]
        for lot in old:
            if not t[lot.hold]:
                turn.put(lot.hold, mark)
        lost = sum(lot.grounds for lot in old if t[lot.hold] != mark)
        held = [lot for lot in old if t[lot.hold] == mark]
        picked = _cession(held, target - lost)
        out += picked
        given = lost + sum(a.lots[i].grounds for i in picked)
        lines.append(
            f"under the settlement {b.name} gives up {count(given, 'old ground')} in all "
            "and keeps its other old lots"
        )
    return tuple(sorted(out))


def _sums(lots: list[LotDef], cap: int | None = None) -> dict[int, tuple[int, ...]]:
    """Returns each total of grounds some of `lots` add up to (up to `cap`, where given), with
    the lots (indices) that make it: fewest lots, then the first in lot order. A total above
    the cap never leads to one below it (every lot has grounds), so leaving it out changes
    nothing below."""
    best: dict[int, tuple[int, ...]] = {0: ()}
    for lot in lots:
        for total, picked in list(best.items()):
            grown = total + lot.grounds
            if cap is not None and grown > cap:
                continue
            more = (*picked, lot.index)
            now = best.get(grown)
            if now is None or (len(more), more) < (len(now), now):
                best[grown] = more
    return best


def _cession(held: list[LotDef], need: int) -> list[int]:
    """Returns the lots (indices) whose grounds come nearest to `need`: fewest lots, then the
    first in lot order, among the sums equally near (none if `need` is not above 0)."""
    if need <= 0:
        return []
    best = _sums(held)
    total = min(best, key=lambda s: (abs(s - need), s > need))
    return list(best[total])


def claim_lots(a: Auction, turn: Turn, taken: set[int]) -> tuple[int, ...]:
    """Under a claim (the `claim` track above 0): returns the lots on offer that the other
    bidders hold, not `taken` already, whose grounds come nearest to what the claim leaves
    after the grounds they have lost at this auction already, without passing the host trust's
    room (fewest lots, then the first in lot order), and sets the track back to 0. Under a
    freeze no held lot is on offer, so a claim takes none."""
    t = turn.tracks
    if a.claim < 0 or t[a.claim] <= 0:
        return ()
    want = t[a.claim]
    turn.put(a.claim, 0)
    host = a.bidder(a.host)
    if host is None:
        return ()
    # Grounds the other bidders have lost at this auction already (lots withheld by name, terms
    # of a settlement) count towards the claim: it names the season's number, not more lots.
    lost = sum(_lost(a, t, b.faction + 1) for b in a.bidders if b.faction != a.host)
    limit = min(want - lost, a.room(t, host))
    if limit <= 0:
        return ()
    # On offer and held: another bidder's (`on_offer` is false for the host's own lots).
    held = [lot for lot in a.lots if lot.index not in taken and t[lot.hold] and a.on_offer(t, lot)]
    best = _sums(held, limit)
    return tuple(sorted(best[max(best)]))


def _lost(a: Auction, t: list[int], mark: int) -> int:
    """Returns the grounds the bidder holding `mark` has lost since the last season's end."""
    return sum(lot.grounds for lot in a.lots if t[lot.prev] == mark and t[lot.hold] != mark)


def _withhold(
    a: Auction,
    turn: Turn,
    withheld: tuple[int, ...],
    lines: list[str],
    *,
    seize: bool = True,
    how: str = "",
) -> None:
    """Step 1: withheld lots go to the host's trust while it can work them, else lie idle
    (`seize`: taking a lot another bidder holds has the effects of a seizure; `how`: the
    chronicle's verb, "is withheld" or "is given up" by default)."""
    t = turn.tracks
    host_mark = a.host + 1
    host = a.bidder(a.host)
    for ref in withheld:
        lot = a.lots[ref]
        if not t[lot.open] or t[lot.hold] == host_mark:
            continue
        if t[lot.hold] and seize:
            # The host's withholding takes the lot: what the seizure raises, the host raised.
            turn.actor, actor = a.host, turn.actor
            turn.apply(a.on_seizure, f"seizure:{lot.id}")
            turn.actor = actor
        verb = how or ("is withheld" if seize else "is given up")
        if host is not None and lot.grounds <= a.room(t, host):
            turn.put(lot.hold, host_mark)
            turn.put(lot.price, 0)
            lines.append(f"{lot.name} ({lot.grounds} grounds) {verb} for the state trust")
        else:
            turn.put(lot.hold, 0)
            lines.append(f"{lot.name} ({lot.grounds} grounds) {verb} and lies idle")


def _renew(a: Auction, turn: Turn, lines: list[str]) -> int:
    """Step 2, under a freeze: each holder renews at its rent (paid at once) or lets the lot
    lie idle; returns how many lots were renewed."""
    t = turn.tracks
    renewed = 0
    for lot in a.lots:
        holder = t[lot.hold]
        if not holder or holder == a.host + 1 or not t[lot.open]:
            continue
        i = a.index_of(holder - 1)
        if i < 0:
            continue
        b = a.bidders[i]
        cost = a.cost(t, b, t[lot.price])
        if cost <= t[b.funds]:
            renewed += 1
            _pay(a, turn, b, t[lot.price], cost)
        else:
            turn.put(lot.hold, 0)
            lines.append(f"{b.name} cannot pay the rent of {lot.name}; it lies idle")
    return renewed


def _sell(
    a: Auction, turn: Turn, sealed: Sealed, frozen: bool, lines: list[str], ceded: set[int]
) -> tuple[int, int, int]:
    """Step 3: each lot on offer goes to its best bid at or above the reserve; returns the lots
    sold, those kept by their holders as the only bidders, and those unsold."""
    t = turn.tracks
    withheld = set(sealed.withheld) | ceded
    named, tender = sealed.named, sealed.tender
    sold = unsold = kept = 0
    held: dict[int, int] = {}  # grounds by holder's mark, kept as lots change hands below
    for lot in a.lots:
        held[t[lot.hold]] = held.get(t[lot.hold], 0) + lot.grounds
    for lot in a.lots:
        if lot.index in withheld or not a.on_offer(t, lot, frozen):
            continue
        bids: list[tuple[int, int]] = []
        for i, b in enumerate(a.bidders):
            price = named[i].get(lot.index, 0)
            if not price and tender[i]:
                price = lot.step * (tender[i] // 10)
            if not price:
                continue
            turn.put(lot.bids[i], price)
            room = a.room(t, b, held.get(b.faction + 1, 0))
            if a.cost(t, b, price) > t[b.funds] or lot.grounds > room:
                lines.append(f"{b.name}'s bid of {a.fmt(price)} on {lot.name} lapsed")
                continue
            bids.append((price, i))
        floor = lot.estimate * t[a.reserve] // 100
        holder = t[lot.hold]
        best = _winner(a, holder, bids, floor)
        if best < 0:
            held[holder] -= lot.grounds
            turn.put(lot.hold, 0)
            unsold += 1
            if bids:
                lines.append(f"{lot.name}: unsold, below the reserve ({_shown(a, bids)})")
            continue
        price = max(p for p, i in bids if i == best)
        b = a.bidders[best]
        _pay(a, turn, b, price, a.cost(t, b, price))
        sold += 1
        if len(bids) == 1 and holder == b.faction + 1:
            kept += 1  # the holder alone bid: told in the count, shown in the table
        else:
            lines.append(f"{lot.name}: {b.name} at {a.fmt(price)} ({_shown(a, bids)})")
        held[holder] -= lot.grounds
        held[b.faction + 1] = held.get(b.faction + 1, 0) + lot.grounds
        turn.put(lot.hold, b.faction + 1)
        turn.put(lot.price, price)
        turn.put(b.won, t[b.won] + lot.grounds)
    return sold, kept, unsold


def _shown(a: Auction, bids: list[tuple[int, int]]) -> str:
    """Returns a lot's bids for the chronicle, lowest first: `Trust 12, Nichiro 14`."""
    return ", ".join(f"{a.bidders[i].name} {a.fmt(p)}" for p, i in sorted(bids))


def _winner(a: Auction, holder: int, bids: list[tuple[int, int]], floor: int) -> int:
    if len(bids) == 1:  # the most frequent case: one bid, at or above the reserve or not
        return bids[0][1] if bids[0][0] >= floor else -1
    valid = [(p, i) for p, i in bids if p >= floor]
    if not valid:
        return -1
    top = max(p for p, _ in valid)
    tied = [i for p, i in valid if p == top]
    for prefer in (holder - 1, a.host):
        for i in tied:
            if a.bidders[i].faction == prefer:
                return i
    return min(tied, key=lambda i: a.bidders[i].faction)


def _pay(a: Auction, turn: Turn, b: BidderDef, price: int, cost: int) -> None:
    turn.put(b.funds, turn.tracks[b.funds] - cost)
    if b.faction != a.host and a.revenue >= 0:
        turn.put(a.revenue, turn.tracks[a.revenue] + price)


def tally(a: Auction, turn: Turn) -> None:
    """Recounts grounds, shares and this season's losses and gains per bidder."""
    t = turn.tracks
    held = [a.held_grounds(t, b.faction) for b in a.bidders]
    let = sum(held)
    for b, n in zip(a.bidders, held, strict=True):
        mark = b.faction + 1
        turn.put(b.grounds, n)
        turn.put(b.share, round(100 * n / let) if let else 0)
        lost = _lost(a, t, mark)
        gained = sum(g.grounds for g in a.lots if t[g.hold] == mark and t[g.prev] != mark)
        turn.put(b.lost, lost)
        turn.put(b.gained, gained)


def fish(a: Auction, turn: Turn) -> None:
    """Runs the fishing season: a run per water, the catch per lot and per bidder."""
    t = turn.tracks
    rng = turn.rng("fishing")
    runs = [rng.randint(a.run_low, a.run_high) for _ in a.waters]
    totals = [0] * len(a.bidders)
    bidder_of = {b.faction + 1: i for i, b in enumerate(a.bidders)}  # by holder's mark
    for lot in a.lots:
        i = bidder_of.get(t[lot.hold], -1)
        if i < 0:
            turn.put(lot.haul, 0)
            continue
        b = a.bidders[i]
        pct = t[b.catch_pct] if b.catch_pct >= 0 else 100
        haul = lot.value * runs[lot.water] * pct // 10_000
        turn.put(lot.haul, haul)
        totals[i] += haul
    for i, b in enumerate(a.bidders):
        turn.put(b.catch, t[b.catch] + totals[i])
        turn.put(b.funds, t[b.funds] + totals[i] * a.income_pct // 100)
    for lot in a.lots:  # the reference for next season's losses and gains
        turn.put(lot.prev, t[lot.hold])
    runs_text = ", ".join(f"{w} {r}%" for w, r in zip(a.waters, runs, strict=True))
    catches = ", ".join(f"{b.name} {totals[i]} {a.catch_unit}" for i, b in enumerate(a.bidders))
    season = FishingSeason(tuple(runs), tuple(totals))
    turn.say(f"Fishing season: runs {runs_text}; catch {catches}.", -1, record=season)
