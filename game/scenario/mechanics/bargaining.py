"""The bargaining mechanic's section of a scenario file, and its compile step."""

from __future__ import annotations

from pydantic import Field

from game.core.mechanics.bargaining import Bargaining, SideDef
from game.core.mechanics.bargaining_view import ACCEPT, OFFER, TERMS, TermsDef
from game.scenario.language import Effect, Probability, Slug, Spec, Text
from game.scenario.mechanics.base import Context, MechanicKind, MechanicSpec, no_tracks


class TermsSpec(Spec):
    id: Slug
    label: str = Field(max_length=120)
    text: Text = ""
    seller_pct: int = Field(ge=0, le=200)
    buyer_pct: int = Field(ge=0, le=200)


class SideSpec(Spec):
    faction: Slug
    price: Slug
    terms: Slug
    accept_odds: Probability = 1.0
    on_refusal: list[Effect] = Field(default_factory=list)


class DerivedPriceSpec(Spec):
    """A side's offer in history, made in another currency and converted by the scenario into
    the price's unit: not a figure of the sources, so the chronicle says "derived" beside it."""

    faction: Slug
    price: float = Field(gt=0, le=1e9)
    text: Text = Field(min_length=1)
    """How it was derived: the source's figure, its source and the rate."""


class BargainingSpec(MechanicSpec):
    """Parameters of the alternating-offer bargaining mechanic (prices in the track's unit)."""

    seller: SideSpec
    buyer: SideSpec
    talks: Slug
    agreed: Slug
    deal_price: Slug
    deal_terms: Slug
    agreed_turn: Slug
    seller_value: Slug
    buyer_cost: Slug
    step: float = Field(gt=0, le=1e6)
    floor: float = Field(ge=0, le=1e9)
    ceiling: float = Field(gt=0, le=1e9)
    terms: list[TermsSpec] = Field(min_length=1)
    on_agreement: list[Effect] = Field(default_factory=list)
    derived: list[DerivedPriceSpec] = Field(default_factory=list)
    """Offers of history converted from another currency: the chronicle marks them derived."""


def compile_bargaining(spec: BargainingSpec, ctx: Context) -> Bargaining:
    """Returns the engine's bargaining table of `spec`."""
    price = ctx.track(spec.seller.price, "seller", "price")
    track = ctx.track_spec(price)  # None: an unknown track, already a reported fault
    scale = track.scale if track is not None else 1

    if spec.ceiling < spec.floor:
        ctx.fail("ceiling is below floor", "ceiling")
    elif (spec.ceiling - spec.floor) / spec.step > 10_000:
        ctx.fail("more than 10,000 prices between floor and ceiling", "step")

    def units(value: float, field: str) -> int:
        amount = round(value * scale)
        if abs(amount - value * scale) > 1e-6:
            ctx.fail(f"{value} is finer than the price track's scale", field)
        return amount

    def side(sd: SideSpec, key: str) -> SideDef:
        f = ctx.faction(sd.faction, key, "faction")
        return SideDef(
            faction=f,
            price=ctx.track(sd.price, key, "price"),
            terms=ctx.track(sd.terms, key, "terms"),
            accept_odds=ctx.odds(sd.accept_odds, key, "accept_odds"),
            on_refusal=ctx.effects(sd.on_refusal, key, "on_refusal"),
            name=ctx.faction_name(f),
        )

    def tr(field: str) -> int:
        return ctx.track(getattr(spec, field), field)

    sides = (spec.seller.faction, spec.buyer.faction)
    derived = []
    for i, d in enumerate(spec.derived):
        if d.faction not in sides:
            ctx.fail(f"{d.faction!r} is neither the seller nor the buyer", "derived", i, "faction")
        f = ctx.faction(d.faction, "derived", i, "faction")
        if not spec.floor <= d.price <= spec.ceiling:
            ctx.fail(f"{d.price} is outside floor..ceiling: no side can offer it", "derived", i)
        derived.append((f, units(d.price, "derived"), d.text))

    return Bargaining(
        seller=side(spec.seller, "seller"),
        buyer=side(spec.buyer, "buyer"),
        talks=tr("talks"),
        agreed=tr("agreed"),
        deal_price=tr("deal_price"),
        deal_terms=tr("deal_terms"),
        agreed_turn=tr("agreed_turn"),
        seller_value=tr("seller_value"),
        buyer_cost=tr("buyer_cost"),
        step=units(spec.step, "step"),
        floor=units(spec.floor, "floor"),
        ceiling=units(spec.ceiling, "ceiling"),
        scale=scale,
        unit=track.unit if track is not None else "",
        terms_defs=tuple(
            TermsDef(t.id, t.label, t.text, t.seller_pct, t.buyer_pct) for t in spec.terms
        ),
        on_agreement=ctx.effects(spec.on_agreement, "on_agreement"),
        name=spec.name or "",
        derived=tuple(derived),
    )


BARGAINING = MechanicKind(BargainingSpec, no_tracks, compile_bargaining, (OFFER, TERMS, ACCEPT))
