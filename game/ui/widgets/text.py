"""Text on surfaces: wrapping, ellipsis, HTML escaping for pygame_gui text boxes, tooltips."""

from __future__ import annotations

import html
from collections.abc import Callable
from typing import Any, Protocol

import pygame

from game.ui.theme import ACCENT, INK, PAPER_LIGHT, RULE, Colour, Fonts


class Measures(Protocol):
    """Anything that measures text: a pygame font, or a pygame_gui widget's font."""

    def size(self, text: str, /) -> tuple[int, int]: ...


def wrap(font: Measures, text: str, width: int) -> list[str]:
    """Returns `text` broken into lines no wider than `width` pixels (long words are cut)."""
    lines: list[str] = []
    for para in text.split("\n"):
        line = ""
        for word in para.split(" "):
            candidate = f"{line} {word}" if line else word
            if font.size(candidate)[0] <= width:
                line = candidate
                continue
            if line:
                lines.append(line)
            while font.size(word)[0] > width and len(word) > 1:
                cut = len(word)
                while cut > 1 and font.size(word[:cut])[0] > width:
                    cut -= 1
                lines.append(word[:cut])
                word = word[cut:]
            line = word
        lines.append(line)
    return lines


def ellipsize(font: Measures, text: str, width: int) -> str:
    """Returns `text`, shortened with an ellipsis to fit `width` pixels."""
    if font.size(text)[0] <= width:
        return text
    while text and font.size(text + "…")[0] > width:
        text = text[:-1]
    return text + "…"


def fit(widget: Any, text: str, width: int) -> None:
    """Sets a pygame_gui label's or button's text, shortened with an ellipsis to `width`."""
    short = ellipsize(widget.font, text, width)
    if short != widget.text:
        widget.set_text(short)


def blit_text(
    surface: pygame.Surface,
    font: pygame.font.Font,
    text: str,
    pos: tuple[int, int],
    colour: Colour = INK,
    *,
    width: int = 0,
    align: str = "left",
) -> pygame.Rect:
    """Draws one line (shortened to `width` if given); returns the rect drawn."""
    if width:
        text = ellipsize(font, text, width)
    image = font.render(text, True, colour)
    rect = image.get_rect()
    if align == "right":
        rect.topright = pos
    elif align == "center":
        rect.midtop = pos
    else:
        rect.topleft = pos
    surface.blit(image, rect)
    return rect


def draw_error(
    surface: pygame.Surface, fonts: Fonts, text: str, px: Callable[[float], int]
) -> None:
    """Draws a scene's error line above its footer buttons (nothing when `text` is empty)."""
    if not text:
        return
    w, h = surface.get_size()
    blit_text(surface, fonts.get("sans", 13), text, (px(40), h - px(100)), ACCENT, width=w - px(80))


def blit_wrapped(
    surface: pygame.Surface,
    font: pygame.font.Font,
    text: str,
    rect: pygame.Rect,
    colour: Colour = INK,
) -> int:
    """Draws wrapped text inside `rect` (cut at its bottom); returns the height used."""
    y = rect.top
    step = font.get_linesize()
    for line in wrap(font, text, rect.width):
        if y + step > rect.bottom:
            break
        surface.blit(font.render(line, True, colour), (rect.left, y))
        y += step
    return y - rect.top


def draw_tooltip(
    surface: pygame.Surface, font: pygame.font.Font, text: str, at: tuple[int, int]
) -> pygame.Rect:
    """Draws a tooltip box near `at`, kept inside the surface (a text too long for it ends in
    "…"); returns the box."""
    width = min(360, surface.get_width() - 20)
    lines = wrap(font, text, width - 16)
    step = font.get_linesize()
    room = max(1, (surface.get_height() - 20) // step)
    if len(lines) > room:
        lines = [*lines[: room - 1], ellipsize(font, lines[room - 1] + " …", width - 16)]
    w = max(font.size(line)[0] for line in lines) + 16
    h = step * len(lines) + 12
    x = max(4, min(at[0] + 16, surface.get_width() - w - 4))
    y = at[1] + 18
    if y + h > surface.get_height() - 4:
        y = max(4, min(at[1] - h - 8, surface.get_height() - h - 4))
    box = pygame.Rect(x, y, w, h)
    pygame.draw.rect(surface, INK, box)  # dark ink, light paper: either palette
    pygame.draw.rect(surface, RULE, box, 1)
    for i, line in enumerate(lines):
        surface.blit(font.render(line, True, PAPER_LIGHT), (x + 8, y + 6 + i * step))
    return box


def esc(text: str) -> str:
    """Returns text safe to put inside pygame_gui's HTML subset."""
    return html.escape(text, quote=False)
