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

A client that goes away before the game is over — it closes stdin, or stops reading stdout —
stops the server: a message on stderr, exit code 1, and with `--save` the game so far is
written. The same scenario, variant, seed, agents and replies give the same game (the agents
draw from the seeds `play` gives them).
"""

from __future__ import annotations

import json
from collections.abc import Callable, Mapping
from dataclasses import dataclass, field, replace
from typing import Any, Final

from game.agents.base import Agent
from game.core.actions import Action
from game.core.game import Game
from game.core.state import CHOICES, State
from game.env.fallback import fallback
from game.env.replies import (
    MAX_REASON,
    LineReader,
    ReplyError,
    SeatClosedError,
    StaleReplyError,
    parse_reply,
)
from game.env.text import legal_json, observe_text
from game.sim.play import agent_rng
from game.sim.record import GameRecord, make_record

PROTOCOL: Final = 1
SEAT: Final = "text-seat"
"""The seat's agent name in the save (the window seats a person there when it opens it)."""
Send = Callable[[dict[str, Any]], None]
"""Writes one message to the client; raises SeatClosedError when the client is gone."""
Note = Callable[[str], None]


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
        shown = ask = 0
        try:
            self.send(self._hello(seed))
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
                        reasons[len(actions)] = said
                state = game.apply(state, action)
                actions.append(game.notation(action))
        except SeatClosedError as exc:
            self.note(f"{exc} before the game was over (at move {ask})")
        else:
            result.finished = True
        record = make_record(
            game, seed, actions, state, {**self.names, game.rules.factions[side].id: SEAT}
        )
        result.record = replace(record, reasons=reasons)
        result.state = state
        if result.finished:
            try:
                self.send(self._over(state, shown, result))
            except SeatClosedError as exc:
                self.note(f"{exc}: the client did not read the end of the game")
        return result

    def _answer(
        self, state: State, legal: list[Action], ask: int, result: SeatResult
    ) -> tuple[Action, str]:
        """Returns the seat's move and what is said of it for the save: the reply's move and
        reason, or the fallback after a timeout or the last refused reply; with the errors of
        the replies refused before it."""
        left = self.retries + 1
        problems: list[str] = []
        while True:
            line = self.lines.next(self.timeout)
            if line is None:
                why = f"no reply within {self.timeout:g} s"
                return self._fallback(state, ask, why, result, problems)
            try:
                action, reason = parse_reply(self.game, state, legal, line, ask)
            except ReplyError as exc:
                if not isinstance(exc, StaleReplyError):
                    left -= 1
                problems.append(str(exc))
                self._error(ask, str(exc), left, result)
                if left == 0:
                    why = f"no usable reply in {self.retries + 1} tries"
                    return self._fallback(state, ask, why, result, problems)
            else:
                return action, _said(reason, problems)

    def _error(self, ask: int, message: str, left: int, result: SeatResult) -> None:
        result.errors.append(f"move {ask}: {message}")
        self.note(f"move {ask}: error: {message}")
        self.send({"type": "error", "id": ask, "message": message, "retries_left": left})

    def _fallback(
        self,
        state: State,
        ask: int,
        why: str,
        result: SeatResult,
        problems: list[str],
    ) -> tuple[Action, str]:
        action = fallback(self.game, state, self.side)
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
        return action, _said("", problems, f"text seat: {message}")

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


def _said(reason: str, problems: list[str], note: str = "") -> str:
    """Returns what the save keeps with a seat's move: the reply's reason, the replies refused
    before it, and the server's note (a fallback), at most `MAX_REASON` characters."""
    parts = [reason] if reason else []
    parts += [f"text seat: refused a reply: {p}" for p in problems]
    parts += [note] if note else []
    return "; ".join(parts)[:MAX_REASON]


def json_line(message: dict[str, Any]) -> bytes:
    """Returns a message as one line of UTF-8 JSON."""
    return (json.dumps(message, ensure_ascii=False) + "\n").encode("utf-8")
