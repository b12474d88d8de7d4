"""The default policy's judged deals (`game.agents.rollout`): with a judge, a playout's side
takes the deal on the table when it values it above the state it is in, and never otherwise."""

from __future__ import annotations

import dataclasses
import random

import pytest

from game import Game, State, load_game
from game.agents.persona import PersonaAgent
from game.agents.rollout import rollout_action
from game.core.mechanics.bargaining import ACCEPT
from tests.core.support import play, track


@pytest.fixture(scope="module")
def railway() -> Game:
    return load_game("railway-sale")


@pytest.fixture(scope="module")
def opened(railway: Game) -> State:
    """Moscow asks 250 and Manchukuo offers 20 [001 L26]; Moscow to act in the second month."""
    return play(
        railway,
        railway.initial_state(0),
        "ussr:offer:250",
        "ussr:end",
        "japan:offer:20",
        "japan:end",
    )


def _draws(game: Game, state: State, judge: object, n: int = 300) -> list[str]:
    rng = random.Random(7)
    return [rollout_action(game, state, rng, judge).kind for _ in range(n)]  # type: ignore[arg-type]


def test_without_a_judge_an_acceptance_is_drawn_like_any_order(
    railway: Game, opened: State
) -> None:
    kinds = _draws(railway, opened, None)
    assert 0 < kinds.count(ACCEPT) < len(kinds) // 2


def test_a_side_takes_a_deal_it_values_above_the_state_it_is_in(
    railway: Game, opened: State
) -> None:
    def judge(state: State, side: int) -> float:
        return track(railway, state, "agreed")

    assert set(_draws(railway, opened, judge)) == {ACCEPT}


def test_a_side_never_takes_a_deal_worth_less_to_it(railway: Game, opened: State) -> None:
    calls: list[int] = []

    def judge(state: State, side: int) -> float:
        calls.append(side)
        return -track(railway, state, "agreed")

    kinds = _draws(railway, opened, judge)
    assert ACCEPT not in kinds
    assert len(set(kinds)) > 2  # it still plays the other families
    assert set(calls) == {opened.to_act}


def test_the_persona_flag_reaches_the_search(railway: Game) -> None:
    """`judged_deals` in a persona sets the searching agent's judge to its own valuation (the
    railway's personas ask for it), and without it there is none."""
    ussr = railway.rules.persona(0)
    assert ussr is not None
    assert ussr.judged_deals
    assert PersonaAgent(railway, 0, level="fast")._judge is not None
    personas = list(railway.rules.personas)
    personas[0] = dataclasses.replace(ussr, judged_deals=False)
    rules = dataclasses.replace(railway.rules, personas=tuple(personas))
    agent = PersonaAgent(Game(rules), 0, level="fast")
    assert agent._judge is None
