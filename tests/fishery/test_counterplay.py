"""Rule cases of the fishery's counterplay and costs of waiting (issue 13, items 2 and 3).

- Escorted fishing: with warships at sea, Japan's fleets fish, rent-free, the grounds its firms
  have lost since 1928 ("free fishing" under warship protection, as in 1921–22: Foreign Affairs,
  Apr 1937; Chinese monograph; via FACTS.md §1) — Japan's answer to a withheld lot.
- The Sakhalin linkage: each lot taken from the firms costs Moscow concession dues [001 L10].
- The cheap yen: after December 1931 the old rate costs Moscow rent each season (Ægir, via
  FACTS.md §1) until it is changed.
- Accepting the 1938 cut hands the grounds to the state trust.
- Scores: one scale (a point is 100 thousand yen); outcome classes: a long-term convention
  does not hide a Japanese share under 30 %.
The amounts are the modelling assumptions named in the scenario file.
"""

from __future__ import annotations

import datetime as dt

import pytest

from game import Game, State, load_game
from game.core.actions import Choose
from tests.core.support import play, track, with_tracks


@pytest.fixture(scope="module")
def game() -> Game:
    return load_game("fishery-auctions")


def season(game: Game, s: State, ussr: tuple[str, ...], japan: tuple[str, ...]) -> State:
    """Plays one orders phase: the USSR's orders, then Japan's."""
    return play(game, s, *ussr, "ussr:end", *japan, "japan:end")


def advance_to(game: Game, s: State, year: int, option: str | None = None) -> State:
    """Ends every orders phase (answering events by `option` when offered, else the first
    option) until the turn dated in `year`."""
    while game.rules.date(s.turn) < dt.date(year, 1, 1):
        side = game.to_act(s)
        legal = game.legal_actions(s, side)
        chosen = next((a for a in legal if option and game.notation(a).endswith(option)), None)
        if chosen is None:
            chosen = next((a for a in legal if isinstance(a, Choose)), None)
        if chosen is None:
            chosen = game.parse_action(f"{game.rules.factions[side].id}:end")
        s = game.apply(s, chosen)
    return s


def test_escorted_fleets_fish_the_grounds_the_firms_lost(game: Game) -> None:
    start = with_tracks(game, game.initial_state(3), trust_capacity=200, voice_navy=40)
    taken = ("ussr:withhold:wk_ozernaya",)  # 30 grounds: one band of 25 lost
    escorted = season(game, start, taken, ("japan:naval_escorts", "japan:tender:100"))
    plain = season(game, start, taken, ("japan:tender:100",))
    assert track(game, escorted, "escort_haul") == 150
    assert track(game, plain, "escort_haul") == 0
    gain = track(game, escorted, "catch_japan") - track(game, plain, "catch_japan")
    assert gain == 150


def test_escorts_take_nothing_while_the_firms_have_lost_nothing(game: Game) -> None:
    start = with_tracks(game, game.initial_state(3), voice_navy=40)
    s = season(game, start, (), ("japan:naval_escorts", "japan:tender:100"))
    assert track(game, s, "escort_haul") == 0
    assert track(game, s, "incident") == 0


def test_escorted_fishing_risks_an_incident_more_the_more_grounds_are_lost(game: Game) -> None:
    lots = ("wk_ozernaya", "wk_bolshaya", "wk_kikhchik", "wk_vorovskaya", "wk_icha")
    taken = tuple(f"ussr:withhold:{lot}" for lot in lots)  # 100 grounds lost
    incidents = 0
    for seed in range(60):
        start = with_tracks(game, game.initial_state(seed), trust_capacity=300, voice_navy=40)
        s = season(game, start, taken, ("japan:naval_escorts", "japan:tender:100"))
        assert track(game, s, "escort_haul") == 600
        # The incident, or the clash it led to once the next turn opened.
        incidents += bool(track(game, s, "incident") or track(game, s, "clashes"))
    # Odds 0.35 - 0.0015 x 132 grounds held = 0.152: some seasons, not all.
    assert 0 < incidents < 30


def test_linkage_makes_each_lot_taken_cost_moscow_concession_dues(game: Game) -> None:
    start = with_tracks(game, game.initial_state(3), trust_capacity=200)
    linked = with_tracks(game, start, linkage=1)
    taken = ("ussr:withhold:wk_icha", "ussr:withhold:ek_avacha")
    assert track(game, season(game, linked, taken, ()), "concession_loss") == 600
    assert track(game, season(game, start, taken, ()), "concession_loss") == 0


def test_the_cheap_yen_costs_moscow_until_the_rate_changes(game: Game) -> None:
    s = advance_to(game, game.initial_state(5), 1932, option="absorb_loss")
    assert track(game, s, "rate") == 325
    before = track(game, s, "yen_loss")
    after = season(game, s, (), ("japan:tender:100",))
    assert track(game, after, "yen_loss") > before
    raised = advance_to(game, game.initial_state(5), 1932, option="change_rate_now")
    assert track(game, raised, "rate") == 750
    assert track(game, raised, "rate_held") == 1
    held = season(game, raised, (), ())
    assert track(game, held, "yen_loss") == track(game, raised, "yen_loss") == 0


def test_a_refused_claim_on_record_halves_the_tension_of_a_later_rise(game: Game) -> None:
    s = game.initial_state(5)
    claimed = with_tracks(game, s, rate_claim=1)
    quiet = season(game, s, ("ussr:raise_rate",), ())
    on_record = season(game, claimed, ("ussr:raise_rate",), ())
    unchanged = season(game, s, (), ())
    assert track(game, quiet, "tension") - track(game, unchanged, "tension") == 8
    assert track(game, on_record, "tension") - track(game, unchanged, "tension") == 4


def test_accepting_the_cut_hands_the_grounds_to_the_trust(game: Game) -> None:
    s = with_tracks(game, game.initial_state(5), demand=40)
    s = advance_to(game, s, 1930, option="ultimatum_1938:accept_cut")
    assert track(game, s, "demand") == 0
    for lot in ("ek_ust_kamchatsk", "on_okhotsk", "pr_vladimir"):
        assert track(game, s, f"hold_{lot}") == 1  # the USSR's mark (faction 0 + 1)


def test_one_scale_means_are_worth_a_point_per_100_thousand_yen(game: Game) -> None:
    s = game.initial_state(1)
    richer = with_tracks(game, s, jp_funds=track(game, s, "jp_funds") + 100)
    assert game.score(richer, 1) - game.score(s, 1) == pytest.approx(1.0)
    # A thousand roubles of rent is worth 32.5 sen a rouble: 0.325 thousand yen.
    paid = with_tracks(game, s, revenue=1000)
    assert game.score(paid, 0) - game.score(s, 0) == pytest.approx(3.25)


def test_a_long_term_convention_does_not_hide_a_squeeze(game: Game) -> None:
    classes = [c.id for c in game.rules.outcome_classes]
    assert classes.index("soviet_squeeze") < classes.index("long_term_convention")
    assert classes.index("japanese_hold") < classes.index("long_term_convention")
    s = with_tracks(game, game.initial_state(1), long_term=1, share_japan=0)
    first = next(c for c in game.rules.outcome_classes if c.pred(s.tracks, s.turn, s.fired))
    assert first.id == "soviet_squeeze"
