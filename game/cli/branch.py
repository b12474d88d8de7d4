"""`branch`: a saved game (or the historical path) forked at a date and played on many times."""

from __future__ import annotations

import datetime as dt
import json
from pathlib import Path

import click
from rich.markup import escape as esc

from game.agents.base import BATCH_AI, parse_agents
from game.cli.app import UserError, _fail, cli, out
from game.cli.options import (
    MAX_GAMES,
    _force,
    _out_folder,
    _play_batches,
    _worker_count,
    backend_options,
    batch_agents,
)
from game.scenario.errors import ScenarioError
from game.scenario.loader import load_game, source_of
from game.sim.backend import Backend
from game.sim.batch import BatchSpec
from game.sim.branch import branch_markdown, fork_at, historical_trunk
from game.sim.files import write_atomic
from game.sim.outputs import OutputError, claim
from game.sim.record import RecordError, game_of_record, load_record, replay
from game.sim.summary import summarise


@cli.command("branch")
@click.argument("save", required=False, type=click.Path(dir_okay=False, path_type=Path))
@click.option(
    "--scenario",
    default=None,
    help="Without SAVE: fork the historical path of this scenario (id or file).",
)
@click.option("--variant", default=None, help="Without SAVE: the variant (id or file).")
@click.option(
    "--trunk-seed",
    type=click.IntRange(0, 2**63 - 1),
    default=1,
    show_default=True,
    help="Without SAVE: the seed of the historical path to fork.",
)
@click.option(
    "--at",
    "at_text",
    required=True,
    help="The fork's date (YYYY-MM-DD): the game goes on from the first turn on or after it.",
)
@click.option("--games", type=click.IntRange(1, MAX_GAMES), default=200, show_default=True)
@batch_agents
@click.option("--seed", type=click.IntRange(0, 2**63 - 1), default=0, show_default=True)
@click.option("--workers", default="auto", show_default=True, help="Processes, or auto.")
@click.option(
    "--out",
    "out_dir",
    type=click.Path(file_okay=False, path_type=Path),
    required=True,
    help="Folder for branch.md (the report), summary.json and results.jsonl (one line a game).",
)
@click.option("--progress/--no-progress", default=True, show_default=True)
@_force
@backend_options
def branch_cmd(
    save: Path | None,
    scenario: str | None,
    variant: str | None,
    trunk_seed: int,
    at_text: str,
    games: int,
    agents: str,
    seed: int,
    workers: str,
    out_dir: Path,
    progress: bool,
    force: bool,
    backend: Backend,
) -> None:
    """Forks a saved game — or the historical path — at a date and plays it on many times with
    the chosen agents: the spread of outcomes and key figures beside the trunk's own and
    history's."""
    try:
        at = dt.date.fromisoformat(at_text)
    except ValueError:
        raise UserError(f"--at {at_text!r}: write a date as YYYY-MM-DD") from None
    if save is None and scenario is None:
        raise UserError("give a SAVE file to fork, or --scenario to fork its historical path")
    if save is not None and (scenario or variant):
        raise UserError("a SAVE names its own scenario and variant: leave out --scenario/--variant")
    try:
        if save is not None:
            record = load_record(save)
            replay(record, str(save))
            game = game_of_record(record, str(save))
            trunk_name = f"the game in {save.name}"
        else:
            assert scenario is not None
            game = load_game(scenario, variant)
            record = historical_trunk(game, trunk_seed)
            trunk_name = f"the historical path (seed {trunk_seed})"
        fork = fork_at(game, record, at)
        names = parse_agents(game, agents, default=BATCH_AI)
        count = _worker_count(workers, backend)
    except (RecordError, ScenarioError, ValueError) as exc:
        raise _fail(exc) from None
    _out_folder(out_dir)
    report, summary_path, results = (
        out_dir / "branch.md",
        out_dir / "summary.json",
        out_dir / "results.jsonl",
    )
    inputs = [save] if save is not None else []
    try:
        claim(results, "results", force=force, inputs=inputs, room=games * 2048)
        claim(summary_path, "summary", force=force, inputs=inputs)
        claim(report, "branch", force=force, inputs=inputs)
    except OutputError as exc:
        raise _fail(exc) from None
    spec = BatchSpec(
        source_of(record.scenario) or record.scenario,
        source_of(record.variant),
        tuple(names.items()),
        games,
        seed,
        trunk=(fork.seed, fork.moves),
    )
    played = list(
        _play_batches(
            [spec],
            count,
            out_path=results,
            done=0,
            progress=progress,
            label="continuations",
            backend=backend,
        )
    )
    summary = summarise(played, game.rules)
    summary |= {"scenario": game.rules.id, "variant": game.rules.variant, "agents": names}
    summary |= {"seed": seed, "fork": {"date": fork.date.isoformat(), "moves": len(fork.moves)}}
    summary |= {"trunk": {"outcome": fork.outcome, "figures": fork.figures, "name": trunk_name}}
    write_atomic(summary_path, json.dumps(summary, indent=1, sort_keys=True) + "\n")
    text = branch_markdown(game, fork, summary, trunk_name, names)
    write_atomic(report, text)
    out.print(esc(text))
