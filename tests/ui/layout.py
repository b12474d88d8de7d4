"""The texts a frame shows, with their rects, and what is wrong with them: cut, clipped, overlaid.

Two kinds of text are on screen:

- pygame_gui widgets (`UILabel`, `UIButton`, `UITextBox`): read from the manager's sprites. A
  label's or button's text rect is its font's size of its text, placed in the widget by the
  widget's horizontal alignment and centred vertically; a text box scrolls, so its rect is the
  box itself.
- text drawn by our own code, which all goes through `game.ui.widgets.text` (`blit_text`,
  `blit_wrapped`, `ellipsize`): `Recorder` wraps those functions in every `game.ui` module that
  imported them and records each call. Only text drawn on the window (or a subsurface of it) has
  a place on screen; text drawn into a cached image is still checked for cuts.

Map labels (`widgets.map_view`, `widgets.lot_marks`) render their own text on the map and place
it by the map's geometry; they are not checked here.
"""

from __future__ import annotations

import re
import sys
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from typing import Any

import pygame
from pygame_gui.elements import UIButton, UILabel, UITextBox

from game.ui.widgets import text as text_module


@dataclass(frozen=True, slots=True)
class Text:
    """One text on screen."""

    text: str
    rect: pygame.Rect
    """Where the text's glyphs are (window coordinates)."""
    box: pygame.Rect
    """What holds it: the widget, or the rect it was drawn into."""
    source: str
    """"label", "button", "textbox", "blit", "wrapped"."""


@dataclass(frozen=True, slots=True)
class Problem:
    kind: str
    """"cut" (shortened with "…" or lines dropped), "clipped" (wider or taller than what holds
    it, or outside the window or its container), "overlap"."""
    what: str

    def __str__(self) -> str:
        return f"{self.kind}: {self.what}"


def _name(t: Text) -> str:
    return f"{t.source} {t.text[:60]!r} at {tuple(t.rect)}"


class Recorder:
    """Records the texts drawn through `game.ui.widgets.text` while `recording()` is open."""

    def __init__(self) -> None:
        self.drawn: list[Text] = []
        self.cuts: list[str] = []
        """Texts shortened with an ellipsis or cut at a rect's bottom (their full text)."""
        self.screen: pygame.Surface | None = None

    def _place(self, surface: pygame.Surface, rect: pygame.Rect) -> pygame.Rect | None:
        """Returns `rect` in window coordinates, or None when `surface` is not the window."""
        if self.screen is None:
            return None
        if surface is self.screen:
            return rect.copy()
        if surface.get_parent() is not None and surface.get_abs_parent() is self.screen:
            return rect.move(surface.get_abs_offset())
        return None

    def _wrappers(self) -> dict[str, Callable[..., Any]]:
        blit_text = text_module.blit_text
        blit_wrapped = text_module.blit_wrapped
        ellipsize = text_module.ellipsize

        def rec_ellipsize(font: Any, text: str, width: int) -> str:
            short = ellipsize(font, text, width)
            if short != text:
                self.cuts.append(text)
            return short

        def rec_blit_text(surface: pygame.Surface, font: Any, text: str, *a: Any, **k: Any) -> Any:
            rect = blit_text(surface, font, text, *a, **k)
            where = self._place(surface, rect)
            if where is not None and text.strip():
                self.drawn.append(Text(text, where, where, "blit"))
            return rect

        def rec_blit_wrapped(
            surface: pygame.Surface, font: Any, text: str, rect: pygame.Rect, *a: Any
        ) -> int:
            used = blit_wrapped(surface, font, text, rect, *a)
            lines = text_module.wrap(font, text, rect.width)
            if len(lines) * font.get_linesize() > rect.height:
                self.cuts.append(text)
            where = self._place(surface, pygame.Rect(rect.left, rect.top, rect.width, used))
            if where is not None and used and text.strip():
                box = self._place(surface, rect) or where
                self.drawn.append(Text(text, where, box, "wrapped"))
            return used

        return {
            "ellipsize": rec_ellipsize,
            "blit_text": rec_blit_text,
            "blit_wrapped": rec_blit_wrapped,
        }

    @contextmanager
    def recording(self) -> Iterator[Recorder]:
        """Wraps the text functions in every loaded `game.ui` module (the name each imported)."""
        originals = {
            name: getattr(text_module, name) for name in ("ellipsize", "blit_text", "blit_wrapped")
        }
        wrappers = self._wrappers()
        patched: list[tuple[Any, str, Any]] = []
        for mod_name, module in list(sys.modules.items()):
            if not mod_name.startswith("game.ui") or module is None:
                continue
            for name, original in originals.items():
                if getattr(module, name, None) is original:
                    patched.append((module, name, original))
                    setattr(module, name, wrappers[name])
        try:
            yield self
        finally:
            for module, name, original in patched:
                setattr(module, name, original)


def _shown(sprite: Any) -> bool:
    """True for a visible widget that is not part of a scroll bar (its ▲ ▼ sit inside the text
    box they scroll, by design)."""
    ids = getattr(sprite, "element_ids", None) or []
    return bool(getattr(sprite, "visible", False)) and not any("scroll_bar" in i for i in ids)


SUMMARY_WORDS = 6
"""The fewest words of a cut line that may stand for the whole text in a tooltip."""


def _words(text: str) -> set[str]:
    return set(re.findall(r"\w+", text.lower()))


def tooltips(manager: Any) -> list[set[str]]:
    """Returns the words of each visible widget's tooltip."""
    return [
        _words(tip)
        for sprite in manager.get_sprite_group().sprites()
        if _shown(sprite) and (tip := getattr(sprite, "tool_tip_text", None))
    ]


def widget_texts(manager: Any) -> list[Text]:
    """Returns the texts of the visible labels, buttons and text boxes of `manager`."""
    out: list[Text] = []
    for sprite in manager.get_sprite_group().sprites():
        if not _shown(sprite):
            continue
        box = sprite.rect.copy()
        if isinstance(sprite, UITextBox):
            out.append(Text(sprite.html_text, box, box, "textbox"))
            continue
        if not isinstance(sprite, UILabel | UIButton):
            continue
        text = sprite.text
        if not text.strip():
            continue
        w, h = sprite.font.size(text)
        rect = pygame.Rect(0, 0, w, h)
        rect.centery = box.centery
        align = getattr(sprite, "text_horiz_alignment", "center")
        pad = getattr(sprite, "text_horiz_alignment_padding", 0) or 0
        if align == "left":
            rect.left = box.left + pad
        elif align == "right":
            rect.right = box.right - pad
        else:
            rect.centerx = box.centerx
        source = "button" if isinstance(sprite, UIButton) else "label"
        out.append(Text(text, rect, box, source))
    return out


def _containers(manager: Any) -> list[tuple[Any, pygame.Rect]]:
    """Returns each visible widget with the rect of the container that clips it."""
    out = []
    for sprite in manager.get_sprite_group().sprites():
        if not _shown(sprite) or not isinstance(sprite, UILabel | UIButton | UITextBox):
            continue
        container = getattr(sprite, "ui_container", None)
        clip = container.get_rect() if container is not None else None
        if clip is not None:
            out.append((sprite, clip))
    return out


def problems(
    manager: Any, recorder: Recorder, size: tuple[int, int], *, tolerance: int = 1
) -> list[Problem]:
    """Returns what is wrong with the texts on screen (see the module docstring).

    A text of `SUMMARY_WORDS` words or more cut with "…" whose every word is in the tooltip of
    a widget on screen is not a problem: the line is a summary, and the tooltip says it all
    (the lines under an order's card). A shorter text (a label, a name, a heading) is never
    allowed to be cut.

    Args:
        tolerance: pixels two rects may share, or a text may exceed its box by, before it counts
            (antialiasing and rounding of scaled layouts).
    """
    window = pygame.Rect((0, 0), size)
    tips = tooltips(manager)
    found: list[Problem] = [
        Problem("cut", repr(text))
        for text in dict.fromkeys(recorder.cuts)
        if len(_words(text)) < SUMMARY_WORDS or not any(_words(text) <= tip for tip in tips)
    ]
    texts = widget_texts(manager) + recorder.drawn
    for t in texts:
        if t.source in {"label", "button"} and t.rect.width > t.box.width + tolerance:
            found.append(Problem("clipped", f"{_name(t)} wider than its widget {tuple(t.box)}"))
        if not window.contains(t.box.inflate(-2 * tolerance, -2 * tolerance)):
            found.append(Problem("clipped", f"{_name(t)} outside the window {size}"))
    for sprite, clip in _containers(manager):
        if not clip.contains(sprite.rect.inflate(-2 * tolerance, -2 * tolerance)):
            what = f"{type(sprite).__name__} {getattr(sprite, 'text', '')[:60]!r}"
            found.append(
                Problem("clipped", f"{what} {tuple(sprite.rect)} outside its container {clip}")
            )
    buttons = [
        sprite
        for sprite in manager.get_sprite_group().sprites()
        if _shown(sprite) and isinstance(sprite, UIButton)
    ]
    for i, a in enumerate(buttons):  # two buttons on one spot: a click could mean either
        for b in buttons[i + 1 :]:
            inter = a.rect.clip(b.rect)
            if inter.width > tolerance and inter.height > tolerance:
                found.append(Problem("overlap", f"buttons {a.text!r} and {b.text!r}"))
    for i, a in enumerate(texts):
        for b in texts[i + 1 :]:
            inter = a.rect.clip(b.rect)
            if inter.width > tolerance and inter.height > tolerance:
                found.append(Problem("overlap", f"{_name(a)} and {_name(b)}"))
    return found
