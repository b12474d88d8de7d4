"""`simulate --levels`: each result line holds every side's par, margin and victory level; the
summary holds each level's share; without the flag the results are what they always were."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from game import load_game
from game.cli import main
from game.core.victory import Level
from game.sim.par import par_of
from tests.scenario.helpers import RAILWAY_TEXT, edit

COMMON = [
    "simulate",
    "--scenario",
    "railway-sale",
    "--games",
    "6",
    "--seed",
    "2",
    "--agents",
    "ussr=greedy,japan=historical",
    "--workers",
    "1",
    "--no-progress",
]


def test_simulate_levels_adds_par_margin_and_level_per_side(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    plain, judged, summary = tmp_path / "a.jsonl", tmp_path / "b.jsonl", tmp_path / "s.json"
    assert main([*COMMON, "--out", str(plain)]) == 0
    capsys.readouterr()
    assert main([*COMMON, "--levels", "--out", str(judged), "--summary", str(summary)]) == 0
    printed = capsys.readouterr().out
    assert "victory levels against par" in printed
    game = load_game("railway-sale")
    before = [json.loads(line) for line in plain.read_text().splitlines()]
    after = [json.loads(line) for line in judged.read_text().splitlines()]
    for old, new in zip(before, after, strict=True):
        assert "levels" not in old
        assert {k: v for k, v in new.items() if k not in {"par", "margin", "levels"}} == old
        par = par_of(game, new["seed"]).final()
        for f in game.rules.factions:
            assert new["par"][f.id] == round(par[f.index], 4)
            assert new["margin"][f.id] == pytest.approx(new["scores"][f.id] - par[f.index])
            assert new["levels"][f.id] in {
                "decisive victory",
                "marginal victory",
                "draw",
                "marginal defeat",
                "decisive defeat",
            }
    data = json.loads(summary.read_text())
    assert data["victory"] == {"unit": "M gold rubles", "draw": 4.0, "decisive": 12.0}
    for side in ("ussr", "japan"):
        shares = data["levels"][side]["levels"]
        assert [e["level"] for e in shares] == [lv.value for lv in reversed(Level)]
        assert sum(e["count"] for e in shares) == 6
        expected = sum(1 for line in after if line["levels"][side] == "draw")
        assert next(e["count"] for e in shares if e["level"] == "draw") == expected


def test_simulate_levels_needs_victory_margins(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    plain = tmp_path / "plain.yaml"
    section = "victory: {unit: M gold rubles, draw: 4, decisive: 12}"
    plain.write_text(edit(RAILWAY_TEXT, section, ""), encoding="utf-8")
    args = ["simulate", "--scenario", str(plain), "--games", "1", "--levels", "--no-progress"]
    code = main(args)
    captured = capsys.readouterr()
    assert code != 0
    assert "gives no victory margins" in captured.out + captured.err


def test_tournament_levels_tables_each_agents_margin_and_levels(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    summary = tmp_path / "t.json"
    args = ["tournament", "--scenario", "railway-sale", "--agents", "random,historical"]
    args += ["--opponents", "historical", "--seats", "ussr", "--games", "3", "--workers", "1"]
    args += ["--no-progress", "--levels", "--summary", str(summary)]
    assert main(args) == 0
    printed = capsys.readouterr().out
    assert "| margin over par (95 % CI) | decisive victory |" in printed
    rows = {r["agent"]: r for r in json.loads(summary.read_text())["cells"][0]["rows"]}
    # The historical USSR against historical opponents is the par's own game: a draw, by 0.
    assert rows["historical"]["margin"]["mean"] == 0
    draw = next(e for e in rows["historical"]["levels"] if e["level"] == "draw")
    assert draw["share"] == 1
    assert sum(e["count"] for e in rows["random"]["levels"]) == 3
