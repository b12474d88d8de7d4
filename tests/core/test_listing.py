"""A side's legal moves kept between playouts (`game.core.listing`): a kept listing is the list
a game with nothing kept would make, and its family runs are that list's."""

from __future__ import annotations

import random

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from game import Game, load_game
from game.agents.rollout import rollout_action
from game.core.listing import family_runs

SCENARIOS = ["railway-sale", "august-1945", "fishery-auctions"]


@pytest.mark.parametrize("scenario", SCENARIOS)
@settings(max_examples=4, deadline=None)
@given(seed=st.integers(0, 2**32 - 1))
def test_kept_listings_are_the_lists_made_afresh(scenario: str, seed: int) -> None:
    game = load_game(scenario)
    rng = random.Random(seed)
    hits = 0
    for _ in range(3):  # the same game replayed: its listings are met again
        state = game.initial_state(seed)
        while not game.is_terminal(state):
            f = state.to_act
            size = len(game._listings)
            legal, runs = game.legal_families(state, f)
            hits += len(game._listings) == size and not state.orders[f]
            fresh = Game(game.rules)  # keeps nothing yet
            assert legal == fresh.legal_actions(state, f)
            assert runs == family_runs(legal)
            state = game.apply(state, rollout_action(game, state, rng))
    assert hits > 0


def test_a_kept_listing_is_not_changed_by_its_caller() -> None:
    game = load_game("fishery-auctions")
    state = game.initial_state(1)
    f = state.to_act
    first, _ = game.legal_families(state, f)
    first.clear()
    kept = len(game._listings)
    other = game.initial_state(1)  # another state object: the kept listing, not the last list
    again, runs = game.legal_families(other, f)
    assert len(game._listings) == kept  # found again, not made afresh
    assert again == Game(game.rules).legal_actions(other, f) != []
    assert runs == family_runs(again)
