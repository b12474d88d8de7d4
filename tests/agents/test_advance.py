"""`Game.advance` plays a move without `apply`'s legality check: the search's playouts use it,
because every move they play comes from the state's own legal list, the deal on the table or
the side's routine. These tests play searching games in which every such move is checked, so a
playout that ever chose an illegal move fails here instead of corrupting a search in silence."""

from __future__ import annotations

import pytest

from game import Game, State, available_scenarios, load_game
from game.agents.mcts import Budget, MctsAgent
from game.agents.persona import PersonaAgent
from game.core.actions import Action
from game.core.errors import IllegalActionError
from game.sim.play import play


def _checked(game: Game) -> list[int]:
    """Makes `game.advance` raise on an illegal move, as `apply` does; returns the count of its
    calls that did not come through `apply` (the playouts')."""
    calls = [0]
    unchecked = game.advance
    checked_apply = game.apply
    inside = [False]

    def advance(state: State, action: Action) -> State:
        if not inside[0]:
            calls[0] += 1
        reason = game.why_illegal(state, action)
        if reason is not None:
            raise IllegalActionError(f"a playout played {game.notation(action)}: {reason}")
        return unchecked(state, action)

    def apply(state: State, action: Action) -> State:
        inside[0] = True
        try:
            return checked_apply(state, action)
        finally:
            inside[0] = False

    game.advance = advance  # type: ignore[method-assign]
    game.apply = apply  # type: ignore[method-assign]
    return calls


@pytest.mark.parametrize("scenario", sorted(available_scenarios()))
def test_every_move_a_search_plays_is_legal(scenario: str) -> None:
    game = load_game(scenario)
    calls = _checked(game)
    budget = Budget(iterations=24, depth=2, days=400)
    agents = {
        f.index: (PersonaAgent(game, f.index, "fast") if f.index == 0 else MctsAgent(game, f.index))
        for f in game.rules.factions
    }
    for agent in agents.values():
        agent.budget = budget
    record, state = play(game, agents, 3)
    assert game.is_terminal(state)
    assert calls[0] > 100  # the playouts' own moves went through the checked `advance`
    assert record.actions


def test_apply_still_refuses_an_illegal_move() -> None:
    game = load_game("railway-sale")
    state = game.initial_state(1)
    with pytest.raises(IllegalActionError, match="turn to act"):
        game.apply(state, game.parse_action("japan:accept"))
