"""Which tracks a scenario's rules read and which its effects write, recorded by the compiler
as it resolves each track name, and the warnings about a declared track nothing reads.

A track is *read* when a condition (including a comparison's right-hand track and `turn_of`),
odds (`per`), a score term, an outcome class, an end rule, a plan step, a `copy` source, an
action's cost (affordability), a figure or distance term, or a mechanic (through its `Context`)
names it. It is *written* by `add`, `set`, `set_turn` and a `copy` target. A track an effect
writes that nothing reads changes nothing in the game: being shown to players is not a rule.
"""

from __future__ import annotations

from collections.abc import Sequence

Loc = tuple[int | str, ...]

SHOWN = 3
"""Write locations a warning names before it says how many more there are."""

NOBODY_READS = "no rule, odds, score, outcome or end rule reads it"


class TrackUse:
    """The locations where each track index is read and written."""

    def __init__(self) -> None:
        self.reads: dict[int, list[Loc]] = {}
        self.writes: dict[int, list[Loc]] = {}

    def read(self, track: int, loc: Loc) -> None:
        self.reads.setdefault(track, []).append(loc)

    def write(self, track: int, loc: Loc) -> None:
        self.writes.setdefault(track, []).append(loc)

    def warnings(self, declared: Sequence[tuple[str, Loc]]) -> list[tuple[Loc, str]]:
        """Returns a warning at each declared track (id, location of its `id`) that no rule
        reads: one written by some effect, or one neither read nor written ("never used")."""
        out: list[tuple[Loc, str]] = []
        for index, (name, loc) in enumerate(declared):
            if index in self.reads:
                continue
            writes = self.writes.get(index, [])
            if writes:
                out.append((loc, f"track {name!r} is written ({_list(writes)}) but {NOBODY_READS}"))
            else:
                out.append(
                    (loc, f"track {name!r} is never used: no effect writes it and {NOBODY_READS}")
                )
        return out


def field_text(loc: Loc) -> str:
    """Returns a location as a field path (`actions[7].effects[0].add.traffic`)."""
    text = ".".join(f"[{part}]" if isinstance(part, int) else part for part in loc)
    return text.replace(".[", "[")


def _list(locs: list[Loc]) -> str:
    shown = ", ".join(field_text(loc) for loc in locs[:SHOWN])
    more = len(locs) - SHOWN
    return f"{shown} and {more} more" if more > 0 else shown
