"""The commands on single games and files: `record`, `replay`, `validate`, `schema`, `golden`."""

from __future__ import annotations

import json
from pathlib import Path

import click
from rich.markup import escape as esc

from game.agents.base import DEFAULT_AI, make_agents, parse_agents
from game.cli.app import UserError, _fail, cli, out
from game.cli.options import _force, _game_options, _inputs, _record_sources
from game.core.debates import debate_lines
from game.scenario.errors import Problem, ScenarioError
from game.scenario.loader import (
    available_scenarios,
    load_game,
    load_rules,
    read_scenario,
    read_variant,
    scenario_path,
    scenario_warnings,
)
from game.scenario.schema import ScenarioSpec, VariantSpec
from game.scenario.yamlfile import locate
from game.sim.files import write_atomic
from game.sim.golden import GOLDEN_AGENTS, GOLDEN_SEEDS, golden_text
from game.sim.outputs import OutputError, claim
from game.sim.play import play
from game.sim.record import RecordError, game_of_record, load_record, replay, save_record


@cli.command("record")
@_game_options
@click.option(
    "--agents",
    default="",
    help=f"faction=agent,… or all=AGENT (unnamed factions play {DEFAULT_AI}, the default AI).",
)
@click.option("--seed", type=click.IntRange(0, 2**63 - 1), default=0, show_default=True)
@click.option(
    "--out",
    "out_path",
    type=click.Path(dir_okay=False, path_type=Path),
    required=True,
    help="Save file to write (JSON).",
)
@click.option(
    "--explain",
    is_flag=True,
    help="Keep each AI's one-line reason for its moves in the save (`chronicle` prints them).",
)
@_force
def record_cmd(
    scenario: str,
    variant: str | None,
    agents: str,
    seed: int,
    out_path: Path,
    explain: bool,
    force: bool,
) -> None:
    """Plays one game headless and writes its save file (a replay)."""
    try:
        game = load_game(scenario, variant)
        names = parse_agents(game, agents)
    except (ScenarioError, ValueError) as exc:
        raise _fail(exc) from None
    try:
        claim(out_path, "save", force=force, inputs=_inputs(scenario, variant))
    except OutputError as exc:
        raise _fail(exc) from None
    built = make_agents(game, names)
    record, state = play(game, built, seed, names=names, explain=explain)
    save_record(out_path, record)
    outcome = game.outcome(state)
    assert outcome is not None
    out.print(
        f"{esc(str(out_path))}: {len(record.actions)} actions, {esc(outcome.class_label)} "
        f"({esc(outcome.label)}, {game.rules.date(state.turn).isoformat()})"
    )
    for line in debate_lines(game.rules.debates):
        out.print(f"  {esc(line)}")


@cli.command("replay")
@click.argument("file", type=click.Path(dir_okay=False, path_type=Path))
@click.option("--log/--no-log", "show_log", default=False, help="Print the game's chronicle.")
@click.option(
    "--write-golden",
    type=click.Path(dir_okay=False, path_type=Path),
    default=None,
    help="Write the per-faction golden text of the game to this file.",
)
@_record_sources
@_force
def replay_cmd(
    file: Path,
    show_log: bool,
    write_golden: Path | None,
    scenario_file: Path | None,
    variant_file: Path | None,
    force: bool,
) -> None:
    """Replays a save file and checks that it ends in the same state (hash)."""
    try:
        record = load_record(file)
        state = replay(record, str(file), scenario_file=scenario_file, variant_file=variant_file)
        game = game_of_record(record, str(file), scenario_file, variant_file)
    except RecordError as exc:
        raise _fail(exc) from None
    if show_log:
        from game.core.log import entries

        for entry in entries(state.log):
            cite = f"  — {entry.cite}" if entry.cite else ""
            click.echo(f"{game.rules.line_date(entry).isoformat()}  {entry.text}{cite}")
    if write_golden:
        try:
            claim(write_golden, "golden", force=force, inputs=[file])
        except OutputError as exc:
            raise _fail(exc) from None
        write_atomic(write_golden, golden_text(game, record))
    outcome = game.outcome(state)
    verdict = f"{outcome.class_label} ({outcome.label})" if outcome else "game not finished"
    out.print(f"{esc(str(file))}: replay ok, {len(record.actions)} actions, {esc(verdict)}")
    for line in debate_lines(game.rules.debates):
        out.print(f"  {esc(line)}")


@cli.command("validate")
@click.argument("files", nargs=-1, required=True, type=click.Path(dir_okay=False, path_type=Path))
@click.option("--strict", is_flag=True, help="Count warnings as faults (exit code 1).")
def validate_cmd(files: tuple[Path, ...], strict: bool) -> None:
    """Checks scenario, variant and save files; names file, line and field of each fault.

    Warnings (a track that no rule reads) are printed the same way, marked `warning`, and do not
    fail the check unless --strict. A variant's warnings are those it adds to its scenario's.
    """
    failed = warned = 0
    for path in files:
        try:
            kind, warnings = check_file(path)
        except ScenarioError as exc:
            failed += 1
            for problem in exc.problems:
                click.echo(str(problem), err=True)
            continue
        if not (strict and warnings):
            out.print(f"ok  {esc(str(path))} ({kind})")
        for problem in warnings:
            click.echo(problem.text(kind="warning"), err=True)
        warned += len(warnings)
        failed += bool(strict and warnings)
    if warned and not strict:
        out.print(f"{warned} warning{'s' * (warned > 1)} (not faults; --strict counts them)")
    if failed:
        counted = " (warnings counted: --strict)" if strict and warned else ""
        raise UserError(f"{failed} of {len(files)} files have faults{counted}")


def validate_file(path: Path) -> str:
    """Validates one file; returns its kind or raises ScenarioError."""
    return check_file(path)[0]


def check_file(path: Path) -> tuple[str, list[Problem]]:
    """Validates one file; returns its kind and its warnings, or raises ScenarioError. A
    variant's warnings are those of the patched scenario that the scenario alone has not."""
    if path.suffix == ".json":
        record = load_record(path)
        replay(record, str(path))
        return "save", []
    data, _ = read_scenario(path)
    if "variant" in data:
        spec, node = read_variant(path)
        try:
            scenario = scenario_path(spec.scenario)
        except ScenarioError as exc:
            line, field = locate(node, ("scenario",))
            raise ScenarioError(
                [Problem(str(path), line, field, exc.problems[0].message)]
            ) from None
        load_rules(str(scenario), str(path))
        base = set(scenario_warnings(str(scenario)))
        patched = scenario_warnings(str(scenario), str(path))
        return "variant", [p for p in patched if p not in base]
    load_rules(str(path))
    return "scenario", scenario_warnings(str(path))


@cli.command("schema")
@click.option(
    "--out-dir",
    type=click.Path(file_okay=False, path_type=Path),
    default=Path("scenarios"),
    show_default=True,
)
@_force
def schema_cmd(out_dir: Path, force: bool) -> None:
    """Writes the JSON Schemas of scenario and variant files (for editors)."""
    for name, model in (("schema.json", ScenarioSpec), ("variant.schema.json", VariantSpec)):
        text = json.dumps(model.model_json_schema(by_alias=True), indent=1, sort_keys=True)
        try:
            claim(out_dir / name, "schema", force=force)
        except OutputError as exc:
            raise _fail(exc) from None
        write_atomic(out_dir / name, text + "\n")
        out.print(f"wrote {esc(str(out_dir / name))}")


@cli.command("golden")
@click.option(
    "--out",
    "out_dir",
    type=click.Path(file_okay=False, path_type=Path),
    default=Path("tests/golden"),
    show_default=True,
)
def golden_cmd(out_dir: Path) -> None:
    """Regenerates the golden playthrough files (review the diff before committing)."""
    out_dir.mkdir(parents=True, exist_ok=True)
    for sid in available_scenarios():
        game = load_game(sid)
        for seed in GOLDEN_SEEDS:
            names = {f.id: GOLDEN_AGENTS for f in game.rules.factions}
            built = make_agents(game, names)
            record, _ = play(game, built, seed, names=names)
            path = out_dir / f"{sid}-seed{seed}.txt"
            write_atomic(path, golden_text(game, record))
            out.print(f"wrote {esc(str(path))}")
