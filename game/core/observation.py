"""Observations: what one faction may know of a state, and nothing more."""

from __future__ import annotations

from dataclasses import dataclass

from game.core.actions import Action
from game.core.log import LogEntry


@dataclass(frozen=True, slots=True)
class Observation:
    """One faction's view of the game.

    It holds the tracks the faction may see, its own orders of this turn (never another's), the
    chronicle lines visible to it, the events it knows have fired, and its own current score.
    """

    faction: int
    turn: int
    date: str
    phase: int
    to_act: int
    tracks: tuple[tuple[str, int], ...]
    """(track id, value) for each track this faction observes, in scenario order."""
    own_orders: tuple[Action, ...]
    choice: int
    """Index of the event this faction must now answer; -1 when none."""
    awaiting: int
    """Index of the event another faction is answering now, if this faction sees that event
    (or this faction's own `choice`); -1 when none or unseen."""
    fired: int
    """Events known to this faction to have fired (bit mask)."""
    log: tuple[LogEntry, ...]
    outcome: str
    """Id of the end rule once the game is over; empty while it runs."""
    score: float
    distance: float = 0.0
    """How far the game has moved from history (`Game.distance`); public to every faction."""

    def track(self, track_id: str) -> int | None:
        """Returns the value of a track this faction sees, or None if it does not see it."""
        for tid, value in self.tracks:
            if tid == track_id:
                return value
        return None
