"""Beliefs (issue 12): sampled states agree with everything the faction has seen, sampling is
seeded, and nothing but the faction's observations reaches the belief."""

from __future__ import annotations

import dataclasses
import random

from hypothesis import given, settings
from hypothesis import strategies as st

from game import Game
from game.agents.beliefs import Belief
from game.agents.rollout import rollout_action
from game.core.observation import Observation


def _seen(obs: Observation) -> Observation:
    """The observation with its log left aside (a sampled state has no past chronicle)."""
    return dataclasses.replace(obs, log=())


def _play_with_beliefs(
    game: Game, seed: int, steps: int, samples: int = 3
) -> list[tuple[Observation, list[Observation]]]:
    """Plays `steps` moves by the default policy; at each decision the acting faction's belief
    is updated and sampled. Returns (observation, observations of the samples) per decision."""
    state = game.initial_state(seed)
    rng = random.Random(seed)
    beliefs = {
        f.index: Belief(game, f.index, random.Random(f"{seed}:{f.id}"), n=12)
        for f in game.rules.factions
    }
    out = []
    for _ in range(steps):
        if game.is_terminal(state):
            break
        f = state.to_act
        obs = game.observe(state, f)
        belief = beliefs[f]
        belief.update(obs, rng)
        drawn = [game.observe(belief.sample(obs, rng), f) for _ in range(samples)]
        out.append((obs, drawn))
        action = rollout_action(game, state, rng)
        belief.commit(action)
        state = game.apply(state, action)
    return out


@settings(max_examples=6, deadline=None)
@given(seed=st.integers(0, 2**32 - 1), steps=st.integers(1, 120))
def test_samples_agree_with_the_observation(game: Game, seed: int, steps: int) -> None:
    """`observe(sample, f)` equals f's observation, its log aside, at every decision."""
    for obs, drawn in _play_with_beliefs(game, seed, steps):
        for sample_obs in drawn:
            assert _seen(sample_obs) == _seen(obs)


def test_sampling_is_seeded_and_repeatable(game: Game) -> None:
    first = _play_with_beliefs(game, 7, 60)
    again = _play_with_beliefs(game, 7, 60)
    assert first == again
    other = _play_with_beliefs(game, 8, 60)
    assert first != other


def test_the_belief_never_sees_the_true_hidden_values(game: Game) -> None:
    """Two games that differ only in what faction 0 cannot see give faction 0 the same
    observations, so the same belief and the same samples: the belief reads observations only
    (and a state drawn from it varies its hidden part, not copying any one value)."""
    rules = game.rules
    hidden = [t.index for t in rules.tracks if not t.mask & 1]
    assert hidden, "every scenario hides something from faction 0"
    start = game.initial_state(3)
    other_tracks = list(start.tracks)
    for t in hidden:
        track = rules.tracks[t]
        other_tracks[t] = track.hi if start.tracks[t] != track.hi else track.lo
    twin = dataclasses.replace(start, tracks=tuple(other_tracks))
    obs, twin_obs = game.observe(start, 0), game.observe(twin, 0)
    assert _seen(dataclasses.replace(obs, score=0.0, distance=0.0)) == _seen(
        dataclasses.replace(twin_obs, score=0.0, distance=0.0)
    )
    a = Belief(game, 0, random.Random(1))
    b = Belief(game, 0, random.Random(1))
    a.update(obs, random.Random(2))
    b.update(twin_obs, random.Random(2))
    assert a.hidden_values() == b.hidden_values()
    values = {v for row in a.hidden_values() for v in row}
    assert len(values) > 1
