"""Conditions and odds as structured data, compiled to plain predicates (never `eval`).

The scenario compiler builds these nodes from validated files; `predicate()` turns a node into a
closure over track indexes, so checking a condition in the hot loop is a few tuple lookups.
"""

from __future__ import annotations

import operator
from collections.abc import Callable, Sequence
from dataclasses import dataclass

Pred = Callable[[Sequence[int], int, int], bool]
"""A compiled condition: `pred(tracks, turn, fired_mask) -> bool`."""

OPS: dict[str, Callable[[int, int], bool]] = {
    "lt": operator.lt,
    "lte": operator.le,
    "eq": operator.eq,
    "ne": operator.ne,
    "gte": operator.ge,
    "gt": operator.gt,
}


@dataclass(frozen=True, slots=True)
class Compare:
    """`tracks[track] <op> value`, or against another track when `other` is set."""

    track: int
    op: str
    value: int = 0
    other: int = -1


@dataclass(frozen=True, slots=True)
class TurnRange:
    """True from turn `first` up to and including turn `last`."""

    first: int
    last: int


@dataclass(frozen=True, slots=True)
class Fired:
    """True once the event with this index has fired."""

    event: int


@dataclass(frozen=True, slots=True)
class AllOf:
    parts: tuple[Condition, ...]


@dataclass(frozen=True, slots=True)
class AnyOf:
    parts: tuple[Condition, ...]


@dataclass(frozen=True, slots=True)
class Not:
    part: Condition


Condition = Compare | TurnRange | Fired | AllOf | AnyOf | Not


def always(tracks: Sequence[int], turn: int, fired: int) -> bool:
    """The predicate of an absent condition."""
    return True


def predicate(cond: Condition | None) -> Pred:
    """Returns a fast closure that evaluates `cond`."""
    match cond:
        case None:
            return always
        case Compare(track=t, op=op, value=v, other=-1):
            return _compare_value(t, op, v)
        case Compare(track=t, op=op, other=o):
            fn = OPS[op]
            return lambda tracks, turn, fired: fn(tracks[t], tracks[o])
        case TurnRange(first=a, last=b):
            return lambda tracks, turn, fired: a <= turn <= b
        case Fired(event=e):
            bit = 1 << e
            return lambda tracks, turn, fired: bool(fired & bit)
        case AllOf(parts=parts):
            return _chain([predicate(p) for p in parts], conjunction=True)
        case AnyOf(parts=parts):
            return _chain([predicate(p) for p in parts], conjunction=False)
        case Not(part=part):
            inner = predicate(part)
            return lambda tracks, turn, fired: not inner(tracks, turn, fired)
    raise TypeError(f"not a condition: {cond!r}")


def _compare_value(t: int, op: str, v: int) -> Pred:
    """Returns `tracks[t] <op> v` as a closure with the comparison written out, not called
    through `OPS` (the hot loop's most frequent condition: a call fewer)."""
    match op:
        case "lt":
            return lambda tracks, turn, fired: tracks[t] < v
        case "lte":
            return lambda tracks, turn, fired: tracks[t] <= v
        case "eq":
            return lambda tracks, turn, fired: tracks[t] == v
        case "ne":
            return lambda tracks, turn, fired: tracks[t] != v
        case "gte":
            return lambda tracks, turn, fired: tracks[t] >= v
        case "gt":
            return lambda tracks, turn, fired: tracks[t] > v
    raise ValueError(f"unknown comparison {op!r}")


def _chain(preds: list[Pred], *, conjunction: bool) -> Pred:
    """Returns the conjunction (or disjunction) of predicates as nested closures, which is
    several times faster than `all()` over a generator in the hot loop. The closures nest as a
    balanced tree, so a list of a thousand conditions nests ten deep, not a thousand; they are
    still evaluated left to right, stopping at the first that decides."""
    if not preds:
        return always if conjunction else (lambda tracks, turn, fired: False)
    if len(preds) == 1:
        return preds[0]
    middle = len(preds) // 2
    left = _chain(preds[:middle], conjunction=conjunction)
    right = _chain(preds[middle:], conjunction=conjunction)
    if conjunction:
        return lambda tracks, turn, fired: left(tracks, turn, fired) and right(tracks, turn, fired)
    return lambda tracks, turn, fired: left(tracks, turn, fired) or right(tracks, turn, fired)


def tracks_of(cond: Condition | None) -> set[int]:
    """Returns the indexes of every track that `cond` reads."""
    match cond:
        case Compare(track=t, other=o):
            return {t} if o < 0 else {t, o}
        case AllOf(parts=parts) | AnyOf(parts=parts):
            return set().union(*(tracks_of(p) for p in parts)) if parts else set()
        case Not(part=part):
            return tracks_of(part)
    return set()


@dataclass(frozen=True, slots=True)
class Odds:
    """A probability `base + sum(weight * tracks[track])`, clamped to [0, 1]."""

    base: float
    terms: tuple[tuple[int, float], ...] = ()

    def of(self, tracks: Sequence[int]) -> float:
        """Returns the probability in the given tracks."""
        p = self.base
        for track, weight in self.terms:
            p += weight * tracks[track]
        return 0.0 if p < 0.0 else 1.0 if p > 1.0 else p
