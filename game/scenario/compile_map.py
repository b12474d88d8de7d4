"""The map's part of the compiler (`game.scenario.compiler`): the tracks each region generates
and the checked links between regions."""

from __future__ import annotations

from collections.abc import Sequence
from typing import TYPE_CHECKING, Any

from game.scenario import schema as s
from game.scenario.compile_language import Loc
from game.scenario.mechanics import NewTrack

__all__ = ["MapCompiler", "spec_of"]


class MapCompiler:
    """The compiler's steps for the map (a base class of the compiler)."""

    spec: s.ScenarioSpec

    if TYPE_CHECKING:

        def fail(self, loc: Loc, message: str) -> None: ...
        def _index(self, items: Sequence[Any], loc: Loc) -> dict[str, int]: ...

    # ------------------------------------------------------------------- map

    def _map_tracks(self) -> list[tuple[s.TrackSpec, Loc]]:
        """Returns the tracks the map generates: each region's controller and garrison."""
        out: list[tuple[s.TrackSpec, Loc]] = []
        regions = self.spec.map.regions if self.spec.map else []
        last_faction = max(len(self.spec.factions) - 1, 0)
        factions = {f.id: i for i, f in enumerate(self.spec.factions)}
        for i, r in enumerate(regions):
            loc: Loc = ("map", "regions", i)
            owner = factions.get(r.controller, 0)
            if r.controller not in factions:
                self.fail((*loc, "controller"), f"unknown faction {r.controller!r}")
            control = NewTrack(f"ctl_{r.id}", f"{r.name}: controller", (0, last_faction), owner)
            garrison = NewTrack(
                f"gar_{r.id}", f"{r.name}: garrison", (0, 10_000), r.garrison, r.garrison_visible_to
            )
            out += [(spec_of(control), loc), (spec_of(garrison), loc)]
        return out

    def links(self) -> tuple[list[tuple[int, ...]], list[tuple[int, ...]]]:
        """Returns the map's land and sea links per region; faults name the bad link."""
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


def spec_of(track: NewTrack) -> s.TrackSpec:
    """Returns the spec of a track the map or a mechanic generates. It is built from values
    already validated, without validating again: a derived name or id may be longer than a
    file's own (`<lot name>: holder`, `bid_<lot id>_<faction>`), which is no fault of the file."""
    return s.TrackSpec.model_construct(
        id=track.id,
        name=track.name,
        range=list(track.range),
        initial=track.initial,
        visible_to=track.visible_to,
    )
