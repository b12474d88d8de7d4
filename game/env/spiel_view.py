"""What one player of an OpenSpiel Amur game knows: its view now, and its record of past decisions.

`game.env.spiel` plays the scenarios; this module reads them for one player, through the
encoding of `game.env.encoding` (the same features, in the same order, as `Layout.vector`):

- a **view** is that player's observation as plain ints — turn, phase, whether it acts, how many
  orders it gave this turn, the raw values of the tracks it observes, the bits of the events it
  can see fire, the event it must answer — taken from a state in a microsecond or two;
- a **record** is a persistent list of the player's past decisions, newest first, shared by
  every state that descends from it (no copying on `clone`): at each, its view, the chronicle
  lines it could see since its previous decision (their typed records, as the game's own MCTS
  agent keys its information sets, or their text where a line has none: an offer made, an
  order's roll, a warning), and the action it took.

From these come the observation string and tensor (the view now) and the information-state
string and tensor (the record and the view now; the chronicle lines are in the string only).
None of them reads a track the player does not observe, an event it cannot see, a chronicle
line it may not read, another side's orders of the turn or the seed.
"""

from __future__ import annotations

import dataclasses
from collections.abc import Callable, Sequence
from dataclasses import dataclass

from game.core.actions import Action
from game.core.game import Game
from game.core.log import LogEntry, LogNode
from game.core.state import CHOICES, ORDERS, OVER, State
from game.env.encoding import Layout, Vector

View = tuple[int, int, int, int, int, int, tuple[int, ...]]
"""(turn, phase, acting, orders given, visible fired bits, event to answer or -1, tracks)."""

PHASES: dict[int, str] = {int(ORDERS): "orders", int(CHOICES): "choices", int(OVER): "over"}


class Record:
    """One past decision of a player: what it saw, what it did, and the decisions before it."""

    __slots__ = ("_text", "action", "log", "prev", "seen", "view")

    def __init__(
        self,
        prev: Record | None,
        view: View,
        action: int,
        log: LogNode | None,
        seen: tuple[LogEntry, ...],
    ) -> None:
        self.prev = prev
        self.view = view
        self.action = action
        self.log = log
        """The chronicle at the decision: where the lines seen at the next one start (None
        for a record read back from a snapshot, `game.env.spiel_model.Core`)."""
        self.seen = seen
        """The chronicle lines the player could read since its previous decision, oldest
        first."""
        self._text: str | None = None
        """The information-state lines up to this decision (a memo of a pure function)."""

    def __deepcopy__(self, memo: object) -> Record:
        return self  # immutable but for its memo: clones share it

    def chain(self) -> list[Record]:
        """Returns this decision and the ones before it, oldest first."""
        out: list[Record] = []
        node: Record | None = self
        while node is not None:
            out.append(node)
            node = node.prev
        out.reverse()
        return out


@dataclass(frozen=True)
class Viewer:
    """One player's reading of states: its layout, view, texts and vectors."""

    layout: Layout
    width: int
    """The widest layout of the scenario's factions: every tensor row is padded to it."""
    track_ids: tuple[str, ...]
    event_ids: tuple[tuple[int, str], ...]
    """(event index, id) of the events the player can see fire."""
    fired_mask: int
    bit: int
    tracks_of: Callable[[tuple[int, ...]], tuple[int, ...]]
    name: Callable[[int], str]
    """Returns the text of an action index (its notation)."""
    notation: Callable[[Action], str]
    event_name: Callable[[int], str]
    date: Callable[[int], str]
    ids: dict[str, Callable[[int], str]]
    """Record fields named by an id rather than an index: `event`, `faction`, `rule`."""

    @classmethod
    def of(cls, game: Game, layout: Layout, width: int, name: Callable[[int], str]) -> Viewer:
        rules = game.rules
        picks = layout.tracks
        mask = 0
        for e in layout.events:
            mask |= 1 << e
        return cls(
            layout,
            width,
            tuple(rules.tracks[i].id for i in picks),
            tuple((e, rules.events[e].id) for e in layout.events),
            mask,
            1 << layout.faction,
            layout.pick,
            name,
            game.notation,
            lambda e: rules.events[e].id,
            lambda turn: rules.date(turn).isoformat(),
            {
                "event": lambda e: rules.events[e].id,
                "faction": lambda f: rules.factions[f].id,
                "rule": lambda r: rules.end_rules[r].id,
            },
        )

    def view(self, state: State) -> View:
        """Returns what the player observes of `state`, as ints."""
        f = self.layout.faction
        acting = state.to_act == f and state.phase != OVER
        given = len(state.orders[f]) if state.orders else 0
        choice = state.pending[0][0] if state.phase == CHOICES and acting and state.pending else -1
        return (
            state.turn,
            int(state.phase),
            int(acting),
            given,
            state.fired & self.fired_mask,
            choice,
            self.tracks_of(state.tracks),
        )

    def seen_since(self, log: LogNode | None, stop: LogNode | None) -> tuple[LogEntry, ...]:
        """Returns the chronicle lines the player may read from `log` back to `stop` (or to
        the start), oldest first."""
        bit = self.bit
        out: list[LogEntry] = []
        node = log
        while node is not None and node is not stop:
            if node.entry.mask & bit:
                out.append(node.entry)
            node = node.prev
        out.reverse()
        return tuple(out)

    def _line(self, entry: LogEntry) -> str:
        """Returns a chronicle line as the information state tells it: its typed record, or
        its text where it has none."""
        record = entry.record
        if record is None:
            return entry.text
        values = (self._value(f.name, getattr(record, f.name)) for f in dataclasses.fields(record))
        return f"{type(record).__name__}({','.join(values)})"

    def _value(self, name: str, value: object) -> str:
        if name in self.ids and isinstance(value, int) and value >= 0:
            return self.ids[name](value)
        if isinstance(value, Action):
            return self.notation(value)
        if isinstance(value, tuple):
            return f"({','.join(self._value('', v) for v in value)})"
        return str(value)

    def _seen_text(self, seen: tuple[LogEntry, ...]) -> str:
        return "".join(f" | {self._line(e)}" for e in seen)

    # ------------------------------------------------------------------ text

    def text(self, view: View) -> str:
        """Returns the observation string: the whole view, one line."""
        turn, phase, acting, given, fired, choice, values = view
        who = "acting" if acting else "waiting"
        parts = [f"t{turn} {self.date(turn)} {PHASES.get(phase, '?')} {who} given={given}"]
        parts.append(" ".join(f"{t}={v}" for t, v in zip(self.track_ids, values, strict=True)))
        seen = [eid for e, eid in self.event_ids if fired >> e & 1]
        parts.append("fired: " + (",".join(seen) if seen else "-"))
        if choice >= 0:
            parts.append(f"answer: {self.event_name(choice)}")
        return " | ".join(parts)

    def _delta(self, before: View | None, view: View) -> str:
        """Returns what changed in the player's view since `before` (all of it if None)."""
        turn, phase, acting, given, fired, choice, values = view
        head = f"t{turn} {PHASES.get(phase, '?')}{'' if acting else ' waiting'} given={given}"
        old_values = before[6] if before is not None else None
        old_fired = before[4] if before is not None else 0
        parts = [head]
        for i, (tid, v) in enumerate(zip(self.track_ids, values, strict=True)):
            if old_values is None or old_values[i] != v:
                parts.append(f"{tid}={v}")
        new = fired & ~old_fired
        parts.extend(f"+{eid}" for e, eid in self.event_ids if new >> e & 1)
        if choice >= 0:
            parts.append(f"answer:{self.event_name(choice)}")
        return " ".join(parts)

    def record_text(self, record: Record | None) -> str:
        """Returns the lines of the player's decisions up to `record` (memoised per decision)."""
        if record is None:
            return ""
        if record._text is None:
            before: View | None = None
            text = ""
            for node in record.chain():
                if node._text is not None:
                    text = node._text
                else:
                    seen = self._seen_text(node.seen)
                    line = f"{self._delta(before, node.view)}{seen} -> {self.name(node.action)}\n"
                    text = node._text = text + line
                before = node.view
        return record._text or ""

    def info_text(self, record: Record | None, state: State | None) -> str:
        """Returns the information-state string: each past decision as what changed in the
        player's view since the one before, the chronicle lines it read meanwhile and the
        action it took; then the same since its last decision (`now:`)."""
        if state is None:
            return "start"
        last = record.view if record is not None else None
        seen = self.seen_since(state.log, record.log if record is not None else None)
        now = f"{self._delta(last, self.view(state))}{self._seen_text(seen)}"
        return f"{self.record_text(record)}now: {now}"

    # --------------------------------------------------------------- vectors

    def fill(self, out: Vector, view: View) -> None:
        """Writes the layout's vector of `view` into `out` (the first `layout.size` cells)."""
        turn, phase, acting, given, fired, choice, values = view
        out[: self.layout.size] = self.layout.encode(
            turn, phase, bool(acting), given, fired, choice, values
        )

    def fill_info(
        self,
        now_out: Vector,
        turns_out: Vector,
        actions_out: Vector,
        record: Record | None,
        now: View | None,
    ) -> None:
        """Writes the information-state tensor's three parts (see `game.env.spiel`)."""
        if now is not None:
            self.fill(now_out, now)
        filled: set[int] = set()
        node = record
        while node is not None:
            turn = node.view[0]
            if turn not in filled:  # the newest decision of each turn: the last one in it
                filled.add(turn)
                row = turns_out[turn]
                row[0] = 1.0
                self.fill(row[1:], node.view)
            actions_out[node.action] += 1.0
            node = node.prev


def viewers(
    game: Game, layouts: Sequence[Layout], name: Callable[[int], str]
) -> tuple[Viewer, ...]:
    """Returns every faction's viewer, rows padded to the widest layout."""
    width = max(lay.size for lay in layouts)
    return tuple(Viewer.of(game, lay, width, name) for lay in layouts)
