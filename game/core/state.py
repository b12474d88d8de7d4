"""The game state: a small immutable value of ints and tuples."""

from __future__ import annotations

from dataclasses import dataclass

from game.core.actions import Action
from game.core.log import LogNode

ORDERS = 0
"""Phase in which factions give their (secret, simultaneous) orders, one faction at a time."""
CHOICES = 1
"""Phase in which factions answer the events that fired, one choice at a time."""
OVER = 2
"""The game has ended."""


@dataclass(frozen=True, slots=True)
class State:
    """Everything that decides the rest of a game. `Game.apply` returns a new one.

    Factions give orders in faction order; the orders of the turn stay secret (only the giver
    observes its own) until all factions are done, then resolve together in a fixed order.
    """

    seed: int
    turn: int
    phase: int
    to_act: int
    """The faction that must act now; -1 once the game is over."""
    tracks: tuple[int, ...]
    orders: tuple[tuple[Action, ...], ...]
    """This turn's orders so far, per faction."""
    pending: tuple[tuple[int, int], ...]
    """Events waiting for a choice: (event index, faction)."""
    fired: int
    """Bit e set: event e has fired."""
    outcome: int
    """Index of the end rule that ended the game; -1 while it runs."""
    log: LogNode | None
