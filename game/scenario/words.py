"""The scenario language read back in words: compiled effects and conditions as a player reads
them (`Tension −3, Railway value +20`; `only when Talks open: no`), for one side, naming only
the tracks and events that side can see.

The words are built from the compiled `Rules` (the same effects the engine applies), so they
cannot drift from what a choice does. What a side cannot see is never named: it is summed up as
"effects you cannot see" or "a condition you cannot see". Nesting deeper than `DEPTH` is summed
up as "other effects" rather than spelled out.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

from game.core import conditions as c
from game.core import effects as e
from game.core.rules import ActionDef, Rules, TrackDef

__all__ = [
    "HIDDEN",
    "ONLY_HIDDEN",
    "OTHER",
    "Reader",
    "action_effects",
    "bracketed",
    "condition_text",
    "effects_text",
    "signed",
    "turn_tracks",
]

HIDDEN = "effects you cannot see"
ONLY_HIDDEN = "only on tracks you cannot see"
"""The words of effects that all touch tracks the side cannot see."""
OTHER = "other effects"
DEPTH = 2
"""Effects nested deeper than this (a chance inside a condition inside a chance) are summed up
as `OTHER`."""

_BRANCHES = ("if ", "a chance of", "a ", "(")
"""How the words of a chance or a condition begin (a chance: `a 40 % chance of`)."""

_OPS = {
    "lt": "below",
    "lte": "at most",
    "eq": "is",
    "ne": "is not",
    "gte": "at least",
    "gt": "above",
}


def signed(amount: float) -> str:
    """Returns an amount with its sign, a true minus for negatives: `+5`, `−3`."""
    text = f"{abs(amount):g}"
    return f"−{text}" if amount < 0 else f"+{text}"


def turn_tracks(rules: Rules) -> frozenset[int]:
    """Returns the tracks that hold a turn index (a date), which are shown as dates."""
    out: set[int] = {f.track for f in rules.figures if f.kind == "date"}
    for mechanic in rules.mechanics:
        out |= {t for t, role in mechanic.track_roles().items() if role == "date"}
    lists = [a.effects + a.success + a.failure for a in rules.actions]
    lists += [ev.effects for ev in rules.events]
    lists += [o.effects for ev in rules.events for o in ev.options]
    lists += [r.effects for r in rules.end_rules]
    todo = [x for effects in lists for x in effects]
    while todo:
        match todo.pop():
            case e.SetTurn(track=t):
                out.add(t)
            case e.Chance(then=a, otherwise=b) | e.When(then=a, otherwise=b):
                todo += [*a, *b]
            case _:
                pass
    return frozenset(out)


@dataclass(frozen=True, slots=True)
class Reader:
    """One side reading the rules: what it sees, and (optionally) the values it sees now, to
    give a chance's odds where every input is visible to it."""

    rules: Rules
    faction: int
    values: Sequence[int | None] = ()
    """The tracks as the side sees them now (None: hidden); empty if not known."""
    dates: frozenset[int] = frozenset()
    """Tracks holding a turn index (see `turn_tracks`)."""

    def sees(self, track: int) -> bool:
        return bool(self.rules.tracks[track].mask >> self.faction & 1)

    def sees_event(self, event: int) -> bool:
        return bool(self.rules.events[event].mask >> self.faction & 1)

    def value(self, track: TrackDef, value: int) -> str:
        """Returns a track's value for people (`yes`, `12.5`, `3 Jun 1935`, a terms label)."""
        if track.index in self.dates:
            if value < 0:
                return "never"
            day = self.rules.date(value)
            return f"{day.day} {day:%b %Y}"
        if (track.lo, track.hi) == (0, 1):
            return "yes" if value else "no"
        for mechanic in self.rules.mechanics:
            text = mechanic.value_text(track.index, value)
            if text is not None:
                return text
        number = f"{value / track.scale:g}" if track.scale != 1 else str(value)
        return f"{number} {track.unit}".strip()

    def odds(self, odds: c.Odds) -> float | None:
        """Returns a chance's probability now, or None unless the side sees all its inputs."""
        if not self.values or any(self.values[t] is None for t, _ in odds.terms):
            return None
        return odds.of([v or 0 for v in self.values])


def effects_text(reader: Reader, effects: Sequence[e.Effect]) -> str:
    """Returns effects in words for `reader`'s side: `Tension −3, Railway value +20`; branches
    as `if …: …` and `a 40 % chance of: …; otherwise: …`; and `and effects you cannot see`
    when some touch tracks it cannot see (`only on tracks you cannot see` when all do). ""
    when there are no effects on tracks (lines of news only)."""
    parts, hidden = _effects(reader, effects, 0)
    branched = any(p.startswith(_BRANCHES) for p in parts)
    text = ("; " if branched else ", ").join(parts)
    if hidden:
        text = f"{text}{'; ' if branched else ', '}and {HIDDEN}" if text else ONLY_HIDDEN
    return text


def action_effects(words: Reader, adef: ActionDef) -> str:
    """Returns a scenario order's effects in words: the sure ones, then those of its success
    and its failure (for an order with odds)."""
    parts = [effects_text(words, adef.effects)] if adef.effects else []
    if adef.odds is not None:
        for outcome, effects in (("if it succeeds", adef.success), ("if it fails", adef.failure)):
            said = effects_text(words, effects)
            parts.append(f"{outcome}: {said or 'nothing you can see'}")
    return "; ".join(p for p in parts if p)


def _effects(reader: Reader, effects: Sequence[e.Effect], depth: int) -> tuple[list[str], bool]:
    """Returns the visible effects' words and whether any effect was hidden from the side."""
    parts: list[str] = []
    hidden = False
    rules = reader.rules
    for effect in effects:
        text: str | None = None
        match effect:
            case e.Add(track=t, amount=n) | e.Raise(track=t, amount=n):
                if not reader.sees(t):
                    hidden = True
                    continue
                track = rules.tracks[t]
                unit = f" {track.unit}" if track.unit and (track.lo, track.hi) != (0, 1) else ""
                text = f"{track.name} {signed(n / track.scale)}{unit}"
            case e.Set(track=t, value=v):
                if not reader.sees(t):
                    hidden = True
                    continue
                track = rules.tracks[t]
                flag = (track.lo, track.hi) == (0, 1) and t not in reader.dates
                text = f"{track.name}{':' if flag else ' set to'} {reader.value(track, v)}"
            case e.SetTurn(track=t):
                if not reader.sees(t):
                    hidden = True
                    continue
                text = f"{rules.tracks[t].name} set to this turn's date"
            case e.Copy(source=src, target=t, noise=noise):
                if not reader.sees(t):
                    hidden = True
                    continue
                source = rules.tracks[src].name if reader.sees(src) else "a value you cannot see"
                off = f", off by up to {noise} either way" if noise else ""
                text = f"{rules.tracks[t].name} set from {source}{off}"
            case e.End(rule=r):
                text = f"the game ends ({rules.end_rules[r].label})"
            case e.Chance() | e.When():
                text, deeper = _branch(reader, effect, depth)
                hidden = hidden or deeper
            case _:
                continue  # a line of news: it is read in the chronicle
        if text:
            parts.append(text)
    return parts, hidden


def _branch(reader: Reader, effect: e.Chance | e.When, depth: int) -> tuple[str, bool]:
    """Returns a chance or a condition in words (`OTHER` when nested too deep), and whether it
    hides effects from the side."""
    if depth >= DEPTH:
        return OTHER, False
    then, hidden_then = _effects(reader, effect.then, depth + 1)
    other, hidden_other = _effects(reader, effect.otherwise, depth + 1)
    hidden = hidden_then or hidden_other
    if not then and not other:
        return "", hidden
    yes = ", ".join(then) or "nothing you can see"
    if isinstance(effect, e.Chance):
        p = reader.odds(effect.odds)
        head = "a chance of" if p is None else f"a {round(p * 100)} % chance of"
    else:
        head = f"if {condition_text(reader, effect.cond)}"
    text = f"{head}: {yes}"
    if other:
        text += f"; otherwise: {', '.join(other)}"
    return f"({text})" if depth else text, hidden


def condition_text(reader: Reader, cond: c.Condition | None) -> str:
    """Returns a condition in words (`Talks open: no and Tension below 65`); a part that reads
    what the side cannot see is `a condition you cannot see`."""
    rules = reader.rules
    match cond:
        case None:
            return "always"
        case c.Compare(track=t, op=op, value=v, other=o):
            if not reader.sees(t) or (o >= 0 and not reader.sees(o)):
                return "a condition you cannot see"
            track = rules.tracks[t]
            if o >= 0:
                return f"{track.name} {_OPS[op]} {rules.tracks[o].name}"
            if (track.lo, track.hi) == (0, 1) and t not in reader.dates:
                yes, no = c.OPS[op](1, v), c.OPS[op](0, v)
                if yes != no:
                    return f"{track.name} is {'yes' if yes else 'no'}"
            if t in reader.dates:
                when = {"lt": "before", "lte": "on or before", "gte": "on or after", "gt": "after"}
                if op in when and v >= 0:
                    return f"{track.name} {when[op]} {reader.value(track, v)}"
            return f"{track.name} {_OPS[op]} {reader.value(track, v)}"
        case c.TurnRange(first=a, last=b):
            return _dates(rules, a, b)
        case c.Fired(event=ev):
            if not reader.sees_event(ev):
                return "a condition you cannot see"
            return f"after “{rules.events[ev].title}”"
        case c.Not(part=c.Fired(event=ev)):
            if not reader.sees_event(ev):
                return "a condition you cannot see"
            return f"before “{rules.events[ev].title}”"
        case c.Not(part=part):
            return f"not ({condition_text(reader, part)})"
        case c.AllOf(parts=parts):
            return _join(reader, parts, "and")
        case c.AnyOf(parts=parts):
            joined = _join(reader, parts, "or")
            return f"either {joined}" if len(parts) > 1 else joined
    raise TypeError(f"not a condition: {cond!r}")


def _join(reader: Reader, parts: Sequence[c.Condition], word: str) -> str:
    """Joins conditions' words with `word`, bracketing those that join several of their own."""
    return f" {word} ".join(
        bracketed(reader, p) if len(parts) > 1 else condition_text(reader, p) for p in parts
    )


def bracketed(reader: Reader, cond: c.Condition) -> str:
    """Returns a condition in words, in brackets if it joins several conditions (`all`, `any`)."""
    text = condition_text(reader, cond)
    several = isinstance(cond, c.AllOf | c.AnyOf) and len(cond.parts) > 1
    return f"({text})" if several else text


def _dates(rules: Rules, first: int, last: int) -> str:
    """Returns a range of turns as dates: `from 1 May 1945`, `until 30 Jun 1945`, or both."""

    def day(turn: int) -> str:
        d = rules.date(turn)
        return f"{d.day} {d:%b %Y}"

    end = len(rules.calendar) - 1
    if first <= 0 and last >= end:
        return "at any date"
    if first <= 0:
        return f"until {day(last)}"
    if last >= end:
        return f"from {day(first)}"
    return f"from {day(first)} to {day(last)}"
