"""What the scenario chooser says of each scenario besides its own texts: its length (turns,
dates, how long a turn is), its sides, a difficulty note, and the order of the list
(chronological: by the first date of the calendar)."""

from __future__ import annotations

import datetime as dt
import itertools
from collections.abc import Sequence

from game.core.rules import Rules
from game.ui.i18n import N_, _, ngettext

DIFFICULTY = {
    "railway-sale": N_("Easiest: two sides at one bargaining table. Start here (First game)."),
    "fishery-auctions": N_(
        "Middling: two sides, and each year an auction of fishing lots to bid on."
    ),
    "august-1945": N_(
        "Hardest: three sides, a war on the map, and talks, in turns of a week, then a day."
    ),
}
"""A note on each installed scenario's difficulty for a new player (game notes, not history);
a scenario not listed here gets a note made from its size (`difficulty`)."""

_CADENCE = (
    (1, N_("daily")),
    (8, N_("weekly")),
    (31, N_("monthly")),
    (92, N_("quarterly")),
    (366, N_("yearly")),
)
"""The longest gap in days of each kind of turn."""


def _cadence(days: int) -> str:
    return _(next((name for most, name in _CADENCE if days <= most), N_("irregular")))


def cadence(calendar: Sequence[dt.date]) -> str:
    """Returns how long a turn is, in words (`monthly`; `weekly, then daily`; `mostly
    yearly` when a few turns differ)."""
    gaps = [_cadence((b - a).days) for a, b in itertools.pairwise(calendar)]
    if not gaps:
        return _("a single turn")
    runs = [(kind, len(list(group))) for kind, group in itertools.groupby(gaps)]
    kept = [kind for kind, n in runs if n >= 3] or [max(runs, key=lambda r: r[1])[0]]
    kept = [k for i, k in enumerate(kept) if i == 0 or k != kept[i - 1]]
    text = _(", then ").join(kept)
    return _("mostly {cadence}").format(cadence=text) if len(kept) == 1 and len(runs) > 1 else text


def length_text(rules: Rules) -> str:
    """Returns the scenario's length: `31 turns, monthly, June 1933 to December 1935`."""
    first, last = rules.calendar[0], rules.calendar[-1]
    return _("{turns} turns, {cadence}, {first} to {last}").format(
        turns=len(rules.calendar),
        cadence=cadence(rules.calendar),
        first=f"{first:%B %Y}",
        last=f"{last:%B %Y}",
    )


def sides_text(rules: Rules) -> str:
    """Returns the sides: `2 sides: Soviet Union, Japan`."""
    names = ", ".join(f.name for f in rules.factions)
    n = len(rules.factions)
    return ngettext("{n} side: {names}", "{n} sides: {names}", n).format(n=n, names=names)


def difficulty(rules: Rules) -> str:
    """Returns the difficulty note of a scenario (`DIFFICULTY`, or one made from its size)."""
    note = DIFFICULTY.get(rules.id)
    if note:
        return _(note)
    return _("Not rated: {sides} sides, {orders} kinds of order, {events} events.").format(
        sides=len(rules.factions), orders=len(rules.actions), events=len(rules.events)
    )


def short_line(rules: Rules) -> str:
    """Returns the line under a scenario's button: `31 turns · 2 sides · easiest`."""
    rating = _(DIFFICULTY.get(rules.id, N_("not rated"))).split(":")[0].lower()
    return _("{turns} turns · {sides} sides · {rating}").format(
        turns=len(rules.calendar), sides=len(rules.factions), rating=rating
    )


ORDER_NOTE = N_("In the order of history (by the first date of each).")
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
