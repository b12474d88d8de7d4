"""The campaign mechanic's section of a scenario file, and its compile step.

The regions are the scenario's map (`map:`), whose control and garrison tracks the compiler
generates for every scenario with a map; a campaign adds its fronts' position and strength.
"""

from __future__ import annotations

from pydantic import Field

from game.core import conditions as c
from game.core.mechanics.campaign import Campaign
from game.core.mechanics.campaign_view import ATTACK, FrontDef, RegionDef
from game.scenario.language import Condition, Slug, Spec, Text, Visibility
from game.scenario.mechanics.base import Context, MechanicKind, MechanicSpec, NewTrack


class FrontSpec(Spec):
    """A front (army group or fleet). Its position and strength become tracks
    `pos_<id>` and `str_<id>`."""

    id: Slug
    name: str = Field(max_length=80)
    start: Slug
    strength: int = Field(ge=0, le=10_000)
    amphibious: bool = False
    text: Text = ""
    visible_to: Visibility = "all"
    """Who sees where the front stands (the others see no front there: a force that exists
    only on the attacker's plans, like a corps that has not yet embarked)."""
    strength_visible_to: Visibility = "all"


class CampaignSpec(MechanicSpec):
    """Parameters of the campaign mechanic (see game/core/mechanics/campaign.py)."""

    attacker: Slug
    active: Condition
    readiness: Slug
    ceasefire: Slug
    fronts: list[FrontSpec] = Field(min_length=1)
    min_odds: float = Field(default=0.05, ge=0, le=1)
    max_odds: float = Field(default=0.95, ge=0, le=1)
    loss: int = Field(default=25, ge=0, le=1000)
    win_loss: int = Field(default=10, ge=0, le=1000)
    attrition: int = Field(default=30, ge=0, le=1000)
    standing: bool = False
    """Attack orders stand until the region is taken: each front gets a track `obj_<id>`."""
    review: Condition | None = None
    """With `standing`: when a front that has an objective may be given another."""


def campaign_tracks(spec: CampaignSpec, ctx: Context) -> list[NewTrack]:
    """Returns each front's position and strength tracks."""
    regions = ctx.scenario.map.regions if ctx.scenario.map else []
    ids = {r.id: i for i, r in enumerate(regions)}
    last_region = max(len(regions) - 1, 0)
    out = []
    for i, f in enumerate(spec.fronts):
        if f.start not in ids:
            ctx.fail(f"unknown region {f.start!r}", "fronts", i, "start")
        start = ids.get(f.start, 0)
        out.append(
            NewTrack(f"pos_{f.id}", f"{f.name}: position", (0, last_region), start, f.visible_to)
        )
        out.append(
            NewTrack(
                f"str_{f.id}", f"{f.name}: strength", (0, 10_000), f.strength, f.strength_visible_to
            )
        )
        if spec.standing:
            out.append(
                NewTrack(
                    f"obj_{f.id}", f"{f.name}: objective", (-2, last_region), -2, [spec.attacker]
                )
            )
    return out


def compile_campaign(spec: CampaignSpec, ctx: Context) -> Campaign:
    """Returns the engine's campaign of `spec` over the scenario's map."""
    scenario = ctx.scenario
    if scenario.map is None:
        ctx.fail("a campaign needs a map")
        regions_spec = []
    else:
        regions_spec = scenario.map.regions
    land, sea = ctx.compiler.links()
    regions = tuple(
        RegionDef(
            i,
            r.id,
            r.name,
            r.lon,
            r.lat,
            land[i],
            sea[i],
            ctx.track(f"ctl_{r.id}"),
            ctx.track(f"gar_{r.id}"),
            r.terrain,
            r.text,
        )
        for i, r in enumerate(regions_spec)
    )
    fronts = tuple(
        FrontDef(
            i,
            f.id,
            f.name,
            ctx.track(f"pos_{f.id}"),
            ctx.track(f"str_{f.id}"),
            f.amphibious,
            f.text,
            ctx.track(f"obj_{f.id}") if spec.standing else -1,
        )
        for i, f in enumerate(spec.fronts)
    )
    ctx.index(spec.fronts, "fronts")
    if spec.min_odds > spec.max_odds:
        ctx.fail("min_odds is above max_odds", "min_odds")
    attacker = ctx.faction(spec.attacker, "attacker")
    active = ctx.cond(spec.active, "active")
    review = ctx.cond(spec.review, "review") if spec.review is not None else None
    if review is not None and not spec.standing:
        ctx.fail("a review needs standing orders (standing: true)", "review")
    return Campaign(
        attacker=attacker,
        regions=regions,
        fronts=fronts,
        active=c.predicate(active),
        readiness=ctx.track(spec.readiness, "readiness"),
        ceasefire=ctx.track(spec.ceasefire, "ceasefire"),
        min_odds=spec.min_odds,
        max_odds=spec.max_odds,
        loss=spec.loss,
        win_loss=spec.win_loss,
        attrition=spec.attrition,
        active_tracks=frozenset(c.tracks_of(active)),
        name=spec.name or "",
        standing=spec.standing,
        review=c.predicate(review) if review is not None else None,
        review_tracks=frozenset(c.tracks_of(review)) if review is not None else frozenset(),
    )


CAMPAIGN = MechanicKind(CampaignSpec, campaign_tracks, compile_campaign, (ATTACK,))
