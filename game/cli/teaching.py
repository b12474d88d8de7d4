"""The classroom's commands: `chronicle` (one saved game's story, turn by turn, beside
history's) and `briefing` (an exercise pack: role briefings, debrief questions, sources)."""

from __future__ import annotations

from pathlib import Path

import click
from rich.markup import escape as esc

from game.cli.app import UserError, _fail, cli, out
from game.cli.options import _force, _game_options, _out_folder, _record_sources
from game.scenario.errors import ScenarioError
from game.scenario.loader import load_game, scenario_path
from game.sim.chronicle import chronicle
from game.sim.chronicle_page import to_html, to_markdown
from game.sim.files import write_atomic
from game.sim.outputs import OutputError, claim
from game.sim.pack import exercise_pack
from game.sim.record import RecordError, game_of_record, load_record, replay
from game.sim.sheet import to_html as sheet_html
from game.sim.sheet import to_markdown as sheet_markdown

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


@cli.command("briefing")
@_game_options
@click.option(
    "--out",
    "out_dir",
    type=click.Path(file_okay=False, path_type=Path),
    required=True,
    help="The folder to write the pack into (made if missing).",
)
@click.option(
    "--format",
    "formats",
    type=click.Choice(["html", "md", "both"]),
    default="both",
    show_default=True,
    help="Printable HTML pages, Markdown, or both.",
)
@_force
def briefing_cmd(
    scenario: str, variant: str | None, out_dir: Path, formats: str, force: bool
) -> None:
    """Writes an exercise pack for a class: a role briefing per side (what that government
    knew, wanted and feared at the start, and only that), the debrief questions (the teacher's:
    what actually happened, each variant's question, the contested thesis) and a sheet of the
    sources."""
    try:
        game = load_game(scenario, variant)
        sheets = exercise_pack(game.rules, scenario_path(scenario))
    except ScenarioError as exc:
        raise _fail(exc) from None
    _out_folder(out_dir)
    writers = [(".html", sheet_html), (".md", sheet_markdown)]
    chosen = [(suffix, w) for suffix, w in writers if formats in ("both", suffix[1:])]
    planned = [(out_dir / f"{s.name}{suffix}", w(s)) for s in sheets for suffix, w in chosen]
    try:
        for path, _ in planned:  # every file checked before any is written
            claim(path, "pack", force=force)
    except OutputError as exc:
        raise _fail(exc) from None
    for path, text in planned:
        write_atomic(path, text)
    out.print(f"{esc(str(out_dir))}: {len(planned)} files ({', '.join(s.name for s in sheets)})")
