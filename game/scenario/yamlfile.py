"""Reading YAML safely: size limit, no anchors or aliases, no duplicate keys, line numbers kept."""

from __future__ import annotations

import re
from pathlib import Path
from typing import Any

import yaml

from game.scenario.errors import Problem, ScenarioError

MAX_BYTES = 1 << 20
"""Larger files are refused: no scenario needs more, and it bounds the work of a bad file."""

try:
    _Loader: type[yaml.SafeLoader] = yaml.CSafeLoader  # type: ignore[assignment]
except AttributeError:  # pragma: no cover - PyYAML built without libyaml
    _Loader = yaml.SafeLoader


def read_yaml(path: Path) -> tuple[Any, yaml.Node | None]:
    """Returns the data of a YAML file and its node tree (for line numbers).

    Raises ScenarioError naming the file (and line, where known) for anything unreadable.
    """
    name = str(path)
    try:
        raw = path.read_bytes()
    except OSError as exc:
        raise ScenarioError([Problem(name, None, "", f"cannot read: {exc.strerror}")]) from None
    if len(raw) > MAX_BYTES:
        raise ScenarioError([Problem(name, None, "", f"file larger than {MAX_BYTES} bytes")])
    try:
        text = raw.decode("utf-8")
    except UnicodeDecodeError as exc:
        line, message = where_not_utf8(raw, exc)
        raise ScenarioError([Problem(name, line, "", message)]) from None
    return parse_yaml(text, name)


def where_not_utf8(raw: bytes, exc: UnicodeDecodeError) -> tuple[int, str]:
    """Returns the line of the first byte that is not UTF-8, and a message naming its column."""
    line = raw.count(b"\n", 0, exc.start) + 1
    column = exc.start - (raw.rfind(b"\n", 0, exc.start) + 1) + 1
    return line, f"not UTF-8 text ({exc.reason} at column {column})"


def parse_yaml(text: str, name: str) -> tuple[Any, yaml.Node | None]:
    """Returns the data and node tree of YAML text; `name` is used in error messages."""
    try:
        for event in yaml.parse(text, Loader=_Loader):
            anchor = getattr(event, "anchor", None)
            if isinstance(event, yaml.AliasEvent) or anchor:
                line = event.start_mark.line + 1 if event.start_mark else None
                raise ScenarioError(
                    [Problem(name, line, "", "anchors and aliases are not allowed")]
                )
        node = yaml.compose(text, Loader=_Loader)
        data = yaml.load(text, Loader=_Loader)
    except yaml.MarkedYAMLError as exc:
        mark = exc.problem_mark
        line = mark.line + 1 if mark else None
        raise ScenarioError([Problem(name, line, "", f"YAML syntax: {exc.problem}")]) from None
    except yaml.YAMLError as exc:
        raise ScenarioError([Problem(name, None, "", f"YAML: {exc}")]) from None
    except RecursionError:
        raise ScenarioError([Problem(name, None, "", "nested too deeply")]) from None
    if node is not None:
        _check_duplicates(node, name)
    return data, node


def _check_duplicates(node: yaml.Node, name: str) -> None:
    stack = [node]
    while stack:
        current = stack.pop()
        if isinstance(current, yaml.MappingNode):
            seen: set[str] = set()
            for key, value in current.value:
                if isinstance(key, yaml.ScalarNode):
                    if key.value in seen:
                        line = key.start_mark.line + 1
                        raise ScenarioError([Problem(name, line, key.value, "duplicate key")])
                    seen.add(key.value)
                stack.append(value)
        elif isinstance(current, yaml.SequenceNode):
            stack.extend(current.value)


_TYPE_TAG = re.compile(r"int|float|str|bool|none|[A-Z]\w*|[\w-]+\[.*\]")
"""Pydantic's names for union members (`int`, `list[int]`, `OddsSpec`, `function-after[…]`):
no field of the scenario format looks like these."""


def locate(node: yaml.Node | None, loc: tuple[int | str, ...]) -> tuple[int | None, str]:
    """Returns the line of the deepest node on `loc` and a readable field path.

    Parts of `loc` that are not in the file (pydantic's union tags) are left out of the path.
    """
    path: list[str] = []
    line = node.start_mark.line + 1 if node is not None else None
    for part in loc:
        child = _child(node, part)
        if child is None:
            if isinstance(part, str) and _TYPE_TAG.fullmatch(part):
                continue  # e.g. `int` in tracks[3].initial.int: a union member, not a field
            if not path or path[-1] != str(part):
                path.append(str(part))
            continue
        key_line, node = child
        line = key_line
        path.append(f"[{part}]" if isinstance(part, int) else str(part))
    text = ".".join(path).replace(".[", "[")
    return line, text


def _child(node: yaml.Node | None, part: int | str) -> tuple[int, yaml.Node] | None:
    if isinstance(node, yaml.MappingNode):
        for key, value in node.value:
            if isinstance(key, yaml.ScalarNode) and key.value == str(part):
                return key.start_mark.line + 1, value
    elif (
        isinstance(node, yaml.SequenceNode)
        and isinstance(part, int)
        and 0 <= part < len(node.value)
    ):
        child = node.value[part]
        return child.start_mark.line + 1, child
    return None
