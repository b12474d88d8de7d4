"""Rule cases of the Japanese firms' voice (`voice_companies`): each lot Moscow takes from the
firms makes them louder in Tokyo, and that voice opens open-sea fishing and adds weight to
Tokyo's protests. The thresholds and weights are modelling assumptions named in the scenario
file; open-sea fishing as Japan's answer to fewer lots is from Gavrilov (via FACTS.md §1), the
complaints that brought the 1932 freeze from [001 L7].
"""

from __future__ import annotations

import pytest

from game import Game, State, load_game
from tests.core.support import play, track, with_tracks


@pytest.fixture(scope="module")
def game() -> Game:
    return load_game("fishery-auctions")


def japan_may(game: Game, s: State, text: str) -> bool:
    """Whether Japan may give the order once the USSR has ended its orders in `s`."""
    s = play(game, s, "ussr:end")
    return game.parse_action(text) in game.legal_actions(s, 1)


def test_open_sea_fishing_opens_once_the_firms_have_lost_two_lots(game: Game) -> None:
    s = with_tracks(game, game.initial_state(7), trust_capacity=200)
    assert track(game, s, "voice_companies") == 60
    assert not japan_may(game, s, "japan:open_sea_fishing")
    s = play(game, s, "ussr:withhold:wk_icha", "ussr:end", "japan:tender:100", "japan:end")
    assert track(game, s, "voice_companies") == 62
    assert not japan_may(game, s, "japan:open_sea_fishing")
    s = play(game, s, "ussr:withhold:ek_avacha", "ussr:end", "japan:tender:100", "japan:end")
    assert track(game, s, "voice_companies") == 64
    assert japan_may(game, s, "japan:open_sea_fishing")


def test_protest_odds_rise_with_the_firms_voice(game: Game) -> None:
    protest = game.parse_action("japan:diplomatic_protest")
    start = game.initial_state(7)
    # At the firms' starting 60 the odds are what they were before the firms' voice counted.
    assert game.odds(start, protest) == pytest.approx(0.05 + 0.003 * 60)
    louder = with_tracks(game, start, voice_companies=80)
    assert game.odds(louder, protest) == pytest.approx(0.05 + 0.003 * 60 + 0.003 * 20)
