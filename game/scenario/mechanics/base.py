"""What every mechanic's scenario module provides, and what the compiler lends it.

A mechanic's scenario module holds its spec (the `mechanics:` section's entry of its kind, a
pydantic model) and two functions: `tracks(spec, ctx)`, the tracks it generates, and
`compile(spec, ctx)`, its rules object for the engine. The compiler calls them through the
`MECHANICS` table (`game.scenario.mechanics`), with a `Context` that resolves names to indexes
and records faults at the spec's location in the file.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass
from typing import Any, Protocol

from game.core import conditions as c
from game.core import effects as e
from game.core.mechanics.base import Mechanic
from game.core.rules import NO_TRACK
from game.scenario.language import Slug, Spec, Visibility

Loc = tuple[int | str, ...]


class MechanicSpec(Spec):
    """Fields every mechanic's section has."""

    name: Slug | None = None
    """Names the mechanic when a scenario has several of its kind; its verbs are then written
    `name.verb` (`east.attack`)."""


class Compiler(Protocol):
    """The scenario compiler, as a mechanic's compile step uses it."""

    spec: Any
    """The whole `ScenarioSpec`."""
    factions: dict[str, int]
    track_specs: list[tuple[Any, Loc]]

    def fail(self, loc: Loc, message: str) -> None: ...
    def track(self, name: str, loc: Loc) -> int: ...
    def faction(self, name: str, loc: Loc) -> int: ...
    def cond(self, spec: Any, loc: Loc) -> c.Condition | None: ...
    def odds(self, spec: Any, loc: Loc) -> c.Odds: ...
    def effects(self, specs: Sequence[Any], loc: Loc) -> tuple[e.Effect, ...]: ...
    def index(self, items: Sequence[Any], loc: Loc) -> dict[str, int]: ...
    def links(self) -> tuple[list[tuple[int, ...]], list[tuple[int, ...]]]:
        """Returns the map's land and sea links per region (checked, faults reported)."""
        ...


@dataclass(frozen=True)
class Context:
    """The compiler as one mechanic sees it: every location is relative to the mechanic's own
    section (`ctx.track("talks", "talks")` reports faults at `mechanics.bargaining.talks`)."""

    compiler: Compiler
    loc: Loc

    @property
    def scenario(self) -> Any:
        """The whole `ScenarioSpec` (its factions, map, tracks)."""
        return self.compiler.spec

    def at(self, *path: int | str) -> Loc:
        return (*self.loc, *path)

    def fail(self, message: str, *path: int | str) -> None:
        self.compiler.fail(self.at(*path), message)

    def track(self, name: str, *path: int | str) -> int:
        """Returns a track's index; the track counts as read (the mechanic's engine code reads
        what it is configured with), so the compiler does not warn that no rule reads it."""
        return self.compiler.track(name, self.at(*path))

    def track_or_none(self, name: str | None, *path: int | str) -> int:
        """Returns the track's index, or NO_TRACK when the spec leaves it out."""
        return NO_TRACK if name is None else self.track(name, *path)

    def track_spec(self, index: int) -> Any:
        """Returns the spec of a track (for its scale and unit); None if the index is unknown."""
        specs = self.compiler.track_specs
        return specs[index][0] if 0 <= index < len(specs) else None

    def faction(self, name: str, *path: int | str) -> int:
        return self.compiler.faction(name, self.at(*path))

    def faction_name(self, index: int) -> str:
        return str(self.scenario.factions[index].name)

    def cond(self, spec: Any, *path: int | str) -> c.Condition | None:
        return self.compiler.cond(spec, self.at(*path))

    def odds(self, spec: Any, *path: int | str) -> c.Odds:
        return self.compiler.odds(spec, self.at(*path))

    def effects(self, specs: Sequence[Any], *path: int | str) -> tuple[e.Effect, ...]:
        return self.compiler.effects(specs, self.at(*path))

    def index(self, items: Sequence[Any], *path: int | str) -> dict[str, int]:
        """Returns id → position of `items`, reporting duplicate ids."""
        return self.compiler.index(items, self.at(*path))


@dataclass(frozen=True)
class NewTrack:
    """A track a mechanic generates (`hold_<lot>`), before the compiler gives it an index."""

    id: str
    name: str
    range: tuple[int, int]
    initial: int
    visible_to: Visibility = "all"


@dataclass(frozen=True)
class MechanicKind:
    """One row of the `MECHANICS` table: a kind's spec and its two compile steps."""

    spec: type[MechanicSpec]
    tracks: Callable[[Any, Context], list[NewTrack]]
    compile: Callable[[Any, Context], Mechanic]
    verbs: tuple[str, ...]
    """The kind's verbs (reserved: no scenario action may take one as its id)."""


def no_tracks(spec: Any, ctx: Context) -> list[NewTrack]:
    """`tracks` of a mechanic that generates none (its tracks are the scenario's own)."""
    return []
