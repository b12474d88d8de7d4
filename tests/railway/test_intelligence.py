"""Intelligence as a choice in the railway sale (issue 13, item 6): Moscow pays political
capital to sound out Manchukuo's limit and gets a reading, not the truth; Tokyo may let a low
limit leak into Moscow's reports, and a leak the agents expose costs Tokyo's word, which makes
the Politburo likelier to turn down a price. Every number is a named ASSUMPTION in the file."""

from __future__ import annotations

import pytest

from game import Game, load_game
from game.core.actions import END, Action
from tests.core.support import one_turn, track, with_tracks

SEEDS = range(60)


@pytest.fixture(scope="module")
def railway() -> Game:
    return load_game("railway-sale")


def test_sounding_out_gives_a_reading_within_ten_million(railway: Game) -> None:
    readings = []
    for seed in SEEDS:
        start = railway.initial_state(seed)
        assert track(railway, start, "ceiling_report") == -1
        after = one_turn(railway, start, "ussr:sound_out_limit")
        truth = track(railway, start, "japan_value")
        report = track(railway, after, "ceiling_report")
        assert abs(report - truth) <= 100  # tenths of M gold rubles
        assert track(railway, after, "ussr_capital") <= track(railway, start, "ussr_capital")
        readings.append(report - truth)
    assert len(set(readings)) > 20  # a reading, not the truth
    assert min(readings) < -30 < 30 < max(readings)


def test_a_leak_misleads_until_exposed_and_exposure_costs_tokyo_s_word(railway: Game) -> None:
    exposed = 0
    for seed in SEEDS:
        start = with_tracks(railway, railway.initial_state(seed), bid=300, japan_capital=3)
        leaked = one_turn(railway, start, "japan:leak_low_limit")
        assert track(railway, leaked, "leak_planted") == 1
        assert track(railway, leaked, "ceiling_report") == 400  # 10 M over the standing offer
        sounded = one_turn(railway, leaked, "ussr:sound_out_limit")
        if track(railway, sounded, "leak_planted") == 0:
            exposed += 1
            assert track(railway, sounded, "japan_credibility") == 2
            truth = track(railway, start, "japan_value")
            assert abs(track(railway, sounded, "ceiling_report") - truth) <= 100
        else:
            assert track(railway, sounded, "japan_credibility") == 3
            assert track(railway, sounded, "ceiling_report") == 400
    assert 15 <= exposed <= 45  # one sounding in two, over 60 seeds


def test_a_second_leak_waits_for_the_first_to_be_exposed(railway: Game) -> None:
    state = with_tracks(railway, railway.initial_state(0), bid=300, japan_capital=5)
    leaked = one_turn(railway, state, "japan:leak_low_limit")
    while leaked.to_act != 1:
        leaked = railway.apply(leaked, Action(leaked.to_act, END))
    legal = {railway.notation(a) for a in railway.legal_actions(leaked, 1)}
    assert "japan:leak_low_limit" not in legal
    assert "japan:restrain_army" in legal  # Japan has orders, only not that one


def test_lost_credibility_makes_the_politburo_turn_down_prices(railway: Game) -> None:
    """Moscow accepts Manchukuo's standing offer: with Tokyo's word whole the Politburo
    overrules about 3 times in 100; with it gone, about 33."""

    def agreements(credibility: int) -> int:
        count = 0
        for seed in range(200):
            state = with_tracks(
                railway,
                railway.initial_state(seed),
                bid=675,
                ask=700,
                japan_credibility=credibility,
            )
            after = one_turn(railway, state, "ussr:accept")
            count += track(railway, after, "agreed")
        return count

    whole, gone = agreements(3), agreements(0)
    assert whole >= 185
    assert gone <= 160
    assert gone < whole
