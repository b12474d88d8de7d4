"""The compile step of the `calibration:` section, part of the compiler
(`game.scenario.compiler`): each check's reading (a figure, a track, regions, the end rule or the
outcome class) becomes track indexes or ids, and its historical range numbers (a date becomes its
ordinal, compared with the date of the turn a date track holds). Each fault is recorded at its
location in the data."""

from __future__ import annotations

import datetime as dt
from typing import TYPE_CHECKING

from game.core.rules import CalibrationCheck
from game.scenario import schema as s

Loc = tuple[int | str, ...]

__all__ = ["CalibrationCompiler"]

READINGS = ("figure", "track", "regions", "end", "outcome")
"""The fields of which a check names exactly one: what it reads."""


class CalibrationCompiler:
    """The compiler's step for `calibration:` (a base class of the compiler)."""

    spec: s.ScenarioSpec
    factions: dict[str, int]
    tracks: dict[str, int]
    end_ids: dict[str, int]
    track_specs: list[tuple[s.TrackSpec, Loc]]

    if TYPE_CHECKING:

        def fail(self, loc: Loc, message: str) -> None: ...

        def track(self, name: str, loc: Loc) -> int: ...

        def index(self, items: list[s.CalibrationCheckSpec], loc: Loc) -> dict[str, int]: ...

    def calibration(self) -> tuple[CalibrationCheck, ...]:
        """Returns the compiled checks of the `calibration:` section, in the file's order."""
        self.index(self.spec.calibration, ("calibration",))
        return tuple(self._check(i, c) for i, c in enumerate(self.spec.calibration))

    def _check(self, i: int, c: s.CalibrationCheckSpec) -> CalibrationCheck:
        loc: Loc = ("calibration", i)
        named = [name for name in READINGS if getattr(c, name) is not None]
        if len(named) != 1:
            self.fail(
                loc,
                "a check reads exactly one of figure, track, regions, end or outcome"
                + (f" (this one names {', '.join(named)})" if named else ""),
            )
            return CalibrationCheck(c.id, c.label, c.cite, "none", "")
        reads = named[0]
        ranged = reads in {"figure", "track"}
        if ranged and c.between is None:
            self.fail((*loc, "between"), f"a check of a {reads} needs its range: between")
        if not ranged and c.between is not None:
            self.fail((*loc, "between"), f"a check of the {reads} takes no range")
        if (c.held_by is not None) != (reads == "regions"):
            self.fail((*loc, "held_by"), "regions and held_by go together")
        base = CalibrationCheck(c.id, c.label, c.cite, reads, "")
        if reads in {"figure", "track"}:
            return self._ranged(c, loc, base)
        if reads == "regions":
            return self._regions(c, loc, base)
        return self._named(c, loc, base)

    def _ranged(
        self, c: s.CalibrationCheckSpec, loc: Loc, base: CalibrationCheck
    ) -> CalibrationCheck:
        """A figure or a track, with its range: a date figure's range is dates, a value's
        numbers; a track's range says which it is."""
        low, high = c.between or (None, None)
        dates = isinstance(low, dt.date) or isinstance(high, dt.date)
        if dates and not all(isinstance(x, dt.date | None) for x in (low, high)):
            self.fail((*loc, "between"), "give two dates, or two numbers, not one of each")
            return base
        if c.figure is not None:
            field = "figure"
            figures = {f.id: f for f in self.spec.figures}
            fig = figures.get(c.figure)
            if fig is None:
                known = ", ".join(figures) or "none"
                self.fail((*loc, "figure"), f"unknown figure {c.figure!r} (known: {known})")
                return base
            name, kind = fig.track, fig.kind
            if (kind == "date") != dates:
                want = "dates" if kind == "date" else "numbers"
                self.fail((*loc, "between"), f"figure {c.figure!r} is a {kind}: give {want}")
        else:
            field, name = "track", c.track or ""
            kind = "date" if dates else "value"
        if low is None and high is None:
            self.fail((*loc, "between"), "give at least one end of the range")
        if low is not None and high is not None and low > high:  # type: ignore[operator]
            self.fail((*loc, "between"), f"the low end {low} is above the high end {high}")
        index = self.track(name, (*loc, field))
        scale = self.track_specs[index][0].scale if index < len(self.track_specs) else 1
        return CalibrationCheck(
            base.id,
            base.label,
            base.cite,
            kind,
            f"{field} {c.figure or c.track}",
            tracks=(index,),
            scale=scale,
            low=_number(low),
            high=_number(high),
        )

    def _regions(
        self, c: s.CalibrationCheckSpec, loc: Loc, base: CalibrationCheck
    ) -> CalibrationCheck:
        regions = {r.id for r in self.spec.map.regions} if self.spec.map else set()
        tracks = []
        for j, region in enumerate(c.regions or ()):
            if region not in regions:
                self.fail((*loc, "regions", j), f"unknown region {region!r}")
                continue
            tracks.append(self.track(f"ctl_{region}", (*loc, "regions", j)))
        holder = self.factions.get(c.held_by or "", -1)
        if c.held_by is not None and holder < 0:
            known = ", ".join(self.factions)
            self.fail((*loc, "held_by"), f"unknown faction {c.held_by!r} (known: {known})")
        return CalibrationCheck(
            base.id,
            base.label,
            base.cite,
            "regions",
            f"regions held by {c.held_by}",
            tracks=tuple(tracks),
            holder=holder,
        )

    def _named(
        self, c: s.CalibrationCheckSpec, loc: Loc, base: CalibrationCheck
    ) -> CalibrationCheck:
        """The end rule or the outcome class, one of those listed."""
        if c.end is not None:
            reads, names, known = "end", c.end, list(self.end_ids)
        else:
            reads, names = "outcome", c.outcome or []
            known = [o.id for o in self.spec.outcome_classes]
        for j, name in enumerate(names):
            if name not in known:
                what = "end rule" if reads == "end" else "outcome class"
                self.fail((*loc, reads, j), f"unknown {what} {name!r} (known: {', '.join(known)})")
        source = f"{reads} {' or '.join(names)}"
        return CalibrationCheck(base.id, base.label, base.cite, reads, source, names=tuple(names))


def _number(value: dt.date | float | None) -> float | None:
    """Returns a range end as a number: a date's ordinal, a number as it is."""
    if value is None:
        return None
    if isinstance(value, dt.date):
        return float(value.toordinal())
    return float(value)
