"""The `calibrate` command: how often a mix of agents lands near history, by the scenario's own
`calibration:` checks (`game.sim.calibration`)."""

from __future__ import annotations

import json
import time
from pathlib import Path
from typing import Any

import click
from rich.markup import escape as esc
from rich.table import Table

from game.agents.base import BATCH_AI, parse_agents
from game.cli.app import UserError, _fail, cli, out
from game.cli.options import (
    MAX_GAMES,
    _game_options,
    _inputs,
    _play_batches,
    _report_files,
    _report_suffixes,
    _worker_count,
    batch_agents,
)
from game.core.game import Game
from game.scenario.errors import ScenarioError
from game.scenario.loader import load_game, scenario_path, source_of, variant_path
from game.sim.batch import BatchSpec
from game.sim.calibration import calibration_markdown, near_text, summarise_calibration
from game.sim.files import write_atomic
from game.sim.outputs import OutputError, claim
from game.sim.provenance import digests, spot


def calibration_agents(game: Game, text: str) -> dict[str, str]:
    """Returns faction id → agent name from `--agents` as `simulate` reads it; factions not
    named get the default AI at its batch level (`BATCH_AI`)."""
    return parse_agents(game, text, default=BATCH_AI)


def command_line(
    scenario: str, variant: str | None, agents: str, games: int, seed: int, workers: str
) -> str:
    """Returns the command that repeats a run (for the report)."""
    parts = ["python main.py calibrate", f"--scenario {scenario}"]
    if variant:
        parts.append(f"--variant {variant}")
    if agents:
        parts.append(f"--agents {agents}")
    parts += [f"--games {games}", f"--seed {seed}", f"--workers {workers}"]
    return " ".join(parts)


@cli.command("calibrate")
@_game_options
@batch_agents
@click.option(
    "--games",
    type=click.IntRange(1, MAX_GAMES),
    default=200,
    show_default=True,
    help="Games to play (seeded from --seed, as simulate's).",
)
@_report_files(
    "Also write the figures as JSON (.json), with the digests of the files read and the first "
    "games' state hashes: no wall time, so the same run gives the same file."
)
def calibrate_cmd(
    scenario: str,
    variant: str | None,
    agents: str,
    games: int,
    seed: int,
    workers: str,
    out_path: Path | None,
    json_path: Path | None,
    progress: bool,
    force: bool,
) -> None:
    """Plays many games and reports the share that lands near history, by the scenario's
    `calibration:` checks (each with its own share), with a 95 % Wilson interval."""
    try:
        game = load_game(scenario, variant)
        names = calibration_agents(game, agents)
        count = _worker_count(workers)
    except (ScenarioError, ValueError) as exc:
        raise _fail(exc) from None
    rules = game.rules
    if not rules.calibration:
        raise UserError(
            f"{rules.id} has no calibration checks: its file needs a calibration: section "
            "(README, Calibration)"
        )
    wrong = _report_suffixes(out_path, json_path)
    if wrong:
        raise UserError(wrong)
    try:
        for path in filter(None, (out_path, json_path)):
            claim(path, "calibration", force=force, inputs=_inputs(scenario, variant))
    except OutputError as exc:
        raise _fail(exc) from None
    spec = BatchSpec(
        source_of(scenario) or scenario,
        source_of(variant),
        tuple(names.items()),
        games,
        seed,
        calibration=True,
    )
    started = time.perf_counter()
    results = list(
        _play_batches(
            [spec], count, out_path=None, done=0, progress=progress, label=f"{rules.id}: games"
        )
    )
    wall = time.perf_counter() - started
    summary = summarise_calibration(results, rules) | {
        "scenario": rules.id,
        "title": rules.title,
        "variant": rules.variant,
        "agents": names,
        "seed": seed,
    }
    timing = f"{wall:.1f} s on {count} worker{'s' if count > 1 else ''}"
    _print_table(summary, timing)
    if out_path:
        line = command_line(scenario, variant, agents, games, seed, workers)
        write_atomic(out_path, calibration_markdown(summary, command=line, wall=timing))
    if json_path:
        inputs = [scenario_path(scenario)]
        if variant is not None and rules.variant is not None:
            inputs.append(variant_path(scenario, variant))
        report = summary | {"digests": digests(inputs), "spot": spot(results)}
        write_atomic(json_path, json.dumps(report, indent=1, sort_keys=True) + "\n")


def _print_table(summary: dict[str, Any], timing: str) -> None:
    agents = ", ".join(f"{k}={v}" for k, v in summary["agents"].items())
    table = Table(title=f"{esc(summary['title'])}: calibration against history", show_header=False)
    table.add_column("what")
    table.add_column("value")
    for name, value in (
        ("scenario", summary["scenario"]),
        ("variant", summary["variant"] or "none"),
        ("agents", agents),
        ("games", str(summary["games"])),
        ("near history (95 % CI)", near_text(summary)),
        ("wall time", timing),
    ):
        table.add_row(name, esc(value))
    out.print(table)
    checks = Table(title="checks")
    checks.add_column("check")
    checks.add_column("reads")
    checks.add_column("share", justify="right")
    for c in summary["checks"]:
        checks.add_row(esc(f"{c['label']} ({c['id']})"), esc(c["reads"]), f"{c['share']:.1%}")
    out.print(checks)
