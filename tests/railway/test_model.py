"""Rule cases of the railway sale's model: what lost freight (`traffic`) costs Moscow, and the
historical plan's payment terms (issue 13, "Decisions that matter").

The scenario file's `traffic` track and `each_turn` comments give the sources: the line's
income was falling (a profit of nearly 20 M gold rubles a year in 1924-30, 11.5 M in 1933, Time
via FACTS.md section 2); the monthly loss per mark is a modelling assumption. The sale was agreed
on one third cash and two thirds in goods (TASS, 31 Oct 1934 [FRUS 1934 doc. 228]).
"""

from __future__ import annotations

import dataclasses
import datetime as dt
import random

import pytest

from game import Game, State, load_game
from game.agents import HistoricalAgent
from game.core.actions import END, Action
from game.scenario.loader import scenario_warnings
from tests.core.support import play, track, with_tracks

USSR, JAPAN = 0, 1
MARK_COST = 5
"""Tenths of a million gold rubles a month for each mark (70, 50, 30, 10) traffic is below."""


@pytest.fixture(scope="module")
def railway() -> Game:
    return load_game("railway-sale")


def one_month(game: Game, state: State, *orders: str) -> State:
    """Plays the given orders, then ends every faction's turn until the next turn begins."""
    state = play(game, state, *orders)
    turn = state.turn
    while state.turn == turn and not game.is_terminal(state):
        state = game.apply(state, Action(state.to_act, END))
    return state


def value_lost(game: Game, state: State, *orders: str) -> int:
    """Returns how far `railway_value` falls over one month from `state`."""
    return track(game, state, "railway_value") - track(
        game, one_month(game, state, *orders), "railway_value"
    )


def test_every_track_the_railway_writes_is_read() -> None:
    """No track of the scenario or its variants is written without a rule reading it."""
    assert scenario_warnings("railway-sale") == []
    for variant in ("army_unrestrained", "no_us_recognition"):
        assert scenario_warnings("railway-sale", variant) == []


@pytest.mark.parametrize(
    ("traffic", "marks"), [(80, 0), (70, 0), (69, 1), (49, 2), (29, 3), (9, 4)]
)
def test_low_traffic_costs_the_unsold_line_every_month(
    railway: Game, traffic: int, marks: int
) -> None:
    """While the line is unsold, each mark (70, 50, 30, 10) that traffic is below costs
    0.5 M gold rubles of its worth a month, on top of the slow drift; the same seed with full
    traffic is the reference, so events of the month cancel out."""
    for seed in range(5):
        start = railway.initial_state(seed)
        full = value_lost(railway, with_tracks(railway, start, traffic=80))
        low = value_lost(railway, with_tracks(railway, start, traffic=traffic))
        assert low - full == MARK_COST * marks


def test_low_traffic_costs_nothing_once_a_price_is_agreed(railway: Game) -> None:
    """Once agreed, the score counts the deal, not `railway_value`; the loss stops with it."""
    start = with_tracks(railway, railway.initial_state(0), agreed=1, talks_open=0)
    full = value_lost(railway, with_tracks(railway, start, traffic=80))
    assert value_lost(railway, with_tracks(railway, start, traffic=0)) == full


def test_a_diversion_costs_through_traffic_only(railway: Game) -> None:
    """Diverting freight lowers traffic by 8 and has no one-off cost to the line's worth: the
    loss comes month by month once traffic is below a mark (here 72 -> 64, below 70)."""
    for seed in range(20):
        start = with_tracks(railway, railway.initial_state(seed), traffic=72)
        idle = one_month(railway, start, "ussr:end")
        diverted = one_month(railway, start, "ussr:end", "japan:divert_traffic")
        if track(railway, idle, "traffic") != 72 or track(railway, diverted, "traffic") != 64:
            continue  # a raid that month moves traffic too
        assert (
            track(railway, idle, "railway_value") - track(railway, diverted, "railway_value")
            == MARK_COST
        )
        return
    pytest.fail("no seed without a raid in the first month")


def at(game: Game, day: dt.date, **tracks: int) -> State:
    """Returns the first state of seed 0 moved to the turn of `day`, with some tracks set."""
    state = dataclasses.replace(game.initial_state(0), turn=game.rules.calendar.index(day))
    return with_tracks(game, state, **tracks)


@pytest.mark.parametrize(("terms", "accepts"), [(0, False), (1, False), (2, True)])
def test_historical_japan_accepts_only_the_terms_of_history(
    railway: Game, terms: int, accepts: bool
) -> None:
    """The historical Japan accepts a Soviet ask of 67.5 M in September 1934 only on one third
    cash and two thirds in goods, the terms agreed [FRUS 1934 doc. 228]."""
    state = at(railway, dt.date(1934, 9, 1), ask=675, bid=600, ussr_terms=terms)
    state = play(railway, state, "ussr:end")
    assert state.to_act == JAPAN
    legal = railway.legal_actions(state, JAPAN)
    choice = HistoricalAgent(railway, JAPAN).act(
        railway.observe(state, JAPAN), legal, random.Random(0)
    )
    assert (railway.notation(choice) == "japan:accept") == accepts


def test_historical_ussr_keeps_to_payment_in_goods(railway: Game) -> None:
    """From March 1934 the historical USSR asks for payment partly in goods; put back on other
    terms, it proposes goods again."""
    state = at(railway, dt.date(1934, 6, 1), ask=1000, bid=400, ussr_terms=0)
    legal = railway.legal_actions(state, USSR)
    choice = HistoricalAgent(railway, USSR).act(
        railway.observe(state, USSR), legal, random.Random(0)
    )
    assert railway.notation(choice) == "ussr:terms:cash_and_goods"
