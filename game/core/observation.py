"""Observations: what one faction may know of a state, and nothing more."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from typing import Final

from game.core.actions import Action
from game.core.log import LogEntry
from game.core.rules import Threshold
from game.core.state import RUNNING, Phase, State

NO_EVENT: Final = -1
"""`Observation.choice` / `awaiting` when no event waits for an answer (or it is unseen)."""


@dataclass(frozen=True, slots=True)
class Observation:
    """One faction's view of the game.

    It holds the tracks the faction may see, its own orders of this turn (never another's), the
    chronicle lines visible to it, the events it knows have fired, and its own current score.
    """

    faction: int
    turn: int
    date: str
    phase: Phase
    to_act: int
    tracks: tuple[tuple[str, int], ...]
    """(track id, value) for each track this faction observes, in scenario order."""
    own_orders: tuple[Action, ...]
    choice: int
    """Index of the event this faction must now answer; NO_EVENT when none."""
    awaiting: int
    """Index of the event another faction is answering now, if this faction sees that event
    (or this faction's own `choice`); NO_EVENT when none or unseen."""
    fired: int
    """Events known to this faction to have fired (bit mask)."""
    log: tuple[LogEntry, ...]
    outcome: str
    """Id of the end rule once the game is over; empty while it runs."""
    score: float
    distance: float = 0.0
    """How far the game has moved from history (`Game.distance`); public to every faction."""
    thresholds: tuple[tuple[str, tuple[Threshold, ...]], ...] = ()
    """(track id, its thresholds) for each track this faction observes that has thresholds:
    static rules data, the marks its meters draw."""

    def marks(self, track_id: str) -> tuple[Threshold, ...]:
        """Returns the thresholds of a track this faction sees (none if it has none)."""
        for tid, marks in self.thresholds:
            if tid == track_id:
                return marks
        return ()

    def track(self, track_id: str) -> int | None:
        """Returns the value of a track this faction sees, or None if it does not see it."""
        for tid, value in self.tracks:
            if tid == track_id:
                return value
        return None


@dataclass(frozen=True, slots=True)
class Seen:
    """An observation's tracks by index, for whatever is computed from it (`Game.seen`).

    The one convention for a track the faction cannot see: it is unknown, `None`. A formula that
    needs an unknown track has no value for this faction (odds shown as unknown). Legality runs
    on `filled()`, where unknown tracks read 0: the compiler guarantees that what decides a
    faction's legal actions reads only tracks that faction observes, so the 0 is never read.
    """

    obs: Observation
    values: tuple[int | None, ...]

    def __getitem__(self, track: int) -> int | None:
        return self.values[track]

    def known(self, tracks: Sequence[int]) -> bool:
        """True if every one of these tracks is observed."""
        return all(self.values[t] is not None for t in tracks)

    def filled(self, unseen: int = 0) -> tuple[int, ...]:
        """Returns every track's value, `unseen` for those the faction cannot see."""
        return tuple(unseen if v is None else v for v in self.values)

    def probe(self, factions: int | None = None) -> State:
        """Returns a state that holds exactly what the faction sees (unseen tracks at 0, no
        other faction's orders, the event it must answer, no log), to run legality checks on
        an observation."""
        obs = self.obs
        n = max(factions or 0, obs.faction + 1, obs.to_act + 1)
        orders = tuple(obs.own_orders if f == obs.faction else () for f in range(n))
        pending = ((obs.choice, obs.faction),) if obs.choice != NO_EVENT else ()
        return State(
            0,
            obs.turn,
            obs.phase,
            obs.to_act,
            self.filled(),
            orders,
            pending,
            obs.fired,
            RUNNING,
            None,
        )
