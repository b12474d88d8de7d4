"""The `variants` command: does each counterfactual move its headline figures the way the
sources argue? Plays the scenario as in history and each variant on the same seeds with the
same agents, and compares them (`game.sim.counterfactual`)."""

from __future__ import annotations

import json
import time
from pathlib import Path
from typing import Any

import click
from rich.markup import escape as esc
from rich.table import Table

from game.cli.app import UserError, _fail, cli, out
from game.cli.calibrate import calibration_agents
from game.cli.options import (
    MAX_GAMES,
    _play_batches,
    _report_files,
    _report_suffixes,
    _worker_count,
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
from game.sim.batch import BatchSpec
from game.sim.counterfactual import compare, difference_text, shown, variants_markdown
from game.sim.files import write_atomic
from game.sim.outputs import OutputError, claim
from game.sim.provenance import digests, spot


@cli.command("variants")
@click.option("--scenario", default="railway-sale", show_default=True, help="Scenario id or file.")
@click.option(
    "--variant",
    "variant_names",
    multiple=True,
    help="A variant id (repeat for several); by default every installed variant of the scenario "
    "that names headline figures (expect:).",
)
@batch_agents
@click.option("--games", type=click.IntRange(2, MAX_GAMES), default=200, show_default=True)
@_report_files(
    "Also write the figures as JSON (.json), with the digests of the files read and the first "
    "games' state hashes (the same run gives the same file)."
)
def variants_cmd(
    scenario: str,
    variant_names: tuple[str, ...],
    agents: str,
    games: int,
    seed: int,
    workers: str,
    out_path: Path | None,
    json_path: Path | None,
    progress: bool,
    force: bool,
) -> None:
    """Plays the scenario as in history and its variants on the same seeds, and reports whether
    each variant moves its headline figures the way the sources argue (paired difference with
    its 95 % interval)."""
    try:
        path = scenario_path(scenario)
        base = load_rules(scenario)
        installed = variants_of(path)
        chosen = list(variant_names) or list(installed)
        # A variant given as a file is played from that file in every worker (by its path), an
        # installed one by its id.
        loaded = [
            (variant_path(scenario, v), load_rules(scenario, v), source_of(v)) for v in chosen
        ]
        names = calibration_agents(load_game(scenario), agents)
        count = _worker_count(workers)
    except (ScenarioError, ValueError) as exc:
        raise _fail(exc) from None
    loaded = [(p, v, given) for p, v, given in loaded if v.expectations or variant_names]
    variants = [v for _, v, _ in loaded]
    missing = [v.variant for v in variants if not v.expectations]
    if missing:
        raise UserError(f"{', '.join(map(str, missing))}: names no headline figures (expect:)")
    if not variants:
        raise UserError(f"{base.id}: no variant names headline figures (expect:)")
    wrong = _report_suffixes(out_path, json_path)
    if wrong:
        raise UserError(wrong)
    inputs = [path, *(p for p, _, _ in loaded)]
    try:
        for p in filter(None, (out_path, json_path)):
            claim(p, "counterfactuals", force=force, inputs=inputs)
    except OutputError as exc:
        raise _fail(exc) from None
    source = source_of(scenario) or scenario
    specs = [BatchSpec(source, None, tuple(names.items()), games, seed)] + [
        BatchSpec(source, given, tuple(names.items()), games, seed) for _, _, given in loaded
    ]
    started = time.perf_counter()
    results = list(
        _play_batches(specs, count, out_path=None, done=0, progress=progress, label=base.id)
    )
    wall = time.perf_counter() - started
    runs = [results[i * games : (i + 1) * games] for i in range(len(specs))]
    rows = []
    for rules, run in zip(variants, runs[1:], strict=True):
        for expect in rules.expectations:
            rows.append({"variant": rules.variant} | compare(expect, runs[0], run))
    timing = f"{wall:.1f} s on {count} worker{'s' if count > 1 else ''}"
    _print(base, rows, games, timing)
    line = command_line(base.id, variant_names, agents, games, seed, workers)
    if out_path:
        text = variants_markdown(rows, title=f"{base.title} (`{base.id}`)", command=line)
        write_atomic(out_path, text + f"\n{games} games a run; {timing}.\n")
    if json_path:
        report = {
            "scenario": base.id,
            "agents": names,
            "games": games,
            "seed": seed,
            "command": line,
            "counterfactuals": rows,
            "digests": digests(inputs),
            "spot": {
                rules.variant or "history": spot(run)
                for rules, run in zip([base, *variants], runs, strict=True)
            },
        }
        write_atomic(json_path, json.dumps(report, indent=1, sort_keys=True) + "\n")


def command_line(
    scenario: str, variants: tuple[str, ...], agents: str, games: int, seed: int, workers: str
) -> str:
    """Returns the command that repeats a run (for the report)."""
    parts = ["python main.py variants", f"--scenario {scenario}"]
    parts += [f"--variant {v}" for v in variants]
    if agents:
        parts.append(f"--agents {agents}")
    return " ".join([*parts, f"--games {games}", f"--seed {seed}", f"--workers {workers}"])


def _print(base: Rules, rows: list[dict[str, Any]], games: int, timing: str) -> None:
    table = Table(title=f"{esc(base.title)}: counterfactuals, {games} paired seeds ({timing})")
    for name in ("variant", "headline", "expected", "history", "variant", "difference (95 %)"):
        table.add_column(name)
    table.add_column("verdict")
    for row in rows:
        kind = row["kind"]
        table.add_row(
            esc(str(row["variant"])),
            esc(row["label"]),
            row["direction"],
            shown(row["history_mean"], kind),
            shown(row["variant_mean"], kind),
            difference_text(row),
            row["verdict"],
        )
    out.print(table)
