"""The scenario data language's compile steps, part of the compiler (`game.scenario.compiler`):
names resolved to indexes, conditions, odds and effects. Each fault is recorded at its location
in the data, in the order it is met."""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence
from typing import TYPE_CHECKING, Any

from game.core import conditions as c
from game.core import effects as e
from game.core.log import ALL
from game.scenario import language as lang
from game.scenario import schema as s
from game.scenario.calendar import first_turn_on_or_after
from game.scenario.usage import TrackUse

Loc = tuple[int | str, ...]

__all__ = ["LanguageCompiler", "Loc"]


class LanguageCompiler:
    """The compiler's steps for the data language (a base class of the compiler)."""

    spec: s.ScenarioSpec
    factions: dict[str, int]
    tracks: dict[str, int]
    events: dict[str, int]
    end_ids: dict[str, int]
    calendar: tuple[dt.date, ...]
    uses: TrackUse
    """Where each track is read and written (for the warning about tracks nothing reads)."""
    raisers: dict[int, tuple[tuple[int, ...], tuple[int, ...]]]
    """Tracks whose raisers are recorded: index → (per-faction rise tracks, share tracks)."""
    derived: set[int]
    """The rise and share tracks, which the engine keeps and no effect may write."""
    params: dict[str, int]
    """Parameter id → value (a debated one's from the chosen school), for effects' amounts."""
    params_used: set[str]
    """The parameters some effect names (for the warning about parameters nothing uses)."""

    if TYPE_CHECKING:

        def fail(self, loc: Loc, message: str) -> None: ...

    # ------------------------------------------------------------- references

    def track(self, name: str, loc: Loc) -> int:
        """Returns the index of a track the rules read at `loc` (a condition, odds, a score, a
        cost, a copy source, a mechanic's parameter), and records the reading."""
        if name not in self.tracks:
            self.fail(loc, f"unknown track {name!r}")
            return 0
        self.uses.read(self.tracks[name], loc)
        return self.tracks[name]

    def target(self, name: str, loc: Loc) -> int:
        """Returns the index of a track an effect writes at `loc` (add, set, set_turn, a copy
        target), and records the writing (a write alone is not a reading)."""
        if name not in self.tracks:
            self.fail(loc, f"unknown track {name!r}")
            return 0
        if self.tracks[name] in self.derived:
            self.fail(
                loc,
                f"track {name!r} is kept by the engine (who raised a track): no effect may "
                "write it",
            )
        self.uses.write(self.tracks[name], loc)
        return self.tracks[name]

    def amount(self, value: lang.Amount, loc: Loc) -> int:
        """Returns an effect's amount at `loc`: a number as written, or the value of the
        parameter it names (so the engine sees only numbers)."""
        if isinstance(value, int):
            return value
        if value not in self.params:
            hint = (
                " (a track: an amount is a number or a parameter)" if value in self.tracks else ""
            )
            known = ", ".join(self.params) or "none"
            self.fail(loc, f"unknown parameter {value!r}{hint}; the file's parameters: {known}")
            return 0
        self.params_used.add(value)
        return self.params[value]

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

    def mask(self, vis: lang.Visibility, loc: Loc) -> int:
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
        if isinstance(spec, lang.TrackCond):
            return self._compare(spec, loc)
        if isinstance(spec, lang.DateCond):
            return c.TurnRange(*self.turn_range(spec.after, spec.before))
        if isinstance(spec, lang.TurnOfCond):
            track = self.track(spec.turn_of, (*loc, "turn_of"))
            first, last = self.turn_range(spec.after, spec.before)
            return c.AllOf((c.Compare(track, "gte", max(first, 0)), c.Compare(track, "lte", last)))
        if isinstance(spec, lang.FiredCond):
            return c.Fired(self.event(spec.fired, (*loc, "fired")))
        if isinstance(spec, lang.AllCond | lang.AnyCond):
            key = "all" if isinstance(spec, lang.AllCond) else "any"
            items = spec.all if isinstance(spec, lang.AllCond) else spec.any
            parts = tuple(self.cond(p, (*loc, key, i)) for i, p in enumerate(items))
            clean = tuple(p for p in parts if p is not None)
            return c.AllOf(clean) if key == "all" else c.AnyOf(clean)
        assert isinstance(spec, lang.NotCond)
        inner = self.cond(spec.not_, (*loc, "not"))
        return c.Not(inner) if inner is not None else None

    def _compare(self, spec: lang.TrackCond, loc: Loc) -> c.Condition | None:
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
        if isinstance(spec, lang.OddsSpec):
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
        if isinstance(spec, lang.AddEffect):
            out: list[e.Effect] = []
            for k, amount in spec.add.items():
                track = self.target(k, (*loc, "add", k))
                v = self.amount(amount, (*loc, "add", k))
                raisers = self.raisers.get(track)
                # A rise of a track whose raisers are recorded is counted (see `Raise`); a fall
                # is an ordinary `Add`.
                out.append(e.Raise(track, v, *raisers) if raisers and v > 0 else e.Add(track, v))
            return out
        if isinstance(spec, lang.SetEffect):
            return [
                e.Set(self.target(k, (*loc, "set", k)), self.amount(v, (*loc, "set", k)))
                for k, v in spec.set.items()
            ]
        if isinstance(spec, lang.CopyEffect):
            if set(spec.copy_) != {"from", "to"}:
                self.fail((*loc, "copy"), "copy needs both from and to")
                return []
            src = self.track(spec.copy_["from"], (*loc, "copy", "from"))
            target = self.target(spec.copy_["to"], (*loc, "copy", "to"))
            return [e.Copy(src, target, spec.noise, f"{'.'.join(map(str, loc))}:noise")]
        if isinstance(spec, lang.SetTurnEffect):
            return [e.SetTurn(self.target(spec.set_turn, (*loc, "set_turn")))]
        if isinstance(spec, lang.ChanceEffect):
            return [
                e.Chance(
                    self.odds(spec.chance, (*loc, "chance")),
                    self.effects(spec.then, (*loc, "then")),
                    self.effects(spec.else_, (*loc, "else")),
                    f"{'.'.join(map(str, loc))}:{spec.tag}",
                )
            ]
        if isinstance(spec, lang.IfEffect):
            cond = self.cond(spec.if_, (*loc, "if"))
            then = self.effects(spec.then, (*loc, "then"))
            otherwise = self.effects(spec.else_, (*loc, "else"))
            return [e.When(cond, then, otherwise)] if cond is not None else list(then)
        if isinstance(spec, lang.SayEffect):
            return [e.Say(spec.say, self.mask(spec.visible_to, (*loc, "visible_to")), spec.cite)]
        assert isinstance(spec, lang.EndEffect)
        if spec.end not in self.end_ids:
            self.fail((*loc, "end"), f"unknown end rule {spec.end!r}")
            return []
        return [e.End(self.end_ids[spec.end])]
