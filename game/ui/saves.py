"""Saves as players expect them: named saves, one autosave per game (the last three kept), a
list that says what each file holds, delete, and Continue.

A save's name is its file's name (`saves/<name>.json`): the save format (`game.sim.record`)
stays the engine's record. What the list shows of a file — scenario, side, date, turn — is
read by replaying it (about 1–10 ms a game), kept while the file is unchanged. A file that
cannot be read (damaged, another program's, another engine's) is listed as unreadable with
the reason; nothing in the folder ever stops the list or another save from opening.
"""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass
from pathlib import Path

from game.sim.record import GameRecord, game_of_saved, load_record, replay, source_fault
from game.ui import scene as sc
from game.ui.catalog import game_of
from game.ui.i18n import _
from game.ui.session import HUMAN, Session
from game.ui.settings import autosave_path, autosave_paths, is_autosave, saves_dir

MAX_LISTED = 200
"""Files of the saves folder listed at most (newest first)."""


@dataclass(frozen=True, slots=True)
class Flash:
    """A message for the game screen's top bar, for `seconds` (a save dialog's result)."""

    text: str
    seconds: float


@dataclass(frozen=True, slots=True)
class SaveInfo:
    """One file of the saves list, as the Load screen shows it."""

    path: Path
    name: str
    """The save's name (its file's name), or "Autosave"."""
    autosave: bool
    written: float
    """When the file was last written (seconds since the epoch; 0 if unknown)."""
    scenario: str = ""
    """The scenario's title, and its variant's id in brackets."""
    side: str = ""
    """The sides played at the window ("Japan"; "Japan, USSR" in hot seat; "AI only")."""
    date: dt.date | None = None
    turn: int = 0
    """The turn reached, from 1."""
    turns: int = 0
    finished: bool = False
    problem: str = ""
    """Why the file cannot be opened ("" when it can)."""

    @property
    def readable(self) -> bool:
        return not self.problem

    def when(self) -> str:
        if not self.written:
            return "?"
        return dt.datetime.fromtimestamp(self.written).strftime("%d %b %Y %H:%M")

    def text(self) -> str:
        """Returns the list's line for this file."""
        head = f"{self.name}  ·  " + _("saved {when}").format(when=self.when())
        if self.problem:
            return f"{head}  ·  " + _("unreadable: {why}").format(why=self.problem)
        if self.finished:
            where = _("game over")
        else:
            where = _("turn {turn} of {turns}").format(turn=self.turn, turns=self.turns)
        day = f"{self.date.day} {self.date:%B %Y}" if self.date else "?"
        return f"{head}  ·  {self.scenario}  ·  {self.side}  ·  {day}, {where}"


_CACHE: dict[tuple[Path, int, int], SaveInfo] = {}
"""Files described so far, by (path, mtime in ns, size): a file is replayed once per change."""


def _problem(exc: BaseException) -> str:
    """Returns the reason a save cannot be read, in a line (the first problem of a
    RecordError, without the file's path, which the list shows already)."""
    problems = getattr(exc, "problems", None)
    if problems:
        first = problems[0]
        field = f"{first.field}: " if getattr(first, "field", None) else ""
        return f"{field}{first.message}"[:200]
    return (getattr(exc, "strerror", None) or str(exc) or type(exc).__name__)[:200]


def describe(path: Path, *, autosave: bool = False) -> SaveInfo:
    """Returns what the save file `path` holds; never raises (a file that cannot be read is
    described with its problem)."""
    name = _("Autosave") if autosave else path.stem
    try:
        stat = path.stat()
    except OSError as exc:
        return SaveInfo(path, path.name, autosave, 0.0, problem=_problem(exc))
    key = (path, stat.st_mtime_ns, stat.st_size)
    known = _CACHE.get(key)
    if known is not None:
        return known
    sourced = False
    # A file in the folder may hold anything: no content may stop the list.
    try:
        record = load_record(path)
        sourced = record.source is not None
        info = _read(record, path, name, autosave, stat.st_mtime)
    except Exception as exc:
        # An unreadable file is named by its file's name: the player may want to find it.
        info = SaveInfo(path, path.name, autosave, stat.st_mtime, problem=_problem(exc))
    if len(_CACHE) > 4 * MAX_LISTED:
        _CACHE.clear()
    if not sourced:  # a game played from a file is read again: the file may have changed
        _CACHE[key] = info
    return info


def _read(record: GameRecord, path: Path, name: str, autosave: bool, written: float) -> SaveInfo:
    fault = source_fault(record)
    if fault is not None:
        raise ValueError(f"{Path(fault.file).name}: {fault.short}")
    if record.source is not None:
        game = game_of_saved(record, str(path))
    else:
        game = game_of(record.scenario, record.variant)
    scenario_file, variant_file = _files(record)
    state = replay(record, str(path), scenario_file=scenario_file, variant_file=variant_file)
    rules = game.rules
    humans = [f.name for f in rules.factions if record.agents.get(f.id, HUMAN) == HUMAN]
    variant = f" ({record.variant})" if record.variant else ""
    files = ", ".join(p.name for p in _files(record) if p is not None)
    calendar = rules.calendar
    return SaveInfo(
        path,
        name,
        autosave,
        written,
        scenario=f"{rules.title}{variant}" + (f" from {files}" if files else ""),
        side=", ".join(humans) or _("AI only"),
        date=calendar[min(state.turn, len(calendar) - 1)] if calendar else None,
        turn=min(state.turn, len(calendar) - 1) + 1 if calendar else state.turn + 1,
        turns=len(calendar),
        finished=game.is_terminal(state),
    )


def _files(record: GameRecord) -> tuple[Path | None, Path | None]:
    """Returns the scenario and variant files a game was played from (None: installed)."""
    source = record.source
    if source is None:
        return None, None
    return (
        Path(source.scenario_file) if source.scenario_file else None,
        Path(source.variant_file) if source.variant_file else None,
    )


def list_saves() -> list[SaveInfo]:
    """Returns the saves: the autosaves (newest first), then the named saves, newest first."""
    out = [describe(p, autosave=True) for p in autosave_paths()]
    try:
        found = [
            p for p in saves_dir().glob("*.json") if not p.name.startswith(".") and not p.is_dir()
        ]
    except OSError:
        found = []
    named = sorted((describe(p) for p in found), key=lambda i: (i.written, i.name), reverse=True)
    return out + named[:MAX_LISTED]


def safe_name(name: str) -> str:
    """Returns `name` as a file name: letters, digits, spaces and `-_.,()'` kept, the rest
    dropped, at most 60 characters, never empty nor hidden."""
    kept = re.sub(r"[^\w \-.,()']", "", name, flags=re.UNICODE).strip(" .")
    return kept[:60].strip(" .") or "save"


def save_path(name: str) -> Path:
    """Returns the file a save named `name` goes to."""
    return saves_dir() / f"{safe_name(name)}.json"


def default_name(session: Session) -> str:
    """Returns the name a save dialog suggests: the scenario and the game's date."""
    rules, state = session.rules, session.state
    day = rules.calendar[min(state.turn, len(rules.calendar) - 1)] if rules.calendar else None
    return f"{rules.title} {day:%d %b %Y}" if day else rules.title


def save_named(session: Session, name: str) -> Flash:
    """Saves the game as `name` (replacing a save of that name); returns what to tell."""
    path = save_path(name)
    try:
        session.save(path)
    except OSError as exc:
        return Flash(_("Could not save: {why}").format(why=exc.strerror or exc), 6)
    return Flash(_("Saved as “{name}”").format(name=path.stem), 4)


def delete_save(path: Path) -> str:
    """Deletes a save file; returns "" or why it could not be deleted. Only files of the
    saves and autosaves folders are ever deleted."""
    if path.parent != saves_dir() and not is_autosave(path) and path not in autosave_paths():
        return "not a file of the saves folder"
    try:
        path.unlink()
    except FileNotFoundError:
        return ""
    except OSError as exc:
        return str(exc.strerror or exc)
    return ""


def open_saved(path: Path) -> tuple[sc.Transition, str]:
    """Returns (the move to the game screen showing the game saved in `path`, ""), or (None,
    why the file cannot be opened). A game opened from its autosave goes on saving there;
    one opened from a named save gets an autosave of its own."""
    autosave = path if is_autosave(path) else autosave_path()
    try:
        session = Session.load(path, autosave=autosave)
    except (ValueError, OSError) as exc:  # RecordError and ScenarioError are ValueErrors
        return None, str(exc)
    return sc.Reset("game", session=session), ""


def continue_last() -> tuple[sc.Transition, str]:
    """Returns the move to the last game played (the newest autosave that opens), or (None,
    why none opens)."""
    reasons = []
    for path in autosave_paths():
        opened, why = open_saved(path)
        if not why:
            return opened, ""
        reasons.append(why)
    if reasons:
        return None, _("The autosave could not be loaded: {why}").format(why=reasons[0])
    return None, _("No game yet.")


def save_game(session: Session) -> tuple[str, float]:
    """Saves the game under a name made of its scenario and the time (a quick save, with no
    name asked); returns what to tell the player, and for how many seconds."""
    stamp = dt.datetime.now().strftime("%Y%m%d-%H%M%S")
    flash = save_named(session, f"{session.rules.id}-{stamp}")
    return flash.text, flash.seconds
