"""The scenario file format: pydantic models, strict and frozen, with unknown fields forbidden.

Conditions and effects are the data language of `language`; each mechanic's section is its
own module's spec (`game.scenario.mechanics`), gathered from the `MECHANICS` table.
`python main.py schema` publishes the JSON Schema.
"""

from __future__ import annotations

import datetime as dt
import functools
from collections.abc import Mapping
from typing import TYPE_CHECKING, Annotated, Any, Literal

from pydantic import Discriminator, Field, Tag, ValidationInfo, create_model, field_validator

from game.scenario.language import (
    Condition,
    Effect,
    Pair,
    Probability,
    ScenarioId,
    Slug,
    Spec,
    Text,
    Visibility,
)
from game.scenario.mechanics import MECHANICS, MechanicKind

Loc = tuple[int | str, ...]


# ------------------------------------------------------------------ sections


class CalendarSegment(Spec):
    """Turns from `start` to `end` (inclusive), one every `step`."""

    start: dt.date
    end: dt.date
    step: Literal["day", "week", "month", "season", "year"]


class AimSpec(Spec):
    """One thing a government valued: `weight × track + value` while `when` holds (as a score
    term), `value` when the game's outcome class (as if it ended now) is `outcome`, or `score`
    times the side's own score."""

    label: str = Field(min_length=1, max_length=120)
    """The aim in words, for the briefing ("to sell the railway it could not defend")."""
    score: float | None = None
    """This weight times the side's own score (the scenario's `scoring:`): the interests the
    game measures, to which the other aims add what this government also wanted."""
    track: Slug | None = None
    weight: float = 1.0
    value: float = 0.0
    when: Condition | None = None
    outcome: Slug | None = None
    why: Text = Field(min_length=1)
    """Its source (a citation), or `ASSUMPTION: …` with the reason for the number."""


class RedLineSpec(Spec):
    """A result the government would not accept: `cost` is taken off whenever `when` holds."""

    label: str = Field(min_length=1, max_length=120)
    when: Condition
    cost: float = Field(gt=0)
    why: Text = Field(min_length=1)


class PatienceSpec(Spec):
    """What waiting costs the government: `per_turn` for each turn of the game gone by while
    `until` has not come about (a sale agreed, the war entered)."""

    label: str = Field(min_length=1, max_length=120)
    per_turn: float = Field(ge=0)
    until: Condition
    why: Text = Field(min_length=1)


class PriorSpec(Spec):
    """What the government believed of a value it could not see: its start value, for this
    side's reasoning, is drawn from `range` (instead of the scenario's own start range)."""

    track: Slug
    range: Pair
    why: Text = Field(min_length=1)


class PersonaSpec(Spec):
    """What a government wanted and believed, for the `persona` agent (README "Personas")."""

    summary: Text = Field(min_length=1)
    """Its aims in a sentence or two, for the briefing."""
    aims: list[AimSpec] = Field(min_length=1)
    red_lines: list[RedLineSpec] = Field(default_factory=list)
    patience: PatienceSpec | None = None
    priors: list[PriorSpec] = Field(default_factory=list)
    temperature: float | None = Field(default=None, ge=0, le=5)
    """How far its play varies between seeds (see the agent); None: the agent's default."""
    playouts: int | None = Field(default=None, ge=16, le=2000)
    """Playouts a move for this government at the batch level (`persona:fast`), where the
    level's 48 are too few for its choices; None: the level's. The window's levels keep theirs."""
    lookahead: int | None = Field(default=None, ge=1, le=24)
    """Turns its search plays ahead at most, at every level (the level's, where fewer); None:
    the level's. For a government whose choices the level's longer look-ahead distorts (the
    railway: README "Personas")."""
    guided: bool = False
    """Its search grows each new move from the default policy rather than at random, and past
    its tree gives it no further order of the turn being searched (guided expansion,
    `game.agents.mcts`), at every level: for a side with many orders a turn."""
    every_order: bool = False
    """Once it has given an order, its next decision of the turn weighs again every order it
    has not given, not only those that sort after it (`game.agents.mcts`), at every level."""
    judged_deals: bool = False
    """In its search's playouts a side takes the deal on the table (the other side's standing
    offer) only when it values the deal above the state it is in, and then at once
    (`game.agents.rollout`), at every level."""


class FactionSpec(Spec):
    id: Slug
    name: str = Field(max_length=80)
    leader: str = Field(default="", max_length=200)
    briefing: Text
    goals: list[Text] = Field(default_factory=list)
    persona: PersonaSpec | None = None
    """What this government wanted and believed (for the `persona` agent)."""


class ThresholdSpec(Spec):
    """A mark on a track's meter: from `at` on, the scenario's rules close some options and
    open others (its conditions say which); the label says what, in words."""

    at: int
    label: str = Field(min_length=1, max_length=60)


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
    raisers: bool = False
    """Record who raised the track: the engine keeps, per faction, the sum of the rises its
    orders and event answers caused (`<id>_by_<faction>`) and its share of them in percent
    (`<id>_share_<faction>`), tracks with this track's visibility that rules can read."""
    thresholds: list[ThresholdSpec] = Field(default_factory=list, max_length=12)
    """Marks drawn on the track's meter, in rising order, each within the track's range."""


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


class IntendedSpec(Spec):
    """An option the dominance audit may find always best without failing: the design wants it
    so, for the reason given (`python main.py audit`)."""

    option: str = Field(max_length=120)
    """The option as the audit names it: an action's notation (`japan:choose:potsdam:accept`)."""
    reason: Text


class AuditSpec(Spec):
    """What the dominance audit should know about the scenario's design."""

    intended: list[IntendedSpec] = Field(default_factory=list)


class VictorySpec(Spec):
    """The margins of the victory levels, in the scenario's score unit, one pair for all sides.

    A side's margin is its score minus its par (what the historical path — every side played by
    the `historical` agent, on the same seed and variant — scored for it): a draw strictly
    within ±`draw`, a marginal victory (defeat) from +`draw` (−`draw`), a decisive one from
    +`decisive` (−`decisive`). A variant may change them (`set: victory.draw`).
    """

    unit: str = Field(min_length=1, max_length=40)
    """The score unit, as people read it (`M gold rubles`, `points`)."""
    draw: float = Field(gt=0, le=1_000_000)
    decisive: float = Field(gt=0, le=1_000_000)

    @field_validator("decisive")
    @classmethod
    def _above_draw(cls, value: float, info: ValidationInfo) -> float:
        draw = info.data.get("draw")
        if draw is not None and value <= draw:
            raise ValueError(f"decisive ({value:g}) must be above draw ({draw:g})")
        return value


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


class CalibrationCheckSpec(Spec):
    """One fact that a game "near history" shows at its end (the `calibration:` section).

    It reads one thing of the final state: a `figure` or a `track` (with `between`, the
    historical range, both ends included: dates for a date figure, which the game holds as a
    turn index; numbers in the figure's or track's unit otherwise; `null` leaves an end open),
    `regions` that must all be held by the faction `held_by`, the `end` rule by which the game
    ended, or its `outcome` class (one of those listed). A value that never happened (a date
    figure never set) is outside every range.
    """

    id: Slug
    label: str = Field(min_length=1, max_length=120)
    """The fact, in plain words (`Agreement between August 1934 and April 1935`)."""
    cite: str = Field(min_length=1, max_length=300)
    """Where the sources state it (FACTS.md's citation format)."""
    figure: Slug | None = None
    track: Slug | None = None
    regions: list[Slug] | None = Field(default=None, min_length=1, max_length=64)
    held_by: Slug | None = None
    end: list[Slug] | None = Field(default=None, min_length=1, max_length=16)
    outcome: list[Slug] | None = Field(default=None, min_length=1, max_length=16)
    between: list[dt.date | float | None] | None = Field(default=None, min_length=2, max_length=2)
    """[low, high], both included: two dates, or two numbers; `null` leaves an end open."""


class BaselineEntry(Spec):
    date: dt.date
    text: Text
    cite: str


class BaselineSpec(Spec):
    outcome_class: Slug
    summary: Text
    figures: dict[Slug, float | str] = Field(default_factory=dict)
    timeline: list[BaselineEntry] = Field(default_factory=list)


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


def mechanics_model(table: Mapping[str, MechanicKind]) -> type[Spec]:
    """Returns the model of the `mechanics:` section for the kinds in `table`: each kind's key
    holds one mechanic (a mapping) or several (a list of mappings, each with its `name`)."""

    def shape(value: Any) -> str:
        return "Several" if isinstance(value, list) else "Single"

    fields: dict[str, Any] = {
        kind: (
            Annotated[
                Annotated[k.spec, Tag("Single")] | Annotated[list[k.spec], Tag("Several")],  # type: ignore[name-defined]
                Discriminator(shape),
            ]
            | None,
            None,
        )
        for kind, k in table.items()
    }
    return create_model(
        "MechanicsSpec",
        __base__=Spec,
        __doc__="Rules in Python, configured here: one entry per kind, or a list of several.",
        **fields,
    )


if TYPE_CHECKING:

    class MechanicsSpec(Spec):
        def __getattr__(self, kind: str) -> Any: ...

else:
    MechanicsSpec = mechanics_model(MECHANICS)


class ParameterSpec(Spec):
    """A named number that effects use as an amount (`{add: {peace: bomb_shock}}`), so that one
    line says what it is and why: a modelling assumption, or a value a debate sets."""

    id: Slug
    name: str = Field(min_length=1, max_length=80)
    """What the number is, for people (`the first bomb's shock to the peace party`)."""
    value: int | None = None
    """Its value; none when a debate sets it (each of the debate's schools gives one)."""
    assumption: Text = ""
    """Where the number is a modelling assumption, not a historical figure: say so here."""


class SchoolSpec(Spec):
    """One school of a debate: its answer, its sources, and the values it gives."""

    id: Slug
    name: str = Field(min_length=1, max_length=120)
    argument: str = Field(min_length=1, max_length=400)
    """The school's case in one line (the debrief shows it for the school not followed)."""
    cite: str = Field(min_length=1, max_length=300)
    """Where the sources state the view (FACTS.md's citation format)."""
    values: dict[Slug, int]
    """A value for each of the debate's parameters, and for no other."""
    assumption: Text = ""
    """Where the values are the model's reading of the view rather than figures a source gives."""


class DebateSpec(Spec):
    """A contested thesis made a parameter: a question historians answer differently, the named
    parameters the answer sets, two or more schools, and the one the scenario follows (a variant
    may choose another: `set: debates.<id>.school`)."""

    id: Slug
    question: str = Field(min_length=1, max_length=400)
    """The question, in plain words."""
    parameters: list[Slug] = Field(min_length=1, max_length=32)
    """The ids of the `parameters` whose values the chosen school gives."""
    schools: list[SchoolSpec] = Field(min_length=2, max_length=8)
    school: Slug
    """The id of the school the scenario follows."""


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
    audit: AuditSpec = Field(default_factory=AuditSpec)
    victory: VictorySpec | None = None
    """The victory levels' margins (`VictorySpec`); without them a game shows no levels."""
    calibration: list[CalibrationCheckSpec] = Field(default_factory=list, max_length=64)
    """The checks that together define a game "near history" (see `CalibrationCheckSpec`)."""
    parameters: list[ParameterSpec] = Field(default_factory=list)
    """Named numbers the effects use as amounts (see `ParameterSpec`)."""
    debates: list[DebateSpec] = Field(default_factory=list)
    """Contested theses whose schools set parameters (see `DebateSpec`)."""

    def mechanic_specs(self) -> list[tuple[str, Loc, Any]]:
        """Returns (kind, location, spec) of each mechanic, kinds in the table's order."""
        out: list[tuple[str, Loc, Any]] = []
        for kind in self._table():
            value = getattr(self.mechanics, kind, None)
            if isinstance(value, list):
                out.extend((kind, ("mechanics", kind, i), v) for i, v in enumerate(value))
            elif value is not None:
                out.append((kind, ("mechanics", kind), value))
        return out

    @classmethod
    def _table(cls) -> Mapping[str, MechanicKind]:
        return getattr(cls, "__mechanics__", MECHANICS)


def scenario_model(table: Mapping[str, MechanicKind] = MECHANICS) -> type[ScenarioSpec]:
    """Returns the scenario format for the mechanics in `table` (the shipped `MECHANICS`, or
    that table and more: a mechanic under development, a test's example)."""
    if table is MECHANICS:
        return ScenarioSpec
    return _scenario_model(tuple(table.items()))


@functools.cache
def _scenario_model(rows: tuple[tuple[str, MechanicKind], ...]) -> type[ScenarioSpec]:
    table = dict(rows)
    mechanics = mechanics_model(table)
    model = create_model(
        "ScenarioSpec",
        __base__=ScenarioSpec,
        mechanics=(mechanics, Field(default_factory=mechanics)),
    )
    model.__mechanics__ = table  # type: ignore[attr-defined]
    return model


# ------------------------------------------------------------------ variants


class ChangeSpec(Spec):
    """One patch: set the value at a path (`events.us_recognition.probability`), switch an
    event off or on, or leave an event one option (`keep_option: event.option`: the choice
    history did not make, made for every agent, not only for the historical script)."""

    set: str | None = Field(default=None, max_length=300)
    value: Any = None
    disable_event: Slug | None = None
    force_event: Slug | None = None
    keep_option: str | None = Field(
        default=None, max_length=130, pattern=r"^[a-z0-9_]+\.[a-z0-9_]+$"
    )


class ExpectSpec(Spec):
    """What a counterfactual should move, and which way the sources argue (a variant's
    `expect:`; measured by `python main.py variants`, README "Counterfactuals").

    It reads one thing of each finished game's result, as `simulate` writes it: a `figure`
    (its mean: a date figure as days, a value in its unit; `unset` stands for a game in which it
    never happened — say why in `unset_why`), or, with `between`, the share of games whose
    figure lies in that range; or the share of games that ended by one of the `end` rules or in
    one of the `outcome` classes. `direction` says whether the variant should raise (`up`) or
    lower (`down`) it against the scenario as in history, on the same seeds."""

    id: Slug
    label: str = Field(min_length=1, max_length=120)
    """The headline figure, in plain words (`the date of Japan's acceptance`)."""
    direction: Literal["up", "down"]
    why: Text = Field(min_length=1)
    """Why the sources argue that direction (or that it is the variant's premise)."""
    cite: str = Field(min_length=1, max_length=300)
    figure: Slug | None = None
    end: list[Slug] | None = Field(default=None, min_length=1, max_length=16)
    outcome: list[Slug] | None = Field(default=None, min_length=1, max_length=16)
    between: list[dt.date | float | None] | None = Field(default=None, min_length=2, max_length=2)
    """[low, high], both included: the share of games whose figure lies in it."""
    unset: dt.date | float | None = None
    """A figure's value in a game where it never happened (needed for a mean of a figure)."""
    unset_why: str = ""


class VariantSpec(Spec):
    """A counterfactual: a small file that patches a scenario."""

    variant: Slug
    scenario: ScenarioId
    title: str = Field(max_length=120)
    question: Text
    sources_view: Text = ""
    cite: str = ""
    expect: list[ExpectSpec] = Field(default_factory=list, max_length=8)
    """The headline figures the counterfactual should move, with the direction the sources
    argue; empty only for a variant that is not a counterfactual (a later start)."""
    changes: list[ChangeSpec] = Field(min_length=1)
