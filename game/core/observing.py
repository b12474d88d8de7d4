"""What a faction may know, the part of `Game` that reads states without changing them: its
observation, the odds and explanations it is shown, its mechanics' views, the distance from
history, and states consistent with an observation for search agents."""

from __future__ import annotations

import operator
import random
from collections.abc import Callable, Sequence
from typing import TYPE_CHECKING

from game.core.actions import CHOOSE, DO, Action
from game.core.log import LogEntry, LogNode
from game.core.mechanics.base import Mechanic
from game.core.observation import NO_EVENT, Observation, Seen
from game.core.rules import NO_DAY, Rules, Threshold
from game.core.state import CHOICES, RUNNING, State

__all__ = ["Observing"]

SEEN_LIMIT = 128
"""Log nodes whose visible lines `observe` remembers (per faction) before it starts afresh.
Each keeps its game's whole log alive, so the memo holds the recent states of a game or two,
not the logs of every game a long run has played."""


def picker(indexes: Sequence[int]) -> Callable[[Sequence[int]], tuple[int, ...]]:
    """Returns a function that takes these positions of a sequence, as a tuple (in C)."""
    if not indexes:
        return lambda values: ()
    if len(indexes) == 1:
        only = indexes[0]
        return lambda values: (values[only],)
    return operator.itemgetter(*indexes)


Viewer = tuple[tuple[str, ...], Callable[[Sequence[int]], tuple[int, ...]], int]
"""What a faction sees, made once: its tracks' ids, their picker, and its events' bit mask."""


class Observing:
    """The observation side of `Game` (a base class of it: its methods are Game's own)."""

    rules: Rules
    _n: int
    _verb: dict[str, Mechanic]
    _mechanics: tuple[Mechanic, ...]
    _ordinals: tuple[int, ...]
    _seen: dict[tuple[int, int], tuple[LogNode, tuple[LogEntry, ...]]]
    _track_ids: dict[str, int]
    _marks: tuple[tuple[tuple[str, tuple[Threshold, ...]], ...], ...]
    _viewer_memo: tuple[Viewer, ...]

    if TYPE_CHECKING:

        def score(self, state: State, faction: int) -> float: ...

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
            if term.history_day != NO_DAY:
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

    def _viewers(self) -> tuple[Viewer, ...]:
        """Returns each faction's `Viewer` (made on first use; a race makes the same twice)."""
        viewers: tuple[Viewer, ...] | None = getattr(self, "_viewer_memo", None)
        if viewers is None:
            rules = self.rules
            out = []
            for f in range(self._n):
                bit = 1 << f
                seen = [t for t in rules.tracks if t.mask & bit]
                events = sum(1 << e.index for e in rules.events if e.mask & bit)
                out.append((tuple(t.id for t in seen), picker([t.index for t in seen]), events))
            viewers = self._viewer_memo = tuple(out)
        return viewers

    def observe(self, state: State, faction: int) -> Observation:
        """Returns what `faction` may know of `state`."""
        bit = 1 << faction
        ids, pick, events = self._viewers()[faction]
        tracks = tuple(zip(ids, pick(state.tracks), strict=True))
        fired = state.fired & events
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
            thresholds=self._marks[faction],
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
            if len(self._seen) > SEEN_LIMIT:
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

    def stakes(self, view: State | Observation | Seen, action: Action) -> str:
        """Returns what a mechanic's action takes or gives now, as its faction can tell from
        its observation (`Mechanic.stakes`): "" when the label says it all."""
        mechanic = self._verb.get(action.kind)
        return mechanic.stakes(self._seen_by(view, action.faction), action) if mechanic else ""

    def views(self, obs: Observation) -> list[object]:
        """Returns each mechanic's view for the observing faction (those that have one)."""
        seen = self.seen(obs)
        out = []
        for mechanic in self._mechanics:
            view = mechanic.view(seen)
            if view is not None:
                out.append(view)
        return out
