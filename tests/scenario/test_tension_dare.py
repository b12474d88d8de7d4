"""Tension as a dare in the shipped scenarios (issue 13, item 4): thresholds that close options
and open others, and a crisis that costs the side that raised more of the tension more."""

from __future__ import annotations

import dataclasses

import pytest

from game import Game, load_game
from game.core.state import State
from tests.core.support import with_tracks


@pytest.fixture(scope="module")
def railway() -> Game:
    return load_game("railway-sale")


@pytest.fixture(scope="module")
def fishery() -> Game:
    return load_game("fishery-auctions")


def legal(game: Game, state: State, notation: str) -> bool:
    return game.parse_action(notation) in game.legal_actions(state, state.to_act)


def japan_to_act(game: Game, state: State) -> State:
    return game.apply(state, game.parse_action("ussr:end"))


def test_railway_at_65_neither_side_can_reopen_the_talks(railway: Game) -> None:
    start = railway.initial_state(1)
    for tension, open_ in ((64, True), (65, False)):
        state = with_tracks(railway, start, talks_open=0, tension=tension)
        assert legal(railway, state, "ussr:resume_talks") is open_
        assert legal(railway, japan_to_act(railway, state), "japan:propose_resumption") is open_


def test_railway_from_80_the_army_may_strike_with_less_preparation(railway: Game) -> None:
    start = railway.initial_state(1)
    for tension, plan, open_ in ((79, 45, False), (80, 45, True), (80, 39, False), (30, 70, True)):
        state = with_tracks(railway, start, tension=tension, seizure_plan=plan)
        assert legal(railway, japan_to_act(railway, state), "japan:seize_railway") is open_


def test_fishery_at_60_no_long_term_convention_and_at_70_escorts(fishery: Game) -> None:
    start = with_tracks(fishery, fishery.initial_state(1), voice_navy=30)
    start = fishery.apply(start, fishery.parse_action("ussr:end"))
    year_1933 = next(i for i, day in enumerate(fishery.rules.calendar) if day.year == 1933)
    late = dataclasses.replace(start, turn=year_1933)  # the convention may be pressed from 1933
    for tension, talks in ((59, True), (60, False)):
        state = with_tracks(fishery, late, tension=tension)
        assert legal(fishery, state, "japan:press_long_term_convention") is talks
    for tension, escorts in ((69, False), (70, True)):
        state = with_tracks(fishery, start, tension=tension)
        assert legal(fishery, state, "japan:naval_escorts") is escorts


@pytest.mark.parametrize(
    ("scenario", "crisis"),
    [("railway-sale", {"crisis": 1}), ("fishery-auctions", {"tension": 100})],
)
def test_a_crisis_costs_the_side_that_raised_more_of_the_tension_more(
    scenario: str, crisis: dict[str, int]
) -> None:
    """At equal shares each side pays what both paid before the split; shifting the raising
    to one side moves cost onto it, and the two sides' costs sum to the same."""
    game = load_game(scenario)
    base = with_tracks(game, game.initial_state(1), **crisis)

    def costs(ussr: int) -> tuple[float, float]:
        shares = {"tension_share_ussr": ussr, "tension_share_japan": 100 - ussr}
        state = with_tracks(game, base, **shares)
        return game.score(state, 0), game.score(state, 1)

    even, ussr_raised = costs(50), costs(90)
    assert ussr_raised[0] < even[0]
    assert ussr_raised[1] > even[1]
    assert sum(ussr_raised) == pytest.approx(sum(even))
