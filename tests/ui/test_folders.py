"""Issue 11: the window survives its own folders: a config folder that cannot be written, and
save files that are links to nothing, pipes, or hold numbers of thousands of digits."""

from __future__ import annotations

import json
import os
from pathlib import Path

import pytest

from game.ui.app import App
from game.ui.scenes.load import list_saves
from game.ui.settings import Settings, saves_dir


def test_settings_that_cannot_be_saved_are_told_not_crashed(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Regression: a read-only or full config folder crashed the game on a setting change or a
    resize. (Tests run as root, which writes anywhere: the folder is under a file instead.)"""
    blocker = tmp_path / "a-file"
    blocker.write_text("not a folder", encoding="utf-8")
    monkeypatch.setenv("AMUR_CONFIG_DIR", str(blocker / "config"))
    app = App(Settings(sound=False), fps=0, persist=True)
    try:
        app.apply_settings(Settings(sound=False, ui_scale=1.25))
        assert app.settings.ui_scale == 1.25  # applied for this session
        assert "could not be saved" in app.ctx.notice
    finally:
        app.close()


def test_the_load_screen_lists_bad_files_as_unreadable(tmp_path: Path) -> None:
    """Regression: a dangling `*.json` link, a FIFO or a save with a 5,000-digit seed crashed
    (or hung) the Load screen."""
    folder = saves_dir()
    folder.mkdir(parents=True)
    (folder / "gone.json").symlink_to(tmp_path / "nowhere.json")
    huge = {"format": "amur-save", "format_version": 1, "engine_version": "0.1.0",
            "scenario": "railway-sale", "variant": None, "seed": 1, "agents": {},
            "actions": [], "state_hash": "0" * 64}  # fmt: skip
    text = json.dumps(huge).replace('"seed": 1', '"seed": ' + "9" * 5000)
    (folder / "huge.json").write_text(text, encoding="utf-8")
    if hasattr(os, "mkfifo"):
        os.mkfifo(folder / "pipe.json")
    listed = dict(list_saves())
    names = {path.name: text for path, text in listed.items()}
    assert "cannot be read" in names["gone.json"]
    assert "cannot be read" in names["huge.json"]
    if hasattr(os, "mkfifo"):
        assert "cannot be read" in names["pipe.json"]
