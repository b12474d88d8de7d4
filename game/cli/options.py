"""What the batch commands share: their options, worker count, output checks, resuming and the
progress bar."""

from __future__ import annotations

import contextlib
import functools
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any, TypeVar

import click
from rich.progress import BarColumn, MofNCompleteColumn, Progress, TimeRemainingColumn

from game.agents.base import AGENTS, BATCH_AI
from game.cli.app import UserError, _fail, console
from game.core.game import Game
from game.scenario.errors import ScenarioError
from game.scenario.loader import (
    scenario_path,
    source_of,
)
from game.sim.backend import BACKENDS, LOCAL, Backend, BackendError, require_ray
from game.sim.batch import (
    BatchSpec,
    expected_lines,
    resolve_workers,
    run_batches,
)
from game.sim.outputs import OutputError, claim
from game.sim.stream import ResultsFile, finished_games

_F = TypeVar("_F", bound=Callable[..., Any])

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


def _report_files(json_help: str) -> Callable[[_F], _F]:
    """The report options of calibrate and variants: --seed (default 1), --workers, --out
    (Markdown), --json, the progress bar and --force."""

    def apply(fn: _F) -> _F:
        options = [
            click.option("--seed", type=click.IntRange(0, 2**63 - 1), default=1, show_default=True),
            click.option(
                "--workers",
                default="auto",
                show_default=True,
                help="Processes, or auto (all cores).",
            ),
            click.option(
                "--out",
                "out_path",
                type=click.Path(dir_okay=False, path_type=Path),
                default=None,
                help="Also write the table as Markdown (.md).",
            ),
            click.option(
                "--json",
                "json_path",
                type=click.Path(dir_okay=False, path_type=Path),
                default=None,
                help=json_help,
            ),
            click.option("--progress/--no-progress", default=True, show_default=True),
            _force,
        ]
        for option in reversed(options):
            fn = option(fn)
        return fn

    return apply


def _report_suffixes(out_path: Path | None, json_path: Path | None) -> str | None:
    """Returns what is wrong with the report files' names (--out .md, --json .json), or None."""
    for path, suffix, flag in ((out_path, ".md", "--out"), (json_path, ".json", "--json")):
        if path is not None and path.suffix != suffix:
            return f"{flag} {path}: use a {suffix} file name"
    return None


def backend_options(fn: Any) -> Any:
    """`--backend local|ray` and `--address`: where a batch command plays its games. A command
    adds this decorator and gets one `backend` argument (a `Backend`) for `_worker_count` and
    `_play_batches`; asking for Ray where it is not installed is a clear error before anything
    is done."""

    @functools.wraps(fn)
    def run(*args: Any, backend: str, address: str | None, **kwargs: Any) -> Any:
        try:
            chosen = Backend(backend, address)
            if chosen.kind == "ray":
                require_ray()
        except BackendError as exc:
            raise _fail(exc) from None
        return fn(*args, backend=chosen, **kwargs)

    run = click.option(
        "--address",
        default=None,
        help="With --backend ray: the address (host:port) of an existing Ray cluster to run on "
        "(default: start a Ray instance on this machine for the run).",
    )(run)
    return click.option(
        "--backend",
        type=click.Choice(BACKENDS),
        default="local",
        show_default=True,
        help="Where the games are played: local (this machine's processes) or ray (a Ray "
        "cluster: pip install amur[dist]). The results are the same either way.",
    )(run)


def _worker_count(workers: str, backend: Backend = LOCAL) -> int:
    """Returns the number of worker processes (ValueError if `workers` is not one), saying so
    when it was capped; on a Ray cluster named by --address, the games in flight at once, not
    capped by this machine's cores (auto: 0, every CPU of the cluster)."""
    if backend.address is not None:
        if workers == "auto":
            return 0
        resolve_workers(workers)  # the same checks: a whole number, at least 1
        return int(workers)
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
    backend: Backend = LOCAL,
) -> Iterator[dict[str, Any]]:
    """Yields each game's result from game `done` on, as soon as it is played and written to
    `out_path` (appended to a resumed run's file), under a progress bar, on `backend`. The file
    is opened with the first game played: a backend that fails to start leaves none behind."""
    writer: ResultsFile | None = None
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
        try:
            for result in run_batches(specs, workers, start=done, backend=backend):
                if writer is None and out_path is not None:
                    writer = ResultsFile(out_path, append=done > 0)
                if writer is not None:
                    writer.write(result)
                yield result
                bar.advance(task)
        except BackendError as exc:
            raise _fail(exc) from None
    if writer is not None:
        writer.close()


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


def _record_sources(fn: _F) -> _F:
    """`--scenario FILE` and `--variant FILE`: the files a saved game was played from, when it
    was not played from installed ones (`replay`, `chronicle`)."""
    fn = click.option(
        "--variant",
        "variant_file",
        type=click.Path(dir_okay=False, path_type=Path),
        default=None,
        help="The variant file a game was played with (when it was not an installed variant).",
    )(fn)
    return click.option(
        "--scenario",
        "scenario_file",
        type=click.Path(dir_okay=False, path_type=Path),
        default=None,
        help="The scenario file a game was played from (when it was not an installed scenario).",
    )(fn)


batch_agents = click.option(
    "--agents",
    default="",
    help=f"faction=agent,… with agents {', '.join(AGENTS)}, or all=agent for every side; "
    f"unnamed factions play {BATCH_AI} (the default AI at its batch level).",
)
"""`--agents` of the batch reports (calibrate, variants, compare, branch): unnamed sides play the
default AI at its batch level."""


def _out_folder(out_dir: Path) -> None:
    """Makes an output folder (and its parents) if missing; UserError if `--out` is a file."""
    if out_dir.exists() and not out_dir.is_dir():
        raise UserError(f"--out {out_dir}: not a folder")
    out_dir.mkdir(parents=True, exist_ok=True)
