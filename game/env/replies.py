"""The seat's replies: lines read from the client with a timeout, and each read as a move or
refused with a message that says what is wrong (`game.env.seat` has the protocol)."""

from __future__ import annotations

import json
import os
import queue
import threading
from typing import Final

from game.core.actions import Action
from game.core.errors import NotationError
from game.core.game import Game
from game.core.state import State

MAX_LINE: Final = 1 << 20
"""A reply longer than this (bytes) is refused unread."""
MAX_REASON: Final = 2000
FIELDS: Final = frozenset({"n", "notation", "id", "reason"})


class SeatClosedError(Exception):
    """The client is gone: it closed stdin, or stopped reading stdout (the message says which)."""


class ReplyError(ValueError):
    """A reply that names no legal move; the message says what is wrong."""


class StaleReplyError(ReplyError):
    """A reply to another move than the one asked (a late answer)."""


_EOF: Final = object()
_TOO_LONG: Final = object()


class LineReader:
    """Reads lines from a file descriptor on a thread, so that a wait for one can time out
    (a pipe cannot be polled with a timeout everywhere; a thread and a queue can).

    The thread reads the descriptor with `os.read`, never through a buffered file: a daemon
    thread blocked inside a buffered reader's lock aborts the interpreter at exit.
    """

    def __init__(self, fd: int) -> None:
        self._lines: queue.Queue[object] = queue.Queue()
        self._thread = threading.Thread(target=self._read, args=(fd,), daemon=True)
        self._thread.start()

    def _read(self, fd: int) -> None:
        pending = bytearray()
        skipping = False  # inside a line that is too long, until its end
        while chunk := _read_chunk(fd):
            pending += chunk
            while (end := pending.find(b"\n")) >= 0:
                line = bytes(pending[: end + 1])
                del pending[: end + 1]
                if skipping:
                    skipping = False
                elif len(line) > MAX_LINE:
                    self._lines.put(_TOO_LONG)
                elif line.strip():
                    self._lines.put(line)
            if len(pending) > MAX_LINE:
                if not skipping:
                    self._lines.put(_TOO_LONG)
                skipping = True
                pending.clear()
        if pending.strip() and not skipping:  # a last line without its newline
            self._lines.put(bytes(pending))
        self._lines.put(_EOF)

    def next(self, timeout: float) -> bytes | None:
        """Returns the next non-blank line, or None if none came within `timeout` seconds;
        raises SeatClosedError at the end of the input and ReplyError for an over-long line."""
        try:
            item = self._lines.get(timeout=timeout)
        except queue.Empty:
            return None
        if item is _EOF:
            self._lines.put(_EOF)  # every later wait ends too
            raise SeatClosedError("stdin closed")
        if item is _TOO_LONG:
            raise ReplyError(f"the line is longer than {MAX_LINE:,} bytes")
        assert isinstance(item, bytes)
        return item


def _read_chunk(fd: int) -> bytes:
    """Returns the next bytes of `fd` (b"" at its end, or when it cannot be read)."""
    try:
        return os.read(fd, 1 << 16)
    except OSError:
        return b""


def parse_reply(
    game: Game, state: State, legal: list[Action], line: bytes, ask: int
) -> tuple[Action, str]:
    """Returns the move a reply names and its reason; ReplyError says what is wrong."""
    try:
        data = json.loads(line.decode("utf-8"))
    except UnicodeDecodeError:
        raise ReplyError("the line is not UTF-8") from None
    except ValueError as exc:
        raise ReplyError(f"malformed JSON: {exc}") from None
    if not isinstance(data, dict):
        raise ReplyError(f'a reply is a JSON object such as {{"n": 1}}, not {_kind(data)}')
    unknown = sorted(set(data) - FIELDS)
    if unknown:
        raise ReplyError(
            f"unknown field{'s' * (len(unknown) > 1)} {', '.join(map(repr, unknown))} "
            f"(a reply has n or notation, and may have id and reason)"
        )
    if "id" in data:
        if not _is_int(data["id"]):
            raise ReplyError(f"id must be the move's number, not {_kind(data['id'])}")
        if data["id"] != ask:
            raise StaleReplyError(
                f"the reply is to move {data['id']}, but move {ask} is asked: ignored"
            )
    reason = data.get("reason", "")
    if not isinstance(reason, str) or len(reason) > MAX_REASON:
        raise ReplyError(f"reason must be a string of at most {MAX_REASON:,} characters")
    if ("n" in data) == ("notation" in data):
        raise ReplyError('give exactly one of "n" (a number from the list) and "notation"')
    if "n" in data:
        n = data["n"]
        if not _is_int(n):
            raise ReplyError(f"n must be a whole number, not {_kind(n)}")
        if not 1 <= n <= len(legal):
            raise ReplyError(f"n = {n} is out of range: the moves are numbered 1 to {len(legal)}")
        return legal[n - 1], reason
    return _by_notation(game, state, legal, data["notation"]), reason


def _by_notation(game: Game, state: State, legal: list[Action], text: object) -> Action:
    if not isinstance(text, str):
        raise ReplyError(f"notation must be a string, not {_kind(text)}")
    try:
        action = game.parse_action(text)
    except NotationError as exc:
        raise ReplyError(f"notation does not parse: {exc}") from None
    if action in legal:
        return action
    side = game.rules.factions[state.to_act].id
    if action.faction != state.to_act:
        raise ReplyError(f"{text!r} is not a move of {side}, the side you play")
    why = game.why_illegal(state, action) or "not among the moves offered"
    raise ReplyError(f"{text!r} is not legal now: {why}")


def _is_int(value: object) -> bool:
    return isinstance(value, int) and not isinstance(value, bool)


def _kind(value: object) -> str:
    return {dict: "an object", list: "a list", str: "a string", bool: "true or false"}.get(
        type(value), "null" if value is None else "a number"
    )
