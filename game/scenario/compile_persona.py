"""The compile step of the factions' personas, part of the compiler (`game.scenario.compiler`):
each `persona:` becomes a `Persona` whose terms read only tracks its faction observes (as a
score must), and whose priors name hidden tracks within their ranges. A persona's readings do
not count as the rules reading a track (the audit's "tracks nothing reads" is about rules)."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from game.core import conditions as c
from game.core.persona import Aim, Patience, Persona, Prior, RedLine
from game.core.rules import NO_TRACK, OutcomeClass, TrackDef
from game.scenario import schema as s

Loc = tuple[int | str, ...]

__all__ = ["PersonaCompiler"]


class PersonaCompiler:
    """The compiler's step for the factions' `persona:` sections (a base class of it)."""

    spec: s.ScenarioSpec
    tracks: dict[str, int]

    if TYPE_CHECKING:

        def fail(self, loc: Loc, message: str) -> None: ...
        def cond(self, spec: Any, loc: Loc) -> c.Condition | None: ...

    def personas(
        self, tracks: tuple[TrackDef, ...], classes: tuple[OutcomeClass, ...]
    ) -> tuple[Persona | None, ...]:
        """Returns each faction's persona (None where the file gives none)."""
        out: list[Persona | None] = []
        for f, faction in enumerate(self.spec.factions):
            spec = faction.persona
            out.append(
                None
                if spec is None
                else self._persona(f, spec, ("factions", f, "persona"), tracks, classes)
            )
        return tuple(out)

    def _persona(
        self,
        f: int,
        spec: s.PersonaSpec,
        loc: Loc,
        tracks: tuple[TrackDef, ...],
        classes: tuple[OutcomeClass, ...],
    ) -> Persona:
        seen = 1 << f
        class_ids = {o.id: i for i, o in enumerate(classes)}

        def visible(cond: c.Condition | None, track: int, at: Loc) -> None:
            read = c.tracks_of(cond) | ({track} if track >= 0 else set())
            for r in sorted(read):
                if r < len(tracks) and not tracks[r].mask & seen:
                    self.fail(
                        at,
                        f"reads track {tracks[r].id!r}, which {self.spec.factions[f].id} does "
                        "not observe (a persona, like a score, values what its side can see)",
                    )

        aims = []
        for j, a in enumerate(spec.aims):
            at: Loc = (*loc, "aims", j)
            kinds = (a.score is not None) + (a.outcome is not None)
            if kinds > 1:
                self.fail(at, "an aim is the score, an outcome class or a term, not two of them")
            elif kinds and (a.track is not None or a.when is not None):
                self.fail(at, "an aim on the score or an outcome class takes no track or when")
            elif not kinds and a.track is None and a.value == 0:
                self.fail(at, "an aim needs a track, a value, an outcome class or the score")
            track = self._track_of(a.track, (*at, "track")) if a.track else NO_TRACK
            cond = self.cond(a.when, (*at, "when"))
            visible(cond, track, at)
            outcome = -1
            if a.outcome is not None:
                if a.outcome not in class_ids:
                    self.fail((*at, "outcome"), f"unknown outcome class {a.outcome!r}")
                outcome = class_ids.get(a.outcome, -1)
            score = a.score if a.score is not None else 0.0
            aims.append(
                Aim(a.label, track, a.weight, a.value, c.predicate(cond), outcome, a.why, score)
            )
        lines = []
        for j, r in enumerate(spec.red_lines):
            at = (*loc, "red_lines", j)
            cond = self.cond(r.when, (*at, "when"))
            visible(cond, NO_TRACK, at)
            lines.append(RedLine(r.label, c.predicate(cond), r.cost, r.why))
        patience = None
        if spec.patience is not None:
            at = (*loc, "patience")
            cond = self.cond(spec.patience.until, (*at, "until"))
            visible(cond, NO_TRACK, at)
            p = spec.patience
            patience = Patience(p.label, p.per_turn, c.predicate(cond), p.why)
        priors = []
        for j, pr in enumerate(spec.priors):
            at = (*loc, "priors", j)
            t = self._track_of(pr.track, (*at, "track"))
            lo, hi = pr.range
            if t < 0:
                continue
            tdef = tracks[t]
            if tdef.mask & seen:
                self.fail(
                    (*at, "track"),
                    f"{self.spec.factions[f].id} sees {pr.track!r}: a prior is for a value it "
                    "cannot see",
                )
            if lo > hi or lo < tdef.lo or hi > tdef.hi:
                self.fail(
                    (*at, "range"),
                    f"[{lo}, {hi}] must be low to high within the track's range "
                    f"[{tdef.lo}, {tdef.hi}]",
                )
            priors.append(Prior(t, lo, hi, pr.why))
        return Persona(
            f,
            spec.summary,
            tuple(aims),
            tuple(lines),
            patience,
            tuple(priors),
            spec.temperature,
            any(a.outcome >= 0 for a in aims),
            spec.playouts,
            spec.lookahead,
            spec.guided,
            spec.every_order,
            spec.judged_deals,
        )

    def _track_of(self, name: str, loc: Loc) -> int:
        """Returns a track's index without recording a rule's reading of it."""
        if name not in self.tracks:
            self.fail(loc, f"unknown track {name!r}")
            return -1
        return self.tracks[name]
