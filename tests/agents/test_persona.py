"""The persona agent (issue 14 item 2): the searching agent valuing every side's futures by
that side's persona, believing its government's priors, with a documented temperature."""

from __future__ import annotations

import dataclasses
import random

import pytest

from game import load_game
from game.agents.base import make_agent, make_agents
from game.agents.mcts import _Node
from game.agents.persona import LEVELS, TEMPERATURE, PersonaAgent, near_best
from game.core.actions import END, Action
from game.sim.play import play

USSR, JAPAN = 0, 1


def node(visits: int) -> _Node:
    n = _Node()
    n.n, n.w = visits, float(visits)
    return n


def ranked() -> list[tuple[Action, _Node]]:
    return [(Action(0, "a", 0, 0), node(40)), (Action(0, "b", 0, 0), node(30))]


def test_temperature_zero_plays_the_most_visited_move() -> None:
    agent = PersonaAgent(load_game("railway-sale"), USSR, "fast")
    agent.temperature = 0.0
    rng = random.Random(1)
    assert {agent.pick(ranked(), rng).kind for _ in range(50)} == {"a"}


def test_a_temperature_spreads_play_over_near_equal_moves() -> None:
    agent = PersonaAgent(load_game("august-1945"), 0, "fast")  # its personas name no temperature
    assert agent.temperature == TEMPERATURE > 0
    rng = random.Random(1)
    picks = [agent.pick(ranked(), rng).kind for _ in range(400)]
    share = picks.count("b") / len(picks)
    expected = (30 / 40) ** (1 / TEMPERATURE) / (1 + (30 / 40) ** (1 / TEMPERATURE))
    assert share == pytest.approx(expected, abs=0.05)


def test_a_persona_may_name_its_playouts_at_the_batch_level_only() -> None:
    game = load_game("railway-sale")
    persona = game.rules.persona(USSR)
    assert persona is not None
    assert persona.playouts is not None
    assert PersonaAgent(game, USSR, "fast").budget.iterations == persona.playouts
    assert PersonaAgent(game, USSR, "normal").budget.iterations == LEVELS["normal"].iterations
    august = load_game("august-1945")  # names none: the level's
    assert PersonaAgent(august, 0, "fast").budget == LEVELS["fast"]


def test_a_persona_may_cap_its_lookahead_at_every_level() -> None:
    """The railway's sides play two turns ahead at every level (SEARCH SETTING
    `railway_lookahead`); a level that looks less far ahead keeps its own, and the other
    scenarios' sides name no cap."""
    game = load_game("railway-sale")
    for faction in game.rules.factions:
        persona = game.rules.persona(faction.index)
        assert persona is not None
        assert persona.lookahead == 2
        for level, budget in LEVELS.items():
            agent = PersonaAgent(game, faction.index, level)
            assert agent.budget.depth == min(budget.depth, 2)
            assert agent.budget.days == budget.days
    assert LEVELS["normal"].depth > 2  # so the cap changes the window's level
    for scenario in ("august-1945", "fishery-auctions"):
        other = load_game(scenario)
        for faction in other.rules.factions:
            persona = other.rules.persona(faction.index)
            assert persona is not None
            assert persona.lookahead is None
            assert PersonaAgent(other, faction.index, "normal").budget.depth == 3


@pytest.mark.parametrize(
    ("setting", "scenario"),
    [("guided", "fishery-auctions"), ("every_order", "august-1945")],
    ids=["guided expansion", "every order weighed again"],
)
def test_a_persona_may_ask_for_a_search_setting_at_every_level(setting: str, scenario: str) -> None:
    """Every side of `scenario` asks for the setting; the railway's sides name none."""
    game = load_game(scenario)
    for faction in game.rules.factions:
        persona = game.rules.persona(faction.index)
        assert persona is not None
        assert getattr(persona, setting)
        for level in LEVELS:
            assert getattr(PersonaAgent(game, faction.index, level), setting)
    assert not getattr(PersonaAgent(load_game("railway-sale"), USSR, "fast"), setting)


def test_it_values_futures_by_each_sides_persona() -> None:
    game = load_game("railway-sale")
    agent = PersonaAgent(game, USSR, "fast")
    state = game.initial_state(2)
    crisis = list(state.tracks)
    crisis[game.rules.track_index("crisis")] = 1
    state = dataclasses.replace(state, tracks=tuple(crisis), turn=3)
    for side in (USSR, JAPAN):
        persona = game.rules.persona(side)
        assert persona is not None
        assert agent.evaluate(state, side) == pytest.approx(persona.value(game.rules, state))
        assert agent.evaluate(state, side) < game.score(state, side)  # the red line, the wait


def test_it_believes_its_governments_priors() -> None:
    """Tokyo thought the line worth little to Moscow (the railway's Japanese prior)."""
    game = load_game("railway-sale")
    agent = PersonaAgent(game, JAPAN, "fast")
    belief = agent.make_belief(random.Random(3))
    track = game.rules.track_index("railway_value")
    values = {p.tracks[track] for p in belief.particles}
    assert values <= set(range(450, 751))
    assert len(values) > 5
    plain = make_agent("mcts", game, JAPAN).make_belief(random.Random(3))  # type: ignore[attr-defined]
    assert {p.tracks[track] for p in plain.particles} <= set(range(900, 1201))


def test_a_persona_game_is_reproducible() -> None:
    game = load_game("railway-sale")
    names = {f.id: "persona:fast" for f in game.rules.factions}
    first = play(game, make_agents(game, names), 5)[1]
    again = play(game, make_agents(game, names), 5)[1]
    assert first.tracks == again.tracks
    assert first.turn == again.turn


def test_it_decides_from_its_observation_only() -> None:
    """Two states that differ only in what the USSR cannot see (Japan's limit) give the USSR's
    persona agent the same move."""
    game = load_game("railway-sale")
    state = game.initial_state(4)
    hidden = game.rules.track_index("japan_value")
    assert not game.rules.tracks[hidden].mask & (1 << USSR)
    other = list(state.tracks)
    other[hidden] = state.tracks[hidden] + 250
    twin = dataclasses.replace(state, tracks=tuple(other))
    assert game.observe(state, USSR) == game.observe(twin, USSR)
    moves = []
    for s in (state, twin):
        agent = PersonaAgent(game, USSR, "fast")
        legal = game.legal_actions(s, USSR)
        moves.append(agent.act(game.observe(s, USSR), legal, random.Random(9)))
    assert moves[0] == moves[1]
    assert moves[0] in game.legal_actions(state, USSR) or moves[0].kind == END


def test_the_temperature_never_plays_a_move_the_search_rated_far_worse() -> None:
    """With a small budget the visits are nearly equal; a move whose mean value is far below
    the most visited one's is not played, however many visits it has (`near_best`)."""
    agent = PersonaAgent(load_game("august-1945"), 1, "fast")  # at the default temperature
    good, bad, close = node(4), node(4), node(3)
    good.w, bad.w, close.w = 4 * 15.0, 4 * -58.0, 3 * 14.0
    ranked = [
        (Action(1, "a", 0, 0), good),
        (Action(1, "b", 0, 0), bad),
        (Action(1, "c", 0, 0), close),
    ]
    assert [a.kind for a, _ in near_best(ranked, TEMPERATURE)] == ["a", "c"]
    rng = random.Random(1)
    picks = {agent.pick(ranked, rng).kind for _ in range(300)}
    assert picks == {"a", "c"}
