"""The move a side is given when its own is refused or never comes: every seat plays the same.

The environments play it for an action outside the mask (`illegal="pass"`); the text seat plays
it after a timeout or the last refused reply. It needs nothing beyond the game itself.
"""

from __future__ import annotations

from game.core.actions import END, Action, EndTurn
from game.core.game import Game
from game.core.state import CHOICES, State


def fallback(game: Game, state: State, faction: int) -> Action:
    """Returns the side's fallback move: `end` in the orders phase (it is always legal there),
    else the first option of the event it must answer."""
    if state.phase == CHOICES:
        return game.legal_actions(state, faction)[0]
    return EndTurn(faction, END)
