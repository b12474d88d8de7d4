"""A game being played at the window: the engine, its state, who plays each side, undo, saves.

This is the only place where the UI changes game state, and it does so only through
`game.apply`. A human faction's orders are staged on top of the state at the start of its
orders (`state`): each staged order is applied to a preview, so the engine checks it and the
legal actions follow, but nothing is final until the player confirms (ends the turn). Undo drops
staged orders and returns to that state. Agents think on a worker thread (`Thinker`); `poll`
collects their moves each frame, and what they said about them (`Note`). The save file is the
engine's record (scenario, variant, seed, actions), with each side's seat (`mcts:hard`).
"""

from __future__ import annotations

import dataclasses
import random
import time
from collections.abc import Mapping, Sequence
from concurrent.futures import Future, ThreadPoolExecutor
from pathlib import Path

from game.agents.base import AGENTS, Agent, make_agent, reason_of, split_agent
from game.agents.reasons import Reason
from game.core.actions import END, Action, EndTurn
from game.core.errors import IllegalActionError, NotationError
from game.core.game import Game, Outcome, State
from game.core.observation import Observation
from game.core.phase import CHOICES, NOBODY, ORDERS
from game.core.serial import state_hash
from game.core.victory import Verdict
from game.scenario.errors import Problem, ScenarioError
from game.scenario.loader import source_for
from game.sim.par import Par, live_verdict, par_of, victory
from game.sim.record import (
    GameRecord,
    RecordError,
    canonical_action,
    game_of_saved,
    load_record,
    make_record,
    save_record,
)
from game.ui.catalog import game_of
from game.ui.i18n import _
from game.ui.notes import Note
from game.ui.settings import prune_autosaves
from game.ui.thinker import Thinker

HUMAN = "human"
"""Seat kind of a faction played at the window."""
SEAT_KINDS = (HUMAN, *AGENTS)
"""The kinds that can sit at each faction, as the set-up screen offers them: a person, or one of
the engine's agents (`AGENTS`); a kind with levels sits at one of them (`mcts:hard`)."""


def seat_problem(seat: str) -> str:
    """Returns why `seat` cannot play a faction, or "" if it can: `human`, or an agent's name as
    `make_agent` reads it (`greedy`, `mcts`, `mcts:hard`)."""
    if seat == HUMAN:
        return ""
    try:
        split_agent(seat)
    except ValueError as exc:
        return str(exc)
    return ""


class Session:
    """One game in play (see the module docstring)."""

    def __init__(
        self,
        game: Game,
        seed: int,
        seats: Mapping[str, str],
        *,
        autosave: Path | None = None,
        actions: Sequence[str] = (),
        reasons: Mapping[int, str] | None = None,
    ) -> None:
        self.game = game
        self.rules = game.rules
        self.seed = seed
        ids = [f.id for f in self.rules.factions]
        self.seats = tuple(seats.get(fid, HUMAN) for fid in ids)
        problems = [p for p in map(seat_problem, self.seats) if p]
        if problems:
            raise ValueError(f"unknown seat(s): {'; '.join(problems)}")
        self.autosave_path = autosave
        self.source = source_for(game.rules)
        """The scenario or variant file the game is played from (None: installed ones), kept
        from the start: every save of the game names it, however long the window stays open."""
        self.par: Par = par_of(game, seed)
        """The historical path of this seed and variant (every side `historical`): the par the
        victory levels are judged against. Its points after the current date are never shown
        (`live_verdict`); about 3–20 ms of play, once."""
        self.state = game.initial_state(seed)
        self.turn_states: list[State] = [self.state]
        """The first state of each turn reached, for charts of the past."""
        self.actions: list[str] = []
        for text in actions:
            self._advance(game.apply(self.state, canonical_action(game, text)), text)
        self.reasons: dict[int, str] = dict(reasons or {})
        """Why the players chose a move, by the move's position in `actions` (the answers to
        the "why?" prompt, `game.ui.why`); kept in the save."""
        self.staged: list[Action] = []
        self._staged_reasons: list[str] = []
        self.preview = self.state
        self.version = 0
        """Grows whenever what the screen shows may have changed."""
        humans = self.humans()
        self.viewer = humans[0] if humans else 0
        self.seen_fired = {f: self.state.fired for f in range(len(ids))}
        self.error = ""
        """The last agent failure, shown to the player (empty when none)."""
        self.notes: list[Note] = []
        """What the AIs and the adviser said about their moves, in order (`Note`)."""
        self.thinker = Thinker(game, seed, {f: s for f, s in enumerate(self.seats) if s != HUMAN})
        """The AI sides' agents and the move being thought."""
        self._advisers: dict[int, Agent] = {}
        self._io = ThreadPoolExecutor(max_workers=1, thread_name_prefix="amur-save")
        self._saving: Future[Path] | None = None
        self._saved_turn = self.state.turn

    # ------------------------------------------------------------- queries

    def humans(self) -> list[int]:
        return [f for f, seat in enumerate(self.seats) if seat == HUMAN]

    def is_over(self) -> bool:
        return self.game.is_terminal(self.state)

    def outcome(self) -> Outcome | None:
        return self.game.outcome(self.state)

    def live_verdict(self, faction: int | None = None) -> Verdict | None:
        """Returns `faction`'s (default: the viewer's) "if the game ended now": its observed
        score against its par at the current date only; None without victory margins."""
        return live_verdict(self.game, self.observation(faction), self.par)

    def verdicts(self) -> dict[str, Verdict]:
        """Returns every side's verdict by faction id (final once the game is over); for the
        debrief, where every side's result is shown."""
        return victory(self.game, self.state, self.par)

    def human_to_act(self) -> int:
        """Returns the human faction that must act now, or NOBODY (-1: an agent's turn, or the
        end)."""
        f = self.state.to_act
        return f if f != NOBODY and self.seats[f] == HUMAN else NOBODY

    @property
    def thinking(self) -> bool:
        """True while an agent is choosing a move."""
        return self.thinker.thinking

    def notes_for(self, faction: int) -> list[Note]:
        """Returns the notes `faction` may read: its own AI's or adviser's (see `Note`)."""
        return [n for n in self.notes if n.faction == faction]

    def observation(self, faction: int | None = None) -> Observation:
        """Returns what `faction` (default: the viewer) sees now, staged orders included."""
        f = self.viewer if faction is None else faction
        return self.game.observe(self.preview if self.staged else self.state, f)

    def orders_complete(self) -> bool:
        """True when the staged orders leave the faction nothing more to order this turn."""
        if not self.staged:
            return False
        p, f = self.preview, self.state.to_act
        return p.phase != ORDERS or p.turn != self.state.turn or p.to_act != f

    def legal(self) -> list[Action]:
        """Returns the acting human's legal actions in the preview (none if orders are done)."""
        f = self.human_to_act()
        if f < 0 or self.orders_complete():
            return []
        return self.game.legal_actions(self.preview, f)

    def can_undo(self) -> bool:
        return bool(self.staged)

    # ------------------------------------------------------------- the human's moves

    def give(self, action: Action, reason: str = "") -> None:
        """Stages an order (or answers an event at once), with the player's reason for it if
        given; IllegalActionError if illegal."""
        f = self.human_to_act()
        if f < 0 or action.faction != f:
            raise IllegalActionError("it is not a human player's turn")
        if self.state.phase == CHOICES:
            self._commit([action], [reason])
            return
        if isinstance(action, EndTurn):
            self.confirm()
            return
        if self.orders_complete():
            raise IllegalActionError("the orders are complete: confirm or undo")
        self.preview = self.game.apply(self.preview, action)
        self.staged.append(action)
        self._staged_reasons.append(reason)
        self.version += 1

    def confirm(self) -> None:
        """Ends the human's orders: the staged orders (and `end`) become final."""
        f = self.human_to_act()
        if f < 0:
            return
        orders, reasons = list(self.staged), list(self._staged_reasons)
        if not self.orders_complete():
            orders.append(EndTurn(f, END))
        self._commit(orders, reasons)

    def undo(self) -> bool:
        """Drops the last staged order; returns False if there was none."""
        if not self.staged:
            return False
        self.staged.pop()
        self._staged_reasons.pop()
        self.preview = self.state
        for action in self.staged:
            self.preview = self.game.apply(self.preview, action)
        self.version += 1
        return True

    def undo_all(self) -> None:
        """Returns to the state at the start of the human's orders."""
        self.staged.clear()
        self._staged_reasons.clear()
        self.preview = self.state
        self.version += 1

    def advise(self) -> str:
        """Lets the historical adviser stage this turn's orders (or answer the event); each
        order's reason becomes a note. Returns why it gave no order, when it gave none (its
        reason for ending the turn), else ""."""
        f = self.human_to_act()
        if f < 0:
            return ""
        adviser = self._advisers.get(f)
        if adviser is None:
            adviser = self._advisers[f] = make_agent("historical", self.game, f)
        rng = random.Random(f"{self.seed}:adviser:{f}:{self.state.turn}")
        for given in range(self.rules.max_orders + 1):
            legal = self.legal()
            if not legal:
                break
            view = self.preview if self.staged else self.state
            action = adviser.act(self.game.observe(view, f), legal, rng)
            reason = reason_of(adviser)
            if isinstance(action, EndTurn):
                return reason.why if reason is not None and not given else ""
            if len(legal) > 1:
                self._note(f, reason, action, adviser=True)
            self.give(action)
            if self.state.phase == CHOICES or self.human_to_act() != f:
                break
        return ""

    # ------------------------------------------------------------- agents

    def poll(self, budget: float = 0.004) -> None:
        """Advances the game while agents are to act, for at most about `budget` seconds.

        An agent's move runs on the worker thread; this collects finished moves, applies them
        and starts the next, waiting at most the budget so the window stays responsive. A human
        turn with nothing but `end` to choose passes by itself.
        """
        deadline = time.perf_counter() + budget
        if self._saving is not None and self._saving.done():
            self.wait_saved()
        while not self.is_over():
            f = self.state.to_act
            if self.seats[f] == HUMAN:
                self.viewer = f
                legal = self.game.legal_actions(self.state, f)
                if not self.staged and all(isinstance(a, EndTurn) for a in legal):
                    self._commit([EndTurn(f, END)])
                    continue
                return
            thinker = self.thinker
            if not thinker.thinking:
                thinker.start(self.state, f)
            try:
                action = thinker.result(max(0.0, deadline - time.perf_counter()))
            except Exception as exc:  # an agent's bug must not crash the window
                self.error = _("{side}'s AI failed ({error}); it ended its turn").format(
                    side=self.rules.factions[f].name, error=exc
                )
                action = self._fallback(f)
            else:
                if action is None:
                    return
                if self.game.why_illegal(self.state, action) is not None:
                    self.error = _("{side}'s AI chose an illegal move").format(
                        side=self.rules.factions[f].name
                    )
                    action = self._fallback(f)
                elif thinker.choices > 1:
                    self._note(f, thinker.reason(f), action, stopped=thinker.stopping)
            self._commit([action])
            if time.perf_counter() >= deadline:
                return

    def stop_thinking(self) -> bool:
        """Asks the AI thinking to end its search now and play its best move so far (Esc);
        returns False if no AI that can stop is thinking. The game goes on as usual: the move
        is checked and applied by `poll`, and the next AI move is thought in full."""
        return self.thinker.stop()

    def _note(
        self,
        f: int,
        reason: Reason | None,
        action: Action,
        *,
        adviser: bool = False,
        stopped: bool = False,
    ) -> None:
        """Keeps what an agent said about `action`, if it said something about that move and
        the move is not `end` (the chronicle tells what was done; ending a turn is not news)."""
        if reason is None or reason.chosen != action or isinstance(action, EndTurn):
            return
        at = len(self.observation(f).log)
        self.notes.append(Note(f, self.state.turn, at, reason, adviser=adviser, stopped=stopped))

    def _fallback(self, f: int) -> Action:
        legal = self.game.legal_actions(self.state, f)
        return next((a for a in legal if isinstance(a, EndTurn)), legal[0])

    # ------------------------------------------------------------- state changes

    def _advance(self, state: State, text: str) -> None:
        if state.turn != self.state.turn:
            self.turn_states.append(state)
        self.state = state
        self.actions.append(text)

    def _commit(self, orders: list[Action], reasons: Sequence[str] = ()) -> None:
        for i, action in enumerate(orders):
            if i < len(reasons) and reasons[i].strip():
                self.reasons[len(self.actions)] = reasons[i].strip()
            self._advance(self.game.apply(self.state, action), self.game.notation(action))
        self.staged.clear()
        self._staged_reasons.clear()
        self.preview = self.state
        self.version += 1
        if self.autosave_path and (self.state.turn != self._saved_turn or self.is_over()):
            self._saved_turn = self.state.turn
            self.autosave()

    # ------------------------------------------------------------- saves

    def record(self) -> GameRecord:
        """Returns the game so far as a save record (confirmed orders only)."""
        agents = {f.id: seat for f, seat in zip(self.rules.factions, self.seats, strict=True)}
        record = make_record(self.game, self.seed, self.actions, self.state, agents)
        return dataclasses.replace(record, source=self.source, reasons=dict(self.reasons))

    def autosave(self) -> None:
        """Writes the autosave on the saving thread (the window does not wait for the disk)."""
        if self.autosave_path is None:
            return
        record, path = self.record(), self.autosave_path
        self._saving = self._io.submit(_write_autosave, path, record)

    def wait_saved(self) -> None:
        """Waits for the autosave being written, if any; its error is the player's to see."""
        saving, self._saving = self._saving, None
        if saving is not None:
            try:
                saving.result()
            except OSError as exc:
                self.error = _("The autosave failed: {why}").format(why=exc.strerror)

    def save(self, path: Path) -> Path:
        """Writes the save file atomically; returns its path."""
        return _write(path, self.record())

    @classmethod
    def load(
        cls, path: Path, *, autosave: Path | None = None, seats: Mapping[str, str] | None = None
    ) -> Session:
        """Returns the session saved in `path`; RecordError says what is wrong with the file.

        A game played from a scenario or variant file opens from the file the save names, only
        if it is there and its SHA-256 is the one recorded; otherwise RecordError says which
        file is missing or changed."""
        record = load_record(path)
        name = str(path)
        if record.source is not None:
            game = game_of_saved(record, name)
        else:
            try:
                game = game_of(record.scenario, record.variant)
            except ScenarioError as exc:
                raise RecordError([Problem(name, None, "scenario", str(exc))]) from None
        chosen = dict(seats) if seats is not None else dict(record.agents)
        chosen = {k: HUMAN if seat_problem(v) else v for k, v in chosen.items()}
        try:
            session = cls(
                game,
                record.seed,
                chosen,
                autosave=autosave,
                actions=record.actions,
                reasons=record.reasons,
            )
        except (NotationError, IllegalActionError) as exc:
            raise RecordError([Problem(name, None, "actions", str(exc))]) from None
        if state_hash(session.state) != record.state_hash:
            raise RecordError(
                [Problem(name, None, "state_hash", "the replayed game differs from the saved one")]
            )
        return session

    def close(self) -> None:
        """Stops the agent thinking (its move is dropped) and the worker threads; an autosave
        being written is finished first."""
        self.thinker.close()
        self.wait_saved()
        self._io.shutdown(wait=True)


def _write(path: Path, record: GameRecord) -> Path:
    path.parent.mkdir(parents=True, exist_ok=True)
    save_record(path, record)
    return path


def _write_autosave(path: Path, record: GameRecord) -> Path:
    """Writes the game's autosave (one file per game, replaced atomically each turn), then
    deletes the autosaves of games older than the last `AUTOSAVES` (`prune_autosaves`)."""
    _write(path, record)
    prune_autosaves(path.parent, keep=path)
    return path
