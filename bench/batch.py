"""Batch-run benchmark (issue 16, "Speed"): games/s of `simulate` at 1, 2 and all local workers,
and the same through Ray (a Ray instance on this machine), with the load average beside them.

Run as `python bench/batch.py --out bench/BATCH_RESULTS.md` (what `make bench` does). Each figure
is the median of `--repeats` runs of the `simulate` command itself (in this process, through
click's test runner: no interpreter start-up, but the scenario's loading, the results file and
the summary included) of `--games` games, after one untimed warm-up run per configuration. The
local runs come first (their pool forks this process, which must not yet hold Ray's threads);
Ray's instance is started once, and its start-up is timed and reported on its own. Every run's
results file must be byte for byte the first's: the benchmark checks it.
"""

from __future__ import annotations

import argparse
import datetime
import os
import platform
import statistics
import sys
import tempfile
from dataclasses import dataclass
from pathlib import Path
from time import perf_counter

from click.testing import CliRunner
from run import code_version, cpu_model, dist_version

from game.cli import cli

TARGET = 1.8
"""Issue 16: games/s at 2 local workers over 1 on this machine."""


@dataclass(frozen=True, slots=True)
class Figure:
    label: str
    workers: int
    games_per_s: float
    spread: tuple[float, float]
    """The slowest and fastest run's games/s."""
    load: tuple[float, float]
    """The lowest and highest 1-minute load average at the start of its timed runs."""
    cpu_ms_per_game: float
    """Median CPU milliseconds per game, of the benchmark's process and its pool (`cpu_seconds`):
    nearly blind to other work on the machine, it shows what more workers cost in all."""


def simulate_args(args: argparse.Namespace, out: Path) -> list[str]:
    return ["simulate", "--scenario", args.scenario, "--agents", args.agents,
            "--games", str(args.games), "--seed", "1", "--no-progress", "--force",
            "--out", str(out)]  # fmt: skip


def cpu_seconds() -> float:
    """Returns the CPU time of this process and of its children that have ended (the local
    pool's workers, once the pool has shut down; not Ray's, which are its raylet's)."""
    t = os.times()
    return t.user + t.system + t.children_user + t.children_system


def run_once(command: list[str]) -> tuple[float, float]:
    """Runs the command; returns its wall time and CPU time (see `cpu_seconds`)."""
    cpu = cpu_seconds()
    started = perf_counter()
    result = CliRunner().invoke(cli, command)
    wall = perf_counter() - started
    if result.exit_code != 0:
        raise SystemExit(f"simulate failed: {result.output}\n{result.exception!r}")
    return wall, cpu_seconds() - cpu


def measure(label: str, flags: list[str], counts: list[int], args: argparse.Namespace,
            folder: Path, reference: list[bytes]) -> list[Figure]:  # fmt: skip
    """Times each worker count's runs in turn (1, 2, …, 1, 2, …), so that a change in the
    machine's load falls on every count alike; each count warmed up first."""
    print(f"measuring {label} at {counts} workers ...", file=sys.stderr, flush=True)
    out = folder / "results.jsonl"
    commands = {n: [*simulate_args(args, out), *flags, "--workers", str(n)] for n in counts}
    for command in commands.values():
        run_once(command)  # warm-up: worker processes started, scenario loaded
    walls: dict[int, list[float]] = {n: [] for n in counts}
    cpus: dict[int, list[float]] = {n: [] for n in counts}
    loads: dict[int, list[float]] = {n: [] for n in counts}
    for _ in range(args.repeats):
        for count, command in commands.items():
            loads[count].append(os.getloadavg()[0])
            wall, cpu = run_once(command)
            walls[count].append(wall)
            cpus[count].append(cpu)
            produced = out.read_bytes()
            if not reference:
                reference.append(produced)
            if produced != reference[0]:
                raise SystemExit(f"{label} at {count}: the results differ from the first run's")
    figures = []
    for count in counts:
        rates = [args.games / wall for wall in walls[count]]
        spread = (min(rates), max(rates))
        load = (min(loads[count]), max(loads[count]))
        cpu_ms = 1000 * statistics.median(cpus[count]) / args.games
        figures.append(Figure(label, count, statistics.median(rates), spread, load, cpu_ms))
    return figures


def start_ray(cores: int) -> float:
    import ray

    started = perf_counter()
    ray.init(address="local", num_cpus=cores, include_dashboard=False, log_to_driver=False)
    return perf_counter() - started


def cpu_text(fig: Figure) -> str:
    """Returns the CPU ms per game, and for the local pool the CPUs it kept busy (games/s ×
    CPU s/game): near 1 at 1 worker and 2 at 2 on a quiet machine; what other work left it."""
    if fig.label == "ray":
        return f"{fig.cpu_ms_per_game:.1f} (driver only) | —"
    return f"{fig.cpu_ms_per_game:.1f} | {fig.games_per_s * fig.cpu_ms_per_game / 1000:.2f}"


def report(args: argparse.Namespace, figures: list[Figure], ray_start: float | None,
           ray_missing: str, started: datetime.datetime) -> str:  # fmt: skip
    cores = os.cpu_count() or 1
    load = os.getloadavg()
    lines = [
        "# Amur batch-run benchmark",
        "",
        f"- Run: {started.isoformat(timespec='seconds')}",
        f"- Code: amur {code_version()}; Ray {dist_version('ray')}",
        f"- Python: {platform.python_implementation()} {platform.python_version()}",
        f"- Machine: {platform.machine()}, {cpu_model()}, os.cpu_count() = {cores}",
        f"- Load average (1, 5, 15 min) at the end: {', '.join(f'{x:.2f}' for x in load)}",
        f"- Workload: `simulate --scenario {args.scenario} --agents {args.agents} --games "
        f"{args.games} --seed 1`, in this process (click's runner), median of {args.repeats} "
        "runs after a warm-up, each backend's worker counts taking turns (the local pool's "
        "first, then Ray's); every run's results file byte for byte the same",
        "",
        "| backend | workers | games/s (median) | slowest – fastest | speed-up over 1 | "
        "load avg (1 min) at its runs | CPU ms/game | CPUs busy |",
        "| --- | ---: | ---: | ---: | ---: | ---: | ---: | ---: |",
    ]
    for fig in figures:
        one = next(f for f in figures if f.label == fig.label and f.workers == 1)
        lines.append(
            f"| {fig.label} | {fig.workers} | {fig.games_per_s:.1f} | {fig.spread[0]:.1f} – "
            f"{fig.spread[1]:.1f} | {fig.games_per_s / one.games_per_s:.2f}× | "
            f"{fig.load[0]:.1f} – {fig.load[1]:.1f} | {cpu_text(fig)} |"
        )
    local = {f.workers: f.games_per_s for f in figures if f.label == "local"}
    lines.append("")
    if 1 in local and 2 in local:
        ratio = local[2] / local[1]
        verdict = "met" if ratio >= TARGET else "NOT met"
        lines.append(f"Target (issue 16): ≥ {TARGET}× from 1 to 2 local workers: {ratio:.2f}×, "
                     f"{verdict} in this run.")  # fmt: skip
        cpu = {f.workers: f.cpu_ms_per_game for f in figures if f.label == "local"}
        cost = cpu[2] / cpu[1]
        lines.append(
            f"The local pool at 2 workers spends {cost:.2f}× the CPU per game of 1 worker (its "
            f"processes, pickling and the results' trip): with 2 cores free to it, the speed-up "
            f"could reach about {2 / cost:.2f}× — an estimate, not a measurement."
        )
    if ray_start is not None:
        lines.append(
            f"Starting the local Ray instance took {ray_start:.1f} s (paid once by each "
            "`simulate --backend ray` without --address; not in the figures above)."
        )
    else:
        lines.append(f"Ray not measured: {ray_missing}")
    lines += [
        "",
        f"The machine has {cores} cores; a load average above {cores} means other work was "
        "running beside the benchmark and took CPU from it. Figures measured so must be "
        "measured again on a quiet machine before they are compared with the target or with "
        "each other.",
    ]
    return "\n".join(lines) + "\n"


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--out", type=Path, default=Path("bench/BATCH_RESULTS.md"))
    parser.add_argument("--scenario", default="august-1945")
    parser.add_argument("--agents", default="all=historical")
    parser.add_argument("--games", type=int, default=240)
    parser.add_argument("--repeats", type=int, default=5)
    parser.add_argument("--no-ray", action="store_true", help="measure the local backend only")
    args = parser.parse_args(argv)
    started = datetime.datetime.now().astimezone()
    cores = os.cpu_count() or 1
    counts = sorted({1, 2, cores})
    figures: list[Figure] = []
    reference: list[bytes] = []
    ray_start: float | None = None
    missing = "--no-ray" if args.no_ray else ""
    with tempfile.TemporaryDirectory() as tmp:
        folder = Path(tmp)
        figures += measure("local", [], counts, args, folder, reference)
        if not args.no_ray:
            try:
                ray_start = start_ray(cores)
            except ImportError:
                missing = "Ray is not installed (pip install amur[dist])"
        if ray_start is not None:
            figures += measure("ray", ["--backend", "ray"], counts, args, folder, reference)
    text = report(args, figures, ray_start, missing, started)
    print(text)
    args.out.parent.mkdir(parents=True, exist_ok=True)
    args.out.write_text(text, encoding="utf-8")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
