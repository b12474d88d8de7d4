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
from game.core.actions import END
from game.core.observation import Observation
from game.core.state import ORDERS


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


def _tokyo_after_a_refusal(learns: bool, seed: int) -> list[int]:
    """Moscow asks 250 M; Tokyo offers 80 M at once; Moscow lets it stand through the next month
    (orders are simultaneous, so Tokyo sees that a month later). Returns Tokyo's believed worths
    of the line to Moscow (tenths of a million) then, from a persona belief that learns from
    refusals or from one that does not."""
    from game import load_game
    from game.agents.persona import PersonaAgent

    game = load_game("railway-sale")
    japan = game.rules.faction_index("japan")
    persona = game.rules.persona(japan)
    assert persona is not None
    assert persona.judged_deals
    priors = [(p.track, p.lo, p.hi) for p in persona.priors]
    judge = PersonaAgent(game, japan, "fast").evaluate if learns else None
    belief = Belief(game, japan, random.Random(seed), priors=priors, judge=judge)
    rng = random.Random(seed)
    state = game.initial_state(seed)
    orders = {(0, "ussr"): ["ussr:offer:250"], (0, "japan"): ["japan:offer:80"]}
    while state.turn < 3:
        side = game.rules.factions[state.to_act].id
        if state.to_act == japan:
            belief.update(game.observe(state, japan), rng)
        todo = orders.get((state.turn, side), [])
        given = len(state.orders[state.to_act]) if state.phase == ORDERS else 0
        legal = game.legal_actions(state, state.to_act)
        if state.phase == ORDERS and given < len(todo):
            action = game.parse_action(todo[given])
        elif state.phase == ORDERS:  # the end of its orders
            action = next(a for a in legal if a.kind == END)
        else:  # an event's last option
            action = legal[-1]
        if state.to_act == japan:
            belief.commit(action)
        state = game.apply(state, action)
    assert state.tracks[game.rules.track_index("bid")] == 800
    assert state.tracks[game.rules.track_index("agreed")] == 0  # Moscow did not take the 80 M
    track = game.rules.track_index("railway_value")
    return sorted(p.tracks[track] for p in belief.particles)


@settings(max_examples=3, deadline=None)
@given(seeds=st.lists(st.integers(0, 2**32 - 1), min_size=8, max_size=8, unique=True))
def test_a_refused_offer_raises_the_believed_worth(seeds: list[int]) -> None:
    """Refusals teach (judged deals): Tokyo believes the line worth 45–75 M to Moscow; once
    Moscow has let an offer of 80 M stand, a belief that learns holds it worth more than 75 M in
    a quarter of its particles or more, over eight games (those no step mended stay where they
    were), and one that does not in none.

    Over eight games, not in each: in one game alone the share taught ranges from none of the
    48 particles to all of them. In 400 games drawn for this docstring it was 0.72 on average
    (standard deviation 0.18), and none in 4; a draw of the suite's (seed 798964) had 10 of 48,
    under the quarter this test once asked of each game. Over eight games the mean's deviation
    is about a third of that, and a quarter lies far below it."""
    taught: list[int] = []
    for seed in seeds:
        taught.extend(_tokyo_after_a_refusal(True, seed))
        assert max(_tokyo_after_a_refusal(False, seed)) <= 750
    assert sum(v > 750 for v in taught) >= len(taught) // 4
