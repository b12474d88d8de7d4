"""The one command line: play | simulate | tournament | record | replay | validate | schema |
golden | scenarios.

`python main.py` (or `amur`) with no command opens the game window.
"""

from __future__ import annotations

import contextlib
import json
import sys
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any, TypeVar

import click
from rich.console import Console
from rich.markup import escape as esc
from rich.progress import BarColumn, MofNCompleteColumn, Progress, TimeRemainingColumn
from rich.table import Table

from game.agents.base import AGENTS, agent_names, make_agents, parse_agents
from game.core.game import Game
from game.scenario.errors import Problem, ScenarioError
from game.scenario.loader import (
    available_scenarios,
    load_game,
    load_rules,
    read_scenario,
    read_variant,
    scenario_path,
    source_of,
    variants_of,
)
from game.scenario.schema import ScenarioSpec, VariantSpec
from game.scenario.yamlfile import locate
from game.sim.batch import (
    BatchSpec,
    expected_lines,
    resolve_workers,
    run_batches,
    summarise,
)
from game.sim.files import write_atomic
from game.sim.golden import GOLDEN_AGENTS, GOLDEN_SEEDS, golden_text
from game.sim.outputs import OutputError, claim
from game.sim.play import play
from game.sim.record import RecordError, game_of_record, load_record, replay, save_record
from game.sim.stream import ResultsFile, finished_games
from game.sim.tables import report, tables
from game.sim.tournament import (
    Tally,
    TournamentSpec,
    agent_list,
    batches,
    seat_list,
    summarise_tournament,
)

_F = TypeVar("_F", bound=Callable[..., Any])

console = Console(stderr=True)
out = Console()


class UserError(click.ClickException):
    """A bad flag, file or scenario: printed as a clear message, exit code 1, no traceback."""


def _fail(exc: Exception) -> UserError:
    return UserError(str(exc))


@click.group(invoke_without_command=True, context_settings={"help_option_names": ["-h", "--help"]})
@click.pass_context
def cli(ctx: click.Context) -> None:
    """Amur — the Soviet–Japanese rivalry in the Far East, 1928–1945.

    With no command, opens the game window. The other commands run headless.
    """
    if ctx.invoked_subcommand is None:
        ctx.invoke(play_cmd)


@cli.command("play")
@click.option(
    "--scenario",
    default=None,
    help="Open at the set-up screen of this scenario (id or file); Back goes to the menu.",
)
@click.option(
    "--variant", default=None, help="With --scenario: the variant chosen first (id or file)."
)
@click.option("--frames", type=int, default=0, hidden=True, help="Quit after N frames (tests).")
def play_cmd(scenario: str | None, variant: str | None, frames: int) -> None:
    """Opens the game window (at the main menu, or at a scenario's set-up screen)."""
    if variant is not None and scenario is None:
        raise UserError("--variant needs --scenario (the scenario it changes)")
    if scenario is not None:
        try:  # before the window opens: a bad file is a message here, not a broken window
            load_rules(scenario, variant)
        except ScenarioError as exc:
            raise _fail(exc) from None
    from game.ui.app import NoDisplayError, run

    try:
        # A file given is the file that runs (by its path), never an installed scenario's id.
        run(max_frames=frames, scenario=source_of(scenario), variant=source_of(variant))
    except NoDisplayError as exc:
        raise UserError(
            f"{exc}\nThe headless commands work without a display: "
            "`python main.py simulate --help`, `replay`, `validate`, `scenarios`."
        ) from None


@cli.command("scenarios")
def scenarios_cmd() -> None:
    """Lists the scenarios and their variants."""
    try:
        for sid, path in available_scenarios().items():
            rules = load_rules(sid)
            out.print(f"[bold]{sid}[/bold] — {esc(rules.title)} ({esc(rules.period)})")
            out.print(f"  factions: {', '.join(f.id for f in rules.factions)}")
            for vid, vpath in variants_of(path).items():
                spec, _ = read_variant(vpath)
                out.print(f"  variant [bold]{vid}[/bold]: {esc(spec.title)}")
    except ScenarioError as exc:
        raise _fail(exc) from None


MAX_GAMES = 1_000_000
"""One run's results are kept in memory for the summary (about 2 kB a game)."""

_force = click.option(
    "--force",
    is_flag=True,
    help="Replace an existing file that is not a previous output of this command "
    "(never one of its inputs).",
)


def _game_options(fn: Any) -> Any:
    fn = click.option("--variant", default=None, help="Variant id or file (a counterfactual).")(fn)
    fn = click.option(
        "--scenario", default="railway-sale", show_default=True, help="Scenario id or file."
    )(fn)
    return fn


def _run_options(fn: Any) -> Any:
    """The options of a batch run (simulate, tournament): seed, workers, summary file, progress
    bar, resume, force."""
    options = [
        click.option("--seed", type=click.IntRange(0, 2**63 - 1), default=0, show_default=True),
        click.option(
            "--workers", default="auto", show_default=True, help="Processes, or auto (all cores)."
        ),
        click.option(
            "--summary",
            "summary_path",
            type=click.Path(dir_okay=False, path_type=Path),
            default=None,
            help="Also write the summary as JSON.",
        ),
        click.option("--progress/--no-progress", default=True, show_default=True),
        click.option(
            "--resume",
            is_flag=True,
            help="Continue a killed run into its --out .jsonl file: the same command and flags, "
            "and the games it finished are kept, not played again.",
        ),
        _force,
    ]
    for option in reversed(options):
        fn = option(fn)
    return fn


def _out_option(help_text: str) -> Callable[[_F], _F]:
    return click.option(
        "--out",
        "out_path",
        type=click.Path(dir_okay=False, path_type=Path),
        default=None,
        help=help_text,
    )


def _worker_count(workers: str) -> int:
    """Returns the number of worker processes (ValueError if `workers` is not one), saying so
    when it was capped."""
    count = resolve_workers(workers)
    if workers != "auto" and count < int(workers):
        console.print(f"--workers {workers}: capped at {count} (twice this machine's cores)")
    return count


def _claim_outputs(
    out_path: Path | None, summary_path: Path | None, inputs: list[Path], *, force: bool, room: int
) -> None:
    """Checks the run's outputs before its first game: a run must not end in an error that
    loses every game."""
    try:
        if out_path:
            claim(out_path, "results", force=force, inputs=inputs, room=room)
        if summary_path:
            claim(summary_path, "summary", force=force, inputs=[*inputs, *filter(None, [out_path])])
    except OutputError as exc:
        raise _fail(exc) from None


def _resumed(
    out_path: Path | None, specs: list[BatchSpec], game: Game, *, resume: bool
) -> list[dict[str, Any]]:
    """Returns the games a killed run of `specs` left in `out_path` (none without --resume)."""
    if not resume:
        return []
    if out_path is None:
        raise UserError("--resume continues the run written to --out: give its file")
    if not out_path.exists():
        return []
    expected = expected_lines(specs, game.rules.id, game.rules.variant)
    try:
        return finished_games(out_path, expected, sum(s.games for s in specs))
    except OutputError as exc:
        raise _fail(exc) from None


def _play_batches(
    specs: list[BatchSpec],
    workers: int,
    *,
    out_path: Path | None,
    done: int,
    progress: bool,
    label: str,
) -> Iterator[dict[str, Any]]:
    """Yields each game's result from game `done` on, as soon as it is played and written to
    `out_path` (appended to a resumed run's file), under a progress bar."""
    writer = ResultsFile(out_path, append=done > 0) if out_path else None
    bar = Progress(
        "[progress.description]{task.description}",
        BarColumn(),
        MofNCompleteColumn(),
        TimeRemainingColumn(),
        console=console,
        disable=not progress,
    )
    with bar:
        task = bar.add_task(label, total=sum(s.games for s in specs), completed=done)
        for result in run_batches(specs, workers, start=done):
            if writer is not None:
                writer.write(result)
            yield result
            bar.advance(task)
    if writer is not None:
        writer.close()


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
    help=f"faction=agent,… with agents {', '.join(AGENTS)}; unnamed factions play random.",
)
@_out_option("Results file: .jsonl (one JSON line per game) or .csv.")
@_run_options
@click.option(
    "--explain",
    is_flag=True,
    help="Write each agent's reasons for its moves (the alternatives it weighed and their "
    "values) into the --out JSONL, as `reasons`.",
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
    force: bool,
) -> None:
    """Plays many games headless with AI agents and summarises the outcomes.

    Each game's result is written to --out as soon as it is played: a run that is stopped
    keeps every finished game, and --resume continues it."""
    try:
        game = load_game(scenario, variant)
        names = parse_agents(game, agents)
        count = _worker_count(workers)
    except (ScenarioError, ValueError) as exc:
        raise _fail(exc) from None
    if out_path and out_path.suffix not in {".jsonl", ".csv"}:
        raise UserError(f"--out {out_path}: use a .jsonl or .csv file name")
    if explain and (out_path is None or out_path.suffix != ".jsonl"):
        raise UserError(
            "--explain writes the agents' reasons into the results: give --out FILE.jsonl"
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
    )
    results = _resumed(out_path, [spec], game, resume=resume)
    label = f"{game.rules.id}: games"
    plays = _play_batches(
        [spec], count, out_path=out_path, done=len(results), progress=progress, label=label
    )
    results.extend(plays)
    summary = summarise(results, game.rules)
    summary.update({"scenario": game.rules.id, "variant": variant, "agents": names, "seed": seed})
    if summary_path:
        write_atomic(summary_path, json.dumps(summary, indent=1, sort_keys=True) + "\n")
    _print_summary(summary, game.rules.title)


def _print_summary(summary: dict[str, Any], title: str) -> None:
    table = Table(
        title=f"{esc(title)}: {summary['games']} games "
        f"(agents {', '.join(f'{k}={v}' for k, v in summary['agents'].items())})"
    )
    table.add_column("outcome")
    table.add_column("games", justify="right")
    table.add_column("share", justify="right")
    baseline = summary["baseline"]["outcome_class"]
    for cls in summary["classes"]:
        mark = "  ← history" if cls["id"] == baseline else ""
        table.add_row(f"{esc(cls['label'])}{mark}", str(cls["count"]), f"{cls['share']:.1%}")
    out.print(table)
    scores = ", ".join(f"{k} {v:.1f}" for k, v in summary["mean_scores"].items())
    out.print(f"mean scores: {scores}")
    history = summary["baseline"]["figures"]
    if summary["figures"]:
        figs = Table(title="figures")
        for name, justify in (("figure", "left"), ("median (middle half)", "right"),
                              ("set in", "right"), ("history", "right")):  # fmt: skip
            figs.add_column(name, justify=justify)  # type: ignore[arg-type]
        for fid, fig in summary["figures"].items():
            shown = (
                "never"
                if "median" not in fig
                else (f"{_fig(fig['median'])} ({_fig(fig['q1'])} – {_fig(fig['q3'])})")
            )
            past = esc(str(history.get(fid, "")))
            figs.add_row(esc(fig["label"]), shown, f"{fig['set_in']}", past)
        out.print(figs)
    out.print(f"history: {esc(summary['baseline']['summary'])}")


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
@click.option(
    "--report",
    "with_report",
    is_flag=True,
    help="Add the strategy report: each agent's most frequent orders with their dates, and the "
    "outcomes it reaches.",
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
        )
        count = _worker_count(workers)
    except (ScenarioError, ValueError) as exc:
        raise _fail(exc) from None
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
        specs, count, out_path=out_path, done=done, progress=progress, label=label
    ):
        tally.add(result)
    summary = summarise_tournament(spec, tally, game, report=with_report)
    if summary_path:
        write_atomic(summary_path, json.dumps(summary, indent=1, sort_keys=True) + "\n")
    click.echo(tables(summary))
    if with_report:
        click.echo(report(summary))


@cli.command("record")
@_game_options
@click.option("--agents", default="", help="faction=agent,… (unnamed factions play random).")
@click.option("--seed", type=click.IntRange(0, 2**63 - 1), default=0, show_default=True)
@click.option(
    "--out",
    "out_path",
    type=click.Path(dir_okay=False, path_type=Path),
    required=True,
    help="Save file to write (JSON).",
)
@_force
def record_cmd(
    scenario: str, variant: str | None, agents: str, seed: int, out_path: Path, force: bool
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
    record, state = play(game, built, seed, names=names)
    save_record(out_path, record)
    outcome = game.outcome(state)
    assert outcome is not None
    out.print(
        f"{esc(str(out_path))}: {len(record.actions)} actions, {esc(outcome.class_label)} "
        f"({esc(outcome.label)}, {game.rules.date(state.turn).isoformat()})"
    )


def _inputs(scenario: str, variant: str | None) -> list[Path]:
    """Returns the files a command reads (its scenario's and variant's), never to be outputs."""
    out = []
    for name in (scenario, variant):
        source = source_of(name)
        if source is not None and Path(source).is_file():
            out.append(Path(source))
    with contextlib.suppress(ScenarioError):  # an unknown id has no file (and is reported)
        out.append(scenario_path(scenario))
    return out


@cli.command("replay")
@click.argument("file", type=click.Path(dir_okay=False, path_type=Path))
@click.option("--log/--no-log", "show_log", default=False, help="Print the game's chronicle.")
@click.option(
    "--write-golden",
    type=click.Path(dir_okay=False, path_type=Path),
    default=None,
    help="Write the per-faction golden text of the game to this file.",
)
@click.option(
    "--scenario",
    "scenario_file",
    type=click.Path(dir_okay=False, path_type=Path),
    default=None,
    help="The scenario file a game was played from (when it was not an installed scenario).",
)
@click.option(
    "--variant",
    "variant_file",
    type=click.Path(dir_okay=False, path_type=Path),
    default=None,
    help="The variant file a game was played with (when it was not an installed variant).",
)
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
            click.echo(f"{game.rules.date(entry.turn).isoformat()}  {entry.text}{cite}")
    if write_golden:
        try:
            claim(write_golden, "golden", force=force, inputs=[file])
        except OutputError as exc:
            raise _fail(exc) from None
        write_atomic(write_golden, golden_text(game, record))
    outcome = game.outcome(state)
    verdict = f"{outcome.class_label} ({outcome.label})" if outcome else "game not finished"
    out.print(f"{esc(str(file))}: replay ok, {len(record.actions)} actions, {esc(verdict)}")


@cli.command("validate")
@click.argument("files", nargs=-1, required=True, type=click.Path(dir_okay=False, path_type=Path))
def validate_cmd(files: tuple[Path, ...]) -> None:
    """Checks scenario, variant and save files; names file, line and field of each fault."""
    failed = 0
    for path in files:
        try:
            kind = validate_file(path)
            out.print(f"ok  {esc(str(path))} ({kind})")
        except ScenarioError as exc:
            failed += 1
            for problem in exc.problems:
                click.echo(str(problem), err=True)
    if failed:
        raise UserError(f"{failed} of {len(files)} files have faults")


def validate_file(path: Path) -> str:
    """Validates one file; returns its kind or raises ScenarioError."""
    if path.suffix == ".json":
        record = load_record(path)
        replay(record, str(path))
        return "save"
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
        return "variant"
    load_rules(str(path))
    return "scenario"


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


def main(argv: list[str] | None = None) -> int:
    """Runs the CLI; returns the exit code."""
    try:
        cli.main(args=argv, prog_name="amur", standalone_mode=False)
    except click.ClickException as exc:
        exc.show()
        return exc.exit_code
    except click.exceptions.Abort:
        console.print("aborted")
        return 130
    except click.exceptions.Exit as exc:
        return int(exc.exit_code)
    return 0


if __name__ == "__main__":
    sys.exit(main())
