"""The `compare` command: a scenario as in history and its variants played on the same seeds,
written up as one self-contained HTML page with plots and a CSV table (`game.report`)."""

from __future__ import annotations

import time
from pathlib import Path

import click

from game.cli.app import UserError, _fail, cli, console
from game.cli.calibrate import calibration_agents
from game.cli.options import (
    MAX_GAMES,
    _force,
    _play_batches,
    _worker_count,
    backend_options,
    batch_agents,
)
from game.core.rules import Rules
from game.scenario.errors import ScenarioError
from game.scenario.loader import (
    load_game,
    load_rules,
    scenario_path,
    source_of,
    variant_path,
    variants_of,
)
from game.sim.backend import Backend
from game.sim.batch import BatchSpec
from game.sim.outputs import OutputError, claim

REPORT_EXTRA = 'pip install -e ".[report]"'


@cli.command("compare")
@click.option("--scenario", default="august-1945", show_default=True, help="Scenario id or file.")
@click.option(
    "--variants",
    "variant_list",
    default="",
    help="Variant ids or files, comma-separated (no_atomic_bomb,emperor_clause); by default every "
    "installed variant of the scenario that names headline figures (expect:).",
)
@batch_agents
@click.option(
    "--games",
    type=click.IntRange(2, MAX_GAMES),
    default=200,
    show_default=True,
    help="Games per run: history and every variant play the same seeds.",
)
@click.option("--seed", type=click.IntRange(0, 2**63 - 1), default=1, show_default=True)
@click.option(
    "--workers", default="auto", show_default=True, help="Processes, or auto (all cores)."
)
@click.option(
    "--out",
    "out_dir",
    type=click.Path(path_type=Path),
    required=True,
    help="The folder to write report.html and report.csv into (made if missing).",
)
@click.option("--progress/--no-progress", default=True, show_default=True)
@_force
@backend_options
def compare_cmd(
    scenario: str,
    variant_list: str,
    agents: str,
    games: int,
    seed: int,
    workers: str,
    out_dir: Path,
    progress: bool,
    force: bool,
    backend: Backend,
) -> None:
    """Plays the scenario as in history and each variant on the same seeds with the same agents,
    and writes a comparison report into --out: report.html (one page that opens offline:
    outcome shares, each key figure's distribution with history's value marked, the paired
    differences with their 95 % intervals, each variant's question, changes, the sources' view
    and the model's assumptions, plots drawn inline) and report.csv (its numbers)."""
    try:
        from game.report.comparison import build
        from game.report.write import report_files, write_report
    except ImportError as exc:  # matplotlib is the `report` extra
        raise UserError(
            f"compare draws its plots with matplotlib ({exc}): {REPORT_EXTRA}"
        ) from None
    try:
        path = scenario_path(scenario)
        base = load_rules(scenario)
        names = _variant_names(path, variant_list)
        files = [variant_path(scenario, v) for v in names]
        variants = [load_rules(scenario, v) for v in names]
        chosen = calibration_agents(load_game(scenario), agents)
        count = _worker_count(workers, backend)
    except (ScenarioError, ValueError) as exc:
        raise _fail(exc) from None
    inputs = [path, *files]
    _prepare(out_dir, report_files(out_dir), inputs, force=force)
    source = source_of(scenario) or scenario
    sides = tuple(chosen.items())
    specs = [BatchSpec(source, None, sides, games, seed)] + [
        BatchSpec(source, source_of(v), sides, games, seed) for v in names
    ]
    started = time.perf_counter()
    results = list(
        _play_batches(
            specs, count, out_path=None, done=0, progress=progress, label=base.id, backend=backend
        )
    )
    played = time.perf_counter() - started
    runs = [results[i * games : (i + 1) * games] for i in range(len(specs))]
    line = command_line(base.id, names, agents, games, seed)
    comparison = build(path, files, [base, *variants], runs, agents=chosen, seed=seed, command=line)
    html_path, csv_path = write_report(comparison, out_dir)
    written = time.perf_counter() - started - played
    on = f"{count} worker{'s' if count > 1 else ''}" if count else "every CPU of the cluster"
    on += " (Ray)" if backend.kind == "ray" else ""
    console.print(
        f"{len(specs) * games} games in {played:.1f} s on {on};"
        f" report written in {written:.1f} s:\n  {html_path}\n  {csv_path}"
    )


def _variant_names(path: Path, text: str) -> list[str]:
    """Returns the variants named in `--variants` (each once, in order), or every installed
    variant that names headline figures; ValueError for none at all."""
    names = list(dict.fromkeys(p.strip() for p in text.split(",") if p.strip()))
    if names:
        return names
    installed = variants_of(path)
    names = [v for v in installed if _has_expectations(path, v)]
    if not names:
        known = ", ".join(installed) or "none"
        raise ValueError(
            f"{path.stem}: name the variants to compare with --variants (known: {known})"
        )
    return names


def _has_expectations(path: Path, variant: str) -> bool:
    rules: Rules = load_rules(str(path), variant)
    return bool(rules.expectations)


def _prepare(out_dir: Path, outputs: tuple[Path, ...], inputs: list[Path], *, force: bool) -> None:
    """Makes the report's folder if it is missing (its parent must exist) and checks that its
    files may be written, before the first game: a run must not end in an error that loses every
    game."""
    if out_dir.exists() and not out_dir.is_dir():
        raise UserError(f"--out {out_dir}: is a file, not a folder; give a folder for the report")
    if not out_dir.exists():
        parent = out_dir.parent if str(out_dir.parent) else Path(".")
        if not parent.is_dir():
            raise UserError(f"--out {out_dir}: the folder {parent} does not exist")
        try:
            out_dir.mkdir()
        except OSError as exc:
            raise UserError(f"--out {out_dir}: cannot make the folder ({exc.strerror})") from None
    try:
        for output in outputs:
            claim(output, "comparison", force=force, inputs=inputs, room=16 << 20)
    except OutputError as exc:
        raise _fail(exc) from None


def command_line(scenario: str, variants: list[str], agents: str, games: int, seed: int) -> str:
    """Returns the command that plays the same games again (for the report; the worker count
    changes nothing in the results, so it is left out)."""
    parts = ["python main.py compare", f"--scenario {scenario}"]
    if variants:
        parts.append(f"--variants {','.join(variants)}")
    if agents:
        parts.append(f"--agents {agents}")
    return " ".join([*parts, f"--games {games}", f"--seed {seed}", "--out report/"])
