"""The Gymnasium environment of one side passes Gymnasium's checker and plays `record`'s games."""

from __future__ import annotations

import copy
import pickle
import random
import warnings
from collections.abc import Sequence

import gymnasium as gym
import numpy as np
import pytest
from gymnasium.utils.env_checker import check_env

from game import load_game
from game.agents.base import make_agent, make_agents
from game.core.actions import Action
from game.core.observation import Observation
from game.env.single import AmurEnv, env_id, register
from game.sim.play import agent_rng, play
from tests.conftest import SCENARIOS

SIDES = [(s, f.id) for s in SCENARIOS for f in load_game(s).rules.factions]


@pytest.mark.parametrize(("scenario", "side"), SIDES)
def test_check_env(scenario: str, side: str) -> None:
    """Gymnasium's own checker, with warnings as errors, for every side of every scenario."""
    e = gym.make(env_id(scenario), side=side, opponents="random", render_mode="ansi")
    with warnings.catch_warnings():
        warnings.simplefilter("error")
        check_env(e.unwrapped)


def test_registered_ids() -> None:
    assert register() == [env_id(s) for s in SCENARIOS]


@pytest.mark.parametrize("scenario", SCENARIOS)
def test_plays_the_game_record_plays(scenario: str) -> None:
    """The side played by an agent through the environment, the others seated by name: the
    same game, move for move, as `play` (what `record` runs) with the same agents and seed."""
    game = load_game(scenario)
    side = game.rules.factions[-1].id
    names = {f.id: "greedy" for f in game.rules.factions}
    _, final = play(game, make_agents(game, names), 21)
    e = AmurEnv(game, side, opponents="greedy", reward="shaped")
    obs, info = e.reset(seed=21)
    me = make_agent("greedy", game, e.faction)
    rng = agent_rng(21, side)
    total, done = 0.0, False
    while not done:
        legal = game.legal_actions(e.state_, e.faction)
        move = me.act(info["observation"], legal, rng)
        assert info["action_mask"][game.action_space.index(move)] == 1
        obs, reward, terminated, truncated, info = e.step(game.action_space.index(move))
        total += reward
        done = terminated or truncated
    assert e.state_ == final
    start = game.initial_state(21)
    assert total == pytest.approx(game.score(final, e.faction) - game.score(start, e.faction))
    assert truncated == (final.outcome == game.rules.time_limit_rule)
    assert obs.shape == (e.layout.size,)


def test_opponents_by_side_agent_or_function() -> None:
    game = load_game("august-1945")
    calls: list[str] = []

    def first(obs: Observation, legal: Sequence[Action], rng: random.Random) -> Action:
        calls.append(obs.date)
        return legal[0]

    e = AmurEnv(game, "ussr", opponents={"japan": first, "usa": make_agent("random", game, 2)})
    e.reset(seed=3)
    for _ in range(200):
        mask = e.action_masks()
        _, _, terminated, truncated, _ = e.step(int(np.flatnonzero(mask)[0]))
        if terminated or truncated:
            break
    assert calls
    assert terminated or truncated


def test_bad_options_are_named() -> None:
    with pytest.raises(ValueError, match=r"side='china'.*ussr, japan"):
        AmurEnv("railway-sale", "china")
    with pytest.raises(ValueError, match="unknown agent 'clever'"):
        AmurEnv("railway-sale", "japan", opponents="clever")
    with pytest.raises(ValueError, match="no side 'usa'"):
        AmurEnv("railway-sale", "japan", opponents={"usa": "random"})
    with pytest.raises(ValueError, match="no agent for ussr"):
        AmurEnv("railway-sale", "japan", opponents={})
    with pytest.raises(ValueError, match="'japan' is the side"):
        AmurEnv("railway-sale", "japan", opponents={"japan": "random", "ussr": "random"})
    with pytest.raises(RuntimeError, match="reset"):
        AmurEnv("railway-sale", "japan", opponents="random").step(0)


def test_an_illegal_action_passes_and_is_named() -> None:
    e = AmurEnv("fishery-auctions", "japan", opponents="random", illegal_penalty=1.0)
    e.reset(seed=0)
    wrong = int(np.flatnonzero(e.action_masks() == 0)[0])
    _, reward, _, _, info = e.step(wrong)
    assert info["illegal"].startswith(f"{wrong} (")
    assert reward == -1.0


def test_infos_copy_cheaply_and_pickle_whole() -> None:
    """Training libraries deep-copy every step's infos (SB3's DummyVecEnv) and pickle them across
    processes (SubprocVecEnv): a copy shares the game and stays lazy; a pickle is a plain dict
    with the observation made."""
    e = AmurEnv("august-1945", "japan", opponents="random")
    _, info = e.reset(seed=1)
    twin = copy.deepcopy(info)
    assert twin._game is e.game
    assert not dict.__contains__(twin, "observation")
    assert twin["observation"] == info["observation"]
    sent = pickle.loads(pickle.dumps(info))
    assert type(sent) is dict
    assert sent["observation"] == e.game.observe(e.state_, e.faction)
    assert np.array_equal(sent["action_mask"], e.action_masks())
