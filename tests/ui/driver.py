"""Drives the real app with synthetic pygame events, as a player would (for tests and screenshots).

The display must be the dummy driver (tests/conftest.py sets it). Settings and saves go to the
folders named by AMUR_CONFIG_DIR / AMUR_DATA_DIR, which the caller points at temporary ones.
"""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path
from typing import Any

import pygame

from game.ui.app import App
from game.ui.scene import Scene
from game.ui.scenes.menu import MainMenu
from game.ui.settings import Settings


class Driver:
    """An app at the main menu, and the player's hands: clicks, keys, patience."""

    def __init__(self, settings: Settings | None = None, *, persist: bool = False) -> None:
        self.app = App(settings or Settings(sound=False), fps=0, persist=persist)
        self.app.push(MainMenu(self.app.ctx))
        self.frames(2)

    @property
    def scene(self) -> Scene:
        return self.app.top

    @property
    def name(self) -> str:
        return self.app.top.name

    def describe(self) -> dict[str, Any]:
        return self.app.top.describe()

    def frames(self, n: int = 2) -> None:
        for _ in range(n):
            self.app.step()

    def click_at(self, pos: tuple[int, int], button: int = 1) -> None:
        pygame.event.post(
            pygame.event.Event(pygame.MOUSEMOTION, pos=pos, rel=(0, 0), buttons=(0, 0, 0))
        )
        pygame.event.post(pygame.event.Event(pygame.MOUSEBUTTONDOWN, pos=pos, button=button))
        pygame.event.post(pygame.event.Event(pygame.MOUSEBUTTONUP, pos=pos, button=button))
        self.frames(3)

    def click(self, element: Any) -> None:
        """Clicks the middle of a widget (as drawn on screen)."""
        assert element.visible, f"{element} is not visible"
        self.click_at(element.rect.center)

    def button(self, text: str) -> Any:
        """Returns the visible button of the top scene whose text starts with `text`."""
        from pygame_gui.elements import UIButton

        for sprite in self.app.manager.get_sprite_group().sprites():
            if isinstance(sprite, UIButton) and sprite.visible and sprite.text.startswith(text):
                return sprite
        raise AssertionError(f"no visible button {text!r} in {self.name}")

    def press(self, text: str) -> None:
        self.click(self.button(text))

    def key(self, key: int, mod: int = 0, unicode: str = "") -> None:
        pygame.event.post(
            pygame.event.Event(pygame.KEYDOWN, key=key, mod=mod, unicode=unicode, scancode=0)
        )
        pygame.event.post(
            pygame.event.Event(pygame.KEYUP, key=key, mod=mod, unicode=unicode, scancode=0)
        )
        self.frames(3)

    def until(self, done: Callable[[], bool], limit: int = 3000) -> None:
        for _ in range(limit):
            if done():
                return
            self.app.step()
        raise AssertionError(f"gave up waiting in scene {self.name}")

    def shot(self, path: Path) -> Path:
        self.frames(1)
        pygame.image.save(self.app.screen, str(path))
        return path

    def close(self) -> None:
        self.app.close()
