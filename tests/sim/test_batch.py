"""Batch runs: the same seed gives the same results whatever the worker count."""

from __future__ import annotations

from hypothesis import given
from hypothesis import strategies as st

from game import load_game
from game.sim.batch import (
    CHUNKS_PER_WORKER,
    BatchSpec,
    chunk_size,
    figures,
    game_seed,
    run_batch,
)
from game.sim.summary import summarise


def _spec(games: int = 12) -> BatchSpec:
    return BatchSpec("railway-sale", None, (("ussr", "greedy"), ("japan", "random")), games, 5)


def test_results_do_not_depend_on_worker_count() -> None:
    one = list(run_batch(_spec(), workers=1))
    two = list(run_batch(_spec(), workers=2))
    assert one == two
    assert [r["game"] for r in one] == list(range(12))


def test_game_seeds_differ_and_are_stable() -> None:
    seeds = [game_seed(5, i) for i in range(100)]
    assert len(set(seeds)) == 100
    assert seeds == [game_seed(5, i) for i in range(100)]
    assert game_seed(6, 0) != game_seed(5, 0)


def test_summary_counts_every_game() -> None:
    results = list(run_batch(_spec(30), workers=1))
    summary = summarise(results, load_game("railway-sale").rules)
    assert sum(c["count"] for c in summary["classes"]) == 30
    assert abs(sum(c["share"] for c in summary["classes"]) - 1) < 1e-9
    assert set(summary["mean_scores"]) == {"ussr", "japan"}
    assert summary["baseline"]["outcome_class"] == "historical"


def test_result_lines_carry_key_figures() -> None:
    result = next(run_batch(_spec(1), workers=1))
    for key in ("seed", "agents", "outcome", "end", "scores", "figures", "state_hash", "turns"):
        assert key in result
    assert {"deal_price", "agreed", "signed"} <= set(result["figures"])


def test_summary_gives_medians_and_middle_halves_of_figures() -> None:
    rules = load_game("railway-sale").rules
    unset = {"ceiling_report": None, "japan_credibility": 3}  # figures the test does not read
    games = [
        {"outcome": "x", "scores": {"ussr": 0, "japan": 0}, "figures": figures | unset}
        for figures in (
            {
                "deal_price": 60.0,
                "agreed": "1934-09-01",
                "signed": None,
                "tension": 10,
                "arrests": 0,
            },
            {
                "deal_price": 70.0,
                "agreed": "1934-11-01",
                "signed": None,
                "tension": 20,
                "arrests": 0,
            },
            {"deal_price": 80.0, "agreed": None, "signed": None, "tension": 30, "arrests": 0},
        )
    ]
    figs = summarise(games, rules)["figures"]
    assert (figs["deal_price"]["median"], figs["deal_price"]["q1"], figs["deal_price"]["q3"]) == (
        70.0,
        65.0,
        75.0,
    )
    assert figs["agreed"]["set_in"] == 2
    # The agreement is a monthly turn's date: the median of September and November is the turn
    # between them, October, told at the month's precision (not a day between two turns).
    assert figs["agreed"]["median"] == "1934-10-01"
    assert figs["agreed"]["precision"] == "month"
    assert figs["signed"]["set_in"] == 0
    assert "median" not in figs["signed"]


def test_a_record_not_yet_set_is_no_figure() -> None:
    """The fishery's share after 1931 holds -1 until that season: no figure, not a share of -1."""
    game = load_game("fishery-auctions")
    state = game.initial_state(1)
    assert figures(game.rules, state)["share_1931"] is None
    assert figures(game.rules, state)["share_end"] == 80.0  # an ordinary value figure


def test_a_date_median_is_a_turn_of_the_calendar() -> None:
    """Two games agreeing a month apart: the median is one of the calendar's turns (the later
    one: halves round up), never the 16th between them; its interval needs six games or more."""
    rules = load_game("railway-sale").rules
    unset = {"ceiling_report": None, "japan_credibility": 3, "signed": None, "tension": 0}
    games = [
        {"outcome": "x", "scores": {"ussr": 0, "japan": 0}}
        | {"figures": {"deal_price": 60.0, "agreed": day, "arrests": 0} | unset}
        for day in ("1934-09-01", "1934-10-01")
    ]
    agreed = summarise(games, rules)["figures"]["agreed"]
    assert agreed["median"] == "1934-10-01"
    assert agreed["median"] in {d.isoformat() for d in rules.calendar}
    assert agreed["low"] is None
    assert agreed["high"] is None


def test_summary_gives_intervals_for_shares_scores_and_medians() -> None:
    results = list(run_batch(_spec(30), workers=1))
    summary = summarise(results, load_game("railway-sale").rules)
    for cls in summary["classes"]:
        assert cls["low"] <= cls["share"] <= cls["high"]
        assert cls["low"] >= 0.0
        assert cls["high"] <= 1.0
    for side, mean in summary["mean_scores"].items():
        low, high = summary["score_ci"][side]
        assert low <= mean <= high
    price = summary["figures"]["deal_price"]
    values = sorted(r["figures"]["deal_price"] for r in results if r["figures"]["deal_price"])
    assert price["low"] in values
    assert price["high"] in values
    assert price["low"] <= price["median"] <= price["high"]


@given(st.integers(1, 1_000_000), st.integers(1, 64))
def test_a_run_is_cut_into_chunks_small_enough_to_finish_together(jobs: int, workers: int) -> None:
    """Each worker's share is cut into about `CHUNKS_PER_WORKER` chunks (fewer only where the
    cap of 64 games a chunk, or a single game, binds), so the last chunk is a small part of it."""
    size = chunk_size(jobs, workers)
    assert 1 <= size <= 64
    if 1 < size < 64:
        assert jobs // (workers * size) >= CHUNKS_PER_WORKER
        assert jobs // (workers * (size + 1)) < CHUNKS_PER_WORKER
