"""Behaviour fixed before the architecture change of issue 10: `simulate` JSONL and save files.

`python -m tests.sim.frozen --write` records them into `tests/data/frozen/` (review the diff: a
change there is a change of the game's behaviour). `test_frozen.py` replays the same commands and
compares the bytes.
"""

from __future__ import annotations

import sys
import tempfile
from pathlib import Path

from click.testing import CliRunner

from game.cli import cli

FOLDER = Path(__file__).resolve().parent.parent / "data" / "frozen"
SCENARIOS = {
    "railway-sale": ("ussr", "japan"),
    "august-1945": ("ussr", "japan", "usa"),
    "fishery-auctions": ("ussr", "japan"),
}
RUNS = (("random", 200), ("historical", 200), ("greedy", 12))
"""Agent for every side, and the number of games (greedy plans, so it is slower)."""
RECORD_SEEDS = (5, 6)


def agents_for(scenario: str, agent: str, mixed: bool = False) -> str:
    """Returns `--agents` for every side playing `agent` (or, `mixed`, the first side
    `agent` and the others random)."""
    sides = SCENARIOS[scenario]
    return ",".join(
        f"{s}={agent if not mixed or i == 0 else 'random'}" for i, s in enumerate(sides)
    )


def simulate_bytes(scenario: str, agent: str, games: int) -> bytes:
    """Returns the JSONL that `simulate` writes for this run."""
    with tempfile.TemporaryDirectory() as tmp:
        out = Path(tmp) / "runs.jsonl"
        args = ["simulate", "--scenario", scenario, "--games", str(games), "--seed", "11"]
        args += ["--agents", agents_for(scenario, agent), "--workers", "1", "--no-progress"]
        result = CliRunner().invoke(cli, [*args, "--out", str(out)])
        assert result.exit_code == 0, result.output
        return out.read_bytes()


def record_bytes(scenario: str, seed: int) -> bytes:
    """Returns the save file that `record` writes for one game (historical first side)."""
    with tempfile.TemporaryDirectory() as tmp:
        out = Path(tmp) / "game.json"
        args = ["record", "--scenario", scenario, "--seed", str(seed), "--out", str(out)]
        args += ["--agents", agents_for(scenario, "historical", mixed=True)]
        result = CliRunner().invoke(cli, args)
        assert result.exit_code == 0, result.output
        return out.read_bytes()


def sim_path(scenario: str, agent: str) -> Path:
    return FOLDER / f"{scenario}-{agent}.jsonl"


def save_path(scenario: str, seed: int) -> Path:
    return FOLDER / f"{scenario}-save{seed}.json"


def write() -> None:
    FOLDER.mkdir(parents=True, exist_ok=True)
    for scenario in SCENARIOS:
        for agent, games in RUNS:
            sim_path(scenario, agent).write_bytes(simulate_bytes(scenario, agent, games))
        for seed in RECORD_SEEDS:
            save_path(scenario, seed).write_bytes(record_bytes(scenario, seed))


if __name__ == "__main__":
    if sys.argv[1:] != ["--write"]:
        sys.exit("usage: python -m tests.sim.frozen --write")
    write()
