"""Issue 11: the window survives its own folders: a config folder that cannot be written, and
save files that are links to nothing, pipes, or hold numbers of thousands of digits."""

from __future__ import annotations

import json
import os
from pathlib import Path

import pytest

from game.ui import scene as sc
from game.ui.app import App
from game.ui.catalog import game_of
from game.ui.saves import list_saves
from game.ui.scenes.menu import MainMenu
from game.ui.session import Session
from game.ui.settings import Settings, autosave_path, autosave_paths, saves_dir
from tests.ui.driver import Driver


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
    names = {info.path.name: info.text() for info in list_saves()}
    assert "unreadable" in names["gone.json"]
    assert "unreadable" in names["huge.json"]
    if hasattr(os, "mkfifo"):
        assert "unreadable" in names["pipe.json"]


def test_continue_falls_back_to_the_game_before_a_damaged_autosave(driver: Driver) -> None:
    """Each game has its autosave, and the last three games' are kept; when the newest is
    damaged, Continue opens the game before it."""
    turns = []
    for seed in (3, 4, 5, 6):
        session = Session(
            game_of("railway-sale"), seed, {"ussr": "human", "japan": "historical"},
            autosave=autosave_path(),
        )  # fmt: skip
        session.confirm()
        while session.human_to_act() < 0 and not session.is_over():
            session.poll(budget=0.05)
        session.wait_saved()
        turns.append((seed, session.state.turn))
        session.close()
    newest, previous, oldest = autosave_paths()
    assert [json.loads(p.read_text(encoding="utf-8"))["seed"] for p in autosave_paths()] == [
        6,
        5,
        4,
    ]  # one file per game, the oldest game's deleted
    newest.write_text("{ damaged", encoding="utf-8")
    moved = MainMenu(driver.app.ctx)._continue()
    assert isinstance(moved, sc.Reset)
    assert moved.args["session"].seed == 5
    assert moved.args["session"].state.turn == turns[-2][1]
    assert moved.args["session"].autosave_path == previous  # the game goes on saving there
    assert oldest.exists()
