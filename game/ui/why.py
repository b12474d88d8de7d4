"""The student's reasons: with "Ask “why?”" on in the settings (a teacher's switch for hot-seat
play), a human player's key decision opens a one-line prompt (`game.ui.scenes.why_dialog`); the
answer is kept with the move in the save (`GameRecord.reasons`) and printed beside the decision
by `main.py chronicle`.

Key decisions are the ones a class argues about: an answer to an event, an offer, an acceptance
payment terms, and an order whose outcome is left to chance. Routine
orders (those with a sure effect), ends of turn and auction bids (a season has dozens) are not
asked about."""

from __future__ import annotations

from game.core.actions import CHOOSE, DO, Action
from game.core.game import Game
from game.core.mechanics.bargaining_view import ACCEPT, OFFER, TERMS


def key_decision(game: Game, action: Action) -> bool:
    """True if the player is asked "why?" about `action` (see the module docstring)."""
    if action.kind in (CHOOSE, OFFER, TERMS, ACCEPT):
        return True
    if action.kind == DO:
        return game.rules.actions[action.ref].odds is not None
    return False
