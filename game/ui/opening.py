"""The events that set the scene: those certain to happen on the first turn, whatever anyone
does (a background treaty, talks opening on the first date). They belong in the briefing, read
before the first orders, not in a pop-up after them; the game screen marks them as seen when it
shows the briefing, and the chronicle keeps them under their own dates."""

from __future__ import annotations

from game.core.opening import opening_events
from game.core.rules import Rules
from game.ui.i18n import N_, _
from game.ui.widgets.text import esc

__all__ = ["HEADING", "opening_events", "opening_html", "opening_mask"]

HEADING = N_("Before the first turn")
"""The heading of the opening events in the briefing."""


def opening_mask(rules: Rules, faction: int) -> int:
    """Returns the fired-events bits of `opening_events` (to mark them as seen)."""
    mask = 0
    for event in opening_events(rules, faction):
        mask |= 1 << event.index
    return mask


def opening_html(rules: Rules, faction: int) -> str:
    """Returns the briefing's part on the opening events (empty if there are none): each
    one's title, its date if it has one, its text and its source."""
    events = opening_events(rules, faction)
    if not events:
        return ""
    parts = [f"<b>{esc(_(HEADING))}</b><br>"]
    for event in events:
        when = f" ({event.date.day} {event.date:%B %Y})" if event.date else ""
        parts.append(
            f"<b>{esc(event.title)}</b>{esc(when)}<br>{esc(event.text)}<br>"
            f"<i>— {esc(event.cite)}</i><br><br>"
        )
    return "".join(parts)
