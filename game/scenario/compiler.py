"""Compiles a validated `ScenarioSpec` into the engine's `Rules` (slugs become int indexes)."""

from __future__ import annotations

import dataclasses
import datetime as dt
from collections.abc import Sequence
from typing import Any

from game.core import conditions as c
from game.core import effects as e
from game.core.actions import CHOOSE, DO, END
from game.core.log import ALL
from game.core.mechanics.auction import (
    BID,
    NO_TRACK,
    RESERVE,
    TENDER,
    WITHHOLD,
    Auction,
    BidderDef,
    LotDef,
)
from game.core.mechanics.bargaining import ACCEPT, OFFER, TERMS, Bargaining, SideDef, TermsDef
from game.core.mechanics.campaign import ATTACK, Campaign, FrontDef, RegionDef
from game.core.notation import parse_action
from game.core.rules import (
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
    TrackDef,
)
from game.scenario import schema as s
from game.scenario.calendar import expand, first_turn_on_or_after, turn_containing

Loc = tuple[int | str, ...]
RESERVED_VERBS = {
    END,
    CHOOSE,
    DO,
    OFFER,
    TERMS,
    ACCEPT,
    ATTACK,
    BID,
    TENDER,
    RESERVE,
    WITHHOLD,
}


class CompileError(ValueError):
    """Faults found while compiling, each with its location in the scenario data."""

    def __init__(self, faults: list[tuple[Loc, str]]) -> None:
        self.faults = faults
        super().__init__("; ".join(f"{'.'.join(map(str, loc))}: {msg}" for loc, msg in faults))


class _Compiler:
    def __init__(self, spec: s.ScenarioSpec) -> None:
        self.spec = spec
        self.faults: list[tuple[Loc, str]] = []
        self.factions = self._index(spec.factions, ("factions",))
        self.track_specs: list[tuple[s.TrackSpec, Loc]] = [
            (t, ("tracks", i)) for i, t in enumerate(spec.tracks)
        ]
        self.track_specs.extend(self._map_tracks())
        self.tracks = self._index([t for t, _ in self.track_specs], ("tracks",))
        self.events = self._index(spec.events, ("events",))
        self.end_ids = self._index(spec.end_rules, ("end_rules",))
        if spec.time_limit.id in self.end_ids:
            self.fail(("time_limit", "id"), f"{spec.time_limit.id!r} is also an end rule id")
        self.end_ids[spec.time_limit.id] = len(spec.end_rules)
        self._index(spec.actions, ("actions",))
        self._index(spec.outcome_classes, ("outcome_classes",))
        try:
            self.calendar = expand(spec.calendar)
        except ValueError as exc:
            self.fail(("calendar",), str(exc))
            self.calendar = (spec.calendar[0].start,)

    def fail(self, loc: Loc, message: str) -> None:
        self.faults.append((loc, message))

    def _index(self, items: Sequence[Any], loc: Loc) -> dict[str, int]:
        out: dict[str, int] = {}
        for i, item in enumerate(items):
            if item.id in out:
                self.fail((*loc, i, "id"), f"duplicate id {item.id!r}")
            out.setdefault(item.id, i)
        return out

    # ------------------------------------------------------------- references

    def track(self, name: str, loc: Loc) -> int:
        if name not in self.tracks:
            self.fail(loc, f"unknown track {name!r}")
            return 0
        return self.tracks[name]

    def faction(self, name: str, loc: Loc) -> int:
        if name not in self.factions:
            known = ", ".join(self.factions)
            self.fail(loc, f"unknown faction {name!r} (known: {known})")
            return 0
        return self.factions[name]

    def event(self, name: str, loc: Loc) -> int:
        if name not in self.events:
            self.fail(loc, f"unknown event {name!r}")
            return 0
        return self.events[name]

    def mask(self, vis: s.Visibility, loc: Loc) -> int:
        if vis == "all":
            return ALL
        bits = 0
        for i, name in enumerate(vis):
            bits |= 1 << self.faction(name, (*loc, i))
        return bits

    def turn_range(self, after: Any, before: Any) -> tuple[int, int]:
        first = 0 if after is None else first_turn_on_or_after(self.calendar, after)
        last = len(self.calendar) - 1
        if before is not None:
            last = first_turn_on_or_after(self.calendar, before) - 1
        return first, last

    # ------------------------------------------------------ conditions, odds

    def cond(self, spec: Any, loc: Loc) -> c.Condition | None:
        if spec is None:
            return None
        if isinstance(spec, s.TrackCond):
            return self._compare(spec, loc)
        if isinstance(spec, s.DateCond):
            return c.TurnRange(*self.turn_range(spec.after, spec.before))
        if isinstance(spec, s.TurnOfCond):
            track = self.track(spec.turn_of, (*loc, "turn_of"))
            first, last = self.turn_range(spec.after, spec.before)
            return c.AllOf((c.Compare(track, "gte", max(first, 0)), c.Compare(track, "lte", last)))
        if isinstance(spec, s.FiredCond):
            return c.Fired(self.event(spec.fired, (*loc, "fired")))
        if isinstance(spec, s.AllCond | s.AnyCond):
            key = "all" if isinstance(spec, s.AllCond) else "any"
            items = spec.all if isinstance(spec, s.AllCond) else spec.any
            parts = tuple(self.cond(p, (*loc, key, i)) for i, p in enumerate(items))
            clean = tuple(p for p in parts if p is not None)
            return c.AllOf(clean) if key == "all" else c.AnyOf(clean)
        assert isinstance(spec, s.NotCond)
        inner = self.cond(spec.not_, (*loc, "not"))
        return c.Not(inner) if inner is not None else None

    def _compare(self, spec: s.TrackCond, loc: Loc) -> c.Condition | None:
        track = self.track(spec.track, (*loc, "track"))
        parts: list[c.Condition] = []
        for op in c.OPS:
            value = getattr(spec, op)
            if value is None:
                continue
            if isinstance(value, str):
                parts.append(c.Compare(track, op, 0, self.track(value, (*loc, op))))
            else:
                parts.append(c.Compare(track, op, value))
        if not parts:
            self.fail(loc, "a track condition needs one of lt, lte, eq, ne, gte, gt")
            return None
        return parts[0] if len(parts) == 1 else c.AllOf(tuple(parts))

    def odds(self, spec: Any, loc: Loc) -> c.Odds:
        if isinstance(spec, s.OddsSpec):
            terms = tuple(
                (self.track(name, (*loc, "per", name)), w) for name, w in sorted(spec.per.items())
            )
            return c.Odds(spec.base, terms)
        return c.Odds(float(spec))

    # ---------------------------------------------------------------- effects

    def effects(self, specs: Sequence[Any], loc: Loc) -> tuple[e.Effect, ...]:
        out: list[e.Effect] = []
        for i, spec in enumerate(specs):
            out.extend(self._effect(spec, (*loc, i)))
        return tuple(out)

    def _effect(self, spec: Any, loc: Loc) -> list[e.Effect]:
        if isinstance(spec, s.AddEffect):
            return [e.Add(self.track(k, (*loc, "add", k)), v) for k, v in spec.add.items()]
        if isinstance(spec, s.SetEffect):
            return [e.Set(self.track(k, (*loc, "set", k)), v) for k, v in spec.set.items()]
        if isinstance(spec, s.CopyEffect):
            if set(spec.copy_) != {"from", "to"}:
                self.fail((*loc, "copy"), "copy needs both from and to")
                return []
            src = self.track(spec.copy_["from"], (*loc, "copy", "from"))
            return [e.Copy(src, self.track(spec.copy_["to"], (*loc, "copy", "to")))]
        if isinstance(spec, s.SetTurnEffect):
            return [e.SetTurn(self.track(spec.set_turn, (*loc, "set_turn")))]
        if isinstance(spec, s.ChanceEffect):
            return [
                e.Chance(
                    self.odds(spec.chance, (*loc, "chance")),
                    self.effects(spec.then, (*loc, "then")),
                    self.effects(spec.else_, (*loc, "else")),
                    f"{'.'.join(map(str, loc))}:{spec.tag}",
                )
            ]
        if isinstance(spec, s.IfEffect):
            cond = self.cond(spec.if_, (*loc, "if"))
            then = self.effects(spec.then, (*loc, "then"))
            otherwise = self.effects(spec.else_, (*loc, "else"))
            return [e.When(cond, then, otherwise)] if cond is not None else list(then)
        if isinstance(spec, s.SayEffect):
            return [e.Say(spec.say, self.mask(spec.visible_to, (*loc, "visible_to")), spec.cite)]
        assert isinstance(spec, s.EndEffect)
        if spec.end not in self.end_ids:
            self.fail((*loc, "end"), f"unknown end rule {spec.end!r}")
            return []
        return [e.End(self.end_ids[spec.end])]

    # --------------------------------------------------------------- sections

    def compile(self, variant: str | None) -> Rules:
        spec = self.spec
        factions = tuple(
            FactionDef(i, f.id, f.name, f.leader, f.briefing, tuple(f.goals))
            for i, f in enumerate(spec.factions)
        )
        tracks = tuple(self._track(i, t, loc) for i, (t, loc) in enumerate(self.track_specs))
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
        )
        plans = self._plans(rules)
        if self.faults:
            raise CompileError(self.faults)
        return dataclasses.replace(rules, plans=plans)

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
        day = d.history.toordinal() if isinstance(d.history, dt.date) else -1
        value = 0.0 if isinstance(d.history, dt.date) else float(d.history)
        pred = c.predicate(self.cond(d.when, (*loc, "when")))
        return DistanceTerm(d.id, d.label, track, day, value, d.scale, d.weight, d.cap, pred)

    def _track(self, i: int, t: s.TrackSpec, loc: Loc) -> TrackDef:
        lo, hi = t.range
        if lo > hi:
            self.fail((*loc, "range"), f"low end {lo} is above high end {hi}")
        first, last = (t.initial, t.initial) if isinstance(t.initial, int) else tuple(t.initial)
        if not lo <= first <= last <= hi:
            self.fail((*loc, "initial"), f"initial value must lie within range [{lo}, {hi}]")
        owner = self.faction(t.owner, (*loc, "owner")) if t.owner else -1
        mask = self.mask(t.visible_to, (*loc, "visible_to"))
        return TrackDef(
            i, t.id, t.name, t.description, lo, hi, first, last, mask, owner, t.scale, t.unit
        )

    def _action(self, i: int, a: s.ActionSpec) -> ActionDef:
        loc: Loc = ("actions", i)
        if a.id in RESERVED_VERBS:
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
        chooser = self.faction(ev.chooser, (*loc, "chooser")) if ev.chooser else -1
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
            cond=cond,
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
        return EndRule(
            i, r.id, r.label, r.text, cond, pred, self.effects(r.effects, (*loc, "effects"))
        )

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
                track = self.track(t.track, (*loc, "track")) if t.track else -1
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
                plans[f].append(PlanStep(first, last, c.predicate(cond), tuple(step.do), step.note))
        return tuple(tuple(p) for p in plans)

    def _mechanics(self) -> tuple[Any, ...]:
        out: list[Any] = []
        if self.spec.mechanics.bargaining is not None:
            out.append(self._bargaining(self.spec.mechanics.bargaining))
        if self.spec.mechanics.campaign is not None:
            out.append(self._campaign(self.spec.mechanics.campaign))
        if self.spec.mechanics.auction is not None:
            out.append(self._auction(self.spec.mechanics.auction))
        return tuple(out)

    # ------------------------------------------------------------ map, campaign

    def _map_tracks(self) -> list[tuple[s.TrackSpec, Loc]]:
        """Returns the tracks the map and the campaign's fronts generate."""
        out: list[tuple[s.TrackSpec, Loc]] = []
        regions = self.spec.map.regions if self.spec.map else []
        last_faction = max(len(self.spec.factions) - 1, 0)
        factions = {f.id: i for i, f in enumerate(self.spec.factions)}
        for i, r in enumerate(regions):
            loc: Loc = ("map", "regions", i)
            owner = factions.get(r.controller, 0)
            if r.controller not in factions:
                self.fail((*loc, "controller"), f"unknown faction {r.controller!r}")
            out.append(
                (_made(f"ctl_{r.id}", f"{r.name}: controller", [0, last_faction], owner), loc)
            )
            garrison = _made(
                f"gar_{r.id}", f"{r.name}: garrison", [0, 10_000], r.garrison, r.garrison_visible_to
            )
            out.append((garrison, loc))
        campaign = self.spec.mechanics.campaign
        ids = {r.id: i for i, r in enumerate(regions)}
        for i, f in enumerate(campaign.fronts if campaign else []):
            loc = ("mechanics", "campaign", "fronts", i)
            if f.start not in ids:
                self.fail((*loc, "start"), f"unknown region {f.start!r}")
            last_region = max(len(regions) - 1, 0)
            start = ids.get(f.start, 0)
            out.append((_made(f"pos_{f.id}", f"{f.name}: position", [0, last_region], start), loc))
            strength = _made(
                f"str_{f.id}", f"{f.name}: strength", [0, 10_000], f.strength, f.strength_visible_to
            )
            out.append((strength, loc))
        out.extend(self._auction_tracks())
        return out

    def _auction_tracks(self) -> list[tuple[s.TrackSpec, Loc]]:
        """Returns the tracks the auction generates: per lot and per bidder."""
        auction = self.spec.mechanics.auction
        if auction is None:
            return []
        loc: Loc = ("mechanics", "auction")
        factions = {f.id: i for i, f in enumerate(self.spec.factions)}
        names = {f.id: f.name for f in self.spec.factions}
        bidders = [b.faction for b in auction.bidders]
        out: list[tuple[s.TrackSpec, Loc]] = []
        n = len(self.spec.factions)
        for i, lot in enumerate(auction.lots):
            lloc: Loc = (*loc, "lots", i)
            holder = 0
            if lot.holder is not None:
                if lot.holder not in factions:
                    self.fail((*lloc, "holder"), f"unknown faction {lot.holder!r}")
                else:
                    holder = factions[lot.holder] + 1
            if lot.estimate % 10:
                self.fail((*lloc, "estimate"), "an estimate must be a multiple of 10")
            price = lot.estimate if lot.price is None else lot.price
            name = lot.name
            specs = [
                (f"hold_{lot.id}", f"{name}: holder", [0, n], holder),
                (f"price_{lot.id}", f"{name}: rent", [0, 1_000_000], price if holder else 0),
                (f"prev_{lot.id}", f"{name}: holder last season", [0, n], holder),
                (f"open_{lot.id}", f"{name}: let at auction", [0, 1], int(lot.open)),
                (f"haul_{lot.id}", f"{name}: last season's catch", [0, 10_000_000], 0),
            ]
            specs.extend(
                (f"bid_{lot.id}_{b}", f"{name}: last bid of {b}", [0, 1_000_000], 0)
                for b in bidders
            )
            out.extend((_made(*spec), lloc) for spec in specs)
        let = sum(lot.grounds for lot in auction.lots if lot.holder is not None and lot.open)
        for j, b in enumerate(auction.bidders):
            bloc: Loc = (*loc, "bidders", j)
            if b.faction not in factions:
                self.fail((*bloc, "faction"), f"unknown faction {b.faction!r}")
            held = sum(lot.grounds for lot in auction.lots if lot.holder == b.faction and lot.open)
            share = round(100 * held / let) if let else 0
            who = names.get(b.faction, b.faction)
            out.extend(
                (_made(tid, label, [0, 1_000_000], init), bloc)
                for tid, label, init in (
                    (f"grounds_{b.faction}", f"{who}: grounds held", held),
                    (f"share_{b.faction}", f"{who}: share of the let grounds (%)", share),
                    (f"lost_{b.faction}", f"{who}: grounds lost this season", 0),
                    (f"gained_{b.faction}", f"{who}: grounds gained this season", 0),
                    (f"won_{b.faction}", f"{who}: grounds won at the latest auction", 0),
                    (f"catch_{b.faction}", f"{who}: catch to date", 0),
                )
            )
        return out

    def _links(self) -> tuple[list[tuple[int, ...]], list[tuple[int, ...]]]:
        regions = self.spec.map.regions if self.spec.map else []
        ids = {r.id: i for i, r in enumerate(regions)}
        self._index(regions, ("map", "regions"))
        land: list[tuple[int, ...]] = []
        sea: list[tuple[int, ...]] = []
        for i, r in enumerate(regions):
            for kind, links, out in (("land", r.land, land), ("sea", r.sea, sea)):
                found = []
                for j, other in enumerate(links):
                    loc: Loc = ("map", "regions", i, kind, j)
                    if other not in ids:
                        self.fail(loc, f"unknown region {other!r}")
                    elif other == r.id:
                        self.fail(loc, f"{r.id!r} cannot be its own neighbour (a cycle of one)")
                    elif r.id not in getattr(regions[ids[other]], kind):
                        self.fail(loc, f"{other!r} does not list {r.id!r} back as a {kind} link")
                    elif ids[other] in found:
                        self.fail(loc, f"{other!r} is listed twice")
                    else:
                        found.append(ids[other])
                out.append(tuple(found))
        return land, sea

    def _campaign(self, spec: s.CampaignSpec) -> Campaign:
        loc: Loc = ("mechanics", "campaign")
        if self.spec.map is None:
            self.fail(loc, "a campaign needs a map")
            regions_spec: list[s.RegionSpec] = []
        else:
            regions_spec = self.spec.map.regions
        land, sea = self._links()
        regions = tuple(
            RegionDef(
                i,
                r.id,
                r.name,
                r.lon,
                r.lat,
                land[i],
                sea[i],
                self.tracks[f"ctl_{r.id}"],
                self.tracks[f"gar_{r.id}"],
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
                self.tracks[f"pos_{f.id}"],
                self.tracks[f"str_{f.id}"],
                f.amphibious,
                f.text,
            )
            for i, f in enumerate(spec.fronts)
        )
        self._index(spec.fronts, (*loc, "fronts"))
        if spec.min_odds > spec.max_odds:
            self.fail((*loc, "min_odds"), "min_odds is above max_odds")
        return Campaign(
            attacker=self.faction(spec.attacker, (*loc, "attacker")),
            regions=regions,
            fronts=fronts,
            active=c.predicate(self.cond(spec.active, (*loc, "active"))),
            readiness=self.track(spec.readiness, (*loc, "readiness")),
            ceasefire=self.track(spec.ceasefire, (*loc, "ceasefire")),
            min_odds=spec.min_odds,
            max_odds=spec.max_odds,
            loss=spec.loss,
            win_loss=spec.win_loss,
            attrition=spec.attrition,
        )

    def _auction(self, spec: s.AuctionSpec) -> Auction:
        loc: Loc = ("mechanics", "auction")
        waters = self._index(spec.waters, (*loc, "waters"))
        self._index(spec.lots, (*loc, "lots"))
        bidder_ids = [b.faction for b in spec.bidders]
        for j, fid in enumerate(bidder_ids):
            if fid in bidder_ids[:j]:
                self.fail((*loc, "bidders", j, "faction"), f"{fid!r} is listed twice")

        def opt(name: str | None, where: Loc) -> int:
            return NO_TRACK if name is None else self.track(name, where)

        bidders = tuple(
            BidderDef(
                faction=self.faction(b.faction, (*loc, "bidders", j, "faction")),
                name=self.spec.factions[self.factions.get(b.faction, 0)].name,
                funds=self.track(b.funds, (*loc, "bidders", j, "funds")),
                rate=opt(b.rate, (*loc, "bidders", j, "rate")),
                capacity=opt(b.capacity, (*loc, "bidders", j, "capacity")),
                catch_pct=opt(b.catch_pct, (*loc, "bidders", j, "catch_pct")),
                catch=self.tracks[f"catch_{b.faction}"],
                grounds=self.tracks[f"grounds_{b.faction}"],
                share=self.tracks[f"share_{b.faction}"],
                lost=self.tracks[f"lost_{b.faction}"],
                gained=self.tracks[f"gained_{b.faction}"],
                won=self.tracks[f"won_{b.faction}"],
            )
            for j, b in enumerate(spec.bidders)
        )
        lots = []
        for i, lot in enumerate(spec.lots):
            if lot.water not in waters:
                self.fail((*loc, "lots", i, "water"), f"unknown water {lot.water!r}")
            if lot.holder is not None and lot.holder not in bidder_ids:
                self.fail((*loc, "lots", i, "holder"), f"{lot.holder!r} is not a bidder")
            lots.append(
                LotDef(
                    index=i,
                    id=lot.id,
                    name=lot.name,
                    water=waters.get(lot.water, 0),
                    grounds=lot.grounds,
                    estimate=lot.estimate,
                    value=lot.value,
                    text=lot.text,
                    lon=lot.lon,
                    lat=lot.lat,
                    hold=self.tracks[f"hold_{lot.id}"],
                    price=self.tracks[f"price_{lot.id}"],
                    prev=self.tracks[f"prev_{lot.id}"],
                    open=self.tracks[f"open_{lot.id}"],
                    bids=tuple(self.tracks[f"bid_{lot.id}_{b}"] for b in bidder_ids),
                    haul=self.tracks[f"haul_{lot.id}"],
                )
            )
        low, high = spec.run
        if low > high:
            self.fail((*loc, "run"), f"low end {low} is above high end {high}")
        return Auction(
            host=self.faction(spec.host, (*loc, "host")),
            bidders=bidders,
            lots=tuple(lots),
            waters=tuple(w.name for w in spec.waters),
            active=c.predicate(self.cond(spec.active, (*loc, "active"))),
            fishing=c.predicate(self.cond(spec.fishing, (*loc, "fishing"))),
            freeze=self.track(spec.freeze, (*loc, "freeze")),
            reserve=self.track(spec.reserve, (*loc, "reserve")),
            revenue=opt(spec.revenue, (*loc, "revenue")),
            run_low=low,
            run_high=high,
            income_pct=spec.income_pct,
            unit=spec.unit,
            catch_unit=spec.catch_unit,
            on_seizure=self.effects(spec.on_seizure, (*loc, "on_seizure")),
            bidder_ids=tuple(bidder_ids),
        )

    def _bargaining(self, spec: s.BargainingSpec) -> Bargaining:
        loc: Loc = ("mechanics", "bargaining")
        price = self.track(spec.seller.price, (*loc, "seller", "price"))
        known = price < len(self.track_specs)  # an unknown track is already a reported fault
        scale = self.track_specs[price][0].scale if known else 1

        if spec.ceiling < spec.floor:
            self.fail((*loc, "ceiling"), "ceiling is below floor")
        elif (spec.ceiling - spec.floor) / spec.step > 10_000:
            self.fail((*loc, "step"), "more than 10,000 prices between floor and ceiling")

        def units(value: float, field: str) -> int:
            amount = round(value * scale)
            if abs(amount - value * scale) > 1e-6:
                self.fail((*loc, field), f"{value} is finer than the price track's scale")
            return amount

        def side(sd: s.SideSpec, key: str) -> SideDef:
            f = self.faction(sd.faction, (*loc, key, "faction"))
            return SideDef(
                faction=f,
                price=self.track(sd.price, (*loc, key, "price")),
                terms=self.track(sd.terms, (*loc, key, "terms")),
                accept_odds=self.odds(sd.accept_odds, (*loc, key, "accept_odds")),
                on_refusal=self.effects(sd.on_refusal, (*loc, key, "on_refusal")),
                name=self.spec.factions[f].name,
            )

        def tr(field: str) -> int:
            return self.track(getattr(spec, field), (*loc, field))

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
            unit=self.track_specs[price][0].unit,
            terms_defs=tuple(
                TermsDef(t.id, t.label, t.text, t.seller_pct, t.buyer_pct) for t in spec.terms
            ),
            on_agreement=self.effects(spec.on_agreement, (*loc, "on_agreement")),
        )


def _baseline(spec: s.BaselineSpec) -> Baseline:
    """Returns the typed baseline (its `to_dict()` is the spec's JSON dump)."""
    return Baseline(
        outcome_class=spec.outcome_class,
        summary=spec.summary,
        figures=tuple(spec.figures.items()),
        timeline=tuple(BaselineItem(t.date, t.text, t.cite) for t in spec.timeline),
    )


def _made(
    tid: str, name: str, rng: list[int], initial: int, visible: s.Visibility = "all"
) -> s.TrackSpec:
    """Returns the spec of a track a map, campaign or auction generates."""
    return s.TrackSpec(id=tid, name=name, range=rng, initial=initial, visible_to=visible)


def compile_rules(spec: s.ScenarioSpec, variant: str | None = None) -> Rules:
    """Returns the engine's rules for a validated scenario; CompileError lists dangling references
    and inconsistencies, each with its location in the data."""
    compiler = _Compiler(spec)
    if compiler.faults:
        raise CompileError(compiler.faults)
    return compiler.compile(variant)
