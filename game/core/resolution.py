"""Turn resolution, the part of `Game` that runs once all orders are in (see the turn in
`game.core.game`'s docstring): the orders resolve by priority, the mechanics settle, the per-turn
effects apply, events fire, factions answer the events that ask them to choose, and the end rules
are checked. Also the passing of the turn from one faction to the next."""

from __future__ import annotations

from typing import TYPE_CHECKING

from game.core.actions import DO, Action
from game.core.log import ALL, LogEntry, LogNode, push
from game.core.mechanics.base import Mechanic
from game.core.records import (
    Change,
    EventFired,
    GameEnded,
    OptionChosen,
    OrderChanges,
    OrderGiven,
    OrderLapsed,
)
from game.core.rules import EventDef, Rules, TrackDef
from game.core.state import CHOICES, NOBODY, ORDERS, OVER, RUNNING, State
from game.core.turn import Turn

__all__ = ["Resolution"]

SAID_LIMIT = 4096
"""Result lines of orders with odds that `_report` remembers before it starts afresh."""


class Resolution:
    """The resolution steps of `Game` (a base class of it: its methods are Game's own)."""

    rules: Rules
    _n: int
    _verb: dict[str, Mechanic]
    _mechanics: tuple[Mechanic, ...]
    _empty_orders: tuple[tuple[Action, ...], ...]
    _given: tuple[tuple[OrderGiven, OrderGiven, OrderGiven], ...]
    _lapsed: tuple[tuple[OrderLapsed, OrderLapsed], ...]
    _fired: tuple[EventFired, ...]
    _writes: tuple[tuple[int, ...], ...]
    _said: dict[tuple[int, bool | None, tuple[Change, ...], bool], tuple[str, OrderGiven]]
    _audience: tuple[tuple[frozenset[int], tuple[tuple[int, frozenset[int]], ...]], ...]
    _dates: frozenset[int]
    _events_at: tuple[tuple[tuple[EventDef, str], ...], ...]

    if TYPE_CHECKING:

        def _has_decision(self, state: State, faction: int) -> bool: ...

    # ------------------------------------------------------------ the turn passes

    def _after_faction(
        self, state: State, orders: tuple[tuple[Action, ...], ...], faction: int
    ) -> State:
        """Passes the turn to the next faction with a decision, or resolves the turn."""
        for g in range(faction + 1, self._n):
            probe = State(
                state.seed,
                state.turn,
                ORDERS,
                g,
                state.tracks,
                orders,
                (),
                state.fired,
                RUNNING,
                state.log,
            )
            if self._has_decision(probe, g):
                return probe
        return self._resolve(state, orders)

    def _first_to_act(self, state: State) -> State:
        """Returns `state` with the first faction that has a decision to act (resolving
        turns in which nobody has one)."""
        while state.phase == ORDERS:
            for f in range(self._n):
                probe = State(
                    state.seed,
                    state.turn,
                    ORDERS,
                    f,
                    state.tracks,
                    state.orders,
                    (),
                    state.fired,
                    RUNNING,
                    state.log,
                )
                if self._has_decision(probe, f):
                    return probe
            state = self._resolve(state, state.orders)
        return state

    # -------------------------------------------------------------- resolution

    def _resolve(self, state: State, orders: tuple[tuple[Action, ...], ...]) -> State:
        rules = self.rules
        turn = Turn(rules, state.seed, state.turn, state.tracks, state.fired)
        queue = []
        for f, given in enumerate(orders):
            for seq, order in enumerate(given):
                queue.append((self._priority(order), f, seq, order))
        queue.sort(key=lambda item: item[:3])
        for _, _, _, order in queue:
            turn.actor = order.faction  # what the order raises, it raised
            if order.kind == DO:
                self._resolve_do(turn, order)
            else:
                self._verb[order.kind].resolve(turn, order)
        turn.actor = NOBODY
        for mechanic in self._mechanics:
            mechanic.settle(turn, orders)
        turn.apply(rules.each_turn, "each_turn")
        self._fire_events(turn)
        return self._settle(state, turn)

    def _priority(self, order: Action) -> int:
        if order.kind == DO:
            return self.rules.actions[order.ref].priority
        return self._verb[order.kind].priority(order)

    def _resolve_do(self, turn: Turn, order: Action) -> None:
        adef = self.rules.actions[order.ref]
        who = self.rules.factions[adef.faction].name
        if not adef.pred(turn.tracks, turn.turn, turn.fired):
            turn.say(
                f"{who}: {adef.label} — no longer possible; the order lapsed.",
                1 << adef.faction,
                record=self._lapsed[adef.index][0],
            )
            return
        if any(turn.tracks[t] - n < self.rules.tracks[t].lo for t, n in adef.cost):
            turn.say(
                f"{who}: {adef.label} — could not be paid; the order lapsed.",
                1 << adef.faction,
                record=self._lapsed[adef.index][1],
            )
            return
        for track, amount in adef.cost:
            turn.put(track, turn.tracks[track] - amount)
        line = len(turn.log)
        given = self._given[adef.index]
        turn.say(f"{who}: {adef.label}.", adef.mask | 1 << adef.faction, adef.cite, given[0])
        tag = f"do:{adef.id}"
        if adef.odds is None:
            turn.apply(adef.effects, tag)
            return
        writes = self._writes[adef.index]
        tracks = turn.tracks
        before = [tracks[t] for t in writes]
        turn.apply(adef.effects, tag)
        hit = turn.roll(tag) < adef.odds.of(tracks)
        turn.apply(adef.success if hit else adef.failure, tag)
        changes = tuple(
            (t, b, tracks[t]) for t, b in zip(writes, before, strict=True) if tracks[t] != b
        )
        # The roll comes after the order's effects (which may add lines), so its result goes
        # into the order's own line afterwards.
        self._report(turn, line, given[1 + hit], changes)

    def _report(
        self, turn: Turn, line: int, given: OrderGiven, changes: tuple[Change, ...]
    ) -> None:
        """Writes an order's result into its line: succeeded or failed, and what it changed
        that every reader of the line sees; what only some of them see goes on a line of theirs
        (a side never reads a value of a track it does not observe)."""
        rules = self.rules
        adef = rules.actions[given.action.ref]
        e = turn.log[line]
        everyone, only = self._audience[adef.index]
        if len(everyone) == len(self._writes[adef.index]):  # every reader sees all it writes
            common = changes
        else:
            common = tuple(c for c in changes if c[0] in everyone)
        # The same results recur across games (a roll's few outcomes, small values): their
        # lines are remembered, so most orders cost a lookup, not a formatted text.
        key = (adef.index, given.success, common, len(changes) > 0)
        said = self._said.get(key)
        if said is None:
            if len(self._said) >= SAID_LIMIT:
                self._said.clear()
            said = self._said[key] = self._result_line(adef.index, given, common, bool(changes))
        turn.log[line] = LogEntry(e.turn, e.mask, said[0], e.cite, said[1], e.date)
        if len(common) == len(changes):
            return
        groups: dict[tuple[Change, ...], int] = {}
        for f, sees in only:
            own = tuple(c for c in changes if c[0] in sees)
            if own:
                groups[own] = groups.get(own, 0) | 1 << f
        for own, bits in groups.items():
            names = [rules.factions[f].name for f in range(self._n) if bits >> f & 1]
            sees_it = "only you see" if len(names) == 1 else f"only {' and '.join(names)} see"
            turn.say(
                f"{adef.label} — what {sees_it}: {changes_text(rules, own, self._dates)}.",
                bits,
                record=OrderChanges(given.faction, given.action, own),
            )

    def _result_line(
        self, action: int, given: OrderGiven, common: tuple[Change, ...], changed: bool
    ) -> tuple[str, OrderGiven]:
        """Returns the text and record of an order's line once its roll is known."""
        rules = self.rules
        adef = rules.actions[action]
        who = rules.factions[adef.faction].name
        result = "succeeded" if given.success else "failed"
        if common:
            result += f": {changes_text(rules, common, self._dates)}"
        elif not changed:
            result += "; nothing changed"
        record = OrderGiven(given.faction, given.action, given.success, common)
        return f"{who}: {adef.label} — {result}.", record

    def _fire_events(self, turn: Turn) -> None:
        for event, tag in self._events_at[turn.turn]:
            if not event.repeat and turn.fired >> event.index & 1:
                continue
            if not event.pred(turn.tracks, turn.turn, turn.fired):
                continue
            if turn.roll(tag) >= event.odds.of(turn.tracks):
                continue
            turn.fired |= 1 << event.index
            turn.date = event.date  # its lines are told under its own date, if it has one
            turn.say(
                f"{event.title}. {event.text}", event.mask, event.cite, self._fired[event.index]
            )
            turn.apply(event.effects, tag)
            turn.date = None
            if event.chooser != NOBODY:
                turn.pending.append((event.index, event.chooser))

    def _settle(self, state: State, turn: Turn) -> State:
        """Builds the state after a resolution step: choices, the end, or the next turn."""
        log = push(state.log, turn.log)
        tracks = tuple(turn.tracks)
        pending = tuple(turn.pending)
        if turn.end == RUNNING and pending:
            return State(
                state.seed,
                state.turn,
                CHOICES,
                pending[0][1],
                tracks,
                self._empty_orders,
                pending,
                turn.fired,
                RUNNING,
                log,
            )
        rule = turn.end
        if rule == RUNNING:
            rule = next(
                (r.index for r in self.rules.end_rules if r.pred(tracks, turn.turn, turn.fired)),
                RUNNING,
            )
        if rule == RUNNING and state.turn >= len(self.rules.calendar) - 1:
            rule = self.rules.time_limit_rule
        if rule != RUNNING:
            return self._finish(state.seed, turn, rule, log)
        nxt = State(
            state.seed,
            state.turn + 1,
            ORDERS,
            0,
            tracks,
            self._empty_orders,
            (),
            turn.fired,
            RUNNING,
            log,
        )
        return self._first_to_act(nxt)

    def _finish(self, seed: int, turn: Turn, rule: int, log: LogNode | None) -> State:
        end = self.rules.end_rules[rule]
        closing = Turn(self.rules, seed, turn.turn, tuple(turn.tracks), turn.fired)
        # The end is told no earlier than the last dated line of its turn (a long last turn).
        closing.date = max((e.date for e in turn.log if e.date is not None), default=None)
        closing.apply(end.effects, f"end:{end.id}")
        closing.say(f"{end.label}. {end.text}".strip(), ALL, record=GameEnded(rule))
        return State(
            seed,
            turn.turn,
            OVER,
            NOBODY,
            tuple(closing.tracks),
            self._empty_orders,
            (),
            closing.fired,
            rule,
            push(log, closing.log),
        )

    # ---------------------------------------------------------------- choices

    def _choose(self, state: State, action: Action) -> State:
        event = self.rules.events[action.ref]
        option = event.options[action.amount]
        turn = Turn(self.rules, state.seed, state.turn, state.tracks, state.fired)
        who = self.rules.factions[action.faction].name
        turn.date = event.date  # the answer is told under the event's own date
        turn.say(
            f"{who} chose: {option.label}.",
            event.mask | 1 << action.faction,
            event.cite,
            OptionChosen(event.index, option.index, action.faction),
        )
        turn.actor = action.faction
        turn.apply(option.effects, f"choose:{event.id}:{option.id}")
        turn.actor = NOBODY
        turn.pending = list(state.pending[1:])
        return self._settle(state, turn)


def value_text(rules: Rules, track: TrackDef, value: int, dates: frozenset[int]) -> str:
    """Returns a track's value for people, in its unit (`yes`/`no` for a flag, `—` for a
    record not yet set, the date of a track that holds a turn)."""
    if track.unset(value):
        return "—"
    if track.index in dates:
        day = rules.date(value)
        return f"{day.day} {day:%b %Y}"
    if (track.lo, track.hi) == (0, 1):
        return "yes" if value else "no"
    return f"{value / track.scale:g}" if track.scale != 1 else str(value)


def changes_text(rules: Rules, changes: tuple[Change, ...], dates: frozenset[int]) -> str:
    """Returns changes as `Tension 40 → 42, Soviet staff under arrest 8 → 4` (`dates`: the
    tracks that hold a turn, shown as its date)."""
    parts = []
    for t, before, after in changes:
        track = rules.tracks[t]
        unit = f" {track.unit}" if track.unit and (track.lo, track.hi) != (0, 1) else ""
        was, now = value_text(rules, track, before, dates), value_text(rules, track, after, dates)
        parts.append(f"{track.name} {was} → {now}{unit}")
    return ", ".join(parts)
