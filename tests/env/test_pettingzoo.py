"""The PettingZoo environments pass PettingZoo's own tests, and play the engine's games."""

from __future__ import annotations

import random
import warnings

import numpy as np
import pytest
from pettingzoo.test import (
    api_test,
    parallel_api_test,
    parallel_seed_test,
    performance_benchmark,
    render_test,
    seed_test,
)

from game import Game, load_game
from game.core.errors import IllegalActionError
from game.core.state import OVER
from game.env.aec import env
from game.env.parallel import parallel_env
from tests.conftest import SCENARIOS

KNOWN = (
    # the sides are the scenario's faction ids ("japan"), not "player_0": the game's own names
    "format <descriptor>_<number>",
    # each side sees its own tracks: the vectors differ in length (docs/research.md)
    "different observation space sizes",
    "Observations are different shapes",
    # the classic PettingZoo form {"observation", "action_mask"} is a dict
    "should be gymnasium.spaces.box",
    "Observation is not a NumPy array",
)


def quiet(test: object, *args: object, **kwargs: object) -> None:
    """Runs one of PettingZoo's tests; any warning but the known ones fails."""
    with warnings.catch_warnings(record=True) as caught:
        warnings.simplefilter("always")
        test(*args, **kwargs)  # type: ignore[operator]
    unexpected = [str(w.message) for w in caught if not any(k in str(w.message) for k in KNOWN)]
    assert not unexpected, unexpected


@pytest.mark.parametrize("scenario", SCENARIOS)
@pytest.mark.parametrize("reward", ["final", "shaped"])
def test_aec_api(scenario: str, reward: str) -> None:
    quiet(api_test, env(scenario, reward=reward), num_cycles=400)


@pytest.mark.parametrize("scenario", SCENARIOS)
@pytest.mark.parametrize("reward", ["final", "shaped"])
def test_parallel_api(scenario: str, reward: str) -> None:
    quiet(parallel_api_test, parallel_env(scenario, reward=reward), num_cycles=400)


@pytest.mark.parametrize("scenario", SCENARIOS)
def test_seeds_reproduce_games(scenario: str) -> None:
    quiet(seed_test, lambda: env(scenario), num_cycles=300)
    quiet(parallel_seed_test, lambda: parallel_env(scenario), num_cycles=300)


@pytest.mark.parametrize("scenario", SCENARIOS)
def test_render(scenario: str) -> None:
    """It renders as text (PettingZoo's render_test)."""
    quiet(render_test, lambda render_mode=None: env(scenario, render_mode=render_mode))


def test_performance_benchmark(capsys: pytest.CaptureFixture[str]) -> None:
    """PettingZoo's benchmark runs on it (for its fixed 5 seconds, so once; `make bench` has
    the figures)."""
    quiet(performance_benchmark, env("railway-sale"))
    assert "turns per second" in capsys.readouterr().out


@pytest.mark.parametrize("scenario", SCENARIOS)
def test_unmasked_random_actions_end_the_game(scenario: str) -> None:
    """Actions drawn from the whole space, mostly illegal (PettingZoo's bombardment test, which
    reads only array observations), pass as the side's fallback and the game still ends."""
    e = env(scenario)
    e.reset(seed=4)
    space = e.action_space(e.agent_selection)
    space.seed(4)
    refused = 0
    for _ in e.agent_iter(20_000):
        _, _, terminated, truncated, info = e.last()
        refused += "illegal" in dict.keys(info)
        e.step(None if terminated or truncated else space.sample())
    assert not e.agents
    assert refused > 0


def play_aec(scenario: str, seed: int, reward: str = "final") -> tuple[list[float], list[str]]:
    """Plays a game with one seeded random policy per side; returns rewards and moves."""
    e = env(scenario, reward=reward)
    e.reset(seed=seed)
    rngs = {a: random.Random(f"{seed}:{a}") for a in e.possible_agents}
    totals = dict.fromkeys(e.possible_agents, 0.0)
    moves = []
    for agent in e.agent_iter():
        obs, reward_, terminated, truncated, _ = e.last()
        totals[agent] += reward_
        if terminated or truncated:
            e.step(None)
            continue
        action = rngs[agent].choice(list(np.flatnonzero(obs["action_mask"])))
        moves.append(e.game.notation(e.game.action_space.action(int(action))))
        e.step(action)
    return [totals[a] for a in e.possible_agents], moves


@pytest.mark.parametrize("scenario", SCENARIOS)
def test_aec_plays_the_engines_game(scenario: str) -> None:
    """The AEC cycle is the engine's: the same moves replayed on the engine end the same way,
    and the final rewards are the sides' final scores."""
    game = load_game(scenario)
    totals, moves = play_aec(scenario, 11)
    state = game.initial_state(11)
    for move in moves:
        state = game.apply(state, game.parse_action(move))
    assert state.phase == OVER
    assert totals == [game.score(state, f.index) for f in game.rules.factions]
    shaped, _ = play_aec(scenario, 11, reward="shaped")
    start = game.initial_state(11)
    assert shaped == pytest.approx(
        [game.score(state, f.index) - game.score(start, f.index) for f in game.rules.factions]
    )


@pytest.mark.parametrize("scenario", SCENARIOS)
def test_parallel_and_aec_play_the_same_games(scenario: str) -> None:
    """Orders are secret until all are in, so a side deciding on its own view decides the same
    in both: a policy that reads only its side's vector and mask plays the same game."""

    def policy(rng: random.Random, obs: dict[str, np.ndarray]) -> int:
        legal = np.flatnonzero(obs["action_mask"])
        # a forced move (a pass, in the parallel form) draws nothing
        return int(legal[0]) if len(legal) == 1 else int(legal[rng.randrange(len(legal))])

    a = env(scenario)
    a.reset(seed=5)
    rngs = {x: random.Random(x) for x in a.possible_agents}
    for agent in a.agent_iter():
        obs, _, terminated, truncated, _ = a.last()
        a.step(None if terminated or truncated else policy(rngs[agent], obs))
    p = parallel_env(scenario)
    obs, _ = p.reset(seed=5)
    rngs = {x: random.Random(x) for x in p.possible_agents}
    last = None
    while p.agents:
        actions = {}
        for agent in p.agents:
            mask = obs[agent]["action_mask"]
            passing = (
                mask.sum() == 1
                and p.game.action_space.action(int(np.flatnonzero(mask)[0])).kind == "end"
                and p._done[p.possible_agents.index(agent)]
            )
            actions[agent] = (
                int(np.flatnonzero(mask)[0]) if passing else policy(rngs[agent], obs[agent])
            )
        obs, _, _, _, _ = p.step(actions)
        last = p.state_
    assert last is not None
    assert a.state_ is not None
    assert last.phase == OVER
    assert (last.tracks, last.turn, last.outcome) == (
        a.state_.tracks,
        a.state_.turn,
        a.state_.outcome,
    )


def test_illegal_actions_pass_or_raise() -> None:
    game: Game = load_game("railway-sale")
    e = env(game, illegal_penalty=0.5)
    e.reset(seed=1)
    agent = e.agent_selection
    mask = e.observe(agent)["action_mask"]
    wrong = int(np.flatnonzero(mask == 0)[0])
    e.step(wrong)
    assert str(wrong) in e.infos[agent]["illegal"]
    assert e.rewards[agent] == -0.5
    strict = env(game, illegal="raise")
    strict.reset(seed=1)
    with pytest.raises(IllegalActionError, match=rf"{agent}: {wrong} \("):
        strict.step(wrong)
    with pytest.raises(IllegalActionError, match="numbered 0 to"):
        strict.step(10**6)
    p = parallel_env(game, illegal="raise")
    p.reset(seed=1)
    with pytest.raises(IllegalActionError, match="no action given"):
        p.step({})


def test_bad_options_are_named() -> None:
    with pytest.raises(ValueError, match="reward='best'"):
        env("railway-sale", reward="best")
    with pytest.raises(ValueError, match="illegal='skip'"):
        parallel_env("railway-sale", illegal="skip")
    with pytest.raises(ValueError, match="render_mode='rgb_array'"):
        env("railway-sale", render_mode="rgb_array")
    with pytest.raises(RuntimeError, match="reset"):
        env("railway-sale").observe("japan")


def test_info_holds_the_sides_observation() -> None:
    e = env("august-1945")
    e.reset(seed=2)
    agent = e.agent_selection
    info = e.infos[agent]
    f = e.possible_agents.index(agent)
    assert "observation" in info
    assert info["observation"] == e.game.observe(e.state_, f)
    assert (info["turn"], info["date"]) == (0, e.game.rules.date(0).isoformat())


@pytest.mark.parametrize("scenario", SCENARIOS)
def test_the_persona_objective_rewards_the_governments_aims(scenario: str) -> None:
    """objective="persona": the final rewards are each side's persona value of the end, as the
    persona agents reckon it; shaped ones add up to its change over the game."""
    game = load_game(scenario)
    e = env(game, objective="persona")
    e.reset(seed=9)
    rng = random.Random(9)
    totals = dict.fromkeys(e.possible_agents, 0.0)
    for agent in e.agent_iter():
        obs, reward, terminated, truncated, _ = e.last()
        totals[agent] += reward
        legal = np.flatnonzero(obs["action_mask"])
        e.step(None if terminated or truncated else int(legal[rng.randrange(len(legal))]))
    end = e.state_
    assert end is not None
    personas = [game.rules.persona(f.index) for f in game.rules.factions]
    expected = [p.value(game.rules, end) for p in personas if p is not None]
    assert [totals[a] for a in e.possible_agents] == pytest.approx(expected)
    assert expected != [game.score(end, f.index) for f in game.rules.factions]


def test_a_wrong_objective_is_named() -> None:
    with pytest.raises(ValueError, match="objective='glory'"):
        env("railway-sale", objective="glory")
