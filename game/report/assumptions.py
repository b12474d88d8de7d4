"""The model's assumptions in words, for a comparison report.

A scenario names its modelling assumptions in two ways: an `assumption:` field (a track, a
parameter, a debate's school) and a comment or text that starts `ASSUMPTION` beside the number
it concerns (an event's effect, an odds line, a persona's weight). The fields are data; the
comments are only in the file, so they are read from its lines, within the lines of the part of
the scenario a variant's change touches (the event it switches off, the track it sets).
"""

from __future__ import annotations

import re
from collections.abc import Iterator, Mapping, Sequence
from dataclasses import dataclass
from typing import Any

import yaml

from game.scenario.schema import ChangeSpec

_MARK = re.compile(r"ASSUMPTIONS?\b")
_COMMENT = re.compile(r"^\s*#\s?(.*)$")


@dataclass(frozen=True, slots=True)
class Assumption:
    """One modelling assumption: what it concerns, and the file's words for it."""

    subject: str
    """What the number belongs to, for people (`Track “Tension”`, `Event “Trinity”`)."""
    text: str
    """The assumption in the file's words (empty when the file marks a number and says no more)."""
    line: int
    """Its line in the scenario file (1-based), for a reader who wants to check."""
    code: str = ""
    """The data the mark stands beside, as the file writes it (`probability: 0.8`), or ""."""


def named_assumptions(data: Mapping[str, Any], node: yaml.Node | None) -> list[Assumption]:
    """Returns the scenario's `assumption:` fields: tracks, named parameters, debates' schools
    (the school the scenario follows first), in the file's order."""
    out: list[Assumption] = []
    for section, word in (("tracks", "Track"), ("parameters", "Parameter")):
        for i, item in enumerate(_items(data, section)):
            if item.get("assumption"):
                name = item.get("name") or item.get("id")
                line = _line(node, (section, i))
                out.append(Assumption(f"{word} “{name}”", _words(item["assumption"]), line))
    for d, debate in enumerate(_items(data, "debates")):
        for s, school in enumerate(debate.get("schools") or ()):
            if isinstance(school, dict) and school.get("assumption"):
                followed = (
                    " (the scenario follows it)" if school.get("id") == debate.get("school") else ""
                )
                subject = f"Debate school “{school.get('name')}”{followed}"
                line = _line(node, ("debates", d, "schools", s))
                out.append(Assumption(subject, _words(school["assumption"]), line))
    return out


def touched_assumptions(
    changes: Sequence[ChangeSpec],
    data: Mapping[str, Any],
    node: yaml.Node | None,
    lines: Sequence[str],
) -> list[Assumption]:
    """Returns the assumptions in the parts of the scenario that `changes` touch: the parts'
    `assumption:` fields (a debate's: the school a change sets) and the `ASSUMPTION` comments and
    texts within their lines of the file (`lines`, the file's text split in lines)."""
    out: list[Assumption] = []
    seen: set[tuple[str, int]] = set()
    for section, ident, school in _targets(changes):
        index, item = _find(data, section, ident)
        if item is None:
            continue
        subject = _subject(section, item, ident)
        found = list(_field_assumptions(section, item, subject, node, index, school))
        span = _span(node, (section, index))
        if span is not None:
            found += _marked(lines, span, subject)
        for entry in found:
            if (entry.subject, entry.line) not in seen:
                seen.add((entry.subject, entry.line))
                out.append(entry)
    return out


def _targets(changes: Sequence[ChangeSpec]) -> Iterator[tuple[str, str, str | None]]:
    """Yields (section, item id, school set or None) for each change."""
    for change in changes:
        if change.disable_event or change.force_event:
            yield "events", str(change.disable_event or change.force_event), None
        elif change.keep_option:
            yield "events", change.keep_option.partition(".")[0], None
        elif change.set:
            parts = change.set.split(".")
            if len(parts) >= 2:
                school = str(change.value) if parts[-1] == "school" else None
                yield parts[0], parts[1], school


def _field_assumptions(
    section: str,
    item: Mapping[str, Any],
    subject: str,
    node: yaml.Node | None,
    index: int,
    school: str | None,
) -> Iterator[Assumption]:
    if item.get("assumption"):
        yield Assumption(subject, _words(item["assumption"]), _line(node, (section, index)))
    for s, entry in enumerate(item.get("schools") or ()):
        if isinstance(entry, dict) and entry.get("id") == school and entry.get("assumption"):
            line = _line(node, (section, index, "schools", s))
            yield Assumption(
                f"{subject}, school “{entry.get('name')}”", _words(entry["assumption"]), line
            )


def _marked(lines: Sequence[str], span: tuple[int, int], subject: str) -> list[Assumption]:
    """Returns the ASSUMPTION marks within lines span[0]..span[1] (0-based, inclusive): a
    comment with the comment lines that follow it, or the text from the mark to the end of its
    paragraph in a quoted or folded field."""
    out: list[Assumption] = []
    i, last = span[0], min(span[1], len(lines) - 1)
    while i <= last:
        line = lines[i]
        mark = _MARK.search(line)
        if mark is None:
            i += 1
            continue
        text = line[mark.start() :]
        hash_at = line.find("#")
        is_comment = 0 <= hash_at < mark.start()
        j = i + 1
        while j <= last and _continues(lines[j], is_comment):
            text += " " + _continuation(lines[j], is_comment)
            j += 1
        words = _clean(text)
        code = _code(lines[i][:hash_at]) if is_comment else ""
        if not words and code:  # a bare mark: the numbers are those of its line
            words = _option(lines, span[0], i) + "these numbers"
        out.append(Assumption(subject, words, i + 1, code))
        i = j
    return out


_LABEL = re.compile(r"^\s*(?:-\s*)?label:\s*(.+?)\s*$")


def _code(data: str) -> str:
    """Returns the data beside a mark as people read it: `{add: {peace: 2}}` for
    `- {add: {peace: 2}}` or `effects: [{add: {peace: 2}}]`."""
    code = data.strip().removeprefix("- ").strip()
    if code.startswith(("effects:", "odds:")):
        code = re.sub(r"^[a-z_]+:\s*", "", code)
    if code.startswith("[{") and code.endswith("}]") and code.count("[") == 1:
        code = code[1:-1]
    return code


def _option(lines: Sequence[str], first: int, at: int) -> str:
    """Returns `option “…”: ` for the option a line belongs to (the nearest `label:` above it
    in the same part of the file), or ""."""
    found = (_LABEL.match(lines[k]) for k in range(at, first - 1, -1))
    label = next((m.group(1).strip("\"'") for m in found if m), None)
    return f"option “{label}”: " if label else ""


def _continues(line: str, is_comment: bool) -> bool:
    if _MARK.search(line):
        return False
    if is_comment:
        return _COMMENT.match(line) is not None
    stripped = line.strip()
    return bool(stripped) and not stripped.startswith(("-", "#")) and ":" not in stripped[:24]


def _continuation(line: str, is_comment: bool) -> str:
    if is_comment:
        match = _COMMENT.match(line)
        return match.group(1).strip() if match else ""
    return line.strip()


def _clean(text: str) -> str:
    """Returns a mark's words without YAML quoting: `ASSUMPTION: 6 points.`."""
    text = " ".join(text.split()).rstrip("\"'")
    words = _MARK.sub("", text, count=1).strip()
    named = re.match(r"^\(([^)]*)\)\s*:?\s*", words)
    if named:  # `ASSUMPTION (show_force): …` names the number it sets
        return f"{named.group(1)}: {words[named.end() :]}"
    return words.lstrip(" :").strip()


def _words(value: Any) -> str:
    return " ".join(str(value).split())


def _items(data: Mapping[str, Any], section: str) -> list[dict[str, Any]]:
    items = data.get(section)
    return [x for x in items if isinstance(x, dict)] if isinstance(items, list) else []


def _find(data: Mapping[str, Any], section: str, ident: str) -> tuple[int, dict[str, Any] | None]:
    items = data.get(section)
    if isinstance(items, list):
        for i, item in enumerate(items):
            if isinstance(item, dict) and item.get("id") == ident:
                return i, item
    return -1, None


def _subject(section: str, item: Mapping[str, Any], ident: str) -> str:
    word = {"events": "Event", "tracks": "Track", "debates": "Debate", "actions": "Action"}
    name = item.get("title") or item.get("name") or item.get("question") or ident
    return f"{word.get(section, section.capitalize())} “{_words(name)}”"


def _node(node: yaml.Node | None, path: tuple[str | int, ...]) -> yaml.Node | None:
    for part in path:
        if isinstance(node, yaml.MappingNode):
            node = next((v for k, v in node.value if getattr(k, "value", None) == part), None)
        elif isinstance(node, yaml.SequenceNode) and isinstance(part, int):
            node = node.value[part] if 0 <= part < len(node.value) else None
        else:
            return None
    return node


def _line(node: yaml.Node | None, path: tuple[str | int, ...]) -> int:
    found = _node(node, path)
    return found.start_mark.line + 1 if found is not None else 0


def _span(node: yaml.Node | None, path: tuple[str | int, ...]) -> tuple[int, int] | None:
    """Returns the first and last line (0-based) of a node's text, comments after its last
    value included up to the next item."""
    found = _node(node, path)
    if found is None:
        return None
    end = found.end_mark.line - (1 if found.end_mark.column == 0 else 0)
    return found.start_mark.line, end
