"""Weighty decisions, not many clicks, in August 1945 (issue 13, item 5): postures are reviewed
weekly in the daily turns, a stalled request for mediation is renewed a week later, and the
pressure on Soong is a standing instruction rather than a click a day. Every number is a named
ASSUMPTION in the scenario file."""

from __future__ import annotations

import datetime as dt

import pytest

from game import Game, load_game
from tests.august.runs import SCENARIO
from tests.august.test_decisions import drive
from tests.august.test_intelligence import JAPAN, USSR, historical_until, order, turn_of
from tests.august.test_model import track, with_tracks

USA = 2


@pytest.fixture(scope="module")
def game() -> Game:
    return load_game(SCENARIO)


WEEKLY = ("japan:transfer_to_homeland", "japan:count_trains", "japan:prepare_decisive_battle")


def test_standing_orders_are_reviewed_weekly_in_the_daily_turns(game: Game) -> None:
    """Issue 13 item 5: the postures (troop movements, the campaign's tempo, the mask and the
    intelligence efforts) are orders for a week, not a daily click: from 1 July they can be given
    on 1, 8, 15, 22 and 29 July only; in the weekly turns before, at the monthly review (3 June),
    and the weeks between are not even turns for Japan (it has nothing to decide)."""
    state = historical_until(game, 0, dt.date(1945, 6, 1))
    offered: dict[dt.date, bool] = {}
    while game.rules.date(state.turn) < dt.date(1945, 8, 1):
        here = turn_of(game, state, JAPAN)  # Japan's next turn (days without a choice skipped)
        day = game.rules.date(here.turn)
        legal = {game.notation(a) for a in game.legal_actions(here, JAPAN)}
        offered[day] = all(name in legal for name in WEEKLY)
        assert offered[day] or not any(name in legal for name in WEEKLY), day
        state = drive(game, state, lambda s, d=day: game.rules.date(s.turn) > d)
    june = sorted(d.day for d in offered if d.month == 6)
    assert june == [3]
    assert offered[dt.date(1945, 6, 3)]
    july = sorted(d.day for d in offered if d.month == 7 and offered[d])
    assert july == [1, 8, 15, 22, 29]


def test_after_a_stall_tokyo_waits_a_week_before_asking_moscow_again(game: Game) -> None:
    """Issue 13 item 5: the request for mediation is not a daily click answered by a daily stall;
    Moscow's request for clarifications [003 ¶23] keeps Tokyo waiting a week (history's requests
    of 12 and 25 July were 13 days apart [003 ¶22; ¶35])."""
    state = historical_until(game, 0, dt.date(1945, 7, 12))
    asked = order(game, state, "japan:seek_mediation")  # history's answer: the stall
    assert track(game, asked, "mediation_request") == 0
    offered = set()
    while game.rules.date(asked.turn) < dt.date(1945, 7, 25):
        here = turn_of(game, asked, JAPAN)  # Japan's next turn (days without a choice skipped)
        if any(game.notation(a) == "japan:seek_mediation" for a in game.legal_actions(here, JAPAN)):
            offered.add(game.rules.date(here.turn).day)
        day = game.rules.date(asked.turn)
        asked = drive(game, asked, lambda s, d=day: game.rules.date(s.turn) > d)
    assert min(offered) == 19  # a week after the stall of 12 July
    assert offered == set(range(19, 25))


def test_pressing_soong_is_one_standing_instruction(game: Game) -> None:
    """Given once, the instruction adds 4 to the talks' progress every day they sit (as the daily
    order of before did), and is not offered again."""
    state = historical_until(game, 0, dt.date(1945, 7, 3))  # the talks opened on 2 July
    state = turn_of(game, state, USSR)
    assert track(game, state, "china_talks") == 1
    start = track(game, state, "china_progress")
    pressed = order(game, state, "ussr:press_china")
    assert track(game, pressed, "china_pressed") == 1
    assert track(game, pressed, "china_progress") == start + 4
    later = drive(game, pressed, lambda s: game.rules.date(s.turn) >= dt.date(1945, 7, 7))
    assert track(game, later, "china_progress") == start + 4 * 4  # 3, 4, 5 and 6 July
    here = turn_of(game, later, USSR)
    assert "ussr:press_china" not in {game.notation(a) for a in game.legal_actions(here, USSR)}
    # Without the instruction the talks do not move on their own.
    idle = drive(game, state, lambda s: game.rules.date(s.turn) >= dt.date(1945, 7, 7))
    assert track(game, idle, "china_progress") == start


def test_the_bombing_and_blockade_is_one_standing_campaign(game: Game) -> None:
    """Ordered once, the campaign tightens every turn before July (history's blockade at its
    height by April, as with the weekly order of before) and on each review day after."""
    state = historical_until(game, 0, dt.date(1945, 5, 1))
    assert track(game, state, "us_campaign") == 1
    assert track(game, state, "blockade") > 94  # ordered once on 11 February, at its height
    # From July, weekly: ordered on 22 July at 40, tightened on 22 and 29 July (not daily).
    july = with_tracks(
        game, historical_until(game, 0, dt.date(1945, 7, 22)), blockade=40, us_campaign=0
    )
    ordered = order(game, july, "usa:bomb_and_blockade")
    later = drive(game, ordered, lambda s: game.rules.date(s.turn) >= dt.date(1945, 7, 30))
    assert track(game, later, "blockade") == 52
