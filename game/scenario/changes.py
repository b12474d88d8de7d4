"""A variant's changes in words, field by field, for the set-up screen: what the variant sets,
switches off, forces or leaves as the only option, beside what the scenario has in history
(`The army's weight in Tokyo: starts at 70 instead of 40`). The values replaced are the
scenario's, which are often modelling assumptions: "instead of", not "in history"; only the
option history took is called so.

It reads the scenario file's data (as loaded, before compiling) to name what a path points at
and to say the value it replaces, so every kind of change has words without a table of paths;
a path it cannot follow is shown as written.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Mapping, Sequence
from typing import Any

from game.scenario.schema import ChangeSpec, VariantSpec

FIELDS = {
    "initial": "starts at",
    "garrison": "garrison",
    "probability": "chance each turn",
    "chance": "chance of the effect",
    "school": "the school the game follows",
    "options": "options:",
    "value": "value",
}
"""Words for the last part of a path (`tracks.x.initial` → "starts at")."""

_STEPS = {"day": "daily", "week": "weekly", "month": "monthly", "year": "yearly"}


def change_lines(variant: VariantSpec, scenario: Mapping[str, Any]) -> list[str]:
    """Returns one line per change of `variant`, in words, read against the scenario's data."""
    return [change_text(change, scenario) for change in variant.changes]


def change_text(change: ChangeSpec, scenario: Mapping[str, Any]) -> str:
    """Returns one change in words."""
    if change.disable_event:
        return f"“{_title(scenario, 'events', change.disable_event)}” never happens."
    if change.force_event:
        return f"“{_title(scenario, 'events', change.force_event)}” happens for certain."
    if change.keep_option:
        event_id, _, option_id = change.keep_option.partition(".")
        event = _find(scenario.get("events"), event_id) or {}
        option = _find(event.get("options"), option_id) or {}
        history = next(
            (o for o in event.get("options", ()) if isinstance(o, dict) and o.get("historical")),
            None,
        )
        was = f" (in history: “{history.get('label')}”)" if history else ""
        return (
            f"“{event.get('title', event_id)}”: the only option is "
            f"“{option.get('label', option_id)}”{was}."
        )
    if change.set is not None:
        return _set_text(change.set, change.value, scenario)
    return "A change the set-up screen cannot put in words."


def _set_text(path: str, value: Any, scenario: Mapping[str, Any]) -> str:
    parts = path.split(".")
    names: list[str] = []
    node: Any = scenario
    for part in parts:
        node = _step(node, part)
        if node is None:
            return f"{path} set to {_value(value, {})}."
        if isinstance(node, dict):
            named = node.get("name") or node.get("title") or node.get("label")
            names.append(str(named or node.get("question") or ""))
    owner = next((n for n in reversed(names) if n), parts[0].capitalize())
    last = parts[-1]
    context = _step(scenario, parts[0])
    if last in ("school",) and len(parts) >= 2:
        debate = _find(context, parts[1]) or {}
        return (
            f"{owner.rstrip('?')}: the game follows “{_school(debate, value)}” "
            f"instead of “{_school(debate, node)}”."
        )
    if parts == ["calendar"]:
        return f"Calendar: {_value(value, {})} instead of {_value(node, {})}."
    unit_of = _find(context, parts[1]) if len(parts) > 1 else None
    word = FIELDS.get(last, last.replace("_", " "))
    if last in ("probability", "chance"):
        return f"{owner}: {word} {_odds(value, scenario)} instead of {_odds(node, scenario)}."
    unit = unit_of or {}
    if last == "initial" and any(isinstance(v, list) for v in (value, node)):
        word = "starts, drawn each game,"
    elif last == "initial" and unit.get("range") == [0, 1]:
        word = "at the start:"
    return f"{owner}: {word} {_value(value, unit)} instead of {_value(node, unit)}."


def _step(node: Any, part: str) -> Any:
    """Returns the child `part` of `node`: a key of a mapping, the item with that id, or the
    item at that position (`effects.0`)."""
    if isinstance(node, Mapping):
        return node.get(part)
    if isinstance(node, Sequence) and not isinstance(node, str):
        if part.isdigit():
            return node[int(part)] if int(part) < len(node) else None
        return _find(node, part)
    return None


def _find(items: Any, item_id: str) -> dict[str, Any] | None:
    if not isinstance(items, Sequence) or isinstance(items, str):
        return None
    return next((i for i in items if isinstance(i, dict) and i.get("id") == item_id), None)


def _title(scenario: Mapping[str, Any], section: str, item_id: str) -> str:
    item = _find(scenario.get(section), item_id) or {}
    return str(item.get("title") or item.get("name") or item_id)


def _school(debate: Mapping[str, Any], school_id: Any) -> str:
    school = _find(debate.get("schools"), str(school_id)) or {}
    return str(school.get("name") or school_id)


def _value(value: Any, item: Mapping[str, Any]) -> str:
    """Returns a value in words: a range, a calendar, a list of options, a number with unit."""
    unit = f" {item['unit']}" if item.get("unit") else ""
    if value is None:
        return "nothing"
    if isinstance(value, bool):
        return "yes" if value else "no"
    if item.get("range") == [0, 1] and value in (0, 1):
        return "yes" if value else "no"
    if isinstance(value, list) and len(value) == 2 and all(_is_number(v) for v in value):
        return f"between {value[0]:g} and {value[1]:g}{unit}"
    if isinstance(value, list) and value and all(isinstance(v, dict) for v in value):
        if all("start" in v for v in value):
            return "; ".join(_period(v) for v in value)
        labels = [str(v.get("label") or v.get("id")) for v in value]
        return ", ".join(f"“{label}”" for label in labels)
    if _is_number(value):
        return f"{value:g}{unit}"
    return str(value)


def _odds(value: Any, scenario: Mapping[str, Any]) -> str:
    """Returns a chance in words: a number, or odds (`base` plus a weight per point of a track,
    `0.5, plus 0.15 per point of “Standing in Washington”`); weights of 0 are left out."""
    if not isinstance(value, Mapping) or "base" not in value:
        return _value(value, {})
    terms = [f"{float(value['base']):g}"]
    for track_id, weight in sorted(dict(value.get("per") or {}).items()):
        if not _is_number(weight) or weight == 0:
            continue
        sign = "plus" if weight > 0 else "minus"
        name = _title(scenario, "tracks", str(track_id))
        terms.append(f"{sign} {abs(weight):g} per point of “{name}”")
    return ", ".join(terms)


def _is_number(value: Any) -> bool:
    return isinstance(value, int | float) and not isinstance(value, bool)


def _period(entry: Mapping[str, Any]) -> str:
    start, end = entry.get("start"), entry.get("end")
    step = _STEPS.get(str(entry.get("step")), str(entry.get("step", "")))
    return f"{_date(start)} to {_date(end)}, {step}".strip(", ")


def _date(value: Any) -> str:
    if isinstance(value, dt.date):
        return f"{value.day} {value:%B %Y}"
    return str(value)
