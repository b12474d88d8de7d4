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
from dataclasses import dataclass, field

from game.core.actions import Action
from game.core.conditions import Odds
from game.core.effects import Effect
from game.core.mechanics.base import Mechanic
from game.core.records import AcceptanceOverruled, AgreementReached, OfferMade, TermsProposed
from game.core.state import State
from game.core.turn import Turn

OFFER = "offer"
TERMS = "terms"
ACCEPT = "accept"


@dataclass(frozen=True, slots=True)
class TermsDef:
    """A way of paying: its share of the nominal price as each side values it (percent)."""

    id: str
    label: str
    text: str
    seller_pct: int
    buyer_pct: int


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
    verbs: tuple[str, ...] = (OFFER, TERMS, ACCEPT)
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
            cached = []
            if tracks[other.price] > 0:
                cached.append(Action(faction, ACCEPT))
            lo, hi = self._price_range(tracks, me)
            first = (lo // self.step + 1) * self.step
            cached.extend(Action(faction, OFFER, 0, p) for p in range(first, hi, self.step))
            cached.extend(
                Action(faction, TERMS, i)
                for i in range(len(self.terms_defs))
                if i != tracks[me.terms]
            )
            cached.sort()
            self._cache[key] = cached
        given = state.orders[faction]
        if given:
            used = {o.kind for o in given}
            return [a for a in cached if a.kind not in used]
        return cached

    def why_illegal(self, state: State, action: Action) -> str | None:
        sides = self._side(action.faction)
        if sides is None:
            return "this faction does not take part in the talks"
        if not self._open(state.tracks):
            return "the talks are closed" if state.tracks[self.talks] <= 0 else "a deal is agreed"
        me, other = sides
        tracks = state.tracks
        if any(o.kind == action.kind for o in state.orders[action.faction]):
            return f"already ordered {action.kind!r} this turn"
        if action.kind == ACCEPT:
            if action.ref or action.amount:
                return "accept takes no arguments"
            return None if tracks[other.price] > 0 else f"{other.name} has made no offer yet"
        if action.kind == TERMS:
            if not 0 <= action.ref < len(self.terms_defs) or action.amount:
                return "unknown terms"
            return "these are already your terms" if action.ref == tracks[me.terms] else None
        if action.kind == OFFER:
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
        if action.kind == ACCEPT:  # acceptances first, the seller's before the buyer's
            return 0 if action.faction == self.seller.faction else 1
        return 50

    def resolve(self, turn: Turn, action: Action) -> None:
        sides = self._side(action.faction)
        t = turn.tracks
        if sides is None or t[self.talks] <= 0 or t[self.agreed]:
            return
        me, other = sides
        if action.kind == OFFER:
            turn.put(me.price, action.amount)
            terms = self.terms_defs[t[me.terms]]
            offer = OfferMade(me.faction, action.amount, t[me.terms])
            turn.say(
                f"{me.name} offers {self._fmt(action.amount)} {self.unit}, {terms.label}.",
                -1,
                record=offer,
            )
        elif action.kind == TERMS:
            turn.put(me.terms, action.ref)
            turn.say(
                f"{me.name} proposes new terms: {self.terms_defs[action.ref].label}.",
                -1,
                record=TermsProposed(me.faction, action.ref),
            )
        elif action.kind == ACCEPT:
            self._accept(turn, me, other)

    def _accept(self, turn: Turn, me: SideDef, other: SideDef) -> None:
        t = turn.tracks
        price, terms = t[other.price], t[other.terms]
        tag = f"accept:{me.faction}"
        if turn.roll(tag) >= me.accept_odds.of(t):
            turn.say(
                f"{me.name} moved to accept {self._fmt(price)} {self.unit}, but was overruled.",
                -1,
                record=AcceptanceOverruled(me.faction, price),
            )
            turn.apply(me.on_refusal, tag)
            return
        deal = self.terms_defs[terms]
        turn.put(self.agreed, 1)
        turn.put(self.deal_price, price)
        turn.put(self.deal_terms, terms)
        turn.put(self.agreed_turn, turn.turn)
        turn.put(self.seller_value, price * deal.seller_pct // 100)
        turn.put(self.buyer_cost, price * deal.buyer_pct // 100)
        turn.say(
            f"Agreement: {me.name} accepts {self._fmt(price)} {self.unit}, {deal.label}.",
            -1,
            record=AgreementReached(me.faction, price, terms),
        )
        turn.apply(self.on_agreement, "agreement")

    def odds(self, state: State, action: Action) -> float | None:
        sides = self._side(action.faction)
        if action.kind != ACCEPT or sides is None:
            return None
        return sides[0].accept_odds.of(state.tracks)

    def _fmt(self, amount: int) -> str:
        value = amount / self.scale
        return f"{value:g}"

    def args(self, action: Action) -> list[str]:
        if action.kind == OFFER:
            return [self._fmt(action.amount)]
        if action.kind == TERMS:
            return [self.terms_defs[action.ref].id]
        return []

    def parse(self, faction: int, verb: str, args: list[str]) -> Action:
        if verb == ACCEPT:
            if args:
                raise ValueError("accept takes no arguments")
            return Action(faction, ACCEPT)
        if verb == TERMS:
            ids = [d.id for d in self.terms_defs]
            if len(args) != 1 or args[0] not in ids:
                raise ValueError(f"terms takes one of {', '.join(ids)}")
            return Action(faction, TERMS, ids.index(args[0]))
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
        return Action(faction, OFFER, 0, amount)

    def label(self, action: Action) -> str:
        if action.kind == OFFER:
            return f"Offer {self._fmt(action.amount)} {self.unit}"
        if action.kind == TERMS:
            return f"Propose payment terms: {self.terms_defs[action.ref].label}"
        return "Accept the other side's standing offer"

    def explain(self, state: State, action: Action) -> str:
        if action.kind == TERMS:
            return self.terms_defs[action.ref].text
        return ""
