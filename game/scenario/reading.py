"""The one gate every file the program reads goes through: regular files only, size checked
before and while reading, text checked to be UTF-8 (a fault names its line and column), and
JSON read with its numbers bounded and NaN refused.

A device (`/dev/zero`), a FIFO (which would block forever), a folder or a dangling link is
refused with a clear message before anything is read; a file that grows past its limit while
being read is refused too. Errors are `ScenarioError`s listing `Problem`s (file, line, field).
"""

from __future__ import annotations

import json
import os
import stat
from pathlib import Path
from typing import Any

from game.scenario.errors import Problem, ScenarioError

MAX_INT_DIGITS = 15
"""Integers in files have at most this many digits (values are checked against their own
bounds by the formats; this keeps a 5,000-digit number from reaching them)."""


def read_bytes(path: Path, limit: int) -> bytes:
    """Returns the bytes of a regular file of at most `limit` bytes; ScenarioError otherwise."""
    name = str(path)

    def fail(message: str) -> ScenarioError:
        return ScenarioError([Problem(name, None, "", message)])

    try:
        info = os.stat(path)
    except OSError as exc:
        raise fail(f"cannot read: {exc.strerror or exc}") from None
    if not stat.S_ISREG(info.st_mode):
        raise fail("not a regular file (a folder, a device or a pipe)")
    if info.st_size > limit:
        raise fail(f"file larger than {limit:,} bytes")
    try:
        fd = os.open(path, os.O_RDONLY | getattr(os, "O_NONBLOCK", 0))
    except OSError as exc:
        raise fail(f"cannot read: {exc.strerror or exc}") from None
    with os.fdopen(fd, "rb") as handle:
        if not stat.S_ISREG(os.fstat(handle.fileno()).st_mode):  # replaced since the stat
            raise fail("not a regular file (a folder, a device or a pipe)")
        try:
            data = handle.read(limit + 1)
        except OSError as exc:
            raise fail(f"cannot read: {exc.strerror or exc}") from None
    if len(data) > limit:
        raise fail(f"file larger than {limit:,} bytes")
    return data


def where_not_utf8(raw: bytes, exc: UnicodeDecodeError) -> tuple[int, str]:
    """Returns the line of the first byte that is not UTF-8, and a message naming its column."""
    line = raw.count(b"\n", 0, exc.start) + 1
    column = exc.start - (raw.rfind(b"\n", 0, exc.start) + 1) + 1
    return line, f"not UTF-8 text ({exc.reason} at column {column})"


def read_text(path: Path, limit: int) -> str:
    """Returns the text of a regular UTF-8 file of at most `limit` bytes."""
    raw = read_bytes(path, limit)
    try:
        return raw.decode("utf-8")
    except UnicodeDecodeError as exc:
        line, message = where_not_utf8(raw, exc)
        raise ScenarioError([Problem(str(path), line, "", message)]) from None


def _bounded_int(text: str) -> int:
    digits = text.lstrip("-")
    if len(digits) > MAX_INT_DIGITS:
        raise ValueError(f"a number of {len(digits)} digits is out of range")
    return int(text)


def _no_constant(text: str) -> float:
    raise ValueError(f"{text} is not a number")


def _finite_float(text: str) -> float:
    value = float(text)
    if value != value or value in (float("inf"), float("-inf")):
        raise ValueError(f"{text} is not a finite number")
    return value


def parse_json(text: str, name: str) -> Any:
    """Returns JSON data with integers bounded and only finite numbers (no NaN, Infinity, 1e999);
    ScenarioError names the line of the fault."""
    try:
        return json.loads(
            text,
            parse_int=_bounded_int,
            parse_constant=_no_constant,
            parse_float=_finite_float,
        )
    except json.JSONDecodeError as exc:
        raise ScenarioError([Problem(name, exc.lineno, "", f"not JSON: {exc.msg}")]) from None
    except ValueError as exc:
        raise ScenarioError([Problem(name, None, "", str(exc))]) from None
    except RecursionError:
        raise ScenarioError([Problem(name, None, "", "nested too deeply")]) from None
