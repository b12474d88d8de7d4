"""One seat of a game played over JSON lines: `python main.py serve-seat --scenario S --side F`.

The server plays the other sides with agents and talks to the seat's player — a language model
behind a small client, a script, a person at a terminal — through stdin and stdout, one JSON
object per line (UTF-8). Nothing but these lines is written to stdout; errors and notes also go
to stderr. Protocol 1:

Server → client
- `{"type": "hello", "protocol": 1, "scenario": "railway-sale", "variant": null, "title": …,
  "side": "japan", "sides": {"ussr": "persona", "japan": "you"}, "seed": 0,
  "action_space": 272, "timeout_s": 300.0, "retries": 2}` — once, first. `sides` names the
  agent at every other seat; `action_space` is the scenario's fixed number of distinct actions.
- `{"type": "move", "id": 1, "turn": 1, "date": "1933-06-01", "phase": "orders",
  "text": "…", "actions": [{"n": 1, "notation": "japan:offer:67.5", "meaning": "…"}, …],
  "timeout_s": 300.0}` — the seat must move. `phase` is `orders` (give orders one at a time, then
  `end`) or `choice` (answer the event the text names). `text` is `game.env.text.observe_text`:
  what the side knows, with only the chronicle lines since its last move (the first text adds
  the side's briefing and what each track means). `actions` is `legal_json`: every legal move,
  numbered from 1, with `odds`, `cost`, `effects` and `history` where the side can tell them.
  `turn` counts from 1, as the text does. The server does not ask when only one move is legal:
  it plays it.
- `{"type": "error", "id": 1, "message": "…", "retries_left": 1}` — the last reply was not
  understood or not legal; the message names what was wrong. Reply again to the same move.
- `{"type": "fallback", "id": 1, "notation": "japan:end", "meaning": "…", "message": "…"}` — no
  usable reply came (the time ran out, or no retries were left): the server played the fallback
  move for the seat — `end` in the orders phase, the first option of a choice — and the game
  goes on.
- `{"type": "over", "outcome": {"reason": …, "label": …, "class": …, "class_label": …},
  "scores": {"ussr": 12.5, "japan": -3.0}, "date": "1935-03-01", "text": "…", "errors": 0,
  "fallbacks": 0}` — the game is over; `text` tells what the seat saw happen since its last move.
  The server then exits with code 0.

Client → server, one line per reply: `{"n": 3}` (a number from the move's `actions`) or
`{"notation": "japan:offer:67.5"}` — exactly one of them — with, optionally, `"id"` (the move's
id: a reply whose id is not the move now asked, such as a late answer to a move that timed out,
is reported and ignored without costing a retry) and `"reason"` (a line on why, at most 2,000
characters, kept with the move in the save). Blank lines are ignored. Malformed JSON, a
non-object, unknown fields, `n` out of range, notation that does not parse or names a move
that is not legal now: each an `error`. Every move allows 1 + `--retries` replies; each must
come within `--timeout` seconds of the move (or of the error before it).

End of input (stdin closed) before the game is over stops the server: a message on stderr,
exit code 1, and with `--save` the game so far is written. The same scenario, variant, seed,
agents and replies give the same game (the agents draw from the seeds `play` gives them).
"""

from __future__ import annotations

import json
import os
import queue
import threading
from collections.abc import Callable, Mapping
from dataclasses import dataclass, field, replace
from typing import Any, Final

from game.agents.base import Agent
from game.core.actions import END, Action
from game.core.errors import NotationError
from game.core.game import Game
from game.core.state import CHOICES, State
from game.env.text import legal_json, observe_text
from game.sim.play import agent_rng
from game.sim.record import GameRecord, make_record

PROTOCOL: Final = 1
SEAT: Final = "text-seat"
"""The seat's agent name in the save (the window seats a person there when it opens it)."""
MAX_LINE: Final = 1 << 20
"""A reply longer than this (bytes) is refused unread."""
MAX_REASON: Final = 2000
FIELDS: Final = frozenset({"n", "notation", "id", "reason"})

Send = Callable[[dict[str, Any]], None]
Note = Callable[[str], None]


class SeatClosedError(Exception):
    """The client closed stdin before the game was over."""


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
            raise SeatClosedError
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


@dataclass
class SeatResult:
    """A game played at the seat, finished or not."""

    record: GameRecord
    state: State
    finished: bool
    errors: list[str] = field(default_factory=list)
    """Every error the seat's replies caused, in order (`move 3: n = 9 is out of range …`)."""
    fallbacks: int = 0


@dataclass
class Seat:
    """One side played by the client, the others by `agents` (faction index → agent)."""

    game: Game
    side: int
    agents: Mapping[int, Agent]
    lines: LineReader
    send: Send
    note: Note
    timeout: float = 300.0
    retries: int = 2
    names: Mapping[str, str] = field(default_factory=dict)
    """Faction id → agent name, for the hello and the save (the seat's own is `SEAT`)."""

    def play(self, seed: int) -> SeatResult:
        """Plays a game of `seed` to its end, or until the input ends (`finished` False)."""
        game, side = self.game, self.side
        rngs = {f.index: agent_rng(seed, f.id) for f in game.rules.factions}
        state = game.initial_state(seed)
        actions: list[str] = []
        reasons: dict[int, str] = {}
        result = SeatResult(make_record(game, seed, [], state), state, False)
        self.send(self._hello(seed))
        shown = ask = 0
        try:
            while not game.is_terminal(state):
                faction = game.to_act(state)
                legal = game.legal_actions(state, faction)
                if faction != side:
                    obs = game.observe(state, faction)
                    action = self.agents[faction].act(obs, legal, rngs[faction])
                elif len(legal) == 1:
                    action = legal[0]
                else:
                    ask += 1
                    self.send(self._move(state, ask, shown))
                    shown = len(game.observe(state, side).log)
                    action, said = self._answer(state, legal, ask, result)
                    if said:
                        reasons[len(actions)] = said[:MAX_REASON]
                state = game.apply(state, action)
                actions.append(game.notation(action))
        except SeatClosedError:
            self.note(f"stdin closed before the game was over (move {ask} unanswered)")
        else:
            result.finished = True
        record = make_record(
            game, seed, actions, state, {**self.names, game.rules.factions[side].id: SEAT}
        )
        result.record = replace(record, reasons=reasons)
        result.state = state
        if result.finished:
            self.send(self._over(state, shown, result))
        return result

    def _answer(
        self, state: State, legal: list[Action], ask: int, result: SeatResult
    ) -> tuple[Action, str]:
        """Returns the seat's move and what it (or the server) says of it: the reply's move,
        or the fallback after a timeout or the last refused reply."""
        left = self.retries + 1
        problems: list[str] = []
        while True:
            line = self.lines.next(self.timeout)
            if line is None:
                return self._fallback(
                    state, legal, ask, f"no reply within {self.timeout:g} s", result, problems
                )
            try:
                return parse_reply(self.game, state, legal, line, ask)
            except StaleReplyError as exc:
                self._error(ask, str(exc), left, result)
            except ReplyError as exc:
                left -= 1
                problems.append(str(exc))
                self._error(ask, str(exc), left, result)
                if left == 0:
                    why = f"no usable reply in {self.retries + 1} tries"
                    return self._fallback(state, legal, ask, why, result, problems)

    def _error(self, ask: int, message: str, left: int, result: SeatResult) -> None:
        result.errors.append(f"move {ask}: {message}")
        self.note(f"move {ask}: error: {message}")
        self.send({"type": "error", "id": ask, "message": message, "retries_left": left})

    def _fallback(
        self,
        state: State,
        legal: list[Action],
        ask: int,
        why: str,
        result: SeatResult,
        problems: list[str],
    ) -> tuple[Action, str]:
        action = next((a for a in legal if a.kind == END), legal[0])
        notation = self.game.notation(action)
        what = "the first option" if state.phase == CHOICES else "end of orders"
        message = f"{why}: the server played {what} for you ({notation})"
        result.fallbacks += 1
        self.note(f"move {ask}: fallback: {message}")
        self.send(
            {
                "type": "fallback",
                "id": ask,
                "notation": notation,
                "meaning": self.game.label(action),
                "message": message,
            }
        )
        said = "; ".join([*(f"error: {p}" for p in problems), f"text seat: {message}"])
        return action, said

    def _hello(self, seed: int) -> dict[str, Any]:
        rules = self.game.rules
        me = rules.factions[self.side].id
        return {
            "type": "hello",
            "protocol": PROTOCOL,
            "scenario": rules.id,
            "variant": rules.variant,
            "title": rules.title,
            "side": me,
            "sides": {
                f.id: "you" if f.id == me else self.names.get(f.id, "") for f in rules.factions
            },
            "seed": seed,
            "action_space": self.game.action_space.size,
            "timeout_s": self.timeout,
            "retries": self.retries,
        }

    def _move(self, state: State, ask: int, shown: int) -> dict[str, Any]:
        game = self.game
        return {
            "type": "move",
            "id": ask,
            "turn": state.turn + 1,
            "date": game.rules.date(state.turn).isoformat(),
            "phase": "choice" if state.phase == CHOICES else "orders",
            "text": observe_text(game, state, self.side, since=shown),
            "actions": legal_json(game, state, self.side),
            "timeout_s": self.timeout,
        }

    def _over(self, state: State, shown: int, result: SeatResult) -> dict[str, Any]:
        game = self.game
        outcome = game.outcome(state)
        assert outcome is not None
        return {
            "type": "over",
            "outcome": {
                "reason": outcome.reason,
                "label": outcome.label,
                "class": outcome.outcome_class,
                "class_label": outcome.class_label,
            },
            "scores": dict(outcome.scores),
            "date": game.rules.date(state.turn).isoformat(),
            "text": observe_text(game, state, self.side, since=shown, brief=False),
            "errors": len(result.errors),
            "fallbacks": result.fallbacks,
        }


def json_line(message: dict[str, Any]) -> bytes:
    """Returns a message as one line of UTF-8 JSON."""
    return (json.dumps(message, ensure_ascii=False) + "\n").encode("utf-8")
