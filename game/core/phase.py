"""What the game waits for: the phases of a turn (the front end reads them; no state needed)."""

from __future__ import annotations

from enum import IntEnum
from typing import Final


class Phase(IntEnum):
    """What the game waits for."""

    ORDERS = 0
    """Factions give their (secret, simultaneous) orders, one faction at a time."""
    CHOICES = 1
    """Factions answer the events that fired, one choice at a time."""
    OVER = 2
    """The game has ended."""


ORDERS: Final = Phase.ORDERS
CHOICES: Final = Phase.CHOICES
OVER: Final = Phase.OVER

NOBODY: Final = -1
"""`to_act` once the game is over; an event's `chooser` when it offers no options."""
RUNNING: Final = -1
"""`outcome` while the game runs (no end rule has ended it)."""
