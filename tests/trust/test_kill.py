"""Issue 11: a killed `simulate` keeps every finished game, `--resume` continues it without
repeating or losing one, and its workers die with it. The run is killed (SIGKILL) at random
moments in a subprocess, then resumed, until it is done; the file must be byte for byte the
file of a run never killed."""

from __future__ import annotations

import random
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest
from click.testing import CliRunner

from game.cli import cli

ROOT = Path(__file__).resolve().parents[2]
GAMES = "240"
ARGS = ["simulate", "--scenario", "august-1945", "--games", GAMES, "--seed", "5",
        "--agents", "ussr=historical,japan=historical,usa=historical", "--no-progress"]  # fmt: skip


def lines(path: Path) -> int:
    return path.read_bytes().count(b"\n") if path.exists() else 0


def survivors(marker: str) -> list[int]:
    """Returns the processes whose command line holds `marker` (Linux /proc)."""
    out = []
    for entry in Path("/proc").iterdir():
        if entry.name.isdigit():
            try:
                cmdline = (entry / "cmdline").read_bytes()
            except OSError:
                continue
            if marker.encode() in cmdline:
                out.append(int(entry.name))
    return out


@pytest.mark.skipif(not Path("/proc/self/cmdline").exists(), reason="needs Linux /proc")
def test_killed_runs_resume_to_the_same_file(tmp_path: Path) -> None:
    reference = tmp_path / "reference.jsonl"
    result = CliRunner().invoke(cli, [*ARGS, "--workers", "1", "--out", str(reference)])
    assert result.exit_code == 0, result.output
    out = tmp_path / "killed.jsonl"
    command = [sys.executable, str(ROOT / "main.py"), *ARGS, "--workers", "2", "--out", str(out)]
    rng = random.Random(20261203)
    kills = 0
    for _ in range(8):
        before = lines(out)
        proc = subprocess.Popen(
            [*command, *(["--resume"] if out.exists() else [])],
            cwd=ROOT,
            stdout=subprocess.DEVNULL,
            stderr=subprocess.DEVNULL,
        )
        deadline = time.monotonic() + 60
        while proc.poll() is None and lines(out) <= before and time.monotonic() < deadline:
            time.sleep(0.02)  # until this run has finished a game of its own
        time.sleep(rng.uniform(0.0, 0.4))
        if proc.poll() is not None:
            break
        proc.send_signal(signal.SIGKILL)
        proc.wait()
        kills += 1
        gone = time.monotonic() + 10
        while survivors(str(out)) and time.monotonic() < gone:
            time.sleep(0.05)
        assert survivors(str(out)) == [], "a worker outlived the killed run"
    else:
        done = subprocess.run([*command, "--resume"], cwd=ROOT, capture_output=True, check=False)
        assert done.returncode == 0, done.stderr
    assert kills >= 1
    assert out.read_bytes() == reference.read_bytes()
    assert lines(out) == int(GAMES)


def test_resume_refuses_another_runs_file(tmp_path: Path) -> None:
    out = tmp_path / "runs.jsonl"
    small = ["simulate", "--games", "3", "--seed", "1", "--workers", "1", "--no-progress"]
    assert CliRunner().invoke(cli, [*small, "--out", str(out)]).exit_code == 0
    other = [*small[:4], "2", *small[5:]]  # another batch seed
    result = CliRunner().invoke(cli, [*other, "--out", str(out), "--resume"])
    assert result.exit_code == 1
    assert "from another run" in result.output
    half = out.read_bytes() + b'{"game": 3, "se'
    out.write_bytes(half)
    result = CliRunner().invoke(cli, [*small[:2], "4", *small[3:], "--out", str(out), "--resume"])
    assert result.exit_code == 0, result.output
    assert lines(out) == 4  # the half line was cut, game 3 played once


def test_resume_refuses_a_csv_results_file(tmp_path: Path) -> None:
    """Only JSONL can be resumed (CSV flattens the results): `--resume` with a .csv --out is
    a clear error before any game, whether the file is there or not, and the file is kept."""
    out = tmp_path / "runs.csv"
    small = ["simulate", "--seed", "1", "--workers", "1", "--no-progress", "--out", str(out)]
    assert CliRunner().invoke(cli, [*small, "--games", "3"]).exit_code == 0
    before = out.read_bytes()
    for present in (True, False):
        if not present:
            out.unlink()
        result = CliRunner().invoke(cli, [*small, "--games", "5", "--resume"])
        assert result.exit_code == 1
        assert "--resume continues a .jsonl results file" in result.output
        assert "Traceback" not in result.output
        assert out.exists() == present
        assert not present or out.read_bytes() == before
