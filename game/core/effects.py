"""Effects as structured data, applied to a turn's mutable resolution context."""

from __future__ import annotations

from dataclasses import dataclass, field

from game.core.conditions import Condition, Odds, Pred, predicate


@dataclass(frozen=True, slots=True)
class Add:
    """Adds `amount` to a track (clamped to the track's bounds)."""

    track: int
    amount: int


@dataclass(frozen=True, slots=True)
class Raise:
    """Adds a positive `amount` to a track whose rises are recorded per faction (`raisers:
    true`): the rise actually made (after clamping) counts for the faction whose order or
    event answer is being resolved (`Turn.actor`), if any, in `by[faction]`; `share[f]` is
    then each faction's percent of the rises counted so far. The compiler writes an `add` of a
    positive amount to such a track as this effect, so other tracks' `add`s cost nothing more."""

    track: int
    amount: int
    by: tuple[int, ...]
    share: tuple[int, ...]


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
    pred: Pred = field(init=False, compare=False, repr=False)
    """`cond` compiled once (`predicate`): a turn applies it without compiling it again."""

    def __post_init__(self) -> None:
        object.__setattr__(self, "pred", predicate(self.cond))


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


Effect = Add | Raise | Set | Copy | SetTurn | Chance | When | Say | End


def targets(effects: tuple[Effect, ...]) -> tuple[int, ...]:
    """Returns the tracks these effects may write (in every branch), in index order; the tracks
    the engine keeps of who raised a track are left out."""
    out: set[int] = set()
    todo = list(effects)
    while todo:
        match todo.pop():
            case Add(track=t) | Raise(track=t) | Set(track=t) | SetTurn(track=t):
                out.add(t)
            case Copy(target=t):
                out.add(t)
            case Chance(then=then, otherwise=otherwise) | When(then=then, otherwise=otherwise):
                todo += [*then, *otherwise]
            case _:
                pass
    return tuple(sorted(out))
