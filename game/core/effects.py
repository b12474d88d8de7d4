"""Effects as structured data, applied to a turn's mutable resolution context."""

from __future__ import annotations

from dataclasses import dataclass

from game.core.conditions import Condition, Odds


@dataclass(frozen=True, slots=True)
class Add:
    """Adds `amount` to a track (clamped to the track's bounds)."""

    track: int
    amount: int


@dataclass(frozen=True, slots=True)
class Set:
    """Sets a track to `value` (clamped)."""

    track: int
    value: int


@dataclass(frozen=True, slots=True)
class Copy:
    """Copies one track's value into another (e.g. an intelligence estimate), off by up to
    `noise` either way (a uniform draw named by `tag`: a report, not the truth)."""

    source: int
    target: int
    noise: int = 0
    tag: str = ""


@dataclass(frozen=True, slots=True)
class SetTurn:
    """Sets a track to the current turn's index (e.g. the turn a deal was agreed)."""

    track: int


@dataclass(frozen=True, slots=True)
class Chance:
    """With probability `odds`, applies `then`; otherwise `otherwise`."""

    odds: Odds
    then: tuple[Effect, ...]
    otherwise: tuple[Effect, ...] = ()
    tag: str = ""
    """Names the roll, so that its random draw is independent of other rolls."""


@dataclass(frozen=True, slots=True)
class When:
    """If `cond` holds now, applies `then`; otherwise `otherwise`."""

    cond: Condition
    then: tuple[Effect, ...]
    otherwise: tuple[Effect, ...] = ()


@dataclass(frozen=True, slots=True)
class Say:
    """Adds a line to the chronicle, visible to the factions in `mask`."""

    text: str
    mask: int
    cite: str = ""


@dataclass(frozen=True, slots=True)
class End:
    """Ends the game with the end rule of this index (after the current turn resolves)."""

    rule: int


Effect = Add | Set | Copy | SetTurn | Chance | When | Say | End
