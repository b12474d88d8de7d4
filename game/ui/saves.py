"""Opening a saved game, for every screen that does it (Continue, the Load screen)."""

from __future__ import annotations

from pathlib import Path

from game.ui import scene as sc
from game.ui.session import Session
from game.ui.settings import autosave_path


def open_saved(path: Path) -> tuple[sc.Transition, str]:
    """Returns (the move to the game screen showing the game saved in `path`, ""), or (None,
    why the file cannot be opened). The game goes on saving itself to the autosave."""
    try:
        session = Session.load(path, autosave=autosave_path())
    except (ValueError, OSError) as exc:  # RecordError and ScenarioError are ValueErrors
        return None, str(exc)
    return sc.Reset("game", session=session), ""
