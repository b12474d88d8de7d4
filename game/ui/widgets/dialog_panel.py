"""The panel every dialog draws over the dimmed scene below it: centred, with a shadow, paper,
a double rule and, under a heading, an accent line (the event pop-ups, the save and "why?"
prompts)."""

from __future__ import annotations

import pygame

from game.ui.theme import ACCENT, PAPER, RULE

SHADOW = (20, 14, 8)


def centred(size: tuple[int, int], width: int, height: int) -> pygame.Rect:
    """Returns a panel of at most `width` × `height` centred in a window of `size`, leaving
    20 px around it in a small window."""
    w, h = size
    pw, ph = min(width, w - 40), min(height, h - 40)
    return pygame.Rect((w - pw) // 2, (h - ph) // 2, pw, ph)


def draw_panel(surface: pygame.Surface, rect: pygame.Rect, heading_rule: int | None = None) -> None:
    """Draws the panel; `heading_rule`: the height of the accent line under a heading, if any."""
    pygame.draw.rect(surface, SHADOW, rect.move(6, 6))
    pygame.draw.rect(surface, PAPER, rect)
    pygame.draw.rect(surface, RULE, rect, 2)
    pygame.draw.rect(surface, RULE, rect.inflate(-10, -10), 1)
    if heading_rule is not None:
        y = rect.top + heading_rule
        pygame.draw.line(surface, ACCENT, (rect.left + 24, y), (rect.right - 24, y), 2)
