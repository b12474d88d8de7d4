"""The auction's legal-action lists (issue 12 speed-up): bids priced once per lot and cut at the
bidder's means by bisection give exactly the list built bid by bid, in every state met."""

from __future__ import annotations

import random

from hypothesis import given, settings
from hypothesis import strategies as st

from game import load_game
from game.agents.rollout import rollout_action
from game.core.mechanics.auction import Auction


@settings(max_examples=8, deadline=None)
@given(seed=st.integers(0, 2**32 - 1))
def test_priced_lists_equal_the_bid_by_bid_lists(seed: int) -> None:
    game = load_game("fishery-auctions")
    auctions = [m for m in game.mechanics if isinstance(m, Auction)]
    assert auctions
    rng = random.Random(seed)
    state = game.initial_state(seed)
    checked = 0
    while not game.is_terminal(state):
        for auction in auctions:
            for faction in range(len(game.rules.factions)):
                if not auction.active(state.tracks, state.turn, state.fired):
                    continue
                b = auction.bidder(faction)
                host = faction == auction.host
                if b is None and not host:
                    continue
                fresh = state.__class__(
                    state.seed,
                    state.turn,
                    state.phase,
                    state.to_act,
                    state.tracks,
                    tuple(() for _ in state.orders),
                    state.pending,
                    state.fired,
                    state.outcome,
                    state.log,
                )
                assert auction.actions(fresh, faction) == auction._listed(fresh, faction, b, host)
                checked += 1
        state = game.apply(state, rollout_action(game, state, rng))
    assert checked > 0


@settings(max_examples=8, deadline=None)
@given(seed=st.integers(0, 2**32 - 1))
def test_lists_after_orders_are_what_why_illegal_accepts(seed: int) -> None:
    # After an order the cached list is cut by runs (each lot's bids at the means left, by
    # bisection on the amounts): the same list as testing every action of the turn's first list.
    game = load_game("fishery-auctions")
    auctions = [m for m in game.mechanics if isinstance(m, Auction)]
    rng = random.Random(seed)
    state = game.initial_state(seed)
    checked = 0
    while not game.is_terminal(state):
        f = state.to_act
        for auction in auctions:
            if state.orders[f] and auction.active(state.tracks, state.turn, state.fired):
                b = auction.bidder(f)
                if b is None and f != auction.host:
                    continue
                every = auction._listed(state, f, b, f == auction.host)
                kept = [a for a in every if game.why_illegal(state, a) is None]
                assert auction.actions(state, f) == kept, (seed, state.turn, state.orders[f])
                checked += 1
        state = game.apply(state, rollout_action(game, state, rng))
    assert checked > 0
