"""The events that set the scene: those certain to happen on the first turn, whatever anyone
does (a background treaty, talks opening on the first date). The window's briefing and the
exercise packs' role briefings tell them before the first orders."""

from __future__ import annotations

from game.core.conditions import always
from game.core.rules import EventDef, Rules


def opening_events(rules: Rules, faction: int) -> list[EventDef]:
    """Returns the events `faction` will see that happen on the first turn for certain: no
    condition, no chance, no choice, and no later turn on which they could happen."""
    return [
        e
        for e in rules.events
        if e.first == 0
        and e.last == 0
        and e.pred is always
        and e.odds.base >= 1
        and not e.odds.terms
        and e.chooser < 0
        and e.mask >> faction & 1
    ]
