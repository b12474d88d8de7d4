"""Saving the game being played, and opening a saved one (for Continue and the Load screen)."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

from game.ui import scene as sc
from game.ui.session import Session
from game.ui.settings import autosave_path, saves_dir


def open_saved(path: Path) -> tuple[sc.Transition, str]:
    """Returns (the move to the game screen showing the game saved in `path`, ""), or (None,
    why the file cannot be opened). The game goes on saving itself to the autosave."""
    try:
        session = Session.load(path, autosave=autosave_path())
    except (ValueError, OSError) as exc:  # RecordError and ScenarioError are ValueErrors
        return None, str(exc)
    return sc.Reset("game", session=session), ""


def save_game(session: Session) -> tuple[str, float]:
    """Saves the game in a new file of the saves folder, named by scenario and time; returns
    what to tell the player, and for how many seconds."""
    stamp = dt.datetime.now().strftime("%Y%m%d-%H%M%S")
    path = saves_dir() / f"{session.rules.id}-{stamp}.json"
    try:
        session.save(path)
    except OSError as exc:
        return f"Could not save: {exc.strerror}", 6
    return f"Saved: {path.name}", 4
