"""Tournaments: paired seeds, results independent of the worker count, tables and the report."""

from __future__ import annotations

import statistics
from collections import defaultdict
from typing import Any

import pytest

from game import Game, load_game
from game.sim.batch import BatchSpec, expected_lines, game_seed, run_batch, run_batches
from game.sim.tables import report, tables
from game.sim.tournament import (
    Tally,
    TournamentSpec,
    agent_list,
    batches,
    seat_list,
    summarise_tournament,
)

GAMES = 6


@pytest.fixture(scope="module")
def railway() -> Game:
    return load_game("railway-sale")


def _spec(games: int = GAMES, agents: tuple[str, ...] = ("random", "historical")) -> TournamentSpec:
    return TournamentSpec(
        "railway-sale",
        None,
        ("ussr", "japan"),
        ("ussr", "japan"),
        agents,
        ("historical",),
        games,
        9,
    )


@pytest.fixture(scope="module")
def results() -> list[dict[str, Any]]:
    return list(run_batches(batches(_spec()), workers=1))


def test_each_agent_plays_the_seat_against_the_opponents(results: list[dict[str, Any]]) -> None:
    assert len(results) == _spec().total == 2 * 1 * 2 * GAMES
    for r in results:
        others = {f: a for f, a in r["agents"].items() if f != r["seat"]}
        assert r["agents"][r["seat"]] == r["agent"]
        assert set(others.values()) == {r["opponents"]}


def test_seeds_are_paired_across_the_agents_of_a_cell(results: list[dict[str, Any]]) -> None:
    seeds: dict[tuple[str, str, int], set[int]] = defaultdict(set)
    agents: dict[tuple[str, str, int], list[str]] = defaultdict(list)
    for r in results:
        key = (r["seat"], r["opponents"], r["game"])
        seeds[key].add(r["seed"])
        agents[key].append(r["agent"])
    assert all(len(s) == 1 for s in seeds.values())  # game i: one seed for every agent
    assert all(sorted(a) == ["historical", "random"] for a in agents.values())
    assert {next(iter(s)) for s in seeds.values()} == {game_seed(9, i) for i in range(GAMES)}


def test_a_paired_game_is_the_very_game_simulate_plays(results: list[dict[str, Any]]) -> None:
    """Historical in the seat against historical opponents is simulate's all-historical batch of
    the same seed, game for game (same end state): the pairs are real games, not relabelled."""
    plain = run_batch(
        BatchSpec(
            "railway-sale", None, (("ussr", "historical"), ("japan", "historical")), GAMES, 9
        ),
        workers=1,
    )
    hashes = [r["state_hash"] for r in plain]
    for seat in ("ussr", "japan"):
        mine = [r for r in results if r["seat"] == seat and r["agent"] == "historical"]
        assert [r["state_hash"] for r in mine] == hashes


def test_results_do_not_depend_on_worker_count(results: list[dict[str, Any]]) -> None:
    assert list(run_batches(batches(_spec()), workers=2)) == results


def test_lines_list_the_seats_dated_orders(results: list[dict[str, Any]], railway: Game) -> None:
    calendar = {day.isoformat() for day in railway.rules.calendar}
    for r in results:
        assert r["orders"], "every agent here gives orders in the railway sale"
        for date, text in r["orders"]:
            assert date in calendar
            assert text.startswith(f"{r['seat']}:")
            assert text != f"{r['seat']}:end"
            railway.parse_action(text)  # a real order, in the engine's notation
        dates = [date for date, _ in r["orders"]]
        assert dates == sorted(dates)


def test_resume_knows_each_line(results: list[dict[str, Any]]) -> None:
    expected = expected_lines(batches(_spec()), "railway-sale", None)
    for i, r in enumerate(results):
        assert {k: r[k] for k in expected(i)} == expected(i)
    assert expected(GAMES)["game"] == 0  # the next agent's first game
    assert expected(GAMES)["agent"] == "historical"


def _summary(results: list[dict[str, Any]], game: Game) -> dict[str, Any]:
    tally = Tally()
    for r in results:
        tally.add(r)
    return summarise_tournament(_spec(), tally, game, report=True)


def test_table_numbers_are_the_games(results: list[dict[str, Any]], railway: Game) -> None:
    summary = _summary(results, railway)
    assert [(c["seat"], c["opponents"]) for c in summary["cells"]] == [
        ("ussr", "historical"),
        ("japan", "historical"),
    ]
    for cell in summary["cells"]:
        seat = cell["seat"]
        scores = {
            a: [r["scores"][seat] for r in results if (r["seat"], r["agent"]) == (seat, a)]
            for a in ("random", "historical")
        }
        for row in cell["rows"]:
            assert row["mean"] == pytest.approx(statistics.fmean(scores[row["agent"]]))
            assert row["low"] <= row["mean"] <= row["high"]
            assert sum(c["count"] for c in row["outcomes"]) == GAMES
        (pair,) = cell["pairs"]
        assert (pair["agent"], pair["against"]) == ("historical", "random")
        diffs = [h - r for h, r in zip(scores["historical"], scores["random"], strict=True)]
        assert pair["diff"] == pytest.approx(statistics.fmean(diffs))
        assert pair["wins"] == sum(d > 0 for d in diffs)
        assert pair["wins"] + pair["ties"] + pair["losses"] == GAMES
    text = tables(summary)
    assert "| ussr | historical | historical − random |" in text


def test_report_lists_the_orders_given(results: list[dict[str, Any]], railway: Game) -> None:
    summary = _summary(results, railway)
    row = summary["cells"][0]["rows"][1]  # historical as the USSR
    given = {text for r in results if (r["seat"], r["agent"]) == ("ussr", "historical")
             for _, text in r["orders"]}  # fmt: skip
    assert row["orders"]
    assert row["distinct_orders"] == len(given)
    for order in row["orders"]:
        assert order["order"] in given
        assert order["label"] == railway.label(railway.parse_action(order["order"]))
        assert order["first"] <= order["q1"] <= order["median"] <= order["q3"] <= order["last"]
        assert 0 < order["share"] <= 1
    shares = [o["share"] for o in row["orders"]]
    assert shares == sorted(shares, reverse=True)  # the most frequent first
    text = report(summary)
    assert "## ussr played by historical" in text
    assert f"`{row['orders'][0]['order']}`" in text
    assert row["orders"][0]["label"] in text


def test_tally_refuses_games_out_of_order(results: list[dict[str, Any]]) -> None:
    tally = Tally()
    with pytest.raises(ValueError, match="game 1"):
        tally.add(results[1])


def test_agent_and_seat_lists(railway: Game) -> None:
    assert agent_list(" random, greedy ,historical", "--agents") == (
        "random",
        "greedy",
        "historical",
    )
    for text, message in [
        ("random,genius", "unknown agent 'genius'"),
        ("greedy:hard", "has no levels"),
        ("random,random", "random named twice"),
        (" , ", "at least one agent"),
    ]:
        with pytest.raises(ValueError, match=message):
            agent_list(text, "--agents")
    assert seat_list("", railway) == ("ussr", "japan")
    assert seat_list("japan", railway) == ("japan",)
    with pytest.raises(ValueError, match="unknown faction 'china'"):
        seat_list("china", railway)
