"""The functional game API: `Game(rules)` plays a compiled scenario, one immutable state at a time.

A turn: each faction with a decision gives its orders in faction order (they stay secret until
all are in), the orders resolve together (by priority, then faction order, then the order they
were given), each mechanic settles what needs all the orders at once (an auction clears), the
scenario's per-turn effects apply, events fire (in scenario order), factions
answer the events that ask them to choose, and then the end rules are checked in order.
"""

from __future__ import annotations

import operator
import random
from collections.abc import Mapping
from dataclasses import dataclass

from game.core import notation as _notation
from game.core.actions import CHOOSE, DO, END, Action, Choose, Do, EndTurn
from game.core.errors import IllegalActionError
from game.core.log import ALL, LogEntry, LogNode, push
from game.core.mechanics.base import Mechanic
from game.core.observation import NO_EVENT, Observation, Seen
from game.core.records import EventFired, GameEnded, OptionChosen, OrderGiven, OrderLapsed
from game.core.rng import rng_for
from game.core.rules import NO_TRACK, Rules
from game.core.space import ActionSpace
from game.core.state import CHOICES, NOBODY, ORDERS, OVER, RUNNING, State
from game.core.turn import Turn

__all__ = ["Game", "Outcome", "State"]

_ORDER = operator.attrgetter("faction", "kind", "ref", "amount")
"""Sort key of actions (the same order as the dataclass's, computed in C)."""


@dataclass(frozen=True, slots=True)
class Outcome:
    """How a finished game ended."""

    reason: str
    """Id of the end rule that ended it."""
    label: str
    outcome_class: str
    """Id of the first outcome class whose condition held at the end."""
    class_label: str
    scores: Mapping[str, float]
    """Final score per faction id."""


class Game:
    """A scenario's rules, played through pure functions of immutable states.

    Threads: a Game may be shared (the front end's AI thread uses the window's Game). Its only
    mutable parts are memos of pure results — the last legal-action list, the visible-log memo,
    the mechanics' action caches — each read or replaced by single dict or attribute operations,
    which are atomic under CPython's GIL; a race can only cost a recomputation of the same answer.
    """

    def __init__(self, rules: Rules) -> None:
        self.rules = rules
        n = len(rules.factions)
        self._n = n
        self._end = tuple(EndTurn(f, END) for f in range(n))
        self._do = tuple(Do(a.faction, DO, a.index) for a in rules.actions)
        # The records of the scenario's orders and events are values known in advance: made
        # once here, they cost resolution no allocation.
        self._given = tuple(
            (
                OrderGiven(a.faction, do),
                OrderGiven(a.faction, do, False),
                OrderGiven(a.faction, do, True),
            )
            for a, do in zip(rules.actions, self._do, strict=True)
        )
        self._lapsed = tuple(
            (OrderLapsed(a.faction, do, "impossible"), OrderLapsed(a.faction, do, "unpaid"))
            for a, do in zip(rules.actions, self._do, strict=True)
        )
        self._fired = tuple(EventFired(e.index) for e in rules.events)
        self._by_faction = tuple(
            tuple(a for a in rules.actions if a.faction == f) for f in range(n)
        )
        self._mechanics: tuple[Mechanic, ...] = tuple(rules.mechanics)
        self._verb: dict[str, Mechanic] = {v: m for m in self._mechanics for v in m.verbs}
        self._empty_orders: tuple[tuple[Action, ...], ...] = ((),) * n
        self._last: tuple[State | None, int, list[Action]] = (None, NOBODY, [])
        self._ordinals = tuple(day.toordinal() for day in rules.calendar)
        self._seen: dict[tuple[int, int], tuple[LogNode, tuple[LogEntry, ...]]] = {}
        self._track_ids = {t.id: t.index for t in rules.tracks}
        self._space: ActionSpace | None = None

    # ----------------------------------------------------------------- the API

    def initial_state(self, seed: int) -> State:
        """Returns the start of a game; ranges of initial values are drawn from `seed`."""
        tracks = []
        for track in self.rules.tracks:
            value = track.initial
            if track.initial_high > track.initial:
                rng = rng_for(seed, -1, f"initial:{track.id}")
                value = rng.randint(track.initial, track.initial_high)
            tracks.append(value)
        intro = LogEntry(0, ALL, f"{self.rules.title}: the game begins.")
        log = push(None, [intro])
        state = State(seed, 0, ORDERS, 0, tuple(tracks), self._empty_orders, (), 0, RUNNING, log)
        return self._first_to_act(state)

    def to_act(self, state: State) -> int:
        """Returns the faction that must act, or NOBODY (-1) when the game is over."""
        return state.to_act

    def is_terminal(self, state: State) -> bool:
        return state.phase == OVER

    def legal_actions(self, state: State, faction: int) -> list[Action]:
        """Returns the legal actions of `faction`, sorted; empty unless it is to act."""
        last = self._last
        if last[0] is state and last[1] == faction:
            return list(last[2])
        acting = faction == state.to_act and state.phase != OVER
        result = self._legal(state, faction) if acting else []
        self._last = (state, faction, result)
        return list(result)

    def apply(self, state: State, action: Action) -> State:
        """Returns the state after `action`; raises IllegalActionError naming the action and why."""
        reason = self.why_illegal(state, action)
        if reason is not None:
            raise IllegalActionError(f"{self._safe_notation(action)}: {reason}")
        if state.phase == CHOICES:
            return self._choose(state, action)
        f = action.faction
        if action.kind == END:
            return self._after_faction(state, state.orders, f)
        orders = (*state.orders[:f], (*state.orders[f], action), *state.orders[f + 1 :])
        after = State(
            state.seed,
            state.turn,
            ORDERS,
            f,
            state.tracks,
            orders,
            (),
            state.fired,
            RUNNING,
            state.log,
        )
        if len(orders[f]) >= self.rules.max_orders or not self._has_decision(after, f):
            return self._after_faction(after, orders, f)
        return after

    def why_illegal(self, state: State, action: Action) -> str | None:
        """Returns why `action` is illegal in `state`, or None if it is legal."""
        if state.phase == OVER:
            return "the game is over"
        if not 0 <= action.faction < self._n:
            return "unknown faction"
        if action.faction != state.to_act:
            return f"it is {self.rules.factions[state.to_act].name}'s turn to act"
        if state.phase == CHOICES:
            event, _ = state.pending[0]
            if action.kind != CHOOSE or action.ref != event:
                return f"{self.rules.events[event].title!r} awaits a choice"
            if not 0 <= action.amount < len(self.rules.events[event].options):
                return "no such option"
            return None
        if action.kind == END:
            return None if action.ref == 0 and action.amount == 0 else "end takes no arguments"
        if action.kind == DO:
            return self._why_do_illegal(state, action)
        mechanic = self._verb.get(action.kind)
        if mechanic is None:
            return f"unknown verb {action.kind!r}"
        if action in state.orders[action.faction]:
            return "already ordered this turn"
        return mechanic.why_illegal(state, action)

    def outcome(self, state: State) -> Outcome | None:
        """Returns how the game ended, or None while it runs."""
        if state.phase != OVER:
            return None
        rule = self.rules.end_rules[state.outcome]
        cls = next(
            (
                c
                for c in self.rules.outcome_classes
                if c.pred(state.tracks, state.turn, state.fired)
            ),
            None,
        )
        return Outcome(
            reason=rule.id,
            label=rule.label,
            outcome_class=cls.id if cls else "other",
            class_label=cls.label if cls else "Other",
            scores={f.id: self.score(state, f.index) for f in self.rules.factions},
        )

    def returns(self, state: State) -> dict[int, float]:
        """Returns each faction's score (final once the game is over)."""
        return {f: self.score(state, f) for f in range(self._n)}

    def score(self, state: State, faction: int) -> float:
        """Returns a faction's score now, computed only from tracks it observes."""
        total = 0.0
        tracks, turn, fired = state.tracks, state.turn, state.fired
        for term in self.rules.scoring[faction]:
            if term.pred(tracks, turn, fired):
                total += term.constant + (
                    term.weight * tracks[term.track] if term.track != NO_TRACK else 0
                )
        return total / self.rules.score_scale

    def distance(self, state: State) -> float:
        """Returns how far the game has moved from history by the state's date (0 = on track).

        The scenario lists the facts and weights (`distance:`); see `DistanceTermSpec`.
        """
        total = 0.0
        today = self._ordinals[min(state.turn, len(self._ordinals) - 1)]
        for term in self.rules.distance:
            if not term.pred(state.tracks, state.turn, state.fired):
                continue
            value = state.tracks[term.track]
            gap: float
            if term.history_day >= 0:
                if value >= 0:
                    gap = abs(
                        self._ordinals[min(value, len(self._ordinals) - 1)] - term.history_day
                    )
                else:
                    gap = max(0, today - term.history_day)
            else:
                gap = abs(value - term.history_value)
            total += term.weight * min(term.cap, gap / term.scale)
        return round(total, 6)

    def observe(self, state: State, faction: int) -> Observation:
        """Returns what `faction` may know of `state`."""
        bit = 1 << faction
        tracks = tuple((t.id, state.tracks[t.index]) for t in self.rules.tracks if t.mask & bit)
        fired = 0
        for event in self.rules.events:
            if state.fired >> event.index & 1 and event.mask & bit:
                fired |= 1 << event.index
        choice = awaiting = NO_EVENT
        if state.phase == CHOICES:
            waiting = state.pending[0][0]
            if state.to_act == faction:
                choice = awaiting = waiting
            elif self.rules.events[waiting].mask & bit:
                awaiting = waiting
        return Observation(
            faction=faction,
            turn=state.turn,
            date=self.rules.date(state.turn).isoformat(),
            phase=state.phase,
            to_act=state.to_act,
            tracks=tracks,
            own_orders=state.orders[faction],
            choice=choice,
            awaiting=awaiting,
            fired=fired,
            log=self._visible_log(state.log, faction),
            outcome=self.rules.end_rules[state.outcome].id if state.outcome != RUNNING else "",
            score=self.score(state, faction),
            distance=self.distance(state),
        )

    def _visible_log(self, log: LogNode | None, faction: int) -> tuple[LogEntry, ...]:
        """Returns the log lines `faction` may see, reusing the answer for a shared tail.

        Logs are persistent lists, so a game's states share their older nodes: remembering the
        visible lines per (node, faction) makes `observe` cost the new lines only.
        """
        bit = 1 << faction
        fresh: list[LogEntry] = []
        node: LogNode | None = log
        known: tuple[LogEntry, ...] = ()
        while node is not None:
            hit = self._seen.get((id(node), faction))
            if hit is not None and hit[0] is node:
                known = hit[1]
                break
            if node.entry.mask & bit:
                fresh.append(node.entry)
            node = node.prev
        fresh.reverse()
        result = known + tuple(fresh) if fresh else known
        if log is not None:
            if len(self._seen) > 50_000:
                self._seen.clear()
            self._seen[(id(log), faction)] = (log, result)
        return result

    def determinize(self, obs: Observation, rng: random.Random) -> State:
        """Returns a state consistent with `obs`: hidden tracks drawn from their start ranges.

        Search agents plan on such states; they never see the true hidden values.
        """
        seen = dict(obs.tracks)
        tracks = tuple(
            seen[t.id] if t.id in seen else rng.randint(t.initial, max(t.initial, t.initial_high))
            for t in self.rules.tracks
        )
        orders = tuple(obs.own_orders if f == obs.faction else () for f in range(self._n))
        pending: tuple[tuple[int, int], ...] = ()
        if obs.phase == CHOICES:
            event = obs.awaiting
            if (
                event == NO_EVENT
            ):  # an event this faction does not see: guess one its chooser answers
                event = next(e.index for e in self.rules.events if e.chooser == obs.to_act)
            pending = ((event, obs.to_act),)
        phase = obs.phase
        outcome = next((r.index for r in self.rules.end_rules if r.id == obs.outcome), RUNNING)
        return State(
            rng.getrandbits(32),
            obs.turn,
            phase,
            obs.to_act,
            tracks,
            orders,
            pending,
            obs.fired,
            outcome,
            None,
        )

    # ------------------------------------------------------------ text and odds

    def notation(self, action: Action) -> str:
        return _notation.notation(self.rules, action)

    def parse_action(self, text: str) -> Action:
        return _notation.parse_action(self.rules, text)

    def label(self, action: Action) -> str:
        return _notation.label(self.rules, action)

    def seen(self, obs: Observation) -> Seen:
        """Returns an observation's tracks by index (None where the faction cannot see one)."""
        values: list[int | None] = [None] * len(self.rules.tracks)
        ids = self._track_ids
        for tid, value in obs.tracks:
            values[ids[tid]] = value
        return Seen(obs, tuple(values))

    def odds(self, view: State | Observation | Seen, action: Action) -> float | None:
        """Returns the chance that the action succeeds as its faction can tell it, where chance
        is involved: computed from that faction's observation only (a state is observed first).
        None where there is no chance, or where an input is hidden from the faction."""
        seen = self._seen_by(view, action.faction)
        if action.kind == DO:
            adef = self.rules.actions[action.ref]
            if adef.odds is None or not seen.known([t for t, _ in adef.odds.terms]):
                return None
            return adef.odds.of(seen.filled())
        mechanic = self._verb.get(action.kind)
        return mechanic.odds(seen, action) if mechanic else None

    def _seen_by(self, view: State | Observation | Seen, faction: int) -> Seen:
        if isinstance(view, Seen):
            return view
        if isinstance(view, State):
            view = self.observe(view, faction)
        return self.seen(view)

    def explain(self, action: Action) -> str:
        """Returns one line on what an action does: a scenario action's or an event option's
        text, or its mechanic's explanation; "" when there is none. It depends on the action
        alone, never on a state."""
        if action.kind == DO:
            return self.rules.actions[action.ref].text
        if action.kind == CHOOSE:
            return self.rules.events[action.ref].options[action.amount].text
        mechanic = self._verb.get(action.kind)
        return mechanic.explain(action) if mechanic else ""

    def views(self, obs: Observation) -> list[object]:
        """Returns each mechanic's view for the observing faction (those that have one)."""
        seen = self.seen(obs)
        out = []
        for mechanic in self._mechanics:
            view = mechanic.view(seen)
            if view is not None:
                out.append(view)
        return out

    @property
    def mechanics(self) -> tuple[Mechanic, ...]:
        return self._mechanics

    def typed(self, action: Action) -> Action:
        """Returns `action` as its verb family's type (`Offer`, `Attack`, `Choose`, …)."""
        if action.kind == END:
            return EndTurn(action.faction, END)
        if action.kind == DO:
            return Do(action.faction, DO, action.ref)
        if action.kind == CHOOSE:
            return Choose(action.faction, CHOOSE, action.ref, action.amount)
        mechanic = self._verb.get(action.kind)
        return mechanic.typed(action) if mechanic else action

    @property
    def action_space(self) -> ActionSpace:
        """The scenario's fixed action index space (`num_distinct_actions`, action ↔ index)."""
        if self._space is None:
            self._space = ActionSpace.of(self.rules, self._mechanics)
        return self._space

    def _safe_notation(self, action: Action) -> str:
        """Returns the notation of an action, or its repr if its indexes are out of range
        (negative indexes would otherwise silently name another faction or option)."""
        if action.faction < 0 or action.ref < 0 or (action.amount < 0 and action.kind == CHOOSE):
            return repr(action)
        try:
            return self.notation(action)
        except (IndexError, ValueError):
            return repr(action)

    # ------------------------------------------------------------ orders phase

    def _legal(self, state: State, faction: int) -> list[Action]:
        if state.phase == CHOICES:
            event = self.rules.events[state.pending[0][0]]
            return [Choose(faction, CHOOSE, event.index, o.index) for o in event.options]
        # Timsort is near-linear here: the parts are already sorted runs.
        return sorted([self._end[faction], *self._decisions(state, faction)], key=_ORDER)

    def _decisions(self, state: State, faction: int, *, first: bool = False) -> list[Action]:
        """Returns the faction's legal actions other than `end` (only the first if `first`)."""
        given = state.orders[faction]
        tracks, turn, fired = state.tracks, state.turn, state.fired
        out: list[Action] = []
        done = {o.ref for o in given if o.kind == DO} if given else ()
        for adef in self._by_faction[faction]:
            if adef.index in done:
                continue
            if not adef.pred(tracks, turn, fired):
                continue
            if adef.cost and not self._affordable(state, adef.cost, given):
                continue
            out.append(self._do[adef.index])
            if first:
                return out
        for mechanic in self._mechanics:
            offered = mechanic.actions(state, faction)
            if first and offered:
                return offered[:1]
            out.extend(offered)
        return out

    def _has_decision(self, state: State, faction: int) -> bool:
        return bool(self._decisions(state, faction, first=True))

    def _affordable(
        self, state: State, cost: tuple[tuple[int, int], ...], given: tuple[Action, ...]
    ) -> bool:
        """True if the faction can pay `cost` on top of the costs of the orders it gave."""
        tracks, defs = state.tracks, self.rules.tracks
        for track, amount in cost:
            for order in given:
                if order.kind == DO:
                    for paid, more in self.rules.actions[order.ref].cost:
                        if paid == track:
                            amount += more
            if tracks[track] - amount < defs[track].lo:
                return False
        return True

    def _why_do_illegal(self, state: State, action: Action) -> str | None:
        if not 0 <= action.ref < len(self.rules.actions) or action.amount:
            return "unknown action"
        adef = self.rules.actions[action.ref]
        if adef.faction != action.faction:
            return f"{adef.id!r} is not an action of this faction"
        if action in state.orders[action.faction]:
            return "already ordered this turn"
        if not adef.pred(state.tracks, state.turn, state.fired):
            return "its conditions do not hold now"
        if adef.cost and not self._affordable(state, adef.cost, state.orders[action.faction]):
            return "the faction cannot pay its cost"
        return None

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
            if order.kind == DO:
                self._resolve_do(turn, order)
            else:
                self._verb[order.kind].resolve(turn, order)
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
        turn.apply(adef.effects, tag)
        if adef.odds is not None:
            hit = turn.roll(tag) < adef.odds.of(turn.tracks)
            # The roll comes after the order's effects (which may add lines), so its result
            # goes into the order's own line afterwards.
            e = turn.log[line]
            turn.log[line] = LogEntry(e.turn, e.mask, e.text, e.cite, given[1 + hit])
            turn.apply(adef.success if hit else adef.failure, tag)

    def _fire_events(self, turn: Turn) -> None:
        for event in self.rules.events:
            if not event.first <= turn.turn <= event.last:
                continue
            if not event.repeat and turn.fired >> event.index & 1:
                continue
            if not event.pred(turn.tracks, turn.turn, turn.fired):
                continue
            tag = f"event:{event.id}"
            if turn.roll(tag) >= event.odds.of(turn.tracks):
                continue
            turn.fired |= 1 << event.index
            turn.say(
                f"{event.title}. {event.text}", event.mask, event.cite, self._fired[event.index]
            )
            turn.apply(event.effects, tag)
            if event.chooser >= 0:
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
        turn.say(
            f"{who} chose: {option.label}.",
            event.mask | 1 << action.faction,
            event.cite,
            OptionChosen(event.index, option.index, action.faction),
        )
        turn.apply(option.effects, f"choose:{event.id}:{option.id}")
        turn.pending = list(state.pending[1:])
        return self._settle(state, turn)
