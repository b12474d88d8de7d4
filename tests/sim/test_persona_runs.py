"""The persona runs behind the README's calibration and counterfactual tables (issue 14).

`make calibrate` and `make variants` play 200 seeds per scenario (and per variant) with every
side a `persona:fast` agent and no script read, and keep their figures in
docs/calibration/<scenario>.json and docs/variants/<scenario>.json. Those runs take about 100
minutes on two cores, too long for CI; these tests hold the recorded runs to the game as it is
instead:

- they were played by persona agents on every side, 200 seeds each;
- they read the scenario and variant files as they are now (SHA-256 of each);
- the same code replays each run's first game to the same final state (its state hash), so the
  figures are what this code gives, not what an earlier one gave (1 game per run here: 3
  calibration games and 16 variant games, about a minute on one core);
- the figures meet the issue's targets — or, where a target is not met, the README states the
  measured figure and the test lists the shortfall (`SHORT_OF_TARGET`, `NOT_MOVED`), so a
  shortfall that is mended fails here until it is taken off the list.

After a change to the engine, the agents or a scenario, run `make calibrate variants
calibrate-normal` (about two hours on two cores) and commit what it writes.
"""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest

from game.scenario.loader import digest, scenario_path, variant_path
from game.sim.batch import play_one, worker_game
from game.sim.calibration import near_text

ROOT = Path(__file__).resolve().parents[2]
SCENARIOS = ("railway-sale", "fishery-auctions", "august-1945")
GAMES = 200
TARGET = 0.60
"""Issue 14: with every side a persona agent, at least 60 % of 200 seeds near history."""

SHORT_OF_TARGET: dict[str, str] = {}
"""Scenario → why its persona calibration stays under `TARGET` (the README says so, with the
measured figure)."""

NOT_MOVED: dict[tuple[str, str], str] = {}
"""(variant, headline id) → why its persona run does not move it the way the sources argue (the
README's table shows it)."""


def _report(kind: str, scenario: str) -> dict[str, Any]:
    path = ROOT / "docs" / kind / f"{scenario}.json"
    assert path.is_file(), f"{path} is missing: run `make {kind}`"
    data: dict[str, Any] = json.loads(path.read_text(encoding="utf-8"))
    return data


def _files(scenario: str, names: list[str]) -> dict[str, Path]:
    base = scenario_path(scenario)
    out = {base.name: base}
    for name in names:
        path = variant_path(scenario, name)
        out[path.name] = path
    return out


@pytest.mark.parametrize("kind", ["calibration", "variants"])
@pytest.mark.parametrize("scenario", SCENARIOS)
def test_the_runs_are_persona_runs_of_the_files_as_they_are(kind: str, scenario: str) -> None:
    data = _report(kind, scenario)
    assert data["games"] == GAMES, data["games"]
    assert set(data["agents"].values()) == {"persona:fast"}, data["agents"]
    variants = sorted({r["variant"] for r in data.get("counterfactuals", [])})
    for name, path in _files(scenario, variants).items():
        assert data["digests"].get(name) == digest(path), (
            f"{path} changed since the recorded run: run `make {kind}`"
        )


def _replays(scenario: str, variant: str | None, agents: dict[str, str], first: list) -> None:
    index, seed, state_hash = first
    game = worker_game(scenario, variant)
    result = play_one(game, agents, seed, index)
    assert result["state_hash"] == state_hash, (
        f"{scenario} {variant or 'as in history'}, game {index}: this code plays another game "
        "than the recorded run: run `make calibrate variants`"
    )


@pytest.mark.parametrize("scenario", SCENARIOS)
def test_the_calibration_run_replays(scenario: str) -> None:
    data = _report("calibration", scenario)
    _replays(scenario, None, data["agents"], data["spot"][0])


@pytest.mark.parametrize("scenario", SCENARIOS)
def test_the_variant_runs_replay(scenario: str) -> None:
    data = _report("variants", scenario)
    for name, games in sorted(data["spot"].items()):
        _replays(scenario, None if name == "history" else name, data["agents"], games[0])


@pytest.mark.parametrize("scenario", SCENARIOS)
def test_persona_calibration_meets_the_target_or_the_readme_says_why(scenario: str) -> None:
    data = _report("calibration", scenario)
    share = data["near_history"]["share"]
    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    assert near_text(data) in readme, f"the README does not state {scenario}'s {near_text(data)}"
    if scenario not in SHORT_OF_TARGET:
        assert share >= TARGET, f"{scenario}: {near_text(data)} near history"
        return
    assert share < TARGET, f"{scenario} now meets the target: take it off SHORT_OF_TARGET"


@pytest.mark.parametrize("scenario", SCENARIOS)
def test_every_variant_moves_its_headline_figures_or_the_readme_says_why(scenario: str) -> None:
    data = _report("variants", scenario)
    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    for row in data["counterfactuals"]:
        key = (row["variant"], row["id"])
        if key not in NOT_MOVED:
            assert row["verdict"] == "moves", (key, row)
            continue
        assert row["verdict"] != "moves", f"{key} now moves: take it off NOT_MOVED"
        assert f"`{row['variant']}`" in readme, key


NORMAL_GAMES = 20
"""Games a scenario in the window-level runs (`make calibrate-normal`): a `normal` persona
thinks about twenty times longer than a `fast` one, so 20 games take about as long as 200."""


@pytest.mark.parametrize("scenario", SCENARIOS)
def test_the_window_level_runs_are_of_the_files_as_they_are_and_the_readme_states_them(
    scenario: str,
) -> None:
    """The batch level's figures are not the window's: the README states both, and these
    recordings (persona agents at `normal` on every side, no script) are held to the scenario
    files as they are. Their games are not replayed here (one takes up to half a minute)."""
    data = _report("calibration/normal", scenario)
    assert data["games"] == NORMAL_GAMES, data["games"]
    assert set(data["agents"].values()) == {"persona:normal"}, data["agents"]
    path = scenario_path(scenario)
    assert data["digests"].get(path.name) == digest(path), (
        f"{path} changed since the recorded run: run `make calibrate-normal`"
    )
    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    assert near_text(data) in readme, f"the README does not state {scenario}'s {near_text(data)}"
