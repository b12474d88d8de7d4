"""Calibration against history: all-historical play of August 1945 ends near history.

FACTS.md §3.7: the Soviet attack on 9 August (18:00 Moscow time on 8 August) [003 ¶51-52];
Japan's acceptance on 14 August [003 ¶58]; Manchuria, southern Sakhalin and all the Kurils in
Soviet hands by 5 September [003 ¶58-59; ¶76]; no Soviet zone on Hokkaido [003 ¶66; ¶83]. The
issue asks at least 70 % of seeded all-historical games to land there; the surrender must come
out of the model (the peace party crossing the Emperor's hidden threshold, with chance), not
from a dated event. 150 seeds here (the 500-seed figure is reported with the scenario; `make
calibrate` plays 200). "Near history" is the scenario's `calibration:` section; the test's own
reading (`near_history`) must agree with it on every seed.
"""

from __future__ import annotations

import datetime as dt

from tests.august.runs import historical_runs, median_acceptance, near_history

SEEDS = 150
SHARE = 0.70


def test_most_historical_games_land_near_history() -> None:
    runs = historical_runs(None, SEEDS)
    near = [r for r in runs if r.near_by_section]
    assert len(near) / len(runs) >= SHARE, f"only {len(near)} of {len(runs)} near history"


def test_the_calibration_section_agrees_with_the_tests_reading() -> None:
    """The section's verdict is the test's reading of near-history, seed by seed."""
    for result in historical_runs(None, SEEDS):
        assert result.near_by_section == near_history(result), (result.seed, result.checks)


def test_the_historical_outcome_class_agrees_with_the_tests_reading() -> None:
    """The scenario's class "historical" is exactly the test's reading of near-history."""
    for result in historical_runs(None, SEEDS):
        assert (result.outcome == "historical") == near_history(result), result


def test_the_surrender_date_varies_with_the_seed() -> None:
    """Chance is in the model: acceptance dates spread over several days."""
    runs = historical_runs(None, SEEDS)
    assert len({r.accepted for r in runs}) >= 5
    assert len({r.offer for r in runs}) >= 4


def test_median_acceptance_is_within_a_day_of_history() -> None:
    median = median_acceptance(historical_runs(None, SEEDS))
    assert dt.date(1945, 8, 13) <= median <= dt.date(1945, 8, 15), median


def test_the_game_goes_on_after_japans_acceptance() -> None:
    """After the acceptance the Soviet offensive goes on until it is done or 5 September
    [003 ¶58; ¶76]: every game that saw Soviet entry ends later than the acceptance."""
    for result in historical_runs(None, SEEDS):
        assert result.war is not None
        assert result.end in {"operations_complete", "calendar_end"}, result.end
        assert result.accepted is None or result.end_date > result.accepted
