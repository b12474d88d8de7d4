"""The contrast of every text a frame draws against what lies under it (WCAG's ratio, 1–21).

Three kinds of text are measured:

- our own (`game.ui.widgets.text.blit_text`, `blit_wrapped`, `draw_tooltip`): wrapped in every
  `game.ui` module that imported them; before each call, the colour met most often under the
  text's rect (on whatever surface it is drawn on: the window or a cached panel) is its ground;
- pygame_gui's buttons, labels and text boxes: the colours of the state shown (a button's
  normal, selected or disabled text on its background; a label's text on the window under it);
- colours written into a text box's HTML (`<font color='#…'>`, links) against its background.

Map labels drawn by `widgets.map_view` and `widgets.lot_marks` are not measured here (they place
their own text on the map).
"""

from __future__ import annotations

import re
import sys
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from typing import Any

import numpy as np
import pygame
from pygame_gui.elements import UIButton, UILabel, UITextBox

from game.ui.widgets import text as text_module

Colour = tuple[int, int, int]
AAA = 7.0
"""WCAG's enhanced contrast (AAA) for text."""
INACTIVE = 4.5
"""For a disabled widget's text (WCAG exempts it; we still ask for the AA ratio)."""


def luminance(colour: Colour) -> float:
    def channel(c: int) -> float:
        s = c / 255
        return s / 12.92 if s <= 0.03928 else ((s + 0.055) / 1.055) ** 2.4

    r, g, b = (channel(c) for c in colour[:3])
    return 0.2126 * r + 0.7152 * g + 0.0722 * b


def ratio(a: Colour, b: Colour) -> float:
    """Returns WCAG's contrast ratio of two colours (1 to 21)."""
    hi, lo = sorted((luminance(a), luminance(b)), reverse=True)
    return (hi + 0.05) / (lo + 0.05)


def ground(surface: pygame.Surface, rect: pygame.Rect) -> Colour | None:
    """Returns the colour met most often inside `rect` on `surface` (None outside it)."""
    area = rect.clip(surface.get_rect())
    if area.width <= 0 or area.height <= 0:
        return None
    pixels = pygame.surfarray.array3d(surface.subsurface(area)).reshape(-1, 3)
    colours, counts = np.unique(pixels, axis=0, return_counts=True)
    r, g, b = (int(c) for c in colours[int(counts.argmax())])
    return (r, g, b)


@dataclass(frozen=True, slots=True)
class Low:
    """A text whose contrast is too low."""

    what: str
    text: Colour
    ground: Colour
    ratio: float

    def __str__(self) -> str:
        return f"{self.ratio:.2f}:1  {self.text} on {self.ground}  {self.what}"


class ContrastRecorder:
    """Measures the texts drawn through `game.ui.widgets.text` while `recording()` is open."""

    def __init__(self) -> None:
        self.low: list[Low] = []
        self.measured = 0

    def _check(self, what: str, colour: Colour, under: Colour | None, need: float = AAA) -> None:
        if under is None:
            return
        self.measured += 1
        r = ratio(colour, under)
        if r < need:
            self.low.append(Low(what[:70], tuple(colour[:3]), under, round(r, 2)))  # type: ignore[arg-type]

    def _wrappers(self) -> dict[str, Callable[..., Any]]:
        blit_text = text_module.blit_text
        blit_wrapped = text_module.blit_wrapped
        draw_tooltip = text_module.draw_tooltip

        def rec_blit_text(
            surface: pygame.Surface,
            font: Any,
            text: str,
            pos: tuple[int, int],
            colour: Colour = text_module.INK,
            *,
            width: int = 0,
            align: str = "left",
        ) -> Any:
            shown = text_module.ellipsize(font, text, width) if width else text
            rect = pygame.Rect((0, 0), font.size(shown))
            setattr(rect, {"right": "topright", "center": "midtop"}.get(align, "topleft"), pos)
            if shown.strip():
                self._check(f"blit {text!r}", colour, ground(surface, rect))
            return blit_text(surface, font, text, pos, colour, width=width, align=align)

        def rec_blit_wrapped(
            surface: pygame.Surface,
            font: Any,
            text: str,
            rect: pygame.Rect,
            colour: Colour = text_module.INK,
        ) -> int:
            if text.strip():
                self._check(f"wrapped {text!r}", colour, ground(surface, rect))
            return int(blit_wrapped(surface, font, text, rect, colour))

        def rec_draw_tooltip(surface: pygame.Surface, font: Any, text: str, at: Any) -> Any:
            box = draw_tooltip(surface, font, text, at)
            self._check(f"tooltip {text!r}", text_module.PAPER_LIGHT, text_module.INK)
            return box

        return {
            "blit_text": rec_blit_text,
            "blit_wrapped": rec_blit_wrapped,
            "draw_tooltip": rec_draw_tooltip,
        }

    @contextmanager
    def recording(self) -> Iterator[ContrastRecorder]:
        """Wraps the text functions in every loaded `game.ui` module (the name each imported)."""
        names = ("blit_text", "blit_wrapped", "draw_tooltip")
        originals = {name: getattr(text_module, name) for name in names}
        wrappers = self._wrappers()
        patched: list[tuple[Any, str, Any]] = []
        for mod_name, module in list(sys.modules.items()):
            if not mod_name.startswith("game.ui") or module is None:
                continue
            for name, original in originals.items():
                if getattr(module, name, None) is original and module is not text_module:
                    patched.append((module, name, original))
                    setattr(module, name, wrappers[name])
        try:
            yield self
        finally:
            for module, name, original in patched:
                setattr(module, name, original)


_HTML_COLOUR = re.compile(r"color=['\"]?#([0-9A-Fa-f]{6})")


def _rgb(colour: Any) -> Colour:
    c = pygame.Color(colour)
    return (c.r, c.g, c.b)


def _shown(sprite: Any) -> bool:
    return bool(sprite.visible) and sprite.rect.width > 0 and sprite.rect.height > 0


def widget_lows(manager: Any, screen: pygame.Surface) -> tuple[list[Low], int]:
    """Returns the widgets' texts of too low a contrast, and how many were measured."""
    rec = ContrastRecorder()
    for sprite in manager.get_sprite_group().sprites():
        if not _shown(sprite):
            continue
        colours = getattr(sprite, "colours", {})
        if isinstance(sprite, UIButton) and sprite.text.strip():
            state = "normal"
            if not sprite.is_enabled:
                state = "disabled"
            elif sprite.is_selected:
                state = "selected"
            need = INACTIVE if state == "disabled" else AAA
            rec._check(
                f"button {sprite.text!r} ({state})",
                _rgb(colours[f"{state}_text"]),
                _rgb(colours[f"{state}_bg"]),
                need,
            )
        elif isinstance(sprite, UILabel) and sprite.text.strip():
            rec._check(
                f"label {sprite.text!r}",
                _rgb(sprite.text_colour),
                ground(screen, sprite.rect),
            )
        elif isinstance(sprite, UITextBox):
            bg = _rgb(sprite.background_colour)
            if bg == (0, 0, 0) and sprite.background_colour.a == 0:
                bg = ground(screen, sprite.rect) or bg  # a transparent box: the window's
            theme = manager.get_theme()
            ink = theme.get_colour_or_gradient("normal_text", sprite.combined_element_ids)
            html = sprite.html_text or ""
            rec._check(f"text box {html[:40]!r}", _rgb(ink), bg)
            for hexa in sorted(set(_HTML_COLOUR.findall(html))):
                rec._check(f"text box colour #{hexa} in {html[:40]!r}", _rgb("#" + hexa), bg)
            if "<a " in html:
                rec._check(f"text box link in {html[:40]!r}", _rgb(sprite.link_normal_colour), bg)
    return rec.low, rec.measured
