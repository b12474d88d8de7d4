"""The levy example mechanic (tests/mechanics/levy.py), loaded with an extended table of kinds
and never registered in the shipped one."""

from __future__ import annotations

import copy
import dataclasses
import random
from functools import cache
from pathlib import Path
from typing import Any

import pytest
from pydantic import ValidationError

from game.core.actions import Action
from game.core.game import Game
from game.core.state import State
from game.scenario.compiler import CompileError, compile_rules
from game.scenario.errors import ScenarioError
from game.scenario.loader import build
from game.scenario.mechanics import MECHANICS
from game.scenario.schema import ScenarioSpec, scenario_model
from game.scenario.yamlfile import read_yaml
from tests.mechanics.levy import LEVY, Levy, LevyView

SHIPPED = dict(MECHANICS)
TABLE = {**MECHANICS, "levy": LEVY}
DATA = Path(__file__).parent / "data" / "levy.yaml"
RED, BLUE = 0, 1


@cache
def _model() -> type[ScenarioSpec]:
    return scenario_model(TABLE)


def scenario_data() -> dict[str, Any]:
    data, _ = read_yaml(DATA)
    assert isinstance(data, dict)
    return data


def make_game(data: dict[str, Any]) -> Game:
    spec = _model().model_validate(data)
    return Game(compile_rules(spec, mechanics=TABLE))


def with_levies(*levies: dict[str, Any]) -> dict[str, Any]:
    """Returns the scenario's data with these levies in place of its one."""
    data = copy.deepcopy(scenario_data())
    data["mechanics"] = {"levy": list(levies)}
    return data


def red_levy(**more: Any) -> dict[str, Any]:
    base = {"faction": "red", "treasury": "red_men", "discontent": "red_unrest", "cap": "red_cap"}
    return {**base, **more}


@pytest.fixture(scope="module")
def game() -> Game:
    return make_game(scenario_data())


def play(game: Game, seed: int) -> tuple[State, list[tuple[State, list[Action]]]]:
    """Plays a game with random legal moves; returns the end and each (state, legal actions)."""
    rng = random.Random(seed)
    state = game.initial_state(seed)
    met: list[tuple[State, list[Action]]] = []
    while not game.is_terminal(state):
        legal = game.legal_actions(state, game.to_act(state))
        met.append((state, legal))
        state = game.apply(state, rng.choice(legal))
    return state, met


def test_levy_actions_are_legal_and_apply(game: Game) -> None:
    state = game.initial_state(1)
    assert state.to_act == RED
    legal = game.legal_actions(state, RED)
    levies = [a for a in legal if isinstance(a, Levy)]
    cap = state.tracks[game.rules.track_index("red_cap")]
    assert [a.units for a in levies] == list(range(1, cap + 1))
    assert game.notation(levies[0]) == "red:levy:1"
    after = game.apply(state, levies[0])
    assert after.orders[RED] == (levies[0],)
    assert not any(isinstance(a, Levy) for a in game.legal_actions(after, RED))  # once a turn
    assert game.why_illegal(after, levies[-1]) == "already levied this turn"
    assert game.why_illegal(state, Levy(RED, "levy", 0, 4)) == "a levy raises 1 to 3 units"
    assert game.why_illegal(state, Levy(BLUE, "levy", 0, 1)) is not None  # not Blue's turn


def test_levy_resolves_into_its_tracks(game: Game) -> None:
    state = game.initial_state(1)
    men, unrest, levied = (
        game.rules.track_index(t) for t in ("red_men", "red_unrest", "levied_red")
    )
    state = game.apply(state, game.parse_action("red:levy:1"))
    state = game.apply(state, game.parse_action("red:end"))
    state = game.apply(state, game.parse_action("blue:end"))
    assert state.turn == 1
    assert state.tracks[unrest] == 3
    assert state.tracks[men] - 10 == state.tracks[levied] in (0, 1)


def test_random_games_end_and_are_deterministic(game: Game) -> None:
    levied = game.rules.track_index("levied_red")
    raised = 0
    for seed in range(6):
        end, met = play(game, seed)
        again, _ = play(make_game(scenario_data()), seed)  # a fresh game: no shared caches
        assert game.is_terminal(end)
        assert end == again
        assert any(isinstance(a, Levy) for _, legal in met for a in legal)
        raised += end.tracks[levied]
    assert raised > 0


def test_actions_agree_with_why_illegal(game: Game) -> None:
    for seed in range(4):
        for state, legal in play(game, seed)[1]:
            for action in game.action_space.actions:
                if isinstance(action, Levy) and action.faction == state.to_act:
                    ok = game.why_illegal(state, action) is None
                    assert ok == (action in legal), (game.notation(action), state.tracks)


def test_notation_and_action_space_round_trip(game: Game) -> None:
    space = game.action_space
    for seed in range(4):
        for _, legal in play(game, seed)[1]:
            for action in legal:
                parsed = game.parse_action(game.notation(action))
                assert parsed == action
                assert type(parsed) is type(game.typed(action))
                assert space.action(space.index(action)) == action


def test_view_is_computed_from_the_observation_only(game: Game) -> None:
    state = game.initial_state(3)
    cap = game.rules.track_index("red_cap")
    other = dataclasses.replace(
        state, tracks=(*state.tracks[:cap], 3 - state.tracks[cap], *state.tracks[cap + 1 :])
    )
    blue = game.views(game.observe(state, BLUE))
    assert blue == game.views(game.observe(other, BLUE))
    (view,) = (v for v in blue if isinstance(v, LevyView))
    assert view.cap is None  # hidden from Blue
    assert view.treasury == 10
    red = next(v for v in game.views(game.observe(state, RED)) if isinstance(v, LevyView))
    assert red.cap == state.tracks[cap]


def test_odds_come_from_the_observation(game: Game) -> None:
    state = game.initial_state(1)
    obs = game.observe(state, RED)
    assert game.odds(obs, game.parse_action("red:levy:1")) == pytest.approx(0.75)
    assert game.odds(obs, game.parse_action("red:pardon")) is None


def test_reading_a_hidden_track_is_rejected() -> None:
    data = copy.deepcopy(scenario_data())
    data["mechanics"]["levy"]["cap"] = "blue_cap"  # a track only Blue observes
    with pytest.raises(CompileError) as err:
        make_game(data)
    assert [loc for loc, _ in err.value.faults] == [("mechanics", "levy", "cap")]
    assert "'blue_cap', which red does not observe" in str(err.value)


def test_named_levies_take_named_verbs() -> None:
    game = make_game(with_levies(red_levy(name="north"), red_levy(name="south")))
    assert [m.verbs for m in game.mechanics] == [("north.levy",), ("south.levy",)]
    state = game.initial_state(1)
    kinds = {a.kind for a in game.legal_actions(state, RED) if isinstance(a, Levy)}
    assert kinds == {"north.levy", "south.levy"}
    state = game.apply(state, game.parse_action("red:north.levy:1"))
    state = game.apply(state, game.parse_action("red:south.levy:1"))  # max_orders reached
    state = game.apply(state, game.parse_action("blue:end"))
    levied = [state.tracks[game.rules.track_index(f"levied_{n}")] for n in ("north", "south")]
    assert all(n in (0, 1) for n in levied)
    with pytest.raises(ValueError, match="1 to 3"):
        game.parse_action("red:north.levy:9")


def test_several_unnamed_levies_are_rejected() -> None:
    blue = {"faction": "blue", "treasury": "blue_men", "discontent": "blue_unrest"}
    with pytest.raises(CompileError, match="several levy mechanics need distinct names"):
        make_game(with_levies(red_levy(), {**blue, "cap": "blue_cap"}))


def test_the_shipped_table_is_unchanged(game: Game) -> None:
    assert dict(MECHANICS) == SHIPPED
    assert "levy" not in MECHANICS
    with pytest.raises(ValidationError):
        ScenarioSpec.model_validate(scenario_data())  # the shipped format knows no levy


def test_the_loader_takes_the_extended_table_and_names_the_line() -> None:
    """`loader.build(..., mechanics=table)`: a fault in the example's section is reported with
    file, line and field, as for the shipped mechanics; two unnamed levies of one kind are
    reported at their own entries, before their generated tracks could clash."""
    data, node = read_yaml(DATA)
    assert isinstance(data, dict)
    rules = build(data, str(DATA), node, mechanics=TABLE)
    assert [m.verbs for m in rules.mechanics] == [("levy",)]
    broken = copy.deepcopy(data)
    broken["mechanics"]["levy"]["cap"] = "blue_cap"
    with pytest.raises(ScenarioError) as err:
        build(broken, str(DATA), node, mechanics=TABLE)
    (problem,) = err.value.problems
    assert problem.field == "mechanics.levy.cap"
    assert problem.line is not None
    with pytest.raises(CompileError) as twice:
        make_game(with_levies(red_levy(), red_levy()))
    assert [loc for loc, _ in twice.value.faults][:2] == [
        ("mechanics", "levy", 0, "name"),
        ("mechanics", "levy", 1, "name"),
    ]
