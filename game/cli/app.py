"""The command group, its errors and output consoles, and the commands that open things: `play`
(the window) and `scenarios`."""

from __future__ import annotations

import click
from rich.console import Console
from rich.markup import escape as esc

from game.scenario.errors import ScenarioError
from game.scenario.loader import (
    available_scenarios,
    load_rules,
    read_variant,
    source_of,
    variants_of,
)

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
