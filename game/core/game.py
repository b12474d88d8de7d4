"""The functional game API: `Game(rules)` plays a compiled scenario, one immutable state at a time.

A turn: each faction with a decision gives its orders in faction order (they stay secret until
all are in), the orders resolve together (by priority, then faction order, then the order they
were given), each mechanic settles what needs all the orders at once (an auction clears), the
scenario's per-turn effects apply, events fire (in scenario order), factions
answer the events that ask them to choose, and then the end rules are checked in order.
"""

from __future__ import annotations

import bisect
from collections.abc import Mapping, Sequence
from dataclasses import dataclass

from game.core import notation as _notation
from game.core.actions import CHOOSE, DO, END, Action, Choose, Do, EndTurn
from game.core.conditions import tracks_of
from game.core.effects import targets as _targets
from game.core.errors import IllegalActionError
from game.core.listing import Listing, Runs
from game.core.log import ALL, LogEntry, LogNode, push
from game.core.mechanics.base import CACHE_LIMIT, Mechanic
from game.core.observing import Observing, picker
from game.core.records import Change, EventFired, OrderGiven, OrderLapsed
from game.core.resolution import Resolution
from game.core.rng import rng_for
from game.core.rules import NO_DAY, ActionDef, Rules
from game.core.space import ActionSpace
from game.core.state import CHOICES, NOBODY, ORDERS, OVER, RUNNING, State

__all__ = ["Game", "Outcome", "State"]


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


_Open = tuple[tuple[ActionDef, ...], tuple[Action, ...]]
"""A side's scenario orders whose conditions hold, and those it can pay before any order."""

MERGE_BY_INSERTION = 16
"""At most this many actions beside a mechanic's longest list are inserted into it one by one
(`_merged`); more, and the whole list is sorted."""


# What a faction may know is in `game.core.observing`, the turn's resolution in
# `game.core.resolution`: Game's bases, whose methods are its own.
class Game(Observing, Resolution):
    """A scenario's rules, played through pure functions of immutable states.

    Threads: a Game may be shared (the front end's AI thread uses the window's Game). Its only
    mutable parts are memos of pure results — the last legal-action lists, the kept listings
    (`_kept`), the open scenario orders (`_open`), the visible-log memo, the mechanics' action
    caches — each read or replaced by
    single dict or attribute operations, which are atomic under CPython's GIL; a race can only
    cost a recomputation of the same answer.
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
        self._events_at = tuple(
            tuple((e, f"event:{e.id}") for e in rules.events if e.first <= turn <= e.last)
            for turn in range(len(rules.calendar))
        )
        """Per turn, the events that may fire in it (in scenario order), each with the tag of
        its roll (`Resolution._fire_events`)."""
        self._by_faction = tuple(
            tuple(a for a in rules.actions if a.faction == f) for f in range(n)
        )
        self._mechanics: tuple[Mechanic, ...] = tuple(rules.mechanics)
        self._verb: dict[str, Mechanic] = {v: m for m in self._mechanics for v in m.verbs}
        self._routines = tuple(
            m for m in self._mechanics if type(m).routine is not Mechanic.routine
        )
        self._dealers = tuple(m for m in self._mechanics if type(m).deal is not Mechanic.deal)
        self._empty_orders: tuple[tuple[Action, ...], ...] = ((),) * n
        self._last: tuple[State | None, int, list[Action]] = (None, NOBODY, [])
        self._last_kept: tuple[State | None, int, Listing] = (None, NOBODY, Listing((), []))
        self._listings: dict[tuple[int, ...], Listing] = {}
        """A side's legal moves at its first decision of a turn, by the side, its scenario
        orders and the identities of its mechanics' lists (see `_kept`)."""
        self._open_memo: tuple[tuple[int, ...] | None, int, int, list[_Open | None]] = (
            None,
            0,
            0,
            [None] * n,
        )
        """The scenario orders whose conditions hold, per side, for the last (tracks, turn, fired)
        asked about (see `_open`): replaced whole for new tracks, its per-side slots filled in
        place, each by one assignment."""
        self._order_reads = tuple(
            picker(
                sorted(
                    set().union(
                        *(tracks_of(a.cond) | {t for t, _ in a.cost} for a in self._by_faction[f])
                    )
                )
            )
            for f in range(n)
        )
        """Per side, the values of the tracks its orders' conditions and costs read."""
        self._opens: dict[tuple[int, int, int, tuple[int, ...]], _Open] = {}
        """`_open`'s answers by the side, the turn, the events fired and `_order_reads`."""
        self._ordinals = tuple(day.toordinal() for day in rules.calendar)
        self._seen: dict[tuple[int, int], tuple[LogNode, tuple[LogEntry, ...]]] = {}
        self._track_ids = {t.id: t.index for t in rules.tracks}
        self._space: ActionSpace | None = None
        self._marks = tuple(
            tuple((t.id, t.thresholds) for t in rules.tracks if t.thresholds and t.mask >> f & 1)
            for f in range(n)
        )
        self._dates = frozenset(
            {f.track for f in rules.figures if f.kind == "date"}
            | {d.track for d in rules.distance if d.history_day != NO_DAY}
        )
        """Tracks that hold a turn (date figures, dated distance terms): shown as dates."""
        self._writes = tuple(_targets((*a.effects, *a.success, *a.failure)) for a in rules.actions)
        self._said: dict[
            tuple[int, bool | None, tuple[Change, ...], bool], tuple[str, OrderGiven]
        ] = {}
        self._audience = tuple(
            self._readers(a, w) for a, w in zip(rules.actions, self._writes, strict=True)
        )

    def _readers(
        self, adef: ActionDef, writes: tuple[int, ...]
    ) -> tuple[frozenset[int], tuple[tuple[int, frozenset[int]], ...]]:
        """Returns, of the tracks an order may write, those every reader of its line sees, and
        per reader those only some readers see (for its result, `Resolution._report`)."""
        tracks = self.rules.tracks
        mask = adef.mask | 1 << adef.faction
        readers = [f for f in range(self._n) if mask >> f & 1]
        everyone = frozenset(t for t in writes if all(tracks[t].mask >> f & 1 for f in readers))
        only = tuple(
            (f, frozenset(t for t in writes if t not in everyone and tracks[t].mask >> f & 1))
            for f in readers
        )
        return everyone, tuple((f, sees) for f, sees in only if sees)

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

    def legal_families(self, state: State, faction: int) -> tuple[list[Action], Runs]:
        """Returns `legal_actions` and the runs of its families (`listing.family_runs`), found
        once per listing: search draws a family, then a member. Search meets the same lists in
        playout after playout, so a side's list at its first decision of a turn is kept (see
        `_kept`); random play, which rarely meets a list twice, asks `legal_actions`, which
        keeps none and so pays nothing for it."""
        last = self._last_kept
        if last[0] is state and last[1] == faction:
            listing = last[2]
        else:
            acting = faction == state.to_act and state.phase != OVER
            listing = self._kept(state, faction) if acting else Listing((), [])
            self._last_kept = (state, faction, listing)
        return list(listing.legal), listing.families()

    def apply(self, state: State, action: Action) -> State:
        """Returns the state after `action`; raises IllegalActionError naming the action and why."""
        reason = self.why_illegal(state, action)
        if reason is not None:
            raise IllegalActionError(f"{self._safe_notation(action)}: {reason}")
        return self.advance(state, action)

    def advance(self, state: State, action: Action) -> State:
        """Returns the state after `action`, which the caller took from this state's legal
        list (`legal_actions`, `legal_families`, `deal`, `routine`): `apply` without its check,
        for the search's playouts, which only ever play such moves. Anything else goes through
        `apply`, which names an illegal action instead of playing it."""
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
        index = self.rules.class_index(state.tracks, state.turn, state.fired)
        cls = self.rules.outcome_classes[index] if index >= 0 else None
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
        rules = self.rules
        return rules.raw_score(faction, state.tracks, state.turn, state.fired) / rules.score_scale

    # ------------------------------------------------------------ text and odds

    def notation(self, action: Action) -> str:
        return _notation.notation(self.rules, action)

    def parse_action(self, text: str) -> Action:
        return _notation.parse_action(self.rules, text)

    def label(self, action: Action) -> str:
        return _notation.label(self.rules, action)

    @property
    def mechanics(self) -> tuple[Mechanic, ...]:
        return self._mechanics

    def anchors(self, state: State, members: Sequence[Action]) -> tuple[Action, ...]:
        """Returns the meaningful members of one family of legal moves (see
        `Mechanic.anchors`), or () where its mechanic names none."""
        mechanic = self._verb.get(members[0].kind) if members else None
        return mechanic.anchors(state, members) if mechanic is not None else ()

    def deal(self, state: State, faction: int) -> tuple[Action, tuple[int, ...]] | None:
        """Returns the deal on the table for the side (see `Mechanic.deal`): the move that
        takes it and the tracks once taken, or None."""
        for mechanic in self._dealers:
            deal = mechanic.deal(state, faction)
            if deal is not None:
                return deal
        return None

    def routine(self, state: State, faction: int) -> Action | None:
        """Returns the order the side gives by habit before ending its orders (see
        `Mechanic.routine`), or None: the first mechanic's that names one."""
        for mechanic in self._routines:
            action = mechanic.routine(state, faction)
            if action is not None:
                return action
        return None

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
        dos = self._orders(state, faction, state.orders[faction])
        parts = [mechanic.actions(state, faction) for mechanic in self._mechanics]
        return _merged(self._end[faction], dos, parts)

    def _kept(self, state: State, faction: int) -> Listing:
        """Returns the side's legal list as a `Listing`: at its first decision of a turn, one
        kept from an earlier call with the same inputs where there is one.

        Before any order a mechanic that caches its lists (the auction, the bargaining) hands
        back the same list for the same inputs, which recur in playout after playout: the
        listing is kept, found again by the lists' identities (checked: a kept listing holds its
        lists, so no other list can take their ids). A mechanic that builds a new list each time
        (the campaign's few attacks) only costs a kept listing never found again."""
        given = state.orders[faction]
        if state.phase == CHOICES or given:
            return Listing((), self._legal(state, faction))
        dos = self._orders(state, faction, given)
        parts = [mechanic.actions(state, faction) for mechanic in self._mechanics]
        key = (faction, *(a.ref for a in dos), -1, *map(id, parts))
        kept = self._listings.get(key)
        if kept is not None and all(x is y for x, y in zip(kept.parts, parts, strict=True)):
            return kept
        listing = Listing(tuple(parts), _merged(self._end[faction], dos, parts))
        if len(self._listings) > CACHE_LIMIT:
            self._listings.clear()
        self._listings[key] = listing
        return listing

    def _orders(
        self, state: State, faction: int, given: tuple[Action, ...], *, first: bool = False
    ) -> list[Action]:
        """Returns the faction's legal scenario orders (only the first if `first`)."""
        adefs, before_any = self._open(state, faction)
        if not given:
            return list(before_any[:1] if first else before_any)
        out: list[Action] = []
        done = {o.ref for o in given if o.kind == DO}
        for adef in adefs:
            if adef.index in done:
                continue
            if adef.cost and not self._affordable(state, adef.cost, given):
                continue
            out.append(self._do[adef.index])
            if first:
                return out
        return out

    def _open(self, state: State, faction: int) -> _Open:
        """Returns the faction's scenario orders whose conditions hold in `state`, and of those
        the ones it can pay before giving any order (its orders at a turn's first decision).

        Conditions read only the tracks, the turn and the events fired, and every state of a
        turn's orders phase shares one tracks tuple: the listing of each decision, and `apply`'s
        question whether the side has one left, ask again of the same tracks. So the answer for
        the last (tracks, turn, fired) is kept, found by the tuple's identity (the memo holds
        the tuple, so no other can take its id). Other states, in playout after playout, meet
        the same values of the few tracks the side's orders read: answers are also kept by
        those values (`_order_reads`)."""
        tracks, turn, fired = state.tracks, state.turn, state.fired
        memo = self._open_memo
        if memo[0] is not tracks or memo[1] != turn or memo[2] != fired:
            memo = (tracks, turn, fired, [None] * self._n)
            self._open_memo = memo
        known = memo[3][faction]
        if known is not None:
            return known
        key = (faction, turn, fired, self._order_reads[faction](tracks))
        known = self._opens.get(key)
        if known is None:
            adefs = tuple(a for a in self._by_faction[faction] if a.pred(tracks, turn, fired))
            before_any = tuple(
                self._do[a.index]
                for a in adefs
                if not a.cost or self._affordable(state, a.cost, ())
            )
            known = (adefs, before_any)
            if len(self._opens) > CACHE_LIMIT:
                self._opens.clear()
            self._opens[key] = known
        memo[3][faction] = known
        return known

    def _has_decision(self, state: State, faction: int) -> bool:
        if self._orders(state, faction, state.orders[faction], first=True):
            return True
        return any(mechanic.actions(state, faction) for mechanic in self._mechanics)

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


def _merged(end: Action, dos: list[Action], parts: Sequence[list[Action]]) -> list[Action]:
    """Returns ending the turn, the scenario orders and the mechanics' sorted lists as one
    sorted list: the few actions beside the longest list inserted into a copy of it by
    bisection (a list of hundreds of bids sorted again costs as many comparisons), or, where
    there are many, the whole sorted (timsort is near-linear on sorted runs)."""
    longest = parts[0] if len(parts) == 1 else max(parts, key=len, default=[])
    rest = [end, *dos]
    for part in parts:
        if part is not longest:
            rest.extend(part)
    if len(rest) > MERGE_BY_INSERTION:
        return sorted([*longest, *rest])
    out = list(longest)
    for action in rest:
        bisect.insort(out, action)
    return out
