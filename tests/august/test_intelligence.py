"""Intelligence as a choice in August 1945 (issue 13, item 6): Tokyo may pay for a close count of
the trains on the Trans-Siberian and gets a reading of the Soviet build-up, not the truth; Moscow
may hide more of its build-up, which lowers what the count finds, and a count that sees through
it leaves Tokyo expecting the attack; Moscow may press its atomic spies for a report, a reading
too, at the risk of an exposure that sours Washington. Every number is a named ASSUMPTION in
the scenario file."""

from __future__ import annotations

import datetime as dt
import statistics

import pytest

from game import Game, State, load_game
from game.core.state import CHOICES
from tests.august.runs import SCENARIO, historical_until
from tests.august.test_decisions import drive, on
from tests.august.test_model import track, with_tracks

USSR, JAPAN = 0, 1
SEEDS = range(40)
JULY_22 = dt.date(1945, 7, 22)  # a day of the weekly review (see the track review_day)
MAY_6 = dt.date(1945, 5, 6)  # a day of the monthly review, no event to answer


@pytest.fixture(scope="module")
def game() -> Game:
    return load_game(SCENARIO)


@pytest.fixture(scope="module")
def july(game: Game) -> dict[int, State]:
    """Each seed's game of the historical script on 22 July (neither side has counted or hidden)."""
    return {seed: historical_until(game, seed, JULY_22) for seed in SEEDS}


def turn_of(game: Game, state: State, faction: int) -> State:
    """Ends the turns of the sides before `faction`'s next orders (events answered as in
    history; turns in which `faction` has nothing to decide are skipped by the engine)."""
    return drive(game, state, lambda s: s.to_act == faction and s.phase != CHOICES)


def order(game: Game, state: State, text: str) -> State:
    """`text` given by its side on this day; the day then played to its end (history's answers)."""
    action = game.parse_action(text)
    state = turn_of(game, state, action.faction)
    assert action in game.legal_actions(state, action.faction)
    state = game.apply(state, action)
    day = game.rules.date(state.turn)
    return drive(game, state, lambda s: game.rules.date(s.turn) > day)


def test_a_count_of_the_trains_reads_the_build_up_within_ten(
    game: Game, july: dict[int, State]
) -> None:
    errors = []
    for state in july.values():
        readiness = track(game, state, "readiness")
        after = order(game, state, "japan:count_trains")
        reading = track(game, after, "japan_alert")
        assert abs(reading - readiness) <= 10
        # The cost: the observers come out of the central garrison (no fighting in July).
        assert (
            track(game, after, "gar_manchuria_central")
            == track(game, state, "gar_manchuria_central") - 20
        )
        errors.append(reading - readiness)
    assert len(set(errors)) >= 10  # a reading, not the truth: it varies with the seed
    assert min(errors) <= -4
    assert max(errors) >= 4


def test_without_a_count_tokyo_keeps_history_s_underestimate(
    game: Game, july: dict[int, State]
) -> None:
    """The estimate of history's traffic stays below the readiness it misjudged [004 L109]; a count
    in late July finds more, often enough for Tokyo to expect the attack in August (75)."""
    raised = 0
    for state in july.values():
        before = track(game, state, "japan_alert")
        assert before < 75
        assert before < track(game, state, "readiness")
        raised += track(game, order(game, state, "japan:count_trains"), "japan_alert") >= 75
    assert raised >= len(SEEDS) // 2


def test_hiding_the_build_up_costs_readiness_and_lowers_tokyo_s_estimate(
    game: Game, july: dict[int, State]
) -> None:
    state = july[0]
    masked = order(game, state, "ussr:mask_build_up")
    plain = drive(game, state, lambda s: s.turn > state.turn)
    assert track(game, masked, "soviet_mask") == 1
    assert track(game, masked, "readiness") == track(game, plain, "readiness") - 2
    assert track(game, masked, "japan_alert") == track(game, plain, "japan_alert") - 5
    # A standing order, reviewed weekly: not the next day, again a week later.
    next_day = turn_of(game, masked, USSR)
    assert "ussr:mask_build_up" not in {
        game.notation(a) for a in game.legal_actions(next_day, USSR)
    }
    week = drive(game, masked, on(game, dt.date(1945, 7, 29)))
    twice = order(game, week, "ussr:mask_build_up")
    assert track(game, twice, "soviet_mask") == 2
    twice = turn_of(game, twice, USSR)
    legal = {game.notation(a) for a in game.legal_actions(twice, USSR)}
    assert "ussr:mask_build_up" not in legal  # two levels at most
    assert legal - {"ussr:end"}  # the USSR has orders, only not that one


def test_the_mask_misleads_a_count_until_it_is_seen_through(
    game: Game, july: dict[int, State]
) -> None:
    hidden, exposed = [], []
    for state in july.values():
        masked = with_tracks(game, state, soviet_mask=1)
        readiness = track(game, masked, "readiness")
        after = order(game, masked, "japan:count_trains")
        error = track(game, after, "japan_alert") - readiness
        if track(game, after, "soviet_mask") == 0:  # seen through
            assert 10 <= error <= 30  # the truth, and Tokyo no longer lulled (+20)
            exposed.append(error)
        else:
            assert -20 <= error <= 0  # 10 of the build-up hidden from the count
            hidden.append(error)
    assert 4 <= len(exposed) <= 22  # one count in three sees through one level (0.3), 40 seeds
    assert statistics.mean(hidden) <= -6  # the deception misleads
    assert min(exposed) > max(hidden)  # and found out, it costs Moscow Tokyo's calm


def test_an_exposed_mask_brings_the_kwantung_army_to_the_border(
    game: Game, july: dict[int, State]
) -> None:
    """After an exposure Tokyo expects the attack in August: the border is manned before 9 August
    in most games, which in history's (unmasked, uncounted) games it never is."""
    manned = 0
    for seed in range(12):
        state = with_tracks(game, july[seed], soviet_mask=2)
        for _ in range(10):  # counted until the mask is seen through (0.6 a count at two levels)
            if track(game, state, "soviet_mask") == 0:
                break
            # (every day, here: the weekly cadence set aside to reach an exposure quickly)
            state = order(game, with_tracks(game, state, review_day=0), "japan:count_trains")
        assert track(game, state, "soviet_mask") == 0
        west = track(game, state, "gar_manchuria_west")
        history = drive(game, july[seed], on(game, dt.date(1945, 8, 8)))
        later = drive(game, state, on(game, dt.date(1945, 8, 8)))
        assert track(game, history, "gar_manchuria_west") == track(
            game, july[seed], "gar_manchuria_west"
        )
        manned += track(game, later, "gar_manchuria_west") > west
    assert manned >= 9


def test_pressing_the_atomic_spies_gives_a_reading_at_a_risk(game: Game) -> None:
    errors, exposures = [], 0
    for seed in range(60):
        state = historical_until(game, seed, MAY_6)
        state = with_tracks(game, state, bomb_intel=0)
        progress = track(game, state, "bomb_progress")
        friction = track(game, state, "allied_friction")
        after = order(game, state, "ussr:press_atomic_spies")
        # The programme's progress moves on (+2 a week) after the orders; a report of the
        # network's own may follow in the same week, a reading of that.
        intel = track(game, after, "bomb_intel")
        assert progress - 10 <= intel <= min(100, progress + 12)
        errors.append(intel - progress)
        rise = track(game, after, "allied_friction") - friction
        assert rise in (0, 6)
        exposures += rise == 6
    assert len(set(errors)) >= 10
    assert 4 <= exposures <= 22  # one pressed contact in five is exposed (0.2), 60 seeds
