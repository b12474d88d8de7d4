"""The scenario's fixed action index space: every legal action met in random play has an index,
and index and action round-trip (issue 10, for learning agents' masks)."""

from __future__ import annotations

import random

import pytest

from game.core.game import Game
from game.scenario.loader import load_game

SCENARIOS = ["railway-sale", "august-1945", "fishery-auctions"]


@pytest.mark.parametrize("scenario", SCENARIOS)
def test_every_legal_action_has_a_stable_index(scenario: str) -> None:
    game = load_game(scenario)
    space = game.action_space
    assert space.size == len(space.actions) == len(set(space.actions))
    assert load_game(scenario).action_space.actions == space.actions  # fixed by the file
    met = 0
    for seed in range(6):
        rng = random.Random(seed)
        state = game.initial_state(seed)
        while not game.is_terminal(state):
            legal = game.legal_actions(state, state.to_act)
            for action in legal:
                i = space.index(action)
                assert 0 <= i < space.size
                assert space.action(i) == action
                assert type(space.action(i)) is type(action)  # the typed form
                met += 1
            state = game.apply(state, rng.choice(legal))
    assert met > 100


@pytest.mark.parametrize("scenario", SCENARIOS)
def test_typed_actions_round_trip_through_their_notation(scenario: str) -> None:
    game: Game = load_game(scenario)
    for action in game.action_space.actions:
        parsed = game.parse_action(game.notation(action))
        assert parsed == action
        assert type(parsed) is type(action) is type(game.typed(action))
