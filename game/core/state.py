"""The game state: a small immutable value of ints and tuples."""

from __future__ import annotations

from dataclasses import dataclass

from game.core.actions import Action
from game.core.log import LogNode
from game.core.phase import CHOICES, NOBODY, ORDERS, OVER, RUNNING, Phase

__all__ = ["CHOICES", "NOBODY", "ORDERS", "OVER", "RUNNING", "Phase", "State"]


@dataclass(frozen=True, slots=True)
class State:
    """Everything that decides the rest of a game. `Game.apply` returns a new one.

    Factions give orders in faction order; the orders of the turn stay secret (only the giver
    observes its own) until all factions are done, then resolve together in a fixed order.
    """

    seed: int
    turn: int
    phase: Phase
    to_act: int
    """The faction that must act now; NOBODY once the game is over."""
    tracks: tuple[int, ...]
    orders: tuple[tuple[Action, ...], ...]
    """This turn's orders so far, per faction."""
    pending: tuple[tuple[int, int], ...]
    """Events waiting for a choice: (event index, faction)."""
    fired: int
    """Bit e set: event e has fired."""
    outcome: int
    """Index of the end rule that ended the game; RUNNING while it runs."""
    log: LogNode | None

    def with_tracks(self, tracks: tuple[int, ...]) -> State:
        """Returns this state with other track values (what `dataclasses.replace` does, without
        its cost in the search's hot loop)."""
        return State(
            self.seed,
            self.turn,
            self.phase,
            self.to_act,
            tracks,
            self.orders,
            self.pending,
            self.fired,
            self.outcome,
            self.log,
        )
