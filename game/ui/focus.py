"""Keyboard-only play on every screen: Tab and Shift+Tab move a focus ring among the buttons
shown, Enter or Space presses the one in the ring, Esc (or a click) puts the ring away.

Each screen keeps its own keys (Enter ends a turn, 1–9 give orders, …); the ring is the way to
reach what has no key of its own — a seat on the set-up screen, an order card past the tenth,
a row's Delete button. While the ring is shown, Enter and Space press its button instead of
doing what the screen does with them.
"""

from __future__ import annotations

from typing import Any

import pygame
import pygame_gui
from pygame_gui.elements import UIButton

from game.ui.theme import FOCUS, INK

_PRESS_KEYS = (pygame.K_RETURN, pygame.K_KP_ENTER, pygame.K_SPACE)


def focusable(manager: pygame_gui.UIManager) -> list[UIButton]:
    """Returns the buttons the ring can go to, in the order they were made: shown, enabled,
    on the window, and not part of another widget (a slider's arrows, a window's close)."""
    screen = pygame.Rect((0, 0), manager.window_resolution)
    out = []
    for sprite in manager.get_sprite_group().sprites():
        if not isinstance(sprite, UIButton) or getattr(sprite, "parent_element", None):
            continue
        if _alive(sprite) and sprite.visible and sprite.is_enabled and screen.contains(sprite.rect):
            out.append(sprite)
    return out


def _alive(button: Any) -> bool:
    return bool(button.alive())


class FocusRing:
    """The button that has the keyboard, if any (see the module docstring)."""

    def __init__(self) -> None:
        self.current: UIButton | None = None
        self.index = -1
        """The place of `current` among the buttons: when a screen rebuilds its buttons (an
        order given), the ring goes on from the same place."""
        self.scene: object = None

    def handle(self, event: pygame.event.Event, manager: pygame_gui.UIManager, scene: Any) -> bool:
        """Moves or uses the ring; returns True if the event was the ring's."""
        if scene is not self.scene:  # another screen: the ring starts afresh
            self.scene, self.current, self.index = scene, None, -1
        if event.type == pygame.MOUSEBUTTONDOWN:
            self.current = None
            return False
        if event.type != pygame.KEYDOWN:
            return False
        if event.key == pygame.K_TAB:
            self.move(manager, -1 if event.mod & pygame.KMOD_SHIFT else 1)
            return True
        shown = self.shown()
        if shown is None:
            return False
        if event.key in _PRESS_KEYS:
            press(shown)
            return True
        if event.key == pygame.K_ESCAPE:
            self.current = None
            return True
        return False

    def shown(self) -> UIButton | None:
        """Returns the button in the ring, if it is still there to press."""
        b = self.current
        if b is None or not _alive(b) or not b.visible or not b.is_enabled:
            return None
        return b

    def move(self, manager: pygame_gui.UIManager, step: int) -> None:
        buttons = focusable(manager)
        if not buttons:
            self.current = None
            return
        if self.current in buttons:
            at = buttons.index(self.current) + step
        elif self.index >= 0:  # rebuilt: the button now where the last one was
            at = min(self.index, len(buttons) - 1)
        else:
            at = 0 if step > 0 else len(buttons) - 1
        self.index = at % len(buttons)
        self.current = buttons[self.index]

    def draw(self, surface: pygame.Surface) -> None:
        button = self.shown()
        if button is not None:
            ring = button.rect.inflate(8, 8)
            pygame.draw.rect(surface, INK, ring.inflate(2, 2), 1)
            pygame.draw.rect(surface, FOCUS, ring, 3)


def press(button: UIButton) -> None:
    """Presses a button as a click does (pygame_gui's event, handled next frame)."""
    pygame.event.post(
        pygame.event.Event(
            pygame_gui.UI_BUTTON_PRESSED,
            {
                "ui_element": button,
                "ui_object_id": button.most_specific_combined_id,
                "mouse_button": pygame.BUTTON_LEFT,
            },
        )
    )
