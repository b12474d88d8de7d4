"""A turn's resolution context: the only mutable thing in the engine, local to one `apply`."""

from __future__ import annotations

import datetime as dt
import random

from game.core.effects import Add, Chance, Copy, Effect, End, Raise, Say, Set, SetTurn, When
from game.core.log import LogEntry
from game.core.records import Record
from game.core.rng import rng_for, roll
from game.core.rules import Rules
from game.core.state import NOBODY, RUNNING

_BOUNDS: dict[int, tuple[Rules, tuple[tuple[int, int], ...]]] = {}
"""Each scenario's track bounds, by the identity of its rules (read on every `put`)."""


def _bounds(rules: Rules) -> tuple[tuple[int, int], ...]:
    """Returns (lowest, highest) of each track, computed once per compiled scenario."""
    hit = _BOUNDS.get(id(rules))
    if hit is not None and hit[0] is rules:
        return hit[1]
    if len(_BOUNDS) >= 64:
        _BOUNDS.clear()
    bounds = tuple((t.lo, t.hi) for t in rules.tracks)
    _BOUNDS[id(rules)] = (rules, bounds)
    return bounds


class Turn:
    """Collects the changes of one resolution step, then becomes a new `State`."""

    __slots__ = (
        "actor",
        "date",
        "end",
        "fired",
        "lo_hi",
        "log",
        "pending",
        "rules",
        "seed",
        "tracks",
        "turn",
    )

    def __init__(self, rules: Rules, seed: int, turn: int, tracks: tuple[int, ...], fired: int):
        self.rules = rules
        self.seed = seed
        self.turn = turn
        self.tracks = list(tracks)
        self.fired = fired
        self.log: list[LogEntry] = []
        self.pending: list[tuple[int, int]] = []
        self.end = RUNNING
        self.lo_hi = _bounds(rules)
        self.actor = NOBODY
        """The faction whose order or event answer is resolving (NOBODY for events, the
        per-turn effects, the mechanics' settling and the end): a `Raise` counts for it."""
        self.date: dt.date | None = None
        """The own date of the dated event firing or being answered (None otherwise): the
        lines said meanwhile are told under it (`LogEntry.date`)."""

    def rng(self, tag: str) -> random.Random:
        """Returns this turn's generator for one purpose (several draws)."""
        return rng_for(self.seed, self.turn, tag)

    def roll(self, tag: str) -> float:
        """Returns this turn's single uniform draw in [0, 1) for one purpose."""
        return roll(self.seed, self.turn, tag)

    def put(self, track: int, value: int) -> None:
        """Sets a track, clamped to its bounds."""
        lo, hi = self.lo_hi[track]
        self.tracks[track] = lo if value < lo else hi if value > hi else value

    def _count_rise(self, rise: int, by: tuple[int, ...], share: tuple[int, ...]) -> None:
        """Counts a rise for the acting faction and updates every faction's share (percent,
        rounded half up; the shares may not sum to exactly 100)."""
        t = self.tracks
        self.put(by[self.actor], t[by[self.actor]] + rise)
        total = 0
        for b in by:
            total += t[b]
        for b, s in zip(by, share, strict=True):
            t[s] = (200 * t[b] + total) // (2 * total)

    def say(self, text: str, mask: int, cite: str = "", record: Record | None = None) -> None:
        """Adds a chronicle line for this turn, with the typed record of what it tells."""
        self.log.append(LogEntry(self.turn, mask, text, cite, record, self.date))

    def apply(self, effects: tuple[Effect, ...], tag: str) -> None:
        """Applies effects in order; `tag` names the source, to seed its chance rolls."""
        for effect in effects:
            match effect:
                case Add(track=t, amount=n):
                    self.put(t, self.tracks[t] + n)
                case Set(track=t, value=v):
                    self.put(t, v)
                case When(pred=pred, then=then, otherwise=otherwise):
                    self.apply(then if pred(self.tracks, self.turn, self.fired) else otherwise, tag)
                # After the most frequent kinds, which so pay no extra check.
                case Raise(track=t, amount=n, by=by, share=share):
                    old = self.tracks[t]
                    self.put(t, old + n)
                    if self.actor != NOBODY and self.tracks[t] > old:
                        self._count_rise(self.tracks[t] - old, by, share)
                case Copy(source=s, target=t, noise=0):
                    self.put(t, self.tracks[s])
                case Copy(source=s, target=t, noise=n, tag=roll):
                    error = round((2 * self.roll(f"{tag}:{roll}") - 1) * n)
                    self.put(t, self.tracks[s] + error)
                case SetTurn(track=t):
                    self.put(t, self.turn)
                case Chance(odds=odds, then=then, otherwise=otherwise, tag=roll):
                    name = f"{tag}:{roll}"
                    hit = self.roll(name) < odds.of(self.tracks)
                    self.apply(then if hit else otherwise, name)
                case Say(text=text, mask=mask, cite=cite):
                    self.say(text, mask, cite)
                case End(rule=rule):
                    if self.end == RUNNING:
                        self.end = rule
