"""`serve-seat`: one side of a game played over JSON lines on stdin/stdout, the others by agents
(`game.env.seat` holds the protocol; docs/research.md shows a client for a language model)."""

from __future__ import annotations

import os
import sys
from pathlib import Path

import click

from game.agents.base import DEFAULT_AI, make_agent, parse_agents
from game.cli.app import UserError, _fail, cli
from game.cli.options import _force, _game_options, _inputs
from game.env.replies import LineReader, SeatClosedError
from game.env.seat import Seat, json_line
from game.scenario.errors import ScenarioError
from game.scenario.loader import load_game
from game.sim.outputs import OutputError, claim
from game.sim.record import save_record


@cli.command("serve-seat")
@_game_options
@click.option("--side", required=True, help="The side the client plays (a faction id).")
@click.option(
    "--agents",
    default="",
    help=f"The other sides: faction=agent,… or all=AGENT (unnamed sides play {DEFAULT_AI}, "
    "the default AI, as `record` seats it).",
)
@click.option("--seed", type=click.IntRange(0, 2**63 - 1), default=0, show_default=True)
@click.option(
    "--timeout",
    type=click.FloatRange(0, min_open=True),
    default=300.0,
    show_default=True,
    help="Seconds a move waits for each reply; then the seat's fallback move is played.",
)
@click.option(
    "--retries",
    type=click.IntRange(0, 100),
    default=2,
    show_default=True,
    help="Further replies a move accepts after one that is malformed or illegal.",
)
@click.option(
    "--save",
    "save_path",
    type=click.Path(dir_okay=False, path_type=Path),
    default=None,
    help="Write the game's save file (as `record` does), with the seat's reasons and errors.",
)
@_force
def serve_seat_cmd(
    scenario: str,
    variant: str | None,
    side: str,
    agents: str,
    seed: int,
    timeout: float,
    retries: int,
    save_path: Path | None,
    force: bool,
) -> None:
    """Plays one side over stdin/stdout in JSON lines, for a language-model agent or any
    program: a `move` message with the side's view as text and its numbered legal moves, a
    reply `{"n": 3}`. The protocol is in docs/research.md ("The text seat")."""
    try:
        game = load_game(scenario, variant)
        names = parse_agents(game, agents)
    except (ScenarioError, ValueError) as exc:
        raise _fail(exc) from None
    known = [f.id for f in game.rules.factions]
    if side not in known:
        raise UserError(f"--side {side!r}: {game.rules.id} has the sides {', '.join(known)}")
    named = [p.split("=", 1)[0].strip() for p in agents.split(",") if "=" in p]
    if side in named:
        raise UserError(f"--agents names {side}, the side the client plays: leave it out")
    if save_path is not None:
        try:
            claim(save_path, "save", force=force, inputs=_inputs(scenario, variant))
        except OutputError as exc:
            raise _fail(exc) from None
    others = {fid: name for fid, name in names.items() if fid != side}
    index = game.rules.faction_index(side)
    built = {
        f.index: make_agent(others[f.id], game, f.index)
        for f in game.rules.factions
        if f.id != side
    }
    stdout = sys.stdout.buffer

    def send(message: dict[str, object]) -> None:
        try:
            stdout.write(json_line(message))
            stdout.flush()
        except BrokenPipeError:
            # Python's own flush at exit would fail again: send it nowhere from now on.
            os.dup2(os.open(os.devnull, os.O_WRONLY), sys.stdout.fileno())
            raise SeatClosedError("the client stopped reading (stdout closed)") from None

    def note(text: str) -> None:
        click.echo(f"serve-seat: {text}", err=True)

    seat = Seat(
        game, index, built, LineReader(sys.stdin.fileno()), send, note, timeout, retries, others
    )
    result = seat.play(seed)
    if save_path is not None:
        save_record(save_path, result.record)
        note(f"saved to {save_path}" + ("" if result.finished else " (the game so far)"))
    if not result.finished:
        raise UserError("the game was not played to its end: the client went away")
    errors, fallbacks = len(result.errors), result.fallbacks
    note(
        f"game over: {len(result.record.actions)} moves, {errors} error{'s' * (errors != 1)} "
        f"in the replies, {fallbacks} fallback move{'s' * (fallbacks != 1)}"
    )
