"""Search in headless runs (issue 12): `simulate --agents ussr=mcts…` on several workers gives
the same file as on one, and `--explain` writes each agent's reasons."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from game.cli import main


def _simulate(tmp_path: Path, name: str, *extra: str) -> Path:
    out = tmp_path / name
    code = main(
        [
            "simulate",
            "--scenario",
            "railway-sale",
            "--games",
            "3",
            "--seed",
            "5",
            "--agents",
            "ussr=mcts:easy,japan=greedy",
            "--no-progress",
            "--out",
            str(out),
            *extra,
        ]
    )
    assert code == 0
    return out


def test_search_runs_are_identical_for_any_worker_count(tmp_path: Path) -> None:
    one = _simulate(tmp_path, "one.jsonl", "--workers", "1", "--explain")
    two = _simulate(tmp_path, "two.jsonl", "--workers", "2", "--explain")
    assert one.read_bytes() == two.read_bytes()
    games = [json.loads(line) for line in one.read_text().splitlines()]
    assert [g["agents"]["ussr"] for g in games] == ["mcts:easy"] * 3
    reasons = games[0]["reasons"]
    searched = [r for r in reasons if r["agent"] == "mcts:easy"]
    greedy = [r for r in reasons if r["agent"] == "greedy"]
    assert searched
    assert greedy
    assert all(r["side"] == "ussr" for r in searched)
    first = searched[0]
    assert first["chosen"] == first["weighed"][0]["action"]
    assert first["weighed"][0]["visits"] >= first["weighed"][-1]["visits"]
    assert "expected score" in first["why"]


def test_explain_needs_a_jsonl_file(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    code = main(
        [
            "simulate",
            "--games",
            "1",
            "--explain",
            "--no-progress",
            "--out",
            str(tmp_path / "x.csv"),
        ]
    )
    assert code != 0
    assert "--explain" in capsys.readouterr().err
