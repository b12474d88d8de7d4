"""What the faction's staged orders would change, for the side panel's meters to preview
(issue 15, item 1): each order's cost and sure effects on the tracks the faction sees, until the
orders are undone or the turn ends."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import replace

from game.core import effects as e
from game.core.actions import Action, Do
from game.core.observation import Observation
from game.core.rules import Rules
from game.ui.view import Meter, format_value


def staged_values(rules: Rules, obs: Observation, staged: Sequence[Action]) -> dict[int, int]:
    """Returns the tracks `obs`'s faction sees (by index) as its staged orders would leave
    them: `obs` (the orders' preview) less each order's cost, with each order's sure effects
    (adds and sets; not those left to chance, nor other sides' orders) applied, clamped to the
    track's bounds. Orders resolve together at the turn's end, so the preview alone does not
    show what they spend."""
    values = {rules.track_index(tid): v for tid, v in obs.tracks}
    for action in staged:
        if not isinstance(action, Do):
            continue
        adef = rules.actions[action.action]
        for track, amount in adef.cost:
            if track in values:
                values[track] -= amount
        for effect in adef.effects:
            match effect:
                case e.Add(track=t, amount=n) | e.Raise(track=t, amount=n) if t in values:
                    values[t] += n
                case e.Set(track=t, value=v) if t in values:
                    values[t] = v
                case _:
                    pass
    return {t: min(rules.tracks[t].hi, max(rules.tracks[t].lo, v)) for t, v in values.items()}


def with_pending(rules: Rules, now: list[Meter], values: dict[int, int]) -> list[Meter]:
    """Returns the meters of the turn's start (`now`), each carrying the value the staged
    orders would leave it (`values`, from `staged_values`) where that differs."""
    out = []
    for meter in now:
        then = values.get(meter.track.index)
        if then is not None and then != meter.value:
            text = format_value(rules, meter.track, then, meter.role)
            meter = replace(meter, pending=then, pending_text=text)
        out.append(meter)
    return out
