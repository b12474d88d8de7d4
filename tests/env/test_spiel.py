"""The scenarios as OpenSpiel games: OpenSpiel's own API check, its algorithms (MCTS through
`evaluate_bots`, ISMCTS), serialisation, determinism, and information states free of hidden
information."""

from __future__ import annotations

import dataclasses
import pickle
import random

import numpy as np
import pyspiel
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from open_spiel.python.algorithms import evaluate_bots, ismcts, mcts

from game.core.log import LogEntry, push
from game.core.records import EventFired
from game.core.state import State
from game.env import spiel, spiel_model

NAMES = sorted(spiel_model.SCENARIOS)
INFO = pyspiel.IIGObservationType(perfect_recall=True)


def load(name: str, seeds: int = 64, variant: str = "") -> pyspiel.Game:
    return pyspiel.load_game(spiel.PREFIX + name, {"seeds": seeds, "variant": variant})


def play_random(game: pyspiel.Game, seed: int, steps: int = 10**6) -> spiel.AmurState:
    """Returns the state after the chance node draws `seed` and `steps` random moves."""
    rng = random.Random(seed)
    state = game.new_initial_state()
    state.apply_action(seed % game.max_chance_outcomes())
    for _ in range(steps):
        if state.is_terminal():
            break
        state.apply_action(rng.choice(state.legal_actions()))
    return state


def twin(state: spiel.AmurState, engine_state: State) -> spiel.AmurState:
    """Returns a state with the same records as `state` around another engine state."""
    out = state.get_game().new_initial_state()
    core = state.core
    out.core = spiel_model.Core(core.model, engine_state, core.records, None, None)
    return out


def views(state: spiel.AmurState, player: int) -> tuple[str, list[float], str, list[float]]:
    """Returns the player's information-state string and tensor and observation string and
    tensor."""
    return (
        state.information_state_string(player),
        state.information_state_tensor(player),
        state.observation_string(player),
        state.observation_tensor(player),
    )


# ------------------------------------------------------------------ registration and API


def test_register_is_idempotent_and_names_every_scenario() -> None:
    names = spiel.register()
    assert spiel.register() == names
    assert names == [spiel.PREFIX + n for n in spiel_model.SCENARIOS]
    assert set(names) <= set(pyspiel.registered_names())
    for name in NAMES:
        kind = load(name).get_type()
        assert kind.dynamics == pyspiel.GameType.Dynamics.SEQUENTIAL
        assert kind.chance_mode == pyspiel.GameType.ChanceMode.EXPLICIT_STOCHASTIC
        assert kind.information == pyspiel.GameType.Information.IMPERFECT_INFORMATION
        assert kind.utility == pyspiel.GameType.Utility.GENERAL_SUM
        assert kind.reward_model == pyspiel.GameType.RewardModel.TERMINAL


@pytest.mark.parametrize("name", NAMES)
def test_openspiel_random_sim_test(name: str) -> None:
    """OpenSpiel's own consistency check of a game, serialisation included."""
    pyspiel.random_sim_test(load(name), num_sims=2, serialize=True, verbose=False)


@pytest.mark.parametrize("name", NAMES)
def test_random_games_respect_the_declared_bounds(name: str) -> None:
    game = load(name)
    engine = game.model.engine
    space = engine.action_space
    for seed in range(3):
        state = play_random(game, seed, 0)
        while not state.is_terminal():
            legal = state.legal_actions()
            expected = engine.legal_actions(state.core.state, state.current_player())
            assert legal == sorted(space.index(a) for a in expected)
            state.apply_action(random.Random(len(state.history())).choice(legal))
        assert len(state.history()) <= game.max_game_length()
        returns = state.returns()
        assert returns == [engine.score(state.core.state, f) for f in range(game.num_players())]
        assert all(game.min_utility() <= r <= game.max_utility() for r in returns)


def test_the_chance_node_draws_the_seed() -> None:
    game = load("railway_sale", seeds=5)
    state = game.new_initial_state()
    assert state.is_chance_node()
    outcomes = state.chance_outcomes()
    assert [o for o, _ in outcomes] == list(range(5))
    assert sum(p for _, p in outcomes) == pytest.approx(1.0)
    state.apply_action(3)
    assert state.core.state == game.model.engine.initial_state(3)
    with pytest.raises(Exception, match="no seed 5"):
        game.new_initial_state().apply_action(5)


def test_variant_parameter_loads_the_variant() -> None:
    game = load("august_1945", variant="no_atomic_bomb")
    assert game.model.engine.rules.variant == "no_atomic_bomb"
    assert "variant=no_atomic_bomb" in str(game)
    with pytest.raises(Exception, match="no such variant"):
        load("august_1945", variant="no_such_thing")


# ------------------------------------------------------------------ OpenSpiel's algorithms


def test_mcts_bots_play_a_game_through_evaluate_bots() -> None:
    game = load("railway_sale", seeds=16)
    rng = np.random.RandomState(7)
    evaluator = mcts.RandomRolloutEvaluator(n_rollouts=1, random_state=rng)
    bots = [
        mcts.MCTSBot(game, 2.0, 3, evaluator, random_state=rng) for _ in range(game.num_players())
    ]
    state = game.new_initial_state()
    returns = evaluate_bots.evaluate_bots(state, bots, rng)
    assert state.is_terminal()
    assert returns == state.returns()
    again = game.new_initial_state()  # the same moves from the same seed: the same game
    for action in state.history():
        again.apply_action(action)
    assert again.returns() == returns
    assert str(again) == str(state)


@pytest.mark.parametrize(("name", "moves"), [("railway_sale", 10**6), ("august_1945", 25)])
def test_ismcts_bots_play(name: str, moves: int) -> None:
    """ISMCTS samples states through `resample_from_infostate` and asserts each keeps the
    searching player's information state."""
    game = load(name, seeds=16)
    rng = np.random.RandomState(3)
    evaluator = mcts.RandomRolloutEvaluator(n_rollouts=1, random_state=rng)
    bots = [
        ismcts.ISMCTSBot(game, evaluator, 2.0, 3, random_state=rng)
        for _ in range(game.num_players())
    ]
    state = game.new_initial_state()
    state.apply_action(5)
    for _ in range(moves):
        if state.is_terminal():
            break
        state.apply_action(bots[state.current_player()].step(state))
    assert state.is_terminal() or moves < 10**6
    assert len(state.history()) > min(moves, 10)


# ------------------------------------------------------------------ information


def _hidden_twin(state: spiel.AmurState, player: int, rng: random.Random) -> State:
    """Returns the engine state with what `player` cannot see changed at random: the hidden
    tracks, the seed, the hidden events' bits, the other sides' orders of the turn, and a
    chronicle line (with its record) that it may not read."""
    now = state.core.state
    assert now is not None
    viewer = state.core.model.viewers[player]
    seen = {int(t) for t in viewer.layout.tracks}
    tracks = state.core.model.engine.rules.tracks
    values = tuple(
        v if t.index in seen else rng.randint(t.lo, t.hi)
        for t, v in zip(tracks, now.tracks, strict=True)
    )
    hidden_bits = rng.getrandbits(len(state.core.model.engine.rules.events)) & ~viewer.fired_mask
    fired = (now.fired & viewer.fired_mask) | hidden_bits
    orders = tuple(given if f == player else () for f, given in enumerate(now.orders))
    others = ((1 << len(now.orders)) - 1) & ~(1 << player)
    secret = LogEntry(now.turn, others, f"secret {rng.random()}", "", EventFired(0))
    return dataclasses.replace(
        now,
        seed=rng.getrandbits(32),
        tracks=values,
        fired=fired,
        orders=orders,
        log=push(now.log, [secret]),
    )


@settings(max_examples=12, deadline=None)
@given(
    name=st.sampled_from(NAMES),
    seed=st.integers(0, 2**31 - 1),
    steps=st.integers(0, 120),
    noise=st.integers(0, 2**31 - 1),
)
def test_information_states_read_nothing_hidden(
    name: str, seed: int, steps: int, noise: int
) -> None:
    """Two states that differ only in what a player cannot see, with the same record of its
    decisions, give it the same information state and observation, strings and tensors."""
    game = load(name)
    state = play_random(game, seed, steps)
    rng = random.Random(noise)
    for player in range(game.num_players()):
        other = twin(state, _hidden_twin(state, player, rng))
        assert views(other, player) == views(state, player)


@settings(max_examples=8, deadline=None)
@given(name=st.sampled_from(NAMES), seed=st.integers(0, 2**31 - 1), steps=st.integers(1, 80))
def test_a_visible_change_shows(name: str, seed: int, steps: int) -> None:
    """The check above can fail: changing a track the player sees changes its views."""
    game = load(name)
    state = play_random(game, seed, steps)
    now = state.core.state
    player = 0
    track = int(state.core.model.viewers[player].layout.tracks[0])
    rule = state.core.model.engine.rules.tracks[track]
    value = rule.lo if now.tracks[track] != rule.lo else rule.hi
    changed = dataclasses.replace(
        now, tracks=(*now.tracks[:track], value, *now.tracks[track + 1 :])
    )
    mine, theirs = views(state, player), views(twin(state, changed), player)
    assert mine[0] != theirs[0]
    assert mine[2] != theirs[2]
    assert mine[1] != theirs[1]
    assert mine[3] != theirs[3]


@pytest.mark.parametrize("name", NAMES)
def test_resampled_states_keep_the_information_state(name: str) -> None:
    game = load(name)
    sampler = pyspiel.UniformProbabilitySampler(0.0, 1.0)
    for seed in range(3):
        state = play_random(game, seed, 0)
        rng = random.Random(seed)
        while not state.is_terminal():
            player = state.current_player()
            sample = state.resample_from_infostate(player, sampler)
            assert sample.current_player() == player
            assert views(sample, player) == views(state, player)
            assert sample.legal_actions() == state.legal_actions()
            state.apply_action(rng.choice(state.legal_actions()))


@pytest.mark.parametrize("name", NAMES)
def test_information_state_has_perfect_recall(name: str) -> None:
    """A player's information-state string keeps every earlier decision and its action; its
    tensor counts its actions."""
    game = load(name)
    observer = game.make_py_observer(INFO)
    state = play_random(game, 11, 0)
    rng = random.Random(11)
    before: dict[int, str] = {}
    taken = [0] * game.num_players()
    while not state.is_terminal():
        player = state.current_player()
        text = state.information_state_string(player)
        past = before.get(player, "")
        assert text.startswith(past)
        action = rng.choice(state.legal_actions())
        state.apply_action(action)
        taken[player] += 1
        after = state.information_state_string(player)
        line = f"-> {state.action_to_string(player, action)}\n"
        assert after[: after.rindex("now: ")].endswith(line)
        before[player] = after[: after.rindex("now: ")]
    for player in range(game.num_players()):
        observer.set_from(state, player)
        assert observer.dict["actions"].sum() == taken[player]
        assert observer.dict["turns"][:, 0].sum() >= 1


@pytest.mark.parametrize("name", NAMES)
def test_tensor_rows_are_the_encoding_vectors(name: str) -> None:
    """The information-state tensor's rows are the same vector as `Layout.vector`."""
    game = load(name)
    model = game.model
    for steps in (0, 9, 40):
        state = play_random(game, steps, steps)
        for viewer in model.viewers:
            row = np.zeros(model.width, np.float32)
            viewer.fill(row, viewer.view(state.core.state))
            vector = viewer.layout.vector(state.core.state)
            assert np.array_equal(row[: len(vector)], vector)
            assert not row[len(vector) :].any()
            observed = np.array(state.observation_tensor(viewer.layout.faction), np.float32)
            assert np.array_equal(observed, row)


# ------------------------------------------------------------------ serialisation


@pytest.mark.parametrize("name", NAMES)
def test_serialisation_round_trips(name: str) -> None:
    game = load(name)
    state = play_random(game, 4, 30)
    text = pyspiel.serialize_game_and_state(game, state)
    game2, state2 = pyspiel.deserialize_game_and_state(text)
    state3 = game.deserialize_state(state.serialize())
    state4 = pickle.loads(pickle.dumps(state))
    for other in (state2, state3, state4):
        assert str(other) == str(state)
        assert other.history() == state.history()
        for p in range(game.num_players()):
            assert views(other, p) == views(state, p)
    assert str(game2) == str(game)
    rng2, rng = random.Random(1), random.Random(1)
    while not state.is_terminal():
        state.apply_action(rng.choice(state.legal_actions()))
        state2.apply_action(rng2.choice(state2.legal_actions()))
    assert state2.returns() == state.returns()


def test_a_resampled_state_serialises_as_a_snapshot() -> None:
    game = load("august_1945")
    state = play_random(game, 2, 50)
    player = state.current_player()
    sample = state.resample_from_infostate(player, pyspiel.UniformProbabilitySampler(0.0, 1.0))
    sample.apply_action(sample.legal_actions()[0])
    back = game.deserialize_state(sample.serialize())
    assert str(back) == str(sample)
    for p in range(game.num_players()):
        assert views(back, p) == views(sample, p)


def test_same_seed_and_moves_same_game() -> None:
    game = load("fishery_auctions")
    first = play_random(game, 9)
    second = game.new_initial_state()
    for action in first.history():
        second.apply_action(action)
    assert second.is_terminal()
    assert second.returns() == first.returns()
    assert str(second) == str(first)
    assert second.information_state_string(1) == first.information_state_string(1)


def test_observers_give_only_a_players_own_view() -> None:
    game = load("railway_sale")
    public = pyspiel.IIGObservationType(
        perfect_recall=False, public_info=True, private_info=pyspiel.PrivateInfoType.NONE
    )
    with pytest.raises(ValueError, match="own view"):
        game.make_py_observer(public)
    with pytest.raises(ValueError, match="no parameters"):
        game.make_py_observer(None, {"x": 1})
    observer = game.make_py_observer(INFO)
    w, t, a = game.model.width, game.model.turns, game.num_distinct_actions()
    assert game.information_state_tensor_size() == observer.tensor.size == w + t * (1 + w) + a
    assert observer.dict["turns"].shape == (t, 1 + w)
