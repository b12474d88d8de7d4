"""The batch commands: `simulate` (many games, one summary) and `tournament` (agents compared
seat by seat on paired seeds)."""

from __future__ import annotations

import datetime as dt
import json
from collections.abc import Callable
from pathlib import Path
from typing import Any

import click
from rich.markup import escape as esc
from rich.table import Table

from game.agents.base import AGENTS, BATCH_AI, agent_names, parse_agents
from game.cli.app import UserError, _fail, cli, out
from game.cli.options import (
    MAX_GAMES,
    _claim_outputs,
    _game_options,
    _inputs,
    _out_option,
    _play_batches,
    _resumed,
    _run_options,
    _worker_count,
    backend_options,
)
from game.core.dates import date_text, precision
from game.core.debates import debate_lines
from game.core.rules import Rules
from game.scenario.errors import ScenarioError
from game.scenario.loader import (
    load_game,
    source_of,
)
from game.sim.backend import Backend
from game.sim.batch import BatchSpec
from game.sim.files import write_atomic
from game.sim.summary import summarise
from game.sim.tables import report, tables
from game.sim.tournament import (
    Tally,
    TournamentSpec,
    agent_list,
    batches,
    seat_list,
    summarise_tournament,
)


@cli.command("simulate")
@_game_options
@click.option(
    "--games",
    type=click.IntRange(1, MAX_GAMES),
    default=100,
    show_default=True,
    help=f"Games to play (at most {MAX_GAMES:,} in one run: the results are kept in memory).",
)
@click.option(
    "--agents",
    default="",
    help=(
        f"faction=agent,… with agents {', '.join(AGENTS)}; all=AGENT sets every side; "
        f"unnamed factions play {BATCH_AI} (the default AI at its batch level)."
    ),
)
@_out_option("Results file: .jsonl (one JSON line per game) or .csv.")
@_run_options
@backend_options
@click.option(
    "--explain",
    is_flag=True,
    help="Write each agent's reasons for its moves (the alternatives it weighed and their "
    "values) into the --out JSONL, as `reasons`.",
)
@click.option(
    "--levels",
    is_flag=True,
    help="Judge each side against its par (the same seed played by every side's historical "
    "agent: one more game per game): each result gets `par`, `margin` and `levels`, the "
    "summary each side's share of every victory level.",
)
def simulate_cmd(
    scenario: str,
    variant: str | None,
    games: int,
    agents: str,
    seed: int,
    workers: str,
    out_path: Path | None,
    summary_path: Path | None,
    progress: bool,
    resume: bool,
    explain: bool,
    levels: bool,
    force: bool,
    backend: Backend,
) -> None:
    """Plays many games headless with AI agents and summarises the outcomes.

    Each game's result is written to --out as soon as it is played: a run that is stopped
    keeps every finished game, and --resume continues it."""
    try:
        game = load_game(scenario, variant)
        names = parse_agents(game, agents, default=BATCH_AI)
        count = _worker_count(workers, backend)
    except (ScenarioError, ValueError) as exc:
        raise _fail(exc) from None
    if out_path and out_path.suffix not in {".jsonl", ".csv"}:
        raise UserError(f"--out {out_path}: use a .jsonl or .csv file name")
    if explain and (out_path is None or out_path.suffix != ".jsonl"):
        raise UserError(
            "--explain writes the agents' reasons into the results: give --out FILE.jsonl"
        )
    if levels and game.rules.victory is None:
        raise UserError(
            f"--levels: {game.rules.id} gives no victory margins (its file has no victory: section)"
        )
    if resume and out_path is None:
        raise UserError("--resume continues the run written to --out: give its file")
    if resume and out_path is not None and out_path.suffix != ".jsonl":
        raise UserError(
            f"--resume continues a .jsonl results file, and --out {out_path} is not one (CSV "
            "rows flatten the results, so a run cannot be continued from them): write the run "
            "to a .jsonl file to be able to resume it"
        )
    inputs = _inputs(scenario, variant)
    _claim_outputs(out_path, summary_path, inputs, force=force, room=games * 2048)
    # A file given is the file that runs (by its path), never an installed scenario of that id.
    spec = BatchSpec(
        source_of(scenario) or scenario,
        source_of(variant),
        tuple(names.items()),
        games,
        seed,
        explain=explain,
        levels=levels,
    )
    results = _resumed(out_path, [spec], game, resume=resume)
    label = f"{game.rules.id}: games"
    plays = _play_batches(
        [spec],
        count,
        out_path=out_path,
        done=len(results),
        progress=progress,
        label=label,
        backend=backend,
    )
    results.extend(plays)
    summary = summarise(results, game.rules)
    summary.update({"scenario": game.rules.id, "variant": variant, "agents": names, "seed": seed})
    if game.rules.debates:
        summary["debates"] = {d.id: d.school.id for d in game.rules.debates}
    if summary_path:
        write_atomic(summary_path, json.dumps(summary, indent=1, sort_keys=True) + "\n")
    _print_summary(summary, game.rules)
    for line in debate_lines(game.rules.debates):
        out.print(f"thesis: {esc(line)}")


def _print_summary(summary: dict[str, Any], rules: Rules) -> None:
    """Prints a run's summary: the scenario and variant, every side's agent, each outcome's
    share and each figure's median with their 95 % intervals (figures never set left out)."""
    variant = f" — variant {summary['variant']}" if summary.get("variant") else ""
    table = Table(title=f"{esc(rules.title)}{esc(variant)}: {summary['games']} games")
    table.add_column("outcome")
    table.add_column("games", justify="right")
    table.add_column("share (95 % interval)", justify="right")
    baseline = summary["baseline"]["outcome_class"]
    for cls in summary["classes"]:
        mark = "  ← history" if cls["id"] == baseline else ""
        share = f"{cls['share']:.1%} ({cls['low']:.1%} – {cls['high']:.1%})"
        table.add_row(f"{esc(cls['label'])}{mark}", str(cls["count"]), share)
    out.print(table)
    out.print("agents: " + ", ".join(f"{k}={v}" for k, v in summary["agents"].items()))
    scores = ", ".join(
        f"{k} {v:.1f}{_between(summary['score_ci'][k], '{:.1f}')}"
        for k, v in summary["mean_scores"].items()
    )
    out.print(f"mean scores (95 % interval): {scores}")
    history = summary["baseline"]["figures"]
    shown = {fid: fig for fid, fig in summary["figures"].items() if fig["set_in"]}
    if shown:
        figs = Table(title="figures, over the games where each was set")
        for name, justify in (("figure", "left"), ("median (95 % interval)", "right"),
                              ("middle half", "right"), ("set in", "right"),
                              ("history", "right")):  # fmt: skip
            figs.add_column(name, justify=justify)  # type: ignore[arg-type]
        for fid, fig in shown.items():
            text = _figure_text(fig)
            median = f"{text(fig['median'])}{_between([fig['low'], fig['high']], text)}"
            past = history.get(fid)
            figs.add_row(
                esc(fig["label"]),
                esc(median),
                esc(f"{text(fig['q1'])} – {text(fig['q3'])}"),
                f"{fig['set_in']}",
                esc("" if past is None else _history_text(past, fig, rules)),
            )
        out.print(figs)
    if "levels" in summary:
        _print_levels(summary)
    out.print(f"history: {esc(summary['baseline']['summary'])}")


def _figure_text(fig: dict[str, Any]) -> Callable[[Any], str]:
    """Returns how one figure's statistics are written: dates at the calendar's precision
    (`Jun 1934`, `1939`, `15 Aug 1945`), numbers to two decimals at most."""
    if fig["kind"] == "date":
        level = fig.get("precision", "day")
        return lambda iso: date_text(dt.date.fromisoformat(iso), level)
    return _fig


def _history_text(value: Any, fig: dict[str, Any], rules: Rules) -> str:
    """Returns history's value of a figure as the run's figures are written: a full date at the
    calendar's precision, a month the scenario gives as `1934-09` as `Sep 1934`."""
    if fig["kind"] == "date" and isinstance(value, str):
        try:
            if len(value) == 7:
                return date_text(dt.date.fromisoformat(f"{value}-01"), "month")
            day = dt.date.fromisoformat(value)
        except ValueError:
            return value
        return date_text(day, precision(rules.calendar, day))
    return _fig(float(value)) if isinstance(value, int | float) else str(value)


def _between(bounds: list[Any], text: Callable[[Any], str] | str) -> str:
    """Returns ` (low – high)` for an interval, or `` when it has no bounds (too few games)."""
    low, high = bounds
    if low is None or high is None:
        return ""
    write = text.format if isinstance(text, str) else text
    return f" ({write(low)} – {write(high)})"


def _print_levels(summary: dict[str, Any]) -> None:
    margins = summary["victory"]
    table = Table(
        title=f"victory levels against par (draw within ±{margins['draw']:g}, decisive from "
        f"{margins['decisive']:g} {esc(margins['unit'])})"
    )
    table.add_column("side")
    table.add_column("mean par", justify="right")
    table.add_column("mean margin", justify="right")
    first = next(iter(summary["levels"].values()))
    for entry in first["levels"]:
        short = entry["level"].replace("decisive", "dec.").replace("marginal", "marg.")
        table.add_column(short, justify="right")
    for side, entry in summary["levels"].items():
        shares = [f"{e['share']:.1%}" for e in entry["levels"]]
        table.add_row(
            esc(side), f"{entry['mean_par']:.1f}", f"{entry['mean_margin']:+.1f}", *shares
        )
    out.print(table)


def _fig(value: float | str) -> str:
    """Formats a figure's statistic: dates as they are, numbers to two decimals at most."""
    return (
        value if isinstance(value, str) else f"{value:g}" if value == int(value) else f"{value:.2f}"
    )


@cli.command("tournament")
@_game_options
@click.option(
    "--agents",
    default="random,greedy,historical",
    show_default=True,
    help=f"The agents to compare, comma-separated: {', '.join(agent_names())}.",
)
@click.option(
    "--opponents",
    default="greedy,historical",
    show_default=True,
    help="What every other seat plays: one table cell per kind, comma-separated.",
)
@click.option(
    "--seats", default="", help="The factions the agents play, comma-separated (default: all)."
)
@click.option(
    "--games",
    type=click.IntRange(1, MAX_GAMES),
    default=100,
    show_default=True,
    help="Games per agent, seat and opponents, on the same seeds for every agent (paired); "
    f"the whole run at most {MAX_GAMES:,} games.",
)
@_out_option(
    "Results file (.jsonl): one line per game as simulate writes it, with the seat, opponents, "
    "agent and the seat's dated orders."
)
@_run_options
@backend_options
@click.option(
    "--report",
    "with_report",
    is_flag=True,
    help="Add the strategy report: each agent's most frequent orders with their dates, and the "
    "outcomes it reaches.",
)
@click.option(
    "--levels",
    is_flag=True,
    help="Judge each game's seat against its par (as simulate --levels): a table of each "
    "agent's mean margin over the par and its share of every victory level.",
)
def tournament_cmd(
    scenario: str,
    variant: str | None,
    agents: str,
    opponents: str,
    seats: str,
    games: int,
    seed: int,
    workers: str,
    out_path: Path | None,
    summary_path: Path | None,
    progress: bool,
    resume: bool,
    force: bool,
    with_report: bool,
    levels: bool,
    backend: Backend,
) -> None:
    """Plays each agent in each seat against fixed opponents on paired seeds, and prints per
    seat each agent's mean score (95 % interval), outcome shares and paired differences.

    The tables are Markdown: readable as they are, and ready to paste into a report."""
    try:
        game = load_game(scenario, variant)
        spec = TournamentSpec(
            source_of(scenario) or scenario,
            source_of(variant),
            tuple(f.id for f in game.rules.factions),
            seat_list(seats, game),
            agent_list(agents, "--agents"),
            agent_list(opponents, "--opponents"),
            games,
            seed,
            levels=levels,
        )
        count = _worker_count(workers, backend)
    except (ScenarioError, ValueError) as exc:
        raise _fail(exc) from None
    if levels and game.rules.victory is None:
        raise UserError(
            f"--levels: {game.rules.id} gives no victory margins (its file has no victory: section)"
        )
    if spec.total > MAX_GAMES:
        raise UserError(
            f"{spec.total:,} games (seats × opponents × agents × --games): at most "
            f"{MAX_GAMES:,} in one run"
        )
    if out_path and out_path.suffix != ".jsonl":
        raise UserError(f"--out {out_path}: use a .jsonl file name")
    _claim_outputs(
        out_path, summary_path, _inputs(scenario, variant), force=force, room=spec.total * 8192
    )
    specs = batches(spec)
    tally = Tally()
    for result in _resumed(out_path, specs, game, resume=resume):
        tally.add(result)
    done = sum(len(scores) for scores in tally.scores.values())
    label = f"{game.rules.id}: tournament games"
    for result in _play_batches(
        specs, count, out_path=out_path, done=done, progress=progress, label=label, backend=backend
    ):
        tally.add(result)
    summary = summarise_tournament(spec, tally, game, report=with_report)
    if summary_path:
        write_atomic(summary_path, json.dumps(summary, indent=1, sort_keys=True) + "\n")
    click.echo(tables(summary))
    if with_report:
        click.echo(report(summary))
