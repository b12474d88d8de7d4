"""Rules: a compiled, frozen scenario. The engine sees only these values, not files or pydantic."""

from __future__ import annotations

import datetime as dt
from collections.abc import Mapping
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any, Final

from game.core.conditions import Condition, Odds, Pred
from game.core.debates import Debate
from game.core.effects import Effect

if TYPE_CHECKING:
    from game.core.log import LogEntry
    from game.core.mechanics.base import Mechanic
    from game.core.persona import Persona

NO_TRACK: Final = -1
"""A track index that names no track (a score term of a constant, a bidder paying at par)."""
NO_DAY: Final = -1
"""A distance term's `history_day` when the fact is a value, not a date."""


@dataclass(frozen=True, slots=True)
class FactionDef:
    index: int
    id: str
    name: str
    leader: str
    briefing: str
    goals: tuple[str, ...]


@dataclass(frozen=True, slots=True)
class Threshold:
    """A mark on a track's meter: from `at` on, the rules close some options and open others
    (as the scenario's conditions say); `label` says what in words."""

    at: int
    label: str


@dataclass(frozen=True, slots=True)
class TrackDef:
    """A number of the game: a tension, a readiness, a price, a flag (0/1)."""

    index: int
    id: str
    name: str
    description: str
    lo: int
    hi: int
    initial: int
    initial_high: int
    """Upper end of the initial value's range; equal to `initial` for a fixed start."""
    mask: int
    """Bit i set: faction i observes this track."""
    owner: int
    """Faction whose resource or meter this is; -1 for a shared track."""
    scale: int
    """Divide by this to show the value in `unit` (a price held in tenths has scale 10)."""
    unit: str
    thresholds: tuple[Threshold, ...] = ()
    """Marks on the track's meter, lowest first (the scenario's `thresholds:`)."""
    raisers: tuple[int, ...] = ()
    """With `raisers: true`, per faction the index of the track that sums the rises this
    faction's orders and event answers caused (`<id>_by_<faction>`); empty otherwise."""
    shares: tuple[int, ...] = ()
    """Per faction, the track of its share (percent) of those attributed rises
    (`<id>_share_<faction>`); empty unless `raisers`."""

    def unset(self, value: int) -> bool:
        """True for a record that starts at -1 (its lowest value) and still holds it: a figure
        whose season has not come, a date that has not happened."""
        return value == -1 and self.lo == -1 and self.initial == -1


@dataclass(frozen=True, slots=True)
class ActionDef:
    """A scenario-defined action (verb `do`): preconditions, cost, odds and effects."""

    index: int
    id: str
    faction: int
    label: str
    text: str
    cite: str
    priority: int
    cond: Condition | None
    pred: Pred
    cost: tuple[tuple[int, int], ...]
    """(track, amount) pairs paid from the faction's resources when the order resolves."""
    effects: tuple[Effect, ...]
    odds: Odds | None
    success: tuple[Effect, ...]
    failure: tuple[Effect, ...]
    mask: int
    """Who learns of the order when it resolves."""
    historical: str
    """One line on what was done historically, with its source."""


@dataclass(frozen=True, slots=True)
class OptionDef:
    index: int
    id: str
    label: str
    text: str
    effects: tuple[Effect, ...]
    historical: bool


@dataclass(frozen=True, slots=True)
class EventDef:
    """A historical or conditional event: when it may fire, its odds, effects and options."""

    index: int
    id: str
    title: str
    text: str
    cite: str
    first: int
    """First turn it may fire on."""
    last: int
    """Last turn it may fire on."""
    pred: Pred
    odds: Odds
    repeat: bool
    effects: tuple[Effect, ...]
    chooser: int
    """Faction that picks an option; -1 when the event has no options."""
    options: tuple[OptionDef, ...]
    mask: int
    date: dt.date | None = None
    """The event's own date, if it has one (it fires on the turn that contains it)."""


@dataclass(frozen=True, slots=True)
class EndRule:
    """A condition that ends the game, checked after each turn's events, in order."""

    index: int
    id: str
    label: str
    text: str
    pred: Pred
    effects: tuple[Effect, ...]


@dataclass(frozen=True, slots=True)
class OutcomeClass:
    """A named class of result, the first whose condition holds at the end."""

    id: str
    label: str
    text: str
    pred: Pred


@dataclass(frozen=True, slots=True)
class ScoreTerm:
    """`weight * tracks[track] + constant`, counted when `pred` holds."""

    track: int
    weight: float
    constant: float
    pred: Pred


@dataclass(frozen=True, slots=True)
class PlanStep:
    """A historical step for the `historical` agent: in turns first..last, when `pred`
    holds, prefer the first legal action of `actions` (notations)."""

    first: int
    last: int
    pred: Pred
    actions: tuple[str, ...]
    note: str


@dataclass(frozen=True, slots=True)
class Figure:
    """A key number written into each simulated game's record (a price, a date)."""

    id: str
    label: str
    track: int
    kind: str
    """`value` (shown in the track's unit) or `date` (the track holds a turn index, -1 = never)."""


@dataclass(frozen=True, slots=True)
class BaselineItem:
    """One dated fact of what actually happened, with its source."""

    date: dt.date
    text: str
    cite: str
    """Source citation, in FACTS.md's format."""


@dataclass(frozen=True, slots=True)
class Baseline:
    """What actually happened, to compare a game with (the scenario's `baseline:`)."""

    outcome_class: str
    """Id of the outcome class history fell into."""
    summary: str
    figures: tuple[tuple[str, float | str], ...] = ()
    """(figure id, historical value) in the scenario's order: a number, or a date as text
    (`1935-03`)."""
    timeline: tuple[BaselineItem, ...] = ()

    def figure(self, figure_id: str) -> float | str | None:
        """Returns the historical value of a figure, or None if history gives none."""
        for fid, value in self.figures:
            if fid == figure_id:
                return value
        return None

    def to_dict(self) -> dict[str, Any]:
        """Returns the baseline as JSON-ready data, as the scenario file gives it."""
        return {
            "outcome_class": self.outcome_class,
            "summary": self.summary,
            "figures": dict(self.figures),
            "timeline": [
                {"date": item.date.isoformat(), "text": item.text, "cite": item.cite}
                for item in self.timeline
            ],
        }


@dataclass(frozen=True, slots=True)
class DistanceTerm:
    """One fact of the distance from history (see the scenario format's `DistanceTermSpec`)."""

    id: str
    label: str
    track: int
    history_day: int
    """Ordinal of the historical date for a date fact; NO_DAY for a value fact."""
    history_value: float
    scale: float
    weight: float
    cap: float
    pred: Pred


@dataclass(frozen=True, slots=True)
class VictoryMargins:
    """The scenario's margins for victory levels, in its score unit, one pair for every side:
    a side's score minus its par (the historical path's score) is a draw within `draw`, a
    marginal result from `draw`, a decisive one from `decisive` (`game.core.victory`)."""

    unit: str
    draw: float
    decisive: float


@dataclass(frozen=True, slots=True)
class CalibrationCheck:
    """One fact a game near history shows at its end (the scenario's `calibration:`).

    `reads` says what the check reads of the final state: `value` (a track, in its unit:
    the stored value over `scale`), `date` (a track holding a turn index, compared as the
    turn's date ordinal), `regions` (each control track in `tracks` equals `holder`), `end`
    (the end rule's id is in `names`) or `outcome` (the outcome class's id is in `names`).
    """

    id: str
    label: str
    cite: str
    reads: str
    source: str
    """What is read, as the file names it (`figure agreed`, `regions held by ussr`)."""
    tracks: tuple[int, ...] = ()
    scale: int = 1
    low: float | None = None
    """The range's low end (inclusive; a date ordinal for `date`); None for an open end."""
    high: float | None = None
    holder: int = -1
    names: tuple[str, ...] = ()


@dataclass(frozen=True, slots=True)
class Expectation:
    """A counterfactual's headline figure and the direction the sources argue (a variant's
    `expect:`), read from each finished game's result line (`game.sim.counterfactual`).

    `reads` is `mean` (the mean of a figure: a date as its ordinal, `unset` standing for a game
    in which it never happened) or `share` (the share of games whose figure lies in [low, high],
    or that ended by one of `ends`, or in one of `outcomes`)."""

    id: str
    label: str
    direction: int
    """+1: the variant should raise the figure; -1: lower it."""
    why: str
    cite: str
    reads: str
    source: str
    """What is read, as the file names it (`figure accepted`, `outcome soviet_hokkaido`)."""
    figure: str = ""
    kind: str = ""
    """The figure's kind: `date` or `value` ("" when no figure is read)."""
    low: float | None = None
    high: float | None = None
    unset: float | None = None
    ends: tuple[str, ...] = ()
    outcomes: tuple[str, ...] = ()


@dataclass(frozen=True, slots=True)
class Rules:
    """A compiled scenario."""

    id: str
    title: str
    period: str
    summary: str
    variant: str | None
    factions: tuple[FactionDef, ...]
    tracks: tuple[TrackDef, ...]
    calendar: tuple[dt.date, ...]
    max_orders: int
    actions: tuple[ActionDef, ...]
    events: tuple[EventDef, ...]
    each_turn: tuple[Effect, ...]
    end_rules: tuple[EndRule, ...]
    time_limit_rule: int
    outcome_classes: tuple[OutcomeClass, ...]
    scoring: tuple[tuple[ScoreTerm, ...], ...]
    score_scale: float
    plans: tuple[tuple[PlanStep, ...], ...]
    figures: tuple[Figure, ...]
    baseline: Baseline
    mechanics: tuple[Mechanic, ...] = field(default=())
    """The scenario's mechanics, compiled (see `game.core.mechanics`)."""
    distance: tuple[DistanceTerm, ...] = field(default=())
    intended: tuple[tuple[str, str], ...] = field(default=())
    """Options the dominance audit may find always best: (notation, the design's reason)."""
    victory: VictoryMargins | None = None
    """The margins of the victory levels; None if the scenario gives none (no levels)."""
    parameters: tuple[tuple[str, int], ...] = field(default=())
    """(id, value) of the scenario's named parameters, as compiled into the effects (for
    people and tests: the rules read the numbers in the effects, never this)."""
    debates: tuple[Debate, ...] = field(default=())
    """The contested theses the numbers take a side in, with the school this game follows."""
    calibration: tuple[CalibrationCheck, ...] = field(default=())
    """The checks that together define a game "near history" (`game.sim.calibration`)."""
    personas: tuple[Persona | None, ...] = field(default=())
    """Per faction, what its government wanted and believed (None: no persona in the file)."""
    expectations: tuple[Expectation, ...] = field(default=())
    """A variant's headline figures and the directions the sources argue (none without one)."""

    def raw_score(self, faction: int, tracks: tuple[int, ...], turn: int, fired: int) -> float:
        """Returns a faction's score terms summed, before the scenario's scale divides them
        (`Game.score`; a persona's aim on its side's score)."""
        total = 0.0
        for term in self.scoring[faction]:
            if term.pred(tracks, turn, fired):
                total += term.constant + (
                    term.weight * tracks[term.track] if term.track != NO_TRACK else 0
                )
        return total

    def class_index(self, tracks: tuple[int, ...], turn: int, fired: int) -> int:
        """Returns the index of the first outcome class whose condition holds, or -1."""
        for i, cls in enumerate(self.outcome_classes):
            if cls.pred(tracks, turn, fired):
                return i
        return -1

    def persona(self, faction: int) -> Persona | None:
        """Returns a faction's persona, or None if the scenario gives it none."""
        return self.personas[faction] if faction < len(self.personas) else None

    def parameter(self, parameter_id: str) -> int:
        """Returns the value of a named parameter; KeyError names it if unknown."""
        for pid, value in self.parameters:
            if pid == parameter_id:
                return value
        raise KeyError(f"unknown parameter {parameter_id!r}")

    def derived_tracks(self) -> frozenset[int]:
        """The engine's bookkeeping tracks (who raised a track, their shares), not for people:
        the front end shows them on the raised track's meter, the texts leave them out."""
        return frozenset(i for t in self.tracks for i in (*t.raisers, *t.shares))

    def not_yet(self, track: int, values: Mapping[int, int]) -> bool:
        """True while `track` holds no meaningful value yet by its mechanic's rule
        (`Mechanic.not_yet`: a deal's price and terms before any agreement), given the values
        an observer sees, by index: the front end and the texts show it as not set."""
        return any(m.not_yet(track, values) for m in self.mechanics)

    def track_index(self, track_id: str) -> int:
        """Returns the index of the track with this id; KeyError names it if unknown."""
        for track in self.tracks:
            if track.id == track_id:
                return track.index
        raise KeyError(f"unknown track {track_id!r}")

    def faction_index(self, faction_id: str) -> int:
        """Returns the index of the faction with this id; KeyError names it if unknown."""
        for faction in self.factions:
            if faction.id == faction_id:
                return faction.index
        raise KeyError(f"unknown faction {faction_id!r}")

    def date(self, turn: int) -> dt.date:
        """Returns the calendar date of a turn (the last date for turns past the end)."""
        return self.calendar[min(max(turn, 0), len(self.calendar) - 1)]

    def line_date(self, entry: LogEntry) -> dt.date:
        """Returns the date a chronicle line is told under: its own (a dated event's, in a turn
        that lasts longer than a day), else its turn's."""
        return entry.date if entry.date is not None else self.date(entry.turn)
