"""What the scenario chooser says of each scenario besides its own texts: its length (turns,
dates, how long a turn is), its sides, a difficulty note, and the order of the list
(chronological: by the first date of the calendar)."""

from __future__ import annotations

import datetime as dt
import itertools
from collections.abc import Sequence

from game.core.rules import Rules

DIFFICULTY = {
    "railway-sale": "Easiest: two sides at one bargaining table. Start here (First game).",
    "fishery-auctions": "Middling: two sides, and each year an auction of fishing lots to bid on.",
    "august-1945": "Hardest: three sides, a war on the map, and talks, in turns of a week, "
    "then a day.",
}
"""A note on each installed scenario's difficulty for a new player (game notes, not history);
a scenario not listed here gets a note made from its size (`difficulty`)."""

_CADENCE = ((1, "daily"), (8, "weekly"), (31, "monthly"), (92, "quarterly"), (366, "yearly"))
"""The longest gap in days of each kind of turn."""


def _cadence(days: int) -> str:
    return next((name for most, name in _CADENCE if days <= most), "irregular")


def cadence(calendar: Sequence[dt.date]) -> str:
    """Returns how long a turn is, in words (`monthly`; `weekly, then daily`; `mostly
    yearly` when a few turns differ)."""
    gaps = [_cadence((b - a).days) for a, b in itertools.pairwise(calendar)]
    if not gaps:
        return "a single turn"
    runs = [(kind, len(list(group))) for kind, group in itertools.groupby(gaps)]
    kept = [kind for kind, n in runs if n >= 3] or [max(runs, key=lambda r: r[1])[0]]
    kept = [k for i, k in enumerate(kept) if i == 0 or k != kept[i - 1]]
    text = ", then ".join(kept)
    return f"mostly {text}" if len(kept) == 1 and len(runs) > 1 else text


def length_text(rules: Rules) -> str:
    """Returns the scenario's length: `31 turns, monthly, June 1933 to December 1935`."""
    first, last = rules.calendar[0], rules.calendar[-1]
    return f"{len(rules.calendar)} turns, {cadence(rules.calendar)}, {first:%B %Y} to {last:%B %Y}"


def sides_text(rules: Rules) -> str:
    """Returns the sides: `2 sides: Soviet Union, Japan`."""
    names = ", ".join(f.name for f in rules.factions)
    return f"{len(rules.factions)} sides: {names}"


def difficulty(rules: Rules) -> str:
    """Returns the difficulty note of a scenario (`DIFFICULTY`, or one made from its size)."""
    note = DIFFICULTY.get(rules.id)
    if note:
        return note
    return (
        f"Not rated: {len(rules.factions)} sides, {len(rules.actions)} kinds of order, "
        f"{len(rules.events)} events."
    )


def short_line(rules: Rules) -> str:
    """Returns the line under a scenario's button: `31 turns · 2 sides · easiest`."""
    rating = DIFFICULTY.get(rules.id, "not rated").split(":")[0].lower()
    return f"{len(rules.calendar)} turns · {len(rules.factions)} sides · {rating}"


ORDER_NOTE = "In the order of history (by the first date of each)."
"""How the list of scenarios is ordered, as the chooser says it."""


def chronological(entries: Sequence[tuple[str, Rules | None, str]]) -> list[int]:
    """Returns the indices of `entries` (id, rules or None, error) in chronological order of
    their first date; scenarios that cannot be loaded come last."""

    def key(i: int) -> tuple[int, str, str]:
        sid, rules, _ = entries[i]
        if rules is None:
            return (1, "", sid)
        return (0, rules.calendar[0].isoformat(), sid)

    return sorted(range(len(entries)), key=key)
