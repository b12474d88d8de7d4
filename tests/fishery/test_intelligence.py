"""Intelligence as a choice in the fishery auctions (issue 13, item 6): the Japanese firms pay a
contact in Vladivostok to sound out Moscow's secret reserve and get a reading, not the truth (and
Moscow's fear of espionage grows); Moscow may let a high reserve leak into the firms' reports, and a
leak found out — by the contact, or when the results publish a lower reserve — costs Moscow's word
at the auctions, which makes Japan's protests likelier to carry. Every number is a named
ASSUMPTION in the file."""

from __future__ import annotations

import pytest

from game import Game, load_game
from game.core.log import entries
from tests.core.support import one_turn, track, with_tracks

SEEDS = range(60)


@pytest.fixture(scope="module")
def fishery() -> Game:
    return load_game("fishery-auctions")


def test_sounding_out_gives_a_reading_within_ten_points_at_a_price(fishery: Game) -> None:
    readings = []
    for seed in SEEDS:
        start = fishery.initial_state(seed)
        assert track(fishery, start, "reserve_report") == -1
        quiet = one_turn(fishery, start)
        after = one_turn(fishery, start, "japan:sound_out_reserve")
        report = track(fishery, after, "reserve_report")
        assert abs(report - 100) <= 10  # the reserve stands at 100 % of the estimate
        # The contact's fee, and Moscow's fear of espionage grows with the questions.
        assert track(fishery, after, "jp_funds") == track(fishery, quiet, "jp_funds") - 20
        assert track(fishery, after, "espionage") == track(fishery, quiet, "espionage") + 3
        readings.append(report - 100)
    assert len(set(readings)) > 8  # a reading, varying with the seed, not the truth
    assert min(readings) < -3 < 3 < max(readings)


def test_a_leak_misleads_the_firms_unless_their_contact_finds_it_out(fishery: Game) -> None:
    found = 0
    for seed in SEEDS:
        start = with_tracks(fishery, fishery.initial_state(seed), reserve_pct=90)
        leaked = one_turn(fishery, start, "ussr:leak_high_reserve")
        assert track(fishery, leaked, "leak_planted") == 1  # it stands for the next auction
        assert track(fishery, leaked, "reserve_pct") == 90
        assert track(fishery, leaked, "reserve_report") == 110  # 20 over the real reserve
        assert track(fishery, leaked, "moscow_credibility") == 3
        sounded = one_turn(fishery, start, "ussr:leak_high_reserve", "japan:sound_out_reserve")
        if track(fishery, sounded, "leak_planted") == 0:
            found += 1
            assert track(fishery, sounded, "moscow_credibility") == 2
            assert abs(track(fishery, sounded, "reserve_report") - 90) <= 10
        else:
            assert track(fishery, sounded, "moscow_credibility") == 3
            assert track(fishery, sounded, "reserve_report") == 110  # the contact repeats the leak
    assert 15 <= found <= 45  # one sounding in two, over 60 seeds


def test_the_next_results_expose_a_leak_unless_moscow_makes_it_true(fishery: Game) -> None:
    """The 1929 auction publishes the reserve: a leak above it is found out; a leak Moscow made
    true by raising the reserve to it costs nothing more."""
    start = with_tracks(fishery, fishery.initial_state(0), reserve_pct=90)
    leaked = one_turn(fishery, start, "ussr:leak_high_reserve")
    bluff = one_turn(fishery, leaked)
    assert track(fishery, bluff, "leak_planted") == 0
    assert track(fishery, bluff, "moscow_credibility") == 2
    assert track(fishery, bluff, "reserve_report") == track(fishery, bluff, "reserve_pct") == 90
    assert any("bluffed" in e.text for e in entries(bluff.log))
    made_true = one_turn(fishery, leaked, "ussr:reserve:110")
    assert track(fishery, made_true, "reserve_pct") == 110
    assert track(fishery, made_true, "leak_planted") == 0
    assert track(fishery, made_true, "moscow_credibility") == 3
    assert track(fishery, made_true, "reserve_report") == 110
    assert not any("bluffed" in e.text for e in entries(made_true.log))


def test_a_leak_found_out_raises_the_odds_of_japan_s_protests(fishery: Game) -> None:
    """A protest Moscow heeds brings an offer to freeze holdings: with Moscow's word whole the
    odds are 0.23 at the start, with it gone 0.38 (0.05 a point)."""

    def heeded(credibility: int) -> int:
        count = 0
        for seed in range(300):
            state = with_tracks(
                fishery, fishery.initial_state(seed), moscow_credibility=credibility
            )
            after = one_turn(fishery, state, "japan:diplomatic_protest")
            count += track(fishery, after, "freeze_offer")
        return count

    whole, gone = heeded(3), heeded(0)
    assert 40 <= whole <= 100  # 0.23 of 300 is 69
    assert 85 <= gone <= 145  # 0.38 of 300 is 114
    assert gone > whole + 20
