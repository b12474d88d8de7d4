"""Issue 16 item 7: the Ray backend on a Ray instance this module starts (one for the module).
The same seed gives the same result lines, in the same order, and the same summary on either
backend at any worker count; a Ray driver killed mid-run loses no finished game and --resume
completes the file byte for byte. Skipped, with the reason, only where Ray is not installed."""

from __future__ import annotations

import json
import os
import secrets
import signal
import subprocess
import sys
import time
from collections.abc import Iterator
from pathlib import Path

import pytest
from click.testing import CliRunner

from game.cli import cli

ray = pytest.importorskip("ray", reason="Ray is not installed here (pip install amur[dist])")

ROOT = Path(__file__).resolve().parents[2]
SIMULATE = ["simulate", "--scenario", "august-1945", "--seed", "7", "--no-progress",
            "--agents", "ussr=historical,japan=random,usa=historical"]  # fmt: skip


@pytest.fixture(scope="module")
def cluster() -> Iterator[str]:
    """A Ray instance of 2 CPUs for this module; its address, for the drivers started in
    subprocesses, which reach it with a token made here for it (Ray's token authentication)."""
    saved = {k: os.environ.get(k) for k in ("RAY_AUTH_MODE", "RAY_AUTH_TOKEN")}
    os.environ["RAY_AUTH_TOKEN"] = secrets.token_hex(32)  # ray.init turns token mode on
    ray.init(address="local", num_cpus=2, include_dashboard=False, log_to_driver=False)
    try:
        yield str(ray.get_runtime_context().gcs_address)
    finally:
        ray.shutdown()
        for key, value in saved.items():
            if value is None:
                os.environ.pop(key, None)
            else:
                os.environ[key] = value


def _run(args: list[str]) -> str:
    result = CliRunner().invoke(cli, args)
    assert result.exit_code == 0, result.output
    return result.output


def _main(args: list[str]) -> None:
    """Runs the command line in a process of its own (where forking worker processes is safe:
    this one holds Ray's threads)."""
    done = subprocess.run(
        [sys.executable, str(ROOT / "main.py"), *args], cwd=ROOT, capture_output=True, check=False
    )
    assert done.returncode == 0, done.stderr.decode()


GAMES = ["--games", "16", "--levels"]


def _files(folder: Path, name: str) -> list[str]:
    return ["--out", str(folder / f"{name}.jsonl"), "--summary", str(folder / f"{name}.json")]


def test_simulate_is_the_same_on_every_backend_and_worker_count(
    cluster: str, tmp_path: Path
) -> None:
    runs = {
        "local-1": ["--workers", "1"],
        "ray-1": ["--backend", "ray", "--workers", "1"],
        "ray-2": ["--backend", "ray", "--workers", "2"],
    }
    printed = {}
    for name, flags in runs.items():
        printed[name] = _run([*SIMULATE, *GAMES, *flags, *_files(tmp_path, name)])
    _main([*SIMULATE, *GAMES, "--workers", "2", *_files(tmp_path, "local-2")])
    lines = (tmp_path / "local-1.jsonl").read_bytes()
    assert [json.loads(x)["game"] for x in lines.splitlines()] == list(range(16))
    assert len({json.loads(x)["outcome"] for x in lines.splitlines()}) > 1  # games that differ
    for name in [*runs, "local-2"]:
        assert (tmp_path / f"{name}.jsonl").read_bytes() == lines, name
        assert (tmp_path / f"{name}.json").read_bytes() == (tmp_path / "local-1.json").read_bytes()
    assert printed["ray-1"] == printed["ray-2"] == printed["local-1"]


TOURNAMENT = ["tournament", "--scenario", "railway-sale", "--agents", "random,historical",
              "--opponents", "historical", "--games", "3", "--seed", "4",
              "--no-progress"]  # fmt: skip
BRANCH = ["branch", "--scenario", "railway-sale", "--at", "1934-06-01", "--games", "6",
          "--agents", "all=random", "--seed", "2", "--no-progress"]  # fmt: skip
OUTPUTS = ["t-{}.jsonl", "t-{}.json", "b-{}/results.jsonl", "b-{}/summary.json", "b-{}/branch.md"]


def test_tournament_and_branch_are_the_same_on_ray(cluster: str, tmp_path: Path) -> None:
    for name, flags in (("local", ["--workers", "1"]), ("ray", ["--backend", "ray"])):
        out = ["--out", str(tmp_path / f"t-{name}.jsonl")]
        _run([*TOURNAMENT, *flags, *out, "--summary", str(tmp_path / f"t-{name}.json")])
        _run([*BRANCH, *flags, "--out", str(tmp_path / f"b-{name}")])
    for file in OUTPUTS:
        local, remote = (tmp_path / file.format(n) for n in ("local", "ray"))
        assert local.read_bytes() == remote.read_bytes(), file
    assert (tmp_path / "t-ray.jsonl").read_bytes().count(b"\n") == 12


def _lines(path: Path) -> int:
    return path.read_bytes().count(b"\n") if path.exists() else 0


def test_a_killed_ray_driver_loses_no_finished_game(cluster: str, tmp_path: Path) -> None:
    games = ["--games", "160"]
    reference = tmp_path / "reference.jsonl"
    _run([*SIMULATE, *games, "--workers", "1", "--out", str(reference)])
    out = tmp_path / "killed.jsonl"
    ray_flags = ["--backend", "ray", "--workers", "2"]
    driver = subprocess.Popen(
        [
            sys.executable,
            str(ROOT / "main.py"),
            *SIMULATE,
            *games,
            *ray_flags,
            "--address",
            cluster,
            "--out",
            str(out),
        ],
        cwd=ROOT,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )
    deadline = time.monotonic() + 120
    while driver.poll() is None and _lines(out) == 0 and time.monotonic() < deadline:
        time.sleep(0.02)  # until the driver has written a finished game
    assert driver.poll() is None, "the run ended before it could be killed"
    driver.send_signal(signal.SIGKILL)
    driver.wait()
    kept = _lines(out)
    assert 0 < kept < 160
    assert reference.read_bytes().startswith(out.read_bytes()[: out.read_bytes().rfind(b"\n") + 1])
    _run([*SIMULATE, *games, *ray_flags, "--out", str(out), "--resume"])
    assert out.read_bytes() == reference.read_bytes()


COMPARE = ["compare", "--scenario", "railway-sale", "--variants", "army_unrestrained",
           "--agents", "all=random", "--games", "4", "--seed", "3", "--no-progress"]  # fmt: skip


def test_compare_is_the_same_on_ray(cluster: str, tmp_path: Path) -> None:
    """A comparison's runs (the scenario and a variant on paired seeds) give the same report."""
    pytest.importorskip("matplotlib", reason="compare's plots need the report extra")
    for name, flags in (("local", ["--workers", "1"]), ("ray", ["--backend", "ray"])):
        printed = _run([*COMPARE, *flags, "--out", str(tmp_path / name)])
        assert "(Ray)" in printed or name == "local"
    for file in ("report.csv", "report.html"):
        local, remote = (tmp_path / n / file for n in ("local", "ray"))
        assert local.read_bytes() == remote.read_bytes(), file
