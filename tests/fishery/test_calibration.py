"""Calibration: with both sides played by the historical agent, Japan's share of the grounds
follows the published path in most seeded games.

The path [001 L7-9]: 80 % of the grounds in 1928, about 50 % in 1931, frozen from 1932; in 1939
Japanese firms give up 37 old grounds and get 10 new ones, after a first auction at which the
state trust bought four. Tolerances: 1928 within 3 points of 80 %; 1931 within 10 points of 50 %;
1939 within 5 grounds of 37 given up and 3 of 10 gained. The test asks at least 75 % of 200
games to meet all of them at once (measured: 94 % over 300 seeds; the misses are seasons when
the trust's expansion failed, so a withheld lot lay idle and was let back to Japan). The path is
the scenario's `calibration:` section; `on_path`, the test's own reading, must agree with it on
every seed (`make calibrate` plays 200 games too).
"""

from __future__ import annotations

import statistics

from tests.fishery.runs import historical_runs, share

SEEDS = 200
SHARE = 0.75


def on_path(result: dict) -> bool:
    f = result["figures"]
    return (
        abs(f["share_1928"] - 80) <= 3
        and abs(f["share_1931"] - 50) <= 10
        and abs(f["lost_1939"] - 37) <= 5
        and abs(f["gained_1939"] - 10) <= 3
        and result["end"] == "season_1939"
    )


def test_japanese_share_follows_the_historical_path_in_most_games() -> None:
    runs = historical_runs(None, SEEDS)
    assert share(runs, lambda r: r["near_history"]) >= SHARE


def test_the_calibration_section_agrees_with_the_tests_reading() -> None:
    for result in historical_runs(None, SEEDS):
        assert result["near_history"] == on_path(result), (result["seed"], result["calibration"])


def test_the_path_is_not_a_script() -> None:
    """Chance matters: the 1931 share is not the same in every game, and the median is history's."""
    runs = historical_runs(None, SEEDS)
    shares = [r["figures"]["share_1931"] for r in runs]
    assert len(set(shares)) > 1
    assert statistics.median(shares) == 50


def test_historical_play_ends_in_the_historical_outcome_class() -> None:
    runs = historical_runs(None, SEEDS)
    assert share(runs, lambda r: r["outcome"] == "historical") >= SHARE
    assert share(runs, lambda r: r["figures"]["trust_mar39"] == 4) >= SHARE
