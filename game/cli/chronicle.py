"""`chronicle`: one saved game's story, turn by turn, beside history's (Markdown or HTML)."""

from __future__ import annotations

from pathlib import Path

import click
from rich.markup import escape as esc

from game.cli.app import UserError, _fail, cli, out
from game.cli.options import _force, _record_sources
from game.sim.chronicle import chronicle
from game.sim.chronicle_page import to_html, to_markdown
from game.sim.files import write_atomic
from game.sim.outputs import OutputError, claim
from game.sim.record import RecordError, game_of_record, load_record, replay

FORMATS = {".html": to_html, ".htm": to_html, ".md": to_markdown, ".markdown": to_markdown}


@cli.command("chronicle")
@click.argument("file", type=click.Path(dir_okay=False, path_type=Path))
@click.option(
    "--out",
    "out_path",
    type=click.Path(dir_okay=False, path_type=Path),
    required=True,
    help="The chronicle to write: .html (one page that opens offline) or .md (Markdown).",
)
@_record_sources
@_force
def chronicle_cmd(
    file: Path,
    out_path: Path,
    scenario_file: Path | None,
    variant_file: Path | None,
    force: bool,
) -> None:
    """Writes the story of a saved game turn by turn: each decision (with the side's reason
    where the save keeps one), each piece of news with its citation, aligned by date with what
    actually happened."""
    write = FORMATS.get(out_path.suffix.lower())
    if write is None:
        raise UserError(f"--out {out_path}: write a .html or a .md file")
    try:
        record = load_record(file)
        replay(record, str(file), scenario_file=scenario_file, variant_file=variant_file)
        game = game_of_record(record, str(file), scenario_file, variant_file)
    except RecordError as exc:
        raise _fail(exc) from None
    inputs = [p for p in (file, scenario_file, variant_file) if p is not None]
    try:
        claim(out_path, "chronicle", force=force, inputs=inputs)
    except OutputError as exc:
        raise _fail(exc) from None
    story = chronicle(game, record)
    write_atomic(out_path, write(story))
    reasons = f", {len(record.reasons)} reasons" if record.reasons else ""
    out.print(
        f"{esc(str(out_path))}: {len(story.rows)} dates, {len(record.actions)} moves{reasons}"
    )
