"""Compiles a validated `ScenarioSpec` into the engine's `Rules` (slugs become int indexes)."""

from __future__ import annotations

import dataclasses
import datetime as dt
from collections import Counter
from collections.abc import Mapping, Sequence
from typing import Any

from game.core import conditions as c
from game.core.actions import CHOOSE, DO, END
from game.core.mechanics.base import Mechanic
from game.core.notation import notation as _notation_of
from game.core.notation import parse_action
from game.core.rules import (
    NO_DAY,
    NO_TRACK,
    ActionDef,
    Baseline,
    BaselineItem,
    DistanceTerm,
    EndRule,
    EventDef,
    FactionDef,
    Figure,
    OptionDef,
    OutcomeClass,
    PlanStep,
    Rules,
    ScoreTerm,
    Threshold,
    TrackDef,
    VictoryMargins,
)
from game.core.state import NOBODY
from game.scenario import schema as s
from game.scenario.calendar import expand, turn_containing
from game.scenario.compile_calibration import CalibrationCompiler
from game.scenario.compile_debates import DebateCompiler
from game.scenario.compile_language import LanguageCompiler, Loc
from game.scenario.compile_map import MapCompiler, spec_of
from game.scenario.compile_persona import PersonaCompiler
from game.scenario.compile_visibility import VisibilityChecks
from game.scenario.mechanics import MECHANICS, Context, MechanicKind, NewTrack
from game.scenario.shadowing import shadowed_classes
from game.scenario.usage import TrackUse

ENGINE_VERBS = {END, CHOOSE, DO}
RAISED = (0, 1_000_000)
"""Range of a track that sums one faction's rises of another track over a game."""


def raised_by(track: str, faction: str) -> str:
    """Returns the id of the track that sums the rises of `track` caused by `faction`."""
    return f"{track}_by_{faction}"


def share_of(track: str, faction: str) -> str:
    """Returns the id of the track of `faction`'s share (percent) of `track`'s attributed
    rises."""
    return f"{track}_share_{faction}"


class CompileError(ValueError):
    """Faults found while compiling, each with its location in the scenario data."""

    def __init__(self, faults: list[tuple[Loc, str]]) -> None:
        self.faults = faults
        super().__init__("; ".join(f"{'.'.join(map(str, loc))}: {msg}" for loc, msg in faults))


class _Compiler(
    LanguageCompiler,
    MapCompiler,
    VisibilityChecks,
    DebateCompiler,
    CalibrationCompiler,
    PersonaCompiler,
):
    """The data language's steps are in `compile_language`, the map's in `compile_map`, the
    visibility checks in `compile_visibility`, the parameters' and debates' in
    `compile_debates`, the calibration checks' in `compile_calibration`, the personas' in
    `compile_persona`."""

    def __init__(self, spec: s.ScenarioSpec, table: Mapping[str, MechanicKind] = MECHANICS) -> None:
        self.spec = spec
        self.table = table
        self.faults: list[tuple[Loc, str]] = []
        self.warnings: list[tuple[Loc, str]] = []
        self.uses = TrackUse()
        self.factions = self._index(spec.factions, ("factions",))
        self.track_specs: list[tuple[s.TrackSpec, Loc]] = [
            (t, ("tracks", i)) for i, t in enumerate(spec.tracks)
        ]
        self.track_specs.extend(self._map_tracks())
        self._check_names()
        for kind, loc, mspec in spec.mechanic_specs():
            made = table[kind].tracks(mspec, Context(self, loc))
            self.track_specs.extend((spec_of(t), loc) for t in made)
        self.track_specs.extend(self._raiser_tracks())
        self.tracks = self._track_ids()
        self.raisers, self.derived = self._raiser_indexes()
        self.events = self._index(spec.events, ("events",))
        self.end_ids = self._index(spec.end_rules, ("end_rules",))
        if spec.time_limit.id in self.end_ids:
            self.fail(("time_limit", "id"), f"{spec.time_limit.id!r} is also an end rule id")
        self.end_ids[spec.time_limit.id] = len(spec.end_rules)
        self._index(spec.actions, ("actions",))
        self._index(spec.outcome_classes, ("outcome_classes",))
        self.params, self.debates = self.parameter_values()
        self.params_used: set[str] = set()
        try:
            self.calendar = expand(spec.calendar)
        except ValueError as exc:
            self.fail(("calendar",), str(exc))
            self.calendar = (spec.calendar[0].start,)

    def fail(self, loc: Loc, message: str) -> None:
        self.faults.append((loc, message))

    def _check_names(self) -> None:
        """Several mechanics of one kind need distinct names (their verbs are `name.verb`)."""
        specs = self.spec.mechanic_specs()
        counts = Counter(kind for kind, _, _ in specs)
        named: dict[str, set[str]] = {}
        for kind, loc, mspec in specs:
            names = named.setdefault(kind, set())
            if counts[kind] > 1 and (mspec.name is None or mspec.name in names):
                self.fail((*loc, "name"), f"several {kind} mechanics need distinct names")
            names.add(mspec.name or "")

    def _raiser_tracks(self) -> list[tuple[s.TrackSpec, Loc]]:
        """Returns, for each file track with `raisers: true`, the tracks the engine keeps of
        who raised it: per faction the sum of its rises, then per faction its share."""
        out: list[tuple[s.TrackSpec, Loc]] = []
        factions = self.spec.factions
        for i, t in enumerate(self.spec.tracks):
            if not t.raisers:
                continue
            loc: Loc = ("tracks", i, "raisers")
            lower = t.name[:1].lower() + t.name[1:]
            for f in factions:
                made = NewTrack(
                    raised_by(t.id, f.id), f"{t.name} raised by {f.name}", RAISED, 0, t.visible_to
                )
                out.append((spec_of(made), loc))
            for f in factions:
                made = NewTrack(
                    share_of(t.id, f.id),
                    f"{f.name}'s share of the {lower} raised",
                    (0, 100),
                    100 // len(factions),
                    t.visible_to,
                )
                out.append((spec_of(made), loc))
        return out

    def _raiser_indexes(
        self,
    ) -> tuple[dict[int, tuple[tuple[int, ...], tuple[int, ...]]], set[int]]:
        """Returns track index → (its per-faction rise tracks, its share tracks) for the tracks
        whose raisers are recorded, and the set of those derived tracks (no effect may write
        them: the engine keeps them)."""
        out: dict[int, tuple[tuple[int, ...], tuple[int, ...]]] = {}
        derived: set[int] = set()
        factions = self.spec.factions
        for t in self.spec.tracks:
            if not t.raisers or t.id not in self.tracks:
                continue
            by = tuple(self.tracks.get(raised_by(t.id, f.id), 0) for f in factions)
            share = tuple(self.tracks.get(share_of(t.id, f.id), 0) for f in factions)
            out[self.tracks[t.id]] = (by, share)
            derived.update(by, share)
        return out, derived

    def _track_ids(self) -> dict[str, int]:
        """Returns track id → index; a duplicate is reported where it is written (the file's
        tracks) or made (a map region, a mechanic)."""
        out: dict[str, int] = {}
        own = len(self.spec.tracks)
        for i, (track, loc) in enumerate(self.track_specs):
            if track.id in out:
                where = (*loc, "id") if i < own else loc
                self.fail(where, f"duplicate id {track.id!r}")
            out.setdefault(track.id, i)
        return out

    def index(self, items: Sequence[Any], loc: Loc) -> dict[str, int]:
        """Returns id → position of `items`, reporting duplicate ids at `loc`."""
        return self._index(items, loc)

    def _index(self, items: Sequence[Any], loc: Loc) -> dict[str, int]:
        out: dict[str, int] = {}
        for i, item in enumerate(items):
            if item.id in out:
                self.fail((*loc, i, "id"), f"duplicate id {item.id!r}")
            out.setdefault(item.id, i)
        return out

    # --------------------------------------------------------------- sections

    def compile(self, variant: str | None) -> Rules:
        spec = self.spec
        factions = tuple(
            FactionDef(i, f.id, f.name, f.leader, f.briefing, tuple(f.goals))
            for i, f in enumerate(spec.factions)
        )
        tracks = tuple(self._track(i, t, loc) for i, (t, loc) in enumerate(self.track_specs))
        self.compiled_tracks = tracks
        actions = tuple(self._action(i, a) for i, a in enumerate(spec.actions))
        events = tuple(self._event(i, ev) for i, ev in enumerate(spec.events))
        ends = [*spec.end_rules, spec.time_limit]
        end_rules = tuple(
            self._end_rule(i, r, ("end_rules", i) if i < len(spec.end_rules) else ("time_limit",))
            for i, r in enumerate(ends)
        )
        classes = tuple(
            OutcomeClass(
                o.id,
                o.label,
                o.text,
                c.predicate(self.cond(o.when, ("outcome_classes", i, "when"))),
            )
            for i, o in enumerate(spec.outcome_classes)
        )
        if spec.baseline.outcome_class not in {o.id for o in spec.outcome_classes}:
            self.fail(
                ("baseline", "outcome_class"), f"unknown class {spec.baseline.outcome_class!r}"
            )
        mechanics = self._mechanics()
        self._check_readings(mechanics)
        self._check_actions(actions)
        rules = Rules(
            id=spec.id,
            title=spec.title,
            period=spec.period,
            summary=spec.summary,
            variant=variant,
            factions=factions,
            tracks=tracks,
            calendar=self.calendar,
            max_orders=spec.max_orders,
            actions=actions,
            events=events,
            each_turn=self.effects(spec.each_turn, ("each_turn",)),
            end_rules=end_rules,
            time_limit_rule=len(spec.end_rules),
            outcome_classes=classes,
            scoring=self._scoring(tracks),
            score_scale=spec.scoring.scale,
            plans=(),
            figures=tuple(
                Figure(f.id, f.label, self.track(f.track, ("figures", i, "track")), f.kind)
                for i, f in enumerate(spec.figures)
            ),
            baseline=_baseline(spec.baseline),
            mechanics=mechanics,
            distance=tuple(self._distance(i, d) for i, d in enumerate(spec.distance)),
            victory=(
                VictoryMargins(spec.victory.unit, spec.victory.draw, spec.victory.decisive)
                if spec.victory is not None
                else None
            ),
            parameters=tuple(self.params.items()),
            debates=self.debates,
            calibration=self.calibration(),
            personas=self.personas(tracks, classes),
        )
        plans = self._plans(rules)
        intended = self._intended(rules)
        if self.faults:
            raise CompileError(self.faults)
        # Only the file's own tracks: the map's and the mechanics' are read by what makes them.
        self.warnings = self.uses.warnings(
            [(t.id, ("tracks", i, "id")) for i, t in enumerate(spec.tracks)]
        )
        self.warnings.extend(shadowed_classes(spec.outcome_classes))
        self.warnings.extend(
            (("parameters", i, "id"), f"parameter {p.id!r} is named by no effect")
            for i, p in enumerate(spec.parameters)
            if p.id not in self.params_used
        )
        return dataclasses.replace(rules, plans=plans, intended=intended)

    def _intended(self, rules: Rules) -> tuple[tuple[str, str], ...]:
        out = []
        for i, item in enumerate(self.spec.audit.intended):
            try:
                action = parse_action(rules, item.option)
            except ValueError as exc:
                self.fail(("audit", "intended", i, "option"), str(exc))
                continue
            out.append((_notation_of(rules, action), item.reason.strip()))
        return tuple(out)

    def _distance(self, i: int, d: s.DistanceTermSpec) -> DistanceTerm:
        loc: Loc = ("distance", i)
        if (d.turn_of is None) == (d.track is None):
            self.fail(loc, "a distance term names either turn_of (a date fact) or track")
        is_date = isinstance(d.history, dt.date)
        if d.turn_of is not None and not is_date:
            self.fail((*loc, "history"), "a turn_of fact needs a date as history")
        if d.track is not None and is_date:
            self.fail((*loc, "history"), "a track fact needs a number as history")
        name = d.turn_of or d.track or ""
        track = self.track(name, (*loc, "turn_of" if d.turn_of else "track"))
        day = d.history.toordinal() if isinstance(d.history, dt.date) else NO_DAY
        value = 0.0 if isinstance(d.history, dt.date) else float(d.history)
        cond = self.cond(d.when, (*loc, "when"))
        everyone = (1 << len(self.spec.factions)) - 1  # the distance is shown to every side
        self._visible({track} | c.tracks_of(cond), everyone, loc, "the distance from history")
        pred = c.predicate(cond)
        return DistanceTerm(d.id, d.label, track, day, value, d.scale, d.weight, d.cap, pred)

    def _track(self, i: int, t: s.TrackSpec, loc: Loc) -> TrackDef:
        lo, hi = t.range
        if lo > hi:
            self.fail((*loc, "range"), f"low end {lo} is above high end {hi}")
        first, last = (t.initial, t.initial) if isinstance(t.initial, int) else tuple(t.initial)
        if not lo <= first <= last <= hi:
            self.fail((*loc, "initial"), f"initial value must lie within range [{lo}, {hi}]")
        owner = self.faction(t.owner, (*loc, "owner")) if t.owner else NOBODY
        mask = self.mask(t.visible_to, (*loc, "visible_to"))
        by, share = self.raisers.get(i, ((), ()))
        return TrackDef(
            i,
            t.id,
            t.name,
            t.description,
            lo,
            hi,
            first,
            last,
            mask,
            owner,
            t.scale,
            t.unit,
            self._thresholds(t, loc),
            by,
            share,
        )

    def _thresholds(self, t: s.TrackSpec, loc: Loc) -> tuple[Threshold, ...]:
        """Returns a track's thresholds, checked: each within the track's range, above the one
        before, and labelled in words (not a bare number), each label once."""
        lo, hi = t.range
        out: list[Threshold] = []
        for j, mark in enumerate(t.thresholds):
            where: Loc = (*loc, "thresholds", j)
            if not lo <= mark.at <= hi:
                self.fail((*where, "at"), f"{mark.at} lies outside the track's range [{lo}, {hi}]")
            elif out and mark.at <= out[-1].at:
                self.fail(
                    (*where, "at"),
                    f"{mark.at} is not above the threshold before it ({out[-1].at}): "
                    "list thresholds in rising order, each once",
                )
            label = mark.label.strip()
            if not any(ch.isalpha() for ch in label):
                self.fail((*where, "label"), f"{mark.label!r} is not in words: say what happens")
            elif any(m.label == label for m in out):
                self.fail((*where, "label"), f"{label!r} labels two thresholds")
            out.append(Threshold(mark.at, label))
        return tuple(out)

    def _action(self, i: int, a: s.ActionSpec) -> ActionDef:
        loc: Loc = ("actions", i)
        if a.id in ENGINE_VERBS or any(a.id in k.verbs for k in self.table.values()):
            self.fail((*loc, "id"), f"{a.id!r} is a reserved verb")
        cond = self.cond(a.when, (*loc, "when"))
        return ActionDef(
            index=i,
            id=a.id,
            faction=self.faction(a.faction, (*loc, "faction")),
            label=a.label,
            text=a.text,
            cite=a.cite,
            priority=a.priority,
            cond=cond,
            pred=c.predicate(cond),
            cost=tuple((self.track(k, (*loc, "cost", k)), v) for k, v in a.cost.items()),
            effects=self.effects(a.effects, (*loc, "effects")),
            odds=self.odds(a.odds, (*loc, "odds")) if a.odds is not None else None,
            success=self.effects(a.success, (*loc, "success")),
            failure=self.effects(a.failure, (*loc, "failure")),
            mask=self.mask(a.visible_to, (*loc, "visible_to")),
            historical=a.historical,
        )

    def _event(self, i: int, ev: s.EventSpec) -> EventDef:
        loc: Loc = ("events", i)
        if ev.date is not None:
            if ev.after is not None or ev.before is not None:
                self.fail((*loc, "date"), "give either date or after/before, not both")
            turn = turn_containing(self.calendar, ev.date)
            if turn < 0:
                self.fail((*loc, "date"), f"{ev.date} is before the first turn")
            first = last = turn
        else:
            first, last = self.turn_range(ev.after, ev.before)
        if (ev.chooser is None) != (not ev.options):
            self.fail(loc, "an event with options needs a chooser, and a chooser needs options")
        chooser = self.faction(ev.chooser, (*loc, "chooser")) if ev.chooser else NOBODY
        options = tuple(
            OptionDef(
                j,
                o.id,
                o.label,
                o.text,
                self.effects(o.effects, (*loc, "options", j, "effects")),
                o.historical,
            )
            for j, o in enumerate(ev.options)
        )
        if len({o.id for o in options}) != len(options):
            self.fail((*loc, "options"), "duplicate option id")
        cond = self.cond(ev.when, (*loc, "when"))
        return EventDef(
            index=i,
            id=ev.id,
            title=ev.title,
            text=ev.text,
            cite=ev.cite,
            first=first,
            last=last,
            pred=c.predicate(cond),
            odds=self.odds(ev.probability, (*loc, "probability")),
            repeat=ev.repeat,
            effects=self.effects(ev.effects, (*loc, "effects")),
            chooser=chooser,
            options=options,
            mask=self.mask(ev.visible_to, (*loc, "visible_to")),
            date=ev.date,
        )

    def _end_rule(self, i: int, r: s.EndRuleSpec, loc: Loc) -> EndRule:
        cond = self.cond(r.when, (*loc, "when"))
        pred = c.predicate(cond) if cond is not None else (lambda tracks, turn, fired: False)
        return EndRule(i, r.id, r.label, r.text, pred, self.effects(r.effects, (*loc, "effects")))

    def _scoring(self, tracks: tuple[TrackDef, ...]) -> tuple[tuple[ScoreTerm, ...], ...]:
        spec = self.spec.scoring
        for name in spec.factions:
            self.faction(name, ("scoring", "factions", name))
        out = []
        for f, faction in enumerate(self.spec.factions):
            terms = []
            specs = spec.factions.get(faction.id)
            if specs is None:
                self.fail(("scoring", "factions"), f"no score for faction {faction.id!r}")
                specs = []
            for j, t in enumerate(specs):
                loc: Loc = ("scoring", "factions", faction.id, j)
                track = self.track(t.track, (*loc, "track")) if t.track else NO_TRACK
                cond = self.cond(t.when, (*loc, "when"))
                read = c.tracks_of(cond) | ({track} if track >= 0 else set())
                for r in sorted(read):
                    if r < len(tracks) and not tracks[r].mask & (1 << f):
                        self.fail(
                            loc,
                            f"reads track {tracks[r].id!r}, which {faction.id} "
                            "does not observe (a score must be computable from the "
                            "faction's own observation)",
                        )
                terms.append(ScoreTerm(track, t.weight, t.value, c.predicate(cond)))
            out.append(tuple(terms))
        return tuple(out)

    def _plans(self, rules: Rules) -> tuple[tuple[PlanStep, ...], ...]:
        plans: list[list[PlanStep]] = [[] for _ in rules.factions]
        for name, steps in self.spec.historical_plan.items():
            f = self.faction(name, ("historical_plan", name))
            for j, step in enumerate(steps):
                loc: Loc = ("historical_plan", name, j)
                for k, text in enumerate(step.do):
                    try:
                        action = parse_action(rules, text)
                    except ValueError as exc:
                        self.fail((*loc, "do", k), str(exc))
                        continue
                    if action.faction != f:
                        self.fail((*loc, "do", k), f"{text!r} is not an action of {name}")
                first, last = self.turn_range(step.after, step.before)
                cond = self.cond(step.when, (*loc, "when"))
                self._visible(c.tracks_of(cond), 1 << f, (*loc, "when"), "a plan step")
                plans[f].append(PlanStep(first, last, c.predicate(cond), tuple(step.do), step.note))
        return tuple(tuple(p) for p in plans)

    def _mechanics(self) -> tuple[Mechanic, ...]:
        out: list[Mechanic] = []
        for kind, loc, mspec in self.spec.mechanic_specs():
            out.append(self.table[kind].compile(mspec, Context(self, loc)))
        verbs: dict[str, int] = {}
        for i, mechanic in enumerate(out):
            for verb in mechanic.verbs:
                if verb in verbs:
                    self.fail(("mechanics",), f"two mechanics take the verb {verb!r}")
                verbs[verb] = i
        return tuple(out)


def _baseline(spec: s.BaselineSpec) -> Baseline:
    """Returns the typed baseline (its `to_dict()` is the spec's JSON dump)."""
    return Baseline(
        outcome_class=spec.outcome_class,
        summary=spec.summary,
        figures=tuple(spec.figures.items()),
        timeline=tuple(BaselineItem(t.date, t.text, t.cite) for t in spec.timeline),
    )


def compile_rules(
    spec: s.ScenarioSpec,
    variant: str | None = None,
    mechanics: Mapping[str, MechanicKind] = MECHANICS,
) -> Rules:
    """Returns the engine's rules for a validated scenario; CompileError lists dangling references
    and inconsistencies, each with its location in the data. `mechanics` is the table of kinds
    (the shipped one, or one extended by a mechanic under development)."""
    return compile_with_warnings(spec, variant, mechanics)[0]


def compile_with_warnings(
    spec: s.ScenarioSpec,
    variant: str | None = None,
    mechanics: Mapping[str, MechanicKind] = MECHANICS,
) -> tuple[Rules, list[tuple[Loc, str]]]:
    """Returns the rules (as `compile_rules`) and the warnings, each with its location: what
    does not stop the game but is likely a mistake (a declared track no rule reads)."""
    compiler = _Compiler(spec, mechanics)
    if compiler.faults:
        raise CompileError(compiler.faults)
    rules = compiler.compile(variant)
    return rules, compiler.warnings
