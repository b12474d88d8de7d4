"""The scenario file format: pydantic models, strict and frozen, with unknown fields forbidden.

Conditions and effects are small structured dicts, told apart by their key (`{track: tension,
gte: 50}`, `{add: {tension: 5}}`), never code. `python main.py schema` publishes the JSON Schema.
"""

from __future__ import annotations

import datetime as dt
from typing import Annotated, Any, Literal

from pydantic import BaseModel, ConfigDict, Discriminator, Field, Tag

Slug = Annotated[str, Field(pattern=r"^[a-z][a-z0-9_]*$", max_length=64)]
"""A stable lowercase id used in saves and notation."""
ScenarioId = Annotated[str, Field(pattern=r"^[a-z][a-z0-9-]*$", max_length=64)]
Text = Annotated[str, Field(max_length=4000)]
Visibility = Literal["all"] | list[Slug]
Pair = Annotated[list[int], Field(min_length=2, max_length=2)]
"""Two integers, [low, high]."""


class Spec(BaseModel):
    model_config = ConfigDict(frozen=True, extra="forbid", strict=True)


# ---------------------------------------------------------------- conditions


class TrackCond(Spec):
    """Compares a track with a number, or with another track named by its id."""

    track: Slug
    lt: int | Slug | None = None
    lte: int | Slug | None = None
    eq: int | Slug | None = None
    ne: int | Slug | None = None
    gte: int | Slug | None = None
    gt: int | Slug | None = None


class DateCond(Spec):
    """True on turns dated on or after `after` and before `before`."""

    after: dt.date | None = None
    before: dt.date | None = None


class TurnOfCond(Spec):
    """True when a track holding a turn index (e.g. `agreed_turn`) names a turn dated on or
    after `after` and before `before`; false while the track is -1 (never)."""

    turn_of: Slug
    after: dt.date | None = None
    before: dt.date | None = None


class FiredCond(Spec):
    fired: Slug


class AllCond(Spec):
    all: list[Condition]


class AnyCond(Spec):
    any: list[Condition]


class NotCond(Spec):
    not_: Condition = Field(alias="not")


def _cond_tag(value: Any) -> str | None:
    if isinstance(value, dict):
        for key in ("all", "any", "not", "fired", "track", "turn_of"):
            if key in value:
                return key
        if "after" in value or "before" in value:
            return "date"
    elif isinstance(value, BaseModel):
        return {
            AllCond: "all",
            AnyCond: "any",
            NotCond: "not",
            FiredCond: "fired",
            TrackCond: "track",
            DateCond: "date",
            TurnOfCond: "turn_of",
        }.get(type(value))
    return None


Condition = Annotated[
    Annotated[TrackCond, Tag("track")]
    | Annotated[DateCond, Tag("date")]
    | Annotated[TurnOfCond, Tag("turn_of")]
    | Annotated[FiredCond, Tag("fired")]
    | Annotated[AllCond, Tag("all")]
    | Annotated[AnyCond, Tag("any")]
    | Annotated[NotCond, Tag("not")],
    Discriminator(
        _cond_tag,
        custom_error_type="condition",
        custom_error_message="a condition is one of {track: …, gte: …}, {after: date}, "
        "{before: date}, {turn_of: track, after, before}, {fired: event}, {all: […]}, "
        "{any: […]}, {not: …}",
    ),
]


class OddsSpec(Spec):
    """A probability: `base` plus, for each track, weight × its value; clamped to [0, 1]."""

    base: float = Field(ge=-10, le=10)
    per: dict[Slug, float] = Field(default_factory=dict)


Probability = Annotated[float, Field(ge=0, le=1)] | OddsSpec


# ------------------------------------------------------------------- effects


class AddEffect(Spec):
    add: dict[Slug, int]


class SetEffect(Spec):
    set: dict[Slug, int]


class CopyEffect(Spec):
    copy_: dict[Literal["from", "to"], Slug] = Field(alias="copy")


class SetTurnEffect(Spec):
    set_turn: Slug


class ChanceEffect(Spec):
    chance: Probability
    then: list[Effect] = Field(default_factory=list)
    else_: list[Effect] = Field(default_factory=list, alias="else")
    tag: Slug = "roll"


class IfEffect(Spec):
    if_: Condition = Field(alias="if")
    then: list[Effect] = Field(default_factory=list)
    else_: list[Effect] = Field(default_factory=list, alias="else")


class SayEffect(Spec):
    say: Text
    visible_to: Visibility = "all"
    cite: str = ""


class EndEffect(Spec):
    end: Slug


_EFFECT_KEYS = {
    "add": "add",
    "set": "set",
    "copy": "copy",
    "set_turn": "set_turn",
    "chance": "chance",
    "if": "if",
    "say": "say",
    "end": "end",
}


def _effect_tag(value: Any) -> str | None:
    if isinstance(value, dict):
        return next((tag for key, tag in _EFFECT_KEYS.items() if key in value), None)
    if isinstance(value, BaseModel):
        return {
            AddEffect: "add",
            SetEffect: "set",
            CopyEffect: "copy",
            SetTurnEffect: "set_turn",
            ChanceEffect: "chance",
            IfEffect: "if",
            SayEffect: "say",
            EndEffect: "end",
        }.get(type(value))
    return None


Effect = Annotated[
    Annotated[AddEffect, Tag("add")]
    | Annotated[SetEffect, Tag("set")]
    | Annotated[CopyEffect, Tag("copy")]
    | Annotated[SetTurnEffect, Tag("set_turn")]
    | Annotated[ChanceEffect, Tag("chance")]
    | Annotated[IfEffect, Tag("if")]
    | Annotated[SayEffect, Tag("say")]
    | Annotated[EndEffect, Tag("end")],
    Discriminator(
        _effect_tag,
        custom_error_type="effect",
        custom_error_message="an effect is one of {add: …}, {set: …}, {copy: {from, to}}, "
        "{set_turn: track}, {chance: p, then, else}, {if: cond, then, else}, {say: text}, "
        "{end: rule}",
    ),
]

for _model in (AllCond, AnyCond, NotCond, ChanceEffect, IfEffect):
    _model.model_rebuild()


# ------------------------------------------------------------------ sections


class CalendarSegment(Spec):
    """Turns from `start` to `end` (inclusive), one every `step`."""

    start: dt.date
    end: dt.date
    step: Literal["day", "week", "month", "season", "year"]


class FactionSpec(Spec):
    id: Slug
    name: str = Field(max_length=80)
    leader: str = Field(default="", max_length=200)
    briefing: Text
    goals: list[Text] = Field(default_factory=list)


class TrackSpec(Spec):
    id: Slug
    name: str = Field(max_length=80)
    description: Text = ""
    range: Pair = Field(default_factory=lambda: [0, 100])
    initial: int | Pair = 0
    """A fixed start value, or [low, high] drawn from the game's seed."""
    visible_to: Visibility = "all"
    owner: Slug | None = None
    scale: int = Field(default=1, ge=1, le=1_000_000)
    unit: str = Field(default="", max_length=40)
    assumption: Text = ""
    """Where the number is a modelling assumption, not a historical figure: say so here."""


class ActionSpec(Spec):
    id: Slug
    faction: Slug
    label: str = Field(max_length=120)
    text: Text = ""
    cite: str = ""
    historical: Text = ""
    priority: int = Field(default=30, ge=0, le=1000)
    when: Condition | None = None
    cost: dict[Slug, Annotated[int, Field(ge=0)]] = Field(default_factory=dict)
    effects: list[Effect] = Field(default_factory=list)
    odds: Probability | None = None
    success: list[Effect] = Field(default_factory=list)
    failure: list[Effect] = Field(default_factory=list)
    visible_to: Visibility = "all"


class OptionSpec(Spec):
    id: Slug
    label: str = Field(max_length=120)
    text: Text = ""
    effects: list[Effect] = Field(default_factory=list)
    historical: bool = False


class EventSpec(Spec):
    id: Slug
    title: str = Field(max_length=120)
    text: Text
    cite: str
    date: dt.date | None = None
    """Fires only on the turn that contains this date."""
    after: dt.date | None = None
    before: dt.date | None = None
    when: Condition | None = None
    probability: Probability = 1.0
    repeat: bool = False
    visible_to: Visibility = "all"
    effects: list[Effect] = Field(default_factory=list)
    chooser: Slug | None = None
    options: list[OptionSpec] = Field(default_factory=list)


class EndRuleSpec(Spec):
    id: Slug
    label: str = Field(max_length=120)
    text: Text = ""
    when: Condition | None = None
    effects: list[Effect] = Field(default_factory=list)


class OutcomeClassSpec(Spec):
    id: Slug
    label: str = Field(max_length=120)
    text: Text = ""
    when: Condition | None = None


class ScoreTermSpec(Spec):
    track: Slug | None = None
    weight: float = 1.0
    value: float = 0.0
    when: Condition | None = None


class ScoringSpec(Spec):
    scale: float = Field(default=1.0, gt=0)
    factions: dict[Slug, list[ScoreTermSpec]]


class PlanStepSpec(Spec):
    after: dt.date | None = None
    before: dt.date | None = None
    when: Condition | None = None
    do: list[str] = Field(min_length=1)
    note: Text = ""


class FigureSpec(Spec):
    id: Slug
    label: str = Field(max_length=120)
    track: Slug
    kind: Literal["value", "date"] = "value"


class DistanceTermSpec(Spec):
    """One fact of the historical timeline, for the distance from history.

    A date fact (`turn_of` a track holding a turn index, and `history` a date) counts the days
    between the game's date of the fact and history's, divided by `scale`; while the fact has not
    happened, the days since history's date (0 before it). A value fact (`track` and a numeric
    `history`) counts |value − history| / scale. A term counts only while its `when` holds (if
    given). Each term is capped at `cap`, then weighted.
    """

    id: Slug
    label: str = Field(max_length=120)
    turn_of: Slug | None = None
    track: Slug | None = None
    history: dt.date | float
    scale: float = Field(default=1.0, gt=0)
    weight: float = Field(default=1.0, ge=0)
    cap: float = Field(default=10.0, gt=0)
    when: Condition | None = None


class BaselineEntry(Spec):
    date: dt.date
    text: Text
    cite: str


class BaselineSpec(Spec):
    outcome_class: Slug
    summary: Text
    figures: dict[Slug, float | str] = Field(default_factory=dict)
    timeline: list[BaselineEntry] = Field(default_factory=list)


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


class BargainingSpec(Spec):
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


class RegionSpec(Spec):
    """A region of the map. Its control and garrison become tracks `ctl_<id>` and `gar_<id>`."""

    id: Slug
    name: str = Field(max_length=80)
    lon: float = Field(ge=-180, le=180)
    lat: float = Field(ge=-90, le=90)
    land: list[Slug] = Field(default_factory=list)
    """Neighbours over land (the link must be listed on both sides)."""
    sea: list[Slug] = Field(default_factory=list)
    """Neighbours by sea, for amphibious fronts (listed on both sides)."""
    controller: Slug
    garrison: int = Field(default=0, ge=0, le=10_000)
    terrain: int = Field(default=100, ge=10, le=1000)
    text: Text = ""
    garrison_visible_to: Visibility = "all"


class MapSpec(Spec):
    regions: list[RegionSpec] = Field(min_length=1)


class FrontSpec(Spec):
    """A front (army group or fleet). Its position and strength become tracks
    `pos_<id>` and `str_<id>`."""

    id: Slug
    name: str = Field(max_length=80)
    start: Slug
    strength: int = Field(ge=0, le=10_000)
    amphibious: bool = False
    text: Text = ""
    strength_visible_to: Visibility = "all"


class CampaignSpec(Spec):
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


class AuctionSpec(Spec):
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


class MechanicsSpec(Spec):
    bargaining: BargainingSpec | None = None
    campaign: CampaignSpec | None = None
    auction: AuctionSpec | None = None


class SourceSpec(Spec):
    id: str = Field(max_length=20)
    title: Text


class ScenarioSpec(Spec):
    """A whole scenario file."""

    id: ScenarioId
    title: str = Field(max_length=120)
    period: str = Field(max_length=80)
    summary: Text
    sources: list[SourceSpec] = Field(default_factory=list)
    calendar: list[CalendarSegment] = Field(min_length=1)
    max_orders: int = Field(default=2, ge=1, le=80)
    factions: list[FactionSpec] = Field(min_length=1, max_length=16)
    tracks: list[TrackSpec] = Field(default_factory=list)
    actions: list[ActionSpec] = Field(default_factory=list)
    events: list[EventSpec] = Field(default_factory=list)
    each_turn: list[Effect] = Field(default_factory=list)
    end_rules: list[EndRuleSpec] = Field(default_factory=list)
    time_limit: EndRuleSpec
    outcome_classes: list[OutcomeClassSpec] = Field(default_factory=list)
    scoring: ScoringSpec
    historical_plan: dict[Slug, list[PlanStepSpec]] = Field(default_factory=dict)
    figures: list[FigureSpec] = Field(default_factory=list)
    distance: list[DistanceTermSpec] = Field(default_factory=list)
    """How far a game has moved from history; see `DistanceTermSpec`."""
    baseline: BaselineSpec
    map: MapSpec | None = None
    mechanics: MechanicsSpec = Field(default_factory=MechanicsSpec)


# ------------------------------------------------------------------ variants


class ChangeSpec(Spec):
    """One patch: set the value at a path (`events.us_recognition.probability`), or switch an
    event off or on."""

    set: str | None = Field(default=None, max_length=300)
    value: Any = None
    disable_event: Slug | None = None
    force_event: Slug | None = None


class VariantSpec(Spec):
    """A counterfactual: a small file that patches a scenario."""

    variant: Slug
    scenario: ScenarioId
    title: str = Field(max_length=120)
    question: Text
    sources_view: Text = ""
    cite: str = ""
    changes: list[ChangeSpec] = Field(min_length=1)
