"""Reading YAML safely: size limit, no anchors or aliases, no duplicate keys, line numbers kept."""

from __future__ import annotations

import math
import re
from pathlib import Path
from typing import Any

import yaml

from game.scenario.errors import Problem, ScenarioError
from game.scenario.reading import read_text, where_not_utf8

__all__ = ["MAX_BYTES", "locate", "parse_yaml", "read_yaml", "where_not_utf8"]

MAX_BYTES = 1 << 20
"""Larger files are refused: no scenario needs more, and it bounds the work of a bad file."""

try:
    _Loader: type[yaml.SafeLoader] = yaml.CSafeLoader  # type: ignore[assignment]
except AttributeError:  # pragma: no cover - PyYAML built without libyaml
    _Loader = yaml.SafeLoader


def read_yaml(path: Path) -> tuple[Any, yaml.Node | None]:
    """Returns the data of a YAML file and its node tree (for line numbers).

    Raises ScenarioError naming the file (and line, where known) for anything unreadable: not a
    regular file, too large, not UTF-8, not YAML, or using what the format refuses.
    """
    return parse_yaml(read_text(path, MAX_BYTES), str(path))


def parse_yaml(text: str, name: str) -> tuple[Any, yaml.Node | None]:
    """Returns the data and node tree of YAML text; `name` is used in error messages.

    Refused, with the line: anchors and aliases, tags (`!!int`, `!!python/…`), merge keys
    (`<<`), duplicate keys, integers of more than 15 digits, numbers that are not finite
    (`.nan`, `.inf`, `1.0e999`), and dates that do not exist (`1933-02-30`).
    """
    try:
        for event in yaml.parse(text, Loader=_Loader):
            _check_event(event, name)
        node = yaml.compose(text, Loader=_Loader)
        if node is not None:
            _check_duplicates(node, name)
            _check_scalars(node, name)
        data = yaml.load(text, Loader=_Loader)
    except yaml.MarkedYAMLError as exc:
        mark = exc.problem_mark
        line = mark.line + 1 if mark else None
        raise ScenarioError([Problem(name, line, "", f"YAML syntax: {exc.problem}")]) from None
    except yaml.reader.ReaderError as exc:
        line = text.count("\n", 0, exc.position) + 1
        what = f"character {exc.character!r}" if isinstance(exc.character, str) else "a byte"
        problem = Problem(name, line, "", f"{what} is not allowed: {exc.reason}")
        raise ScenarioError([problem]) from None
    except yaml.YAMLError as exc:
        raise ScenarioError([Problem(name, None, "", f"YAML: {exc}")]) from None
    except RecursionError:
        raise ScenarioError([Problem(name, None, "", "nested too deeply")]) from None
    except ScenarioError:
        raise
    except ValueError as exc:  # a scalar the checks above let through but cannot be built
        raise ScenarioError([Problem(name, None, "", f"a value cannot be read: {exc}")]) from None
    return data, node


def _check_event(event: yaml.Event, name: str) -> None:
    """Refuses anchors, aliases, explicit tags and merge keys."""
    line = event.start_mark.line + 1 if event.start_mark else None
    if isinstance(event, yaml.AliasEvent) or getattr(event, "anchor", None):
        raise ScenarioError([Problem(name, line, "", "anchors and aliases are not allowed")])
    tag = getattr(event, "tag", None)
    if tag is not None and not isinstance(event, yaml.DocumentStartEvent):
        raise ScenarioError([Problem(name, line, "", f"tags ({tag}) are not allowed")])
    if isinstance(event, yaml.ScalarEvent) and event.value == "<<" and not event.style:
        raise ScenarioError([Problem(name, line, "", "merge keys (<<) are not allowed")])


_FLOAT_WORDS = {".inf", "+.inf", "-.inf", ".nan"}
MAX_INT_DIGITS = 15
"""Integers in scenario files have at most this many digits (each field's own bounds are the
format's; this keeps a number of thousands of digits from reaching them)."""


def _check_scalars(node: yaml.Node, name: str) -> None:
    """Refuses numbers out of range or not finite, and dates that do not exist, naming the
    line and the field."""
    stack: list[tuple[yaml.Node, tuple[int | str, ...]]] = [(node, ())]
    while stack:
        current, path = stack.pop()
        if isinstance(current, yaml.MappingNode):
            for key, value in current.value:
                stack.append((key, path))
                stack.append((value, (*path, str(getattr(key, "value", "?")))))
        elif isinstance(current, yaml.SequenceNode):
            stack.extend((item, (*path, i)) for i, item in enumerate(current.value))
        elif isinstance(current, yaml.ScalarNode):
            problem = _scalar_problem(current)
            if problem:
                line = current.start_mark.line + 1
                field = ".".join(f"[{p}]" if isinstance(p, int) else p for p in path)
                raise ScenarioError([Problem(name, line, field.replace(".[", "["), problem)])


def _scalar_problem(node: yaml.ScalarNode) -> str:
    """Returns why a scalar cannot be read, or ""."""
    kind = node.tag.rsplit(":", 1)[-1]
    value = node.value.replace("_", "")
    if kind == "int" and len(value.lstrip("+-")) > MAX_INT_DIGITS:
        return f"a number of {len(value.lstrip('+-'))} digits is out of range"
    if kind == "float":
        if value.lower() in _FLOAT_WORDS:
            return f"{node.value} is not a finite number"
        try:
            number = float(value)
        except ValueError:
            return ""
        if not math.isfinite(number):
            return f"{node.value} is not a finite number"
    if kind == "timestamp":
        try:
            yaml.load(node.value, Loader=_Loader)
        except ValueError as exc:
            return f"{node.value} is not a real date ({exc})"
    return ""


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
