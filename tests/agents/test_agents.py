"""Agents: legal choices, the historical plan, and decisions from the observation alone."""

from __future__ import annotations

import dataclasses
import random

import pytest

from game import Game, load_game
from game.agents import (
    AGENTS,
    GreedyAgent,
    HistoricalAgent,
    RandomAgent,
    make_agent,
    parse_agents,
)
from game.agents.base import DEFAULT_AI
from game.core.state import CHOICES


def _advance(game: Game, state, steps: int, seed: int):  # type: ignore[no-untyped-def]
    rng = random.Random(seed)
    for _ in range(steps):
        if game.is_terminal(state):
            break
        state = game.apply(state, rng.choice(game.legal_actions(state, state.to_act)))
    return state


def test_every_agent_returns_a_legal_action(game: Game) -> None:
    for name in ("random", "historical", "greedy"):
        for seed in range(3):
            state = _advance(game, game.initial_state(seed), 20, seed)
            if game.is_terminal(state):
                continue
            f = state.to_act
            legal = game.legal_actions(state, f)
            agent = make_agent(name, game, f)
            assert agent.act(game.observe(state, f), legal, random.Random(seed)) in legal


def test_historical_agent_opens_with_the_historical_offers() -> None:
    game = load_game("railway-sale")
    state = game.initial_state(0)
    agent = HistoricalAgent(game, 0)
    given = []
    while state.to_act == 0 and state.turn == 0:
        action = agent.act(game.observe(state, 0), game.legal_actions(state, 0), random.Random(0))
        given.append(game.notation(action))
        state = game.apply(state, action)
    assert "ussr:offer:250" in given  # [001 L26]


def test_historical_agent_picks_the_marked_option() -> None:
    game = load_game("railway-sale")
    event = next(e for e in game.rules.events if e.options)
    state = dataclasses.replace(
        game.initial_state(0),
        phase=CHOICES,
        to_act=event.chooser,
        pending=((event.index, event.chooser),),
    )
    agent = HistoricalAgent(game, event.chooser)
    legal = game.legal_actions(state, event.chooser)
    action = agent.act(game.observe(state, event.chooser), legal, random.Random(0))
    assert event.options[action.amount].historical


def test_greedy_decides_from_the_observation_only() -> None:
    """Hidden tracks of the other faction do not change the greedy agent's choice."""
    game = load_game("railway-sale")
    state = game.initial_state(1)
    hidden = [t for t in game.rules.tracks if not t.mask & 1]  # tracks the USSR cannot see
    other_tracks = list(state.tracks)
    for t in hidden:
        other_tracks[t.index] = t.hi if state.tracks[t.index] != t.hi else t.lo
    twin = dataclasses.replace(state, tracks=tuple(other_tracks))
    agent = GreedyAgent(game, 0)
    picks = {
        agent.act(game.observe(s, 0), game.legal_actions(s, 0), random.Random(9))
        for s in (state, twin)
    }
    assert len(picks) == 1


def test_random_agent_is_seeded() -> None:
    game = load_game("railway-sale")
    state = game.initial_state(0)
    legal = game.legal_actions(state, 0)
    obs = game.observe(state, 0)
    first = [RandomAgent().act(obs, legal, random.Random(4)) for _ in range(3)]
    assert len(set(first)) == 1


def test_parse_agents_defaults_and_errors() -> None:
    game = load_game("railway-sale")
    # Unnamed sides play the default AI (the persona agent, issue 14); all= sets every side.
    assert parse_agents(game, "ussr=greedy") == {"ussr": "greedy", "japan": DEFAULT_AI}
    assert DEFAULT_AI == "persona"
    assert parse_agents(game, "all=random") == {"ussr": "random", "japan": "random"}
    both = parse_agents(game, "all=mcts:easy,japan=historical")
    assert both == {"ussr": "mcts:easy", "japan": "historical"}
    # all= seats the sides not named, wherever it stands
    assert parse_agents(game, "japan=historical,all=mcts:easy") == both
    for bad, message in (
        ("ussr", "faction=agent"),
        ("ussr=greedy,ussr=random", "ussr= is given twice"),
        ("ussr=x", "unknown agent"),
        ("mongolia=random", "unknown faction"),
    ):
        with pytest.raises(ValueError, match=message):
            parse_agents(game, bad)


def test_the_agents_table_names_every_kind_once() -> None:
    """`AGENTS` is the one list of agent kinds: each builds an agent of its name, has a
    one-line description, and the errors list them all."""
    game = load_game("railway-sale")
    assert list(AGENTS) == ["persona", "mcts", "historical", "greedy", "random"]
    for name, kind in AGENTS.items():
        default = f"{name}:{kind.levels[0]}" if kind.levels else name
        assert make_agent(name, game, 0).name == default
        assert kind.description
        assert "\n" not in kind.description
        assert len(kind.level_notes) == len(kind.levels)
        for level in kind.levels:
            assert make_agent(f"{name}:{level}", game, 0).name == f"{name}:{level}"
    with pytest.raises(ValueError, match="known: persona, mcts, historical, greedy, random"):
        make_agent("genius", game, 0)
    with pytest.raises(ValueError, match="known: persona, mcts, historical, greedy, random"):
        parse_agents(game, "ussr=genius")
    with pytest.raises(ValueError, match=r"unknown level .brilliant.*known: normal, easy, hard"):
        parse_agents(game, "ussr=mcts:brilliant")
    with pytest.raises(ValueError, match="has no levels"):
        make_agent("greedy:hard", game, 0)
    assert parse_agents(game, "japan=mcts:hard")["japan"] == "mcts:hard"
