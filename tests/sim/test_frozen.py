"""Behaviour is byte-identical to what was recorded before the architecture change (issue 10):
`simulate` JSONL per scenario and agent, and `record` save files, which also still replay."""

from __future__ import annotations

import pytest
from click.testing import CliRunner

from game.cli import cli
from tests.sim import frozen

RUNS = [(s, agent, games) for s in frozen.SCENARIOS for agent, games in frozen.RUNS]
SAVES = [(s, seed) for s in frozen.SCENARIOS for seed in frozen.RECORD_SEEDS]


@pytest.mark.parametrize(("scenario", "agent", "games"), RUNS)
def test_simulate_output_is_unchanged(scenario: str, agent: str, games: int) -> None:
    expected = frozen.sim_path(scenario, agent).read_bytes()
    got = frozen.simulate_bytes(scenario, agent, games)
    assert got.count(b"\n") == games
    assert got == expected, f"simulate output of {scenario} ({agent}) changed"


@pytest.mark.parametrize(("scenario", "seed"), SAVES)
def test_saves_are_unchanged_and_replay(scenario: str, seed: int) -> None:
    path = frozen.save_path(scenario, seed)
    assert frozen.record_bytes(scenario, seed) == path.read_bytes()
    result = CliRunner().invoke(cli, ["replay", str(path)])
    assert result.exit_code == 0, result.output
