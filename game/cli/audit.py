"""The `audit` command: the dominance audit of a scenario (`game.sim.audit`)."""

from __future__ import annotations

import json
from pathlib import Path

import click

from game.agents.base import parse_agents, split_agent
from game.cli.app import UserError, _fail, cli, console
from game.cli.options import _force, _game_options, _inputs, _worker_count
from game.scenario.errors import ScenarioError
from game.scenario.loader import load_game, scenario_warnings, source_of
from game.sim.audit import AuditSpec, Point, run_points
from game.sim.audit_policy import Policy, best_policies
from game.sim.audit_report import audit_markdown, summarise_audit, unintended_dominant
from game.sim.files import write_atomic
from game.sim.outputs import OutputError, claim


@cli.command("audit")
@_game_options
@click.option(
    "--agents",
    default="",
    help="The default agents, faction=agent comma-separated; sides not named play historical.",
)
@click.option(
    "--sample",
    default="historical,greedy,random",
    show_default=True,
    help="The agents, in turn by game, that play every side up to the decision points.",
)
@click.option(
    "--games",
    type=click.IntRange(1, 10_000),
    default=12,
    show_default=True,
    help="Games from which decision points are drawn.",
)
@click.option(
    "--points",
    type=click.IntRange(1, 1000),
    default=4,
    show_default=True,
    help="Orders-phase decision points drawn per seat and game (every event answered is "
    "taken too).",
)
@click.option(
    "--rollouts",
    type=click.IntRange(1, 1000),
    default=4,
    show_default=True,
    help="Continuations per option at each point (paired seeds).",
)
@click.option(
    "--policy-games",
    type=click.IntRange(0, 100_000),
    default=20,
    show_default=True,
    help="Games per simple policy tried against the par (0: no policy search).",
)
@click.option(
    "--epsilon",
    type=click.FloatRange(0, 1e6),
    default=0.5,
    show_default=True,
    help="Score difference under which two options count as equal.",
)
@click.option("--seed", type=click.IntRange(0, 2**63 - 1), default=0, show_default=True)
@click.option("--workers", default="auto", show_default=True, help="Processes, or auto.")
@click.option(
    "--out",
    "out_path",
    type=click.Path(dir_okay=False, path_type=Path),
    default=None,
    help="Also write the report (Markdown) to this file.",
)
@click.option(
    "--json",
    "json_path",
    type=click.Path(dir_okay=False, path_type=Path),
    default=None,
    help="Write every figure of the audit as JSON.",
)
@click.option(
    "--strict",
    is_flag=True,
    help="Exit with status 1 if an option is dominant and not marked as intended.",
)
@_force
def audit_cmd(
    scenario: str,
    variant: str | None,
    agents: str,
    sample: str,
    games: int,
    points: int,
    rollouts: int,
    policy_games: int,
    epsilon: float,
    seed: int,
    workers: str,
    out_path: Path | None,
    json_path: Path | None,
    strict: bool,
    force: bool,
) -> None:
    """Plays every option of sampled decisions out with the default agents, and reports the
    options always or never best, the decisions that change nothing, and per seat the best
    simple policy found against the par (every side its default agent).

    The scenario file may mark an option as intended to be always best
    (`audit: {intended: [{option: ..., reason: ...}]}`)."""
    try:
        game = load_game(scenario, variant)
        unread = [p.text(kind="warning") for p in scenario_warnings(scenario, variant)]
        named = parse_agents(game, agents, default="historical")
        kinds = tuple(filter(None, (k.strip() for k in sample.split(","))))
        if not kinds:
            raise ValueError("--sample: name at least one agent")
        for kind in kinds:
            split_agent(kind)
        count = _worker_count(workers)
    except (ScenarioError, ValueError) as exc:
        raise _fail(exc) from None
    if json_path and json_path.suffix != ".json":
        raise UserError(f"--json {json_path}: use a .json file name")
    try:
        for path in filter(None, (out_path, json_path)):
            claim(path, "audit", force=force, inputs=_inputs(scenario, variant))
    except OutputError as exc:
        raise _fail(exc) from None
    spec = AuditSpec(
        source_of(scenario) or scenario,
        source_of(variant),
        tuple(named.items()),
        kinds,
        games,
        points,
        rollouts,
        seed,
        epsilon,
    )
    found: list[Point] = []
    console.print(f"{game.rules.id}: playing out decision points of {games} games…")
    for batch in run_points(spec, count):
        found.extend(batch)
    policies: dict[str, tuple[list[float], list[Policy]]] = {}
    if policy_games:
        for f in game.rules.factions:
            options = sorted({m for p in found if p.seat == f.id for m in p.moves.values()})
            console.print(f"{game.rules.id}: simple policies for {f.name}…")
            policies[f.id] = best_policies(
                spec.scenario,
                spec.variant,
                spec.agents,
                f.id,
                options,
                policy_games,
                seed,
                count,
            )
    summary = summarise_audit(spec, game.rules, found, policies) | {"unread_tracks": unread}
    text = audit_markdown(summary)
    click.echo(text)
    if out_path:
        write_atomic(out_path, text)
    if json_path:
        data = summary | {"points": [p.to_dict() for p in found]}
        write_atomic(json_path, json.dumps(data, indent=1, sort_keys=True) + "\n")
    bad = unintended_dominant(summary)
    if bad and strict:
        console.print("dominant options not marked as intended:\n  " + "\n  ".join(bad))
        raise SystemExit(1)
