"""A toast: one short piece of news shown over the foot of the map for a few seconds, instead of a
pop-up the player must dismiss (issue 15, item 4). The news is in the chronicle as well."""

from __future__ import annotations

from dataclasses import dataclass

import pygame

from game.core.rules import Rules
from game.ui.theme import GOLD, PAPER_LIGHT, RULE, Fonts
from game.ui.widgets.text import blit_text, wrap

TOAST_SECONDS = 7.0
"""How long a toast stays."""
TOAST_LINES = 2
"""News whose text and source fit in this many lines of the toast is a toast; longer news, news
of several events at once and events that ask a choice are pop-ups."""
TOAST_WIDTH = 520
"""The widest a toast gets (layout pixels)."""


@dataclass(frozen=True, slots=True)
class Toast:
    title: str
    """The event's title and date."""
    body: str
    """Its text and source."""
    until: float
    """The scene's clock when it goes."""


def toast_of(rules: Rules, events: list[int], when: str, until: float) -> Toast | None:
    """Returns the toast of news `events` told on `when`, or None when the news is a pop-up
    (several events, or one whose text does not fit `TOAST_LINES` lines; see `fits`)."""
    if len(events) != 1:
        return None
    event = rules.events[events[0]]
    if event.options:
        return None
    own = event.date  # a dated event's own day, as in the chronicle
    when = f"{own.day} {own:%b %Y}" if own is not None else when
    return Toast(f"{event.title} — {when}", f"{event.text} — {event.cite}", until)


def _box(area: pygame.Rect, scale: float) -> pygame.Rect:
    width = min(area.width - round(24 * scale), round(TOAST_WIDTH * scale))
    return pygame.Rect(0, 0, width, 0)


def fits(toast: Toast, fonts: Fonts, area: pygame.Rect) -> bool:
    """True when the toast's text fits its lines over `area` (else the news is a pop-up)."""
    width = _box(area, fonts.scale).width - round(20 * fonts.scale)
    return len(wrap(fonts.get("sans", 13), toast.body, width)) <= TOAST_LINES


def draw_toast(surface: pygame.Surface, toast: Toast, fonts: Fonts, area: pygame.Rect) -> None:
    """Draws the toast over the foot of `area` (the map), its text wrapped."""
    s = fonts.scale
    head, body = fonts.get("sans_bold", 13), fonts.get("sans", 13)
    box = _box(area, s)
    pad = round(10 * s)
    lines = wrap(body, toast.body, box.width - 2 * pad)[:TOAST_LINES]
    title = wrap(head, toast.title, box.width - 2 * pad)
    box.height = 2 * pad + (len(title) + len(lines)) * body.get_linesize()
    box.midbottom = (area.centerx, area.bottom - round(12 * s))
    pygame.draw.rect(surface, (43, 33, 24), box, border_radius=round(6 * s))
    pygame.draw.rect(surface, RULE, box, 1, border_radius=round(6 * s))
    y = box.top + pad
    for n, line in enumerate(title + lines):
        font, colour = (head, GOLD) if n < len(title) else (body, PAPER_LIGHT)
        blit_text(surface, font, line, (box.left + pad, y), colour)
        y += body.get_linesize()
