"""The compiler's visibility checks (part of `game.scenario.compiler`): what a faction is shown
of a rule (an action's condition and odds, a mechanic's readings, a plan step, the distance
from history) must be computable from that faction's own observation."""

from __future__ import annotations

from typing import TYPE_CHECKING

from game.core import conditions as c
from game.core.rules import ActionDef, TrackDef
from game.scenario import schema as s
from game.scenario.compile_language import Loc

if TYPE_CHECKING:
    from game.core.mechanics.base import Mechanic

__all__ = ["VisibilityChecks"]


class VisibilityChecks:
    """The compiler's visibility checks (a base class of the compiler)."""

    spec: s.ScenarioSpec
    compiled_tracks: tuple[TrackDef, ...]

    if TYPE_CHECKING:

        def fail(self, loc: Loc, message: str) -> None: ...

    def _check_readings(self, mechanics: tuple[Mechanic, ...]) -> None:
        """Every track a rule that a faction sees reads must be observed by that faction."""
        locs = [loc for _, loc, _ in self.spec.mechanic_specs()]
        for mechanic, loc in zip(mechanics, locs, strict=True):
            for reading in mechanic.reads():
                where = (*loc, *reading.field.split("."))
                self._visible(reading.tracks, reading.mask, where, "a rule it sees")

    def _visible(self, read: set[int] | frozenset[int], mask: int, loc: Loc, what: str) -> None:
        """Reports each track in `read` that a faction of `mask` does not observe."""
        for r in sorted(read):
            if not 0 <= r < len(self.compiled_tracks):
                continue
            track = self.compiled_tracks[r]
            for f, faction in enumerate(self.spec.factions):
                if mask >> f & 1 and not track.mask >> f & 1:
                    self.fail(
                        loc,
                        f"{what} reads track {track.id!r}, which {faction.id} does not observe "
                        "(what a faction is shown must be computable from its own observation)",
                    )

    def _check_actions(self, actions: tuple[ActionDef, ...]) -> None:
        """A scenario action's condition and odds are seen by its faction: they may read only
        tracks that faction observes."""
        for a in actions:
            loc: Loc = ("actions", a.index)
            mask = 1 << a.faction
            self._visible(c.tracks_of(a.cond), mask, (*loc, "when"), "its condition")
            if a.odds is not None:
                read = {t for t, _ in a.odds.terms}
                self._visible(read, mask, (*loc, "odds"), "its odds")
