"""The game's chronicle: dated log lines, each visible to a set of factions."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterator
from dataclasses import dataclass
from typing import NamedTuple

from game.core.records import Record

ALL: int = -1
"""Visibility mask that every faction matches (all bits set)."""


class LogEntry(NamedTuple):
    """One line of the chronicle (a named tuple: cheap to make, as every resolution makes
    several)."""

    turn: int
    mask: int
    """Bit i set: faction i may see this line."""
    text: str
    cite: str = ""
    """Source citation for historical texts, in FACTS.md's format."""
    record: Record | None = None
    """What the line tells, typed (`game.core.records`), for readers that must not parse the
    text; None for lines that are prose only (the opening line, a scenario's `say`).

    Not compared or hashed: equality and hashing follow the text, as saves and the state hash
    do (they keep the text only), so a state restored by `state_from_dict` — whose lines carry
    no records — equals the state it was written from. Saves restore games by replaying their
    actions, which writes the records again."""
    date: dt.date | None = None
    """The line's own date: that of the dated event (`date:` in the scenario) it tells of, or
    answers, or whose effects said it; None for a line told under its turn's date. A turn may
    last a year, and an event of November is not news of January. Like `record`, not compared,
    hashed or saved (a replay writes it again)."""

    def __eq__(self, other: object) -> bool:
        if not isinstance(other, LogEntry):
            return NotImplemented
        return self[:4] == other[:4]

    def __ne__(self, other: object) -> bool:
        return not self == other

    def __hash__(self) -> int:
        return hash(self[:4])


@dataclass(frozen=True, slots=True, eq=False)
class LogNode:
    """A persistent (shared-tail) list of entries, so that `apply` appends in O(1).

    Equality and hashing walk the list in a loop (the generated ones would recurse once per
    line and overflow the stack on long games).
    """

    entry: LogEntry
    prev: LogNode | None

    def __eq__(self, other: object) -> bool:
        if not isinstance(other, LogNode):
            return NotImplemented
        a: LogNode | None = self
        b: LogNode | None = other
        while a is not None and b is not None:
            if a is b:
                return True
            if a.entry != b.entry:
                return False
            a, b = a.prev, b.prev
        return a is None and b is None

    def __hash__(self) -> int:
        return hash(tuple(entries(self)))


def push(log: LogNode | None, entries: list[LogEntry]) -> LogNode | None:
    """Returns `log` with `entries` appended in order."""
    for entry in entries:
        log = LogNode(entry, log)
    return log


def entries(log: LogNode | None) -> list[LogEntry]:
    """Returns the entries of `log`, oldest first."""
    out: list[LogEntry] = []
    while log is not None:
        out.append(log.entry)
        log = log.prev
    out.reverse()
    return out


def visible(log: LogNode | None, faction: int) -> Iterator[LogEntry]:
    """Yields, oldest first, the entries that `faction` may see."""
    bit = 1 << faction
    for entry in entries(log):
        if entry.mask & bit:
            yield entry
