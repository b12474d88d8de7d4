"""The keymap: one table drives the game screen's keys and the help's list of shortcuts."""

from __future__ import annotations

import pygame

from game.ui.keymap import KEYMAP, game_command
from game.ui.scenes.help import help_html
from game.ui.scenes.play import GameScene
from game.ui.widgets.hud import BAR_BUTTONS
from game.ui.widgets.text import esc


def _press(key: int, mod: int = 0) -> pygame.event.Event:
    return pygame.event.Event(pygame.KEYDOWN, key=key, mod=mod, unicode="", scancode=0)


def test_the_game_screen_handles_every_command_of_the_help_and_no_other() -> None:
    in_keymap = {s.command for s in KEYMAP if s.command}
    assert set(GameScene.COMMANDS) == in_keymap
    for shortcut in KEYMAP:
        assert bool(shortcut.command) == bool(shortcut.chords), shortcut
    assert {command for command, _, _ in BAR_BUTTONS} <= in_keymap  # buttons run commands too


def test_the_help_lists_every_shortcut_of_the_keymap_in_order() -> None:
    html = help_html()
    at = 0
    for shortcut in KEYMAP:
        line = f"<b>{esc(shortcut.keys)}</b>: {esc(shortcut.text)}"
        found = html.find(line, at)
        assert found >= 0, line
        at = found


def test_each_key_press_runs_one_command_at_most() -> None:
    chords = [c for s in KEYMAP for c in s.chords]
    assert len(chords) == len(set(chords))
    assert game_command(_press(pygame.K_s, pygame.KMOD_CTRL)) == "save"
    assert game_command(_press(pygame.K_s)) == ""
    assert game_command(_press(pygame.K_a)) == "advise"
    assert game_command(_press(pygame.K_a, pygame.KMOD_LCTRL)) == ""
    assert game_command(_press(pygame.K_z, pygame.KMOD_CTRL)) == "undo"
    assert game_command(_press(pygame.K_z)) == ""
    assert game_command(_press(pygame.K_BACKSPACE)) == "undo"
    assert game_command(_press(pygame.K_KP_ENTER)) == "end"
    assert game_command(_press(pygame.K_RIGHT, pygame.KMOD_SHIFT)) == "nudge"
    assert [game_command(_press(k)) for k in (pygame.K_0, pygame.K_1, pygame.K_9)] == [
        "card",  # the tenth card (issue 15: cards beyond 9)
        "card",
        "card",
    ]
    assert game_command(_press(pygame.K_PAGEDOWN)) == "chronicle"
    assert game_command(_press(pygame.K_r, pygame.KMOD_SHIFT)) == "region"
