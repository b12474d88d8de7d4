"""Scenes by name: the registry's table, the names scenes go to, and opening a saved game."""

from __future__ import annotations

import ast
from pathlib import Path

import pytest

from game.ui import scene as sc
from game.ui.registry import SCENES, build
from game.ui.saves import open_saved

UI_DIR = Path(__file__).parents[2] / "game" / "ui"
SCENE_DIR = UI_DIR / "scenes"
TRANSITIONS = [*sorted(SCENE_DIR.glob("*.py")), UI_DIR / "game_commands.py"]
"""The modules that write scene transitions: the scenes and the game screen's commands."""


def test_each_scene_is_registered_under_its_own_name() -> None:
    for name, factory in SCENES.items():
        assert isinstance(factory, type)
        assert issubclass(factory, sc.Scene)
        assert factory.name == name


def _names_gone_to(path: Path) -> set[str]:
    """Returns the scene names written as literals in the transitions of a module."""
    names = set()
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
        if (
            isinstance(node, ast.Call)
            and isinstance(node.func, ast.Attribute)
            and node.func.attr in {"Push", "Replace", "Reset"}
        ):
            for arg in node.args:
                if isinstance(arg, ast.Constant) and isinstance(arg.value, str):
                    names.add(arg.value)
                if isinstance(arg, ast.IfExp):  # Reset("menu", "scenarios" if ... else None)
                    for part in (arg.body, arg.orelse):
                        if isinstance(part, ast.Constant) and isinstance(part.value, str):
                            names.add(part.value)
    return names


def test_scenes_go_only_to_registered_scenes() -> None:
    gone_to = set().union(*(_names_gone_to(p) for p in TRANSITIONS))
    assert gone_to >= {"debrief", "pause", "help", "briefing", "event", "cover", "game", "menu"}
    assert gone_to <= set(SCENES)


def test_a_transition_names_a_scene_and_its_arguments() -> None:
    push = sc.Push("event", session=None, events=[3], choice=True)
    assert push.scene == "event"
    assert push.args == {"session": None, "events": [3], "choice": True}
    assert sc.Reset("menu", "scenarios") == sc.Reset("menu", "scenarios")
    assert sc.Reset("menu").then is None
    assert sc.Push("help") != sc.Replace("help")


def test_open_saved_says_why_a_file_cannot_be_opened(tmp_path: Path) -> None:
    bad = tmp_path / "bad.json"
    bad.write_text("{not json", encoding="utf-8")
    transition, why = open_saved(bad)
    assert transition is None
    assert why
    missing = tmp_path / "missing.json"
    transition, why = open_saved(missing)
    assert transition is None
    assert why


def test_an_unknown_scene_name_lists_the_known_ones() -> None:
    with pytest.raises(KeyError, match="known: menu"):
        build(None, "nowhere")  # type: ignore[arg-type]
