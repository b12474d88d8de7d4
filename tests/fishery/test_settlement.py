"""Rule cases of the auction's settlement step: the April 1939 compromise sets its terms.

The compromise gave Japan's firms 10 new grounds for 37 old ones given up [001 L9]. In the game
its option sets `cede_terms` to 37, grants the Olyutorsky Gulf lot and freezes holdings for the
April auction; the auction then returns to Japan the old lots it let lie idle, and takes from it
the old lots that bring its losses since the last season nearest to 37 (fewest lots, then the
first in lot order), as agreed terms: without a seizure's effects.
"""

from __future__ import annotations

import pytest

from game import Game, State, load_game
from tests.core.support import play, track, with_tracks

USSR, JAPAN = 1, 2
"""Holder marks: faction index + 1."""

TERMS = {
    "cede_terms": 37,
    "freeze": 1,
    "open_kb_olyutorsky": 1,
    "hold_kb_olyutorsky": JAPAN,
    "price_kb_olyutorsky": 100,
}
"""What the compromise's option sets (settlement_april_1939.accept_compromise)."""


@pytest.fixture(scope="module")
def game() -> Game:
    return load_game("fishery-auctions")


def settled(game: Game, **values: int) -> State:
    """Plays the 1928 auction with both sides ending at once, under the compromise's terms."""
    s = with_tracks(game, game.initial_state(7), trust_capacity=300, **{**TERMS, **values})
    return play(game, s, "ussr:end", "japan:end")


def test_the_terms_give_up_37_old_grounds_and_grant_10_new_ones(game: Game) -> None:
    s = settled(game)
    assert track(game, s, "lost_japan") == 37
    assert track(game, s, "gained_japan") == 10
    # 25 + 12: the two lots that make 37 exactly, first in lot order.
    assert track(game, s, "hold_wk_bolshaya") == USSR
    assert track(game, s, "hold_wk_icha") == USSR
    assert track(game, s, "hold_wk_ozernaya") == JAPAN
    assert track(game, s, "hold_kb_olyutorsky") == JAPAN
    assert track(game, s, "cede_terms") == 0, "the terms apply once"


def test_lots_lost_since_the_last_season_count_and_idle_old_lots_come_back(game: Game) -> None:
    # As after the boycotted auction of 13 March 1939: the trust took Vladimir Bay (4 grounds)
    # and Ozernaya lies idle; the terms return Ozernaya and take 33 more.
    s = settled(game, hold_pr_vladimir=USSR, hold_wk_ozernaya=0)
    assert track(game, s, "hold_wk_ozernaya") == JAPAN
    assert track(game, s, "hold_pr_vladimir") == USSR
    assert track(game, s, "lost_japan") == 37
    assert track(game, s, "gained_japan") == 10


def test_ceded_lots_are_not_a_seizure_and_keep_the_freeze(game: Game) -> None:
    s = settled(game)
    assert track(game, s, "freeze") == 1
    assert track(game, s, "freeze_broken") == 0
    before = track(game, game.initial_state(7), "voice_companies")
    assert track(game, s, "voice_companies") == before


def test_ceded_lots_beyond_the_trusts_capacity_lie_idle_off_the_auction(game: Game) -> None:
    s = with_tracks(game, game.initial_state(7), trust_capacity=60, **TERMS)
    s = play(game, s, "ussr:end", "japan:tender:200", "japan:end")
    # The trust works 58 of its 60 grounds: both lots given up lie idle, and Japan's tender
    # cannot win them back at the same auction.
    assert track(game, s, "hold_wk_bolshaya") == 0
    assert track(game, s, "hold_wk_icha") == 0
    assert track(game, s, "lost_japan") == 37


def test_a_withholding_beyond_the_terms_is_a_seizure(game: Game) -> None:
    s = with_tracks(game, game.initial_state(7), trust_capacity=300, **TERMS)
    s = play(game, s, "ussr:withhold:wk_ozernaya", "ussr:end", "japan:end")
    assert track(game, s, "lost_japan") == 67
    assert track(game, s, "freeze_broken") == 1
