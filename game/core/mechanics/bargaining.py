"""Alternating-offer bargaining over a price and payment terms, with time pressure.

Each side keeps a standing offer (a price and terms). On its turn a side may make a new offer
(a concession: strictly between the other side's price and its own), change its terms, or accept
the other side's standing offer as it stood when the turn began; each of these verbs at most
once per turn. Acceptances resolve before new
offers, so one side's acceptance always refers to what it saw; when both accept in one turn, the
seller's acceptance resolves first. An acceptance succeeds with the scenario's odds (approval at
home, e.g. by an army that would rather seize than buy); on success the deal is agreed at that
price and terms, and the seller's and buyer's valuations of the deal are written to their tracks.
Offers and acceptances need the talks to be open (a track the scenario's actions can change).
"""

from __future__ import annotations

import math
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field

from game.core.actions import Action
from game.core.conditions import Odds
from game.core.effects import Effect
from game.core.mechanics.bargaining_view import (
    ACCEPT,
    OFFER,
    TERMS,
    TYPES,
    Accept,
    BargainingView,
    Offer,
    Side,
    Terms,
    TermsDef,
)
from game.core.mechanics.base import CACHE_LIMIT, Mechanic, Reading, nearest_members
from game.core.observation import Seen
from game.core.records import AcceptanceOverruled, AgreementReached, OfferMade, TermsProposed
from game.core.state import State
from game.core.turn import Turn


@dataclass(frozen=True, slots=True)
class SideDef:
    faction: int
    price: int
    """Track of this side's standing price (0 = no offer yet)."""
    terms: int
    """Track of this side's standing terms (index into `terms`)."""
    accept_odds: Odds
    on_refusal: tuple[Effect, ...]
    """Effects when this side's acceptance is not approved at home."""
    name: str


@dataclass(frozen=True, slots=True)
class Bargaining(Mechanic):
    """Parameters of one bargaining table (see the module docstring for the rules)."""

    kind = "bargaining"
    base_verbs = (OFFER, TERMS, ACCEPT)

    seller: SideDef
    buyer: SideDef
    talks: int
    agreed: int
    deal_price: int
    deal_terms: int
    agreed_turn: int
    seller_value: int
    buyer_cost: int
    step: int
    floor: int
    ceiling: int
    scale: int
    unit: str
    terms_defs: tuple[TermsDef, ...]
    on_agreement: tuple[Effect, ...]
    name: str = ""
    derived: tuple[tuple[int, int, str], ...] = ()
    """(faction, price, how): prices a side offered in history in another currency, which the
    scenario converts into the price's unit. Such an offer is not a figure of the sources, so
    the chronicle says "derived" beside it, with how."""
    _cache: dict[tuple[int, int, int, int], list[Action]] = field(
        default_factory=dict, compare=False, repr=False
    )

    def _side(self, faction: int) -> tuple[SideDef, SideDef] | None:
        if faction == self.seller.faction:
            return self.seller, self.buyer
        if faction == self.buyer.faction:
            return self.buyer, self.seller
        return None

    def _open(self, tracks: tuple[int, ...]) -> bool:
        return tracks[self.talks] > 0 and tracks[self.agreed] == 0

    def _price_range(self, tracks: tuple[int, ...], me: SideDef) -> tuple[int, int]:
        """Returns the open interval (lo, hi) of prices `me` may offer."""
        ask, bid = tracks[self.seller.price], tracks[self.buyer.price]
        lo = max(bid, self.floor - 1) if bid > 0 else self.floor - 1
        hi = ask if ask > 0 else self.ceiling + 1
        if me is self.seller and ask > 0:
            hi = ask
        return lo, hi

    def actions(self, state: State, faction: int) -> list[Action]:
        sides = self._side(faction)
        if sides is None or not self._open(state.tracks):
            return []
        me, other = sides
        tracks = state.tracks
        key = (faction, tracks[self.seller.price], tracks[self.buyer.price], tracks[me.terms])
        cached = self._cache.get(key)
        if cached is None:
            offer, terms = self.verb(OFFER), self.verb(TERMS)
            cached = []
            if tracks[other.price] > 0:
                cached.append(Accept(faction, self.verb(ACCEPT)))
            lo, hi = self._price_range(tracks, me)
            first = (lo // self.step + 1) * self.step
            cached.extend(Offer(faction, offer, 0, p) for p in range(first, hi, self.step))
            cached.extend(
                Terms(faction, terms, i)
                for i in range(len(self.terms_defs))
                if i != tracks[me.terms]
            )
            cached.sort()
            if len(self._cache) > CACHE_LIMIT:  # a long run meets ever new price pairs
                self._cache.clear()
            self._cache[key] = cached
        given = state.orders[faction]
        if given:
            used = {o.kind for o in given}
            return [a for a in cached if a.kind not in used]
        return cached

    def anchors(self, state: State, members: Sequence[Action]) -> tuple[Action, ...]:
        """The offers worth trying first once the other side has a price on the table: the
        smallest step from one's own price, halfway between the two, and the price nearest
        theirs (the window's slider anchors, `game.ui.panels.orders`)."""
        if not members or members[0].kind != self.verb(OFFER):
            return ()
        sides = self._side(members[0].faction)
        if sides is None:
            return ()
        me, other = sides
        mine, theirs = state.tracks[me.price], state.tracks[other.price]
        if theirs <= 0:
            return ()
        targets = [theirs]
        if mine > 0:
            targets = [mine, (mine + theirs) // 2, theirs]
        return nearest_members(members, targets)

    def deal(self, state: State, faction: int) -> tuple[Action, tuple[int, ...]] | None:
        """Accepting the other side's standing offer, while it is legal (`why_illegal`), with
        the tracks as an agreement writes them (`_accept`; its `on_agreement` effects aside)."""
        sides = self._side(faction)
        take = Accept(faction, self.verb(ACCEPT))
        if sides is None or self.why_illegal(state, take) is not None:
            return None
        other = sides[1]
        tracks = state.tracks
        price = tracks[other.price]
        after = list(tracks)
        for track, value in self._writes(price, tracks[other.terms], state.turn):
            after[track] = value
        return take, tuple(after)

    def _writes(self, price: int, terms: int, turn: int) -> tuple[tuple[int, int], ...]:
        """Returns the tracks an agreement at `price` and `terms` writes, with their values."""
        deal = self.terms_defs[terms]
        return (
            (self.agreed, 1),
            (self.deal_price, price),
            (self.deal_terms, terms),
            (self.agreed_turn, turn),
            (self.seller_value, price * deal.seller_pct // 100),
            (self.buyer_cost, price * deal.buyer_pct // 100),
        )

    def why_illegal(self, state: State, action: Action) -> str | None:
        sides = self._side(action.faction)
        if sides is None:
            return "this faction does not take part in the talks"
        if not self._open(state.tracks):
            return "the talks are closed" if state.tracks[self.talks] <= 0 else "a deal is agreed"
        me, other = sides
        tracks = state.tracks
        kind = self.base_verb(action.kind)
        if any(o.kind == action.kind for o in state.orders[action.faction]):
            return f"already ordered {kind!r} this turn"
        if kind == ACCEPT:
            if action.ref or action.amount:
                return "accept takes no arguments"
            return None if tracks[other.price] > 0 else f"{other.name} has made no offer yet"
        if kind == TERMS:
            if not 0 <= action.ref < len(self.terms_defs) or action.amount:
                return "unknown terms"
            return "these are already your terms" if action.ref == tracks[me.terms] else None
        if kind == OFFER:
            lo, hi = self._price_range(tracks, me)
            p = action.amount
            if action.ref or p % self.step:
                return f"a price must be a multiple of {self._fmt(self.step)}"
            if not lo < p < hi:
                return (
                    f"a new offer must lie strictly between {self._fmt(max(lo, 0))} "
                    f"and {self._fmt(hi)} {self.unit}"
                )
            return None
        return f"unknown verb {action.kind!r}"

    def priority(self, action: Action) -> int:
        if (
            self.base_verb(action.kind) == ACCEPT
        ):  # acceptances first, the seller's before the buyer's
            return 0 if action.faction == self.seller.faction else 1
        return 50

    def resolve(self, turn: Turn, action: Action) -> None:
        sides = self._side(action.faction)
        t = turn.tracks
        if sides is None or t[self.talks] <= 0 or t[self.agreed]:
            return
        me, other = sides
        kind = self.base_verb(action.kind)
        if kind == OFFER:
            turn.put(me.price, action.amount)
            terms = self.terms_defs[t[me.terms]]
            offer = OfferMade(me.faction, action.amount, t[me.terms])
            price = self._price_text(me.faction, action.amount)
            turn.say(
                f"{me.name} offers {price}, {terms.label}.",
                -1,
                record=offer,
            )
        elif kind == TERMS:
            turn.put(me.terms, action.ref)
            turn.say(
                f"{me.name} proposes new terms: {self.terms_defs[action.ref].label}.",
                -1,
                record=TermsProposed(me.faction, action.ref),
            )
        elif kind == ACCEPT:
            self._accept(turn, me, other)

    def _accept(self, turn: Turn, me: SideDef, other: SideDef) -> None:
        t = turn.tracks
        price, terms = t[other.price], t[other.terms]
        tag = f"accept:{me.faction}"
        shown = self._price_text(other.faction, price)
        if turn.roll(tag) >= me.accept_odds.of(t):
            turn.say(
                f"{me.name} moved to accept {shown}, but was overruled.",
                -1,
                record=AcceptanceOverruled(me.faction, price),
            )
            turn.apply(me.on_refusal, tag)
            return
        deal = self.terms_defs[terms]
        for track, value in self._writes(price, terms, turn.turn):
            turn.put(track, value)
        turn.say(
            f"Agreement: {me.name} accepts {shown}, {deal.label}.",
            -1,
            record=AgreementReached(me.faction, price, terms),
        )
        turn.apply(self.on_agreement, "agreement")

    def odds(self, seen: Seen, action: Action) -> float | None:
        sides = self._side(action.faction)
        if self.base_verb(action.kind) != ACCEPT or sides is None:
            return None
        odds = sides[0].accept_odds
        if not seen.known([t for t, _ in odds.terms]):
            return None
        return odds.of(seen.filled())

    def _price_text(self, faction: int, amount: int) -> str:
        """Returns a side's price for the chronicle, in its unit, marked "derived" (with how)
        when it is a conversion the scenario made of that side's offer in history."""
        for f, price, how in self.derived:
            if f == faction and price == amount:
                return f"{self._fmt(amount)} {self.unit} (derived: {how})"
        return f"{self._fmt(amount)} {self.unit}"

    def _fmt(self, amount: int) -> str:
        value = amount / self.scale
        return f"{value:g}"

    def args(self, action: Action) -> list[str]:
        kind = self.base_verb(action.kind)
        if kind == OFFER:
            return [self._fmt(action.amount)]
        if kind == TERMS:
            return [self.terms_defs[action.ref].id]
        return []

    def typed(self, action: Action) -> Action:
        cls = TYPES[self.base_verb(action.kind)]
        return cls(action.faction, action.kind, action.ref, action.amount)

    def parse(self, faction: int, verb: str, args: list[str]) -> Action:
        kind = self.base_verb(verb)
        if kind == ACCEPT:
            if args:
                raise ValueError("accept takes no arguments")
            return Accept(faction, verb)
        if kind == TERMS:
            ids = [d.id for d in self.terms_defs]
            if len(args) != 1 or args[0] not in ids:
                raise ValueError(f"terms takes one of {', '.join(ids)}")
            return Terms(faction, verb, ids.index(args[0]))
        if len(args) != 1:
            raise ValueError(f"offer takes one price in {self.unit}")
        try:
            value = float(args[0])
        except ValueError:
            raise ValueError(f"offer price {args[0]!r} is not a number") from None
        if not math.isfinite(value) or abs(value) > 1e12:
            raise ValueError(f"offer price {args[0]!r} is out of range")
        amount = round(value * self.scale)
        if abs(amount - value * self.scale) > 1e-6:
            raise ValueError(f"offer price {args[0]} is finer than the track's unit")
        return Offer(faction, verb, 0, amount)

    def label(self, action: Action) -> str:
        kind = self.base_verb(action.kind)
        if kind == OFFER:
            return f"Offer {self._fmt(action.amount)} {self.unit}"
        if kind == TERMS:
            return f"Propose payment terms: {self.terms_defs[action.ref].label}"
        return "Accept the other side's standing offer"

    def explain(self, action: Action) -> str:
        if self.base_verb(action.kind) == TERMS:
            return self.terms_defs[action.ref].text
        return ""

    def stakes(self, seen: Seen, action: Action) -> str:
        """Accepting: the other side's standing price and terms, as the table shows them."""
        sides = self._side(action.faction)
        if self.base_verb(action.kind) != ACCEPT or sides is None:
            return ""
        other = sides[1]
        price, terms = seen[other.price], seen[other.terms]
        if not price:
            return ""
        out = f"{self._fmt(price)} {self.unit}"
        if terms is not None and 0 <= terms < len(self.terms_defs):
            out += f", {self.terms_defs[terms].label}"
        return out

    def action_space(self, factions: int) -> list[Action]:
        first = (self.floor - 1) // self.step * self.step + self.step
        out: list[Action] = []
        for side in (self.seller, self.buyer):
            f = side.faction
            out.append(Accept(f, self.verb(ACCEPT)))
            out.extend(
                Offer(f, self.verb(OFFER), 0, p) for p in range(first, self.ceiling + 1, self.step)
            )
            out.extend(Terms(f, self.verb(TERMS), i) for i in range(len(self.terms_defs)))
        return out

    # ------------------------------------------------- what a faction sees

    def view(self, seen: Seen) -> BargainingView:
        def side(s: SideDef) -> Side:
            return Side(s.faction, seen[s.price], seen[s.terms])

        talks, agreed = seen[self.talks], seen[self.agreed]
        is_open = None if talks is None or agreed is None else talks > 0 and agreed == 0
        return BargainingView(
            side(self.seller), side(self.buyer), is_open, self.scale, self.unit, self.terms_defs
        )

    def track_roles(self) -> Mapping[int, str]:
        roles = {self.agreed_turn: "date", self.deal_terms: "terms"}
        for side in (self.seller, self.buyer):
            roles[side.price] = "panel"
            roles[side.terms] = "terms"
        return roles

    def not_yet(self, track: int, values: Mapping[int, int]) -> bool:
        """The deal's tracks (its price, terms and worth to each side) before any agreement:
        "Agreed terms: cash" would be a deal that was never made."""
        deal = (self.deal_price, self.deal_terms, self.seller_value, self.buyer_cost)
        return track in deal and values.get(self.agreed) == 0

    def value_text(self, track: int, value: int) -> str | None:
        """Returns a terms track's value as the terms' label (None for other tracks)."""
        terms = (self.seller.terms, self.buyer.terms, self.deal_terms)
        if track in terms and 0 <= value < len(self.terms_defs):
            return self.terms_defs[value].label
        return None

    def reads(self) -> tuple[Reading, ...]:
        both = 1 << self.seller.faction | 1 << self.buyer.faction
        seller, buyer = self.seller, self.buyer
        table = frozenset(
            (self.talks, self.agreed, seller.price, buyer.price, seller.terms, buyer.terms)
        )
        out = [Reading(both, table, "talks")]
        for key, side in (("seller", self.seller), ("buyer", self.buyer)):
            odds = frozenset(t for t, _ in side.accept_odds.terms)
            out.append(Reading(1 << side.faction, odds, f"{key}.accept_odds"))
        return tuple(out)
