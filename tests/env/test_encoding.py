"""The observation vector and the action mask: bounds, layout, legality, no hidden information."""

from __future__ import annotations

import dataclasses
import random

import numpy as np
from hypothesis import given, settings
from hypothesis import strategies as st

from game import Game
from game.core.state import OVER, State
from game.env.encoding import HEAD, Layout, action_mask, layouts, observed


def states(game: Game, seed: int, steps: int) -> list[State]:
    """Returns the states of a random game of `seed`, up to `steps` moves."""
    rng = random.Random(seed)
    state = game.initial_state(seed)
    out = [state]
    while state.phase != OVER and len(out) <= steps:
        state = game.apply(state, rng.choice(game.legal_actions(state, state.to_act)))
        out.append(state)
    return out


def test_layout_names_every_feature(game: Game) -> None:
    for layout in layouts(game):
        bit = 1 << layout.faction
        seen = [t.id for t in game.rules.tracks if t.mask & bit]
        assert layout.names[: len(HEAD)] == HEAD
        assert [n[6:] for n in layout.names if n.startswith("track:")] == seen
        assert len(set(layout.names)) == layout.size
        assert layout.vector(game.initial_state(0)).shape == (layout.size,)


@settings(max_examples=15, deadline=None)
@given(seed=st.integers(0, 2**31 - 1))
def test_vector_in_bounds_and_mask_is_the_legal_moves(game: Game, seed: int) -> None:
    every = layouts(game)
    for state in states(game, seed, 60):
        for layout in every:
            vector = layout.vector(state)
            assert vector.dtype == np.float32
            assert np.all((vector >= 0) & (vector <= 1))
            mask = action_mask(game, state, layout.faction)
            legal = game.legal_actions(state, layout.faction)
            assert int(mask.sum()) == len(legal)
            chosen = [game.action_space.action(i) for i in np.flatnonzero(mask)]
            assert sorted(chosen) == sorted(legal)


@settings(max_examples=15, deadline=None)
@given(seed=st.integers(0, 2**31 - 1), noise=st.integers(0, 2**31 - 1))
def test_vector_reads_nothing_hidden(game: Game, seed: int, noise: int) -> None:
    """Changing what a side cannot see (the other tracks, the seed) leaves its vector alone;
    changing a track it sees changes it."""
    rng = random.Random(noise)
    for state in states(game, seed, 40)[::7]:
        for layout in layouts(game):
            bit = 1 << layout.faction
            tracks = tuple(
                v if t.mask & bit else rng.randint(t.lo, t.hi)
                for v, t in zip(state.tracks, game.rules.tracks, strict=True)
            )
            other = dataclasses.replace(state, tracks=tracks, seed=rng.getrandbits(32))
            assert np.array_equal(layout.vector(state), layout.vector(other))
            assert (
                game.observe(other, layout.faction).tracks
                == game.observe(state, layout.faction).tracks
            )


def test_a_seen_track_moves_its_feature(game: Game) -> None:
    state = game.initial_state(3)
    layout = Layout.of(game, 0)
    track = game.rules.tracks[int(layout.tracks[0])]
    value = track.hi if state.tracks[track.index] != track.hi else track.lo
    tracks = list(state.tracks)
    tracks[track.index] = value
    moved = layout.vector(dataclasses.replace(state, tracks=tuple(tracks)))
    feature = layout.names.index(f"track:{track.id}")
    assert moved[feature] != layout.vector(state)[feature]


@settings(max_examples=10, deadline=None)
@given(seed=st.integers(0, 2**31 - 1))
def test_the_vector_is_a_function_of_the_observation(game: Game, seed: int) -> None:
    """Built from the side's `Observation` alone, the vector is the state's: what a trained
    policy seated as an agent sees is what it trained on."""
    for state in states(game, seed, 80)[::3]:
        for layout in layouts(game):
            obs = game.observe(state, layout.faction)
            assert np.array_equal(observed(game, layout, obs), layout.vector(state))
