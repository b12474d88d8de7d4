"""The settings screen: window size, full screen, UI scale, volume, contrast, language (kept
between runs; the languages offered are the system's default and those with a compiled
catalogue, `game.ui.i18n`). Each row is a label and its choices on one line; Tab moves among the
choices and Enter takes one (`game.ui.focus`)."""

from __future__ import annotations

from dataclasses import replace
from typing import Any

import pygame
import pygame_gui
from pygame_gui.elements import UIButton

from game.ui import gui, i18n
from game.ui import scene as sc
from game.ui.i18n import _
from game.ui.settings import UI_SCALES, VOLUMES, WINDOW_SIZES, Settings, config_dir
from game.ui.theme import ACCENT, INK, INK_SOFT
from game.ui.widgets.text import blit_text, blit_wrapped, draw_error, wrap


class SettingsScene(sc.Scene):
    name = "settings"

    def __init__(self, ctx: sc.Context) -> None:
        super().__init__(ctx)
        self.draft: Settings = ctx.settings
        self.choices: dict[UIButton, tuple[str, Any]] = {}

    def _rows(self) -> list[tuple[str, str, list[tuple[str, Any]]]]:
        return [
            ("size", _("Window size"), [(f"{w} × {h}", (w, h)) for w, h in WINDOW_SIZES]),
            (
                "fullscreen",
                _("Full screen (F11)"),
                [(_("Window"), False), (_("Full screen"), True)],
            ),
            (
                "ui_scale",
                _("Text and button size"),
                [(f"{round(s * 100)} %", s) for s in UI_SCALES],
            ),
            (
                "volume",
                _("Sound"),
                [(_("Off"), 0.0)] + [(f"{round(v * 100)} %", v) for v in VOLUMES],
            ),
            ("high_contrast", _("Contrast"), [(_("Normal"), False), (_("High"), True)]),
            ("ask_why", _("Ask “why?”"), [(_("Never"), False), (_("At key decisions"), True)]),
            (
                "language",
                _("Language"),
                [(_("System default"), "")]
                + [(i18n.language_name(code), code) for code in i18n.available_languages()],
            ),
        ]

    def _label_width(self) -> int:
        return min(self.ctx.px(230), self.ctx.size[0] // 4)

    def _layout(self) -> list[tuple[int, list[pygame.Rect]]]:
        """Returns each row's top and its buttons: on one line when they fit with their texts
        whole, else on as many lines as they need (a narrow window at a large text size)."""
        px, (w, h) = self.ctx.px, self.ctx.size
        left = px(40) + self._label_width()
        room = w - left - px(40)
        font = self.ctx.fonts.get("sans", 15)
        out: list[tuple[int, list[pygame.Rect]]] = []
        # The roomiest spacing that leaves the footer's buttons clear (1024×700 at 130 %).
        for top, high, gap in ((110, 40, 20), (96, 36, 10), (88, 32, 6)):
            out, y = [], px(top)
            for _key, _label, options in self._rows():
                need = max(font.size(text)[0] for text, _value in options) + px(24)
                per_line = max(1, min(len(options), (room + px(8)) // (need + px(8))))
                bw = min(px(150), (room + px(8)) // per_line - px(8))
                pitch = px(high) + px(8)
                rects = [
                    pygame.Rect(
                        left + (i % per_line) * (bw + px(8)),
                        y + (i // per_line) * pitch,
                        bw,
                        px(high),
                    )
                    for i in range(len(options))
                ]
                out.append((y, rects))
                y = rects[-1].bottom + px(gap)
            if y - px(gap) <= h - px(84):
                break
        return out

    def build_widgets(self, root: pygame_gui.core.UIContainer) -> None:
        px = self.ctx.px
        w, h = self.ctx.size
        self.choices = {}
        for (_y, rects), (key, _label, options) in zip(self._layout(), self._rows(), strict=True):
            for rect, (text, value) in zip(rects, options, strict=True):
                button = UIButton(rect, text, self.ctx.manager, container=root, object_id="#seat")
                self.choices[button] = (key, value)
        self.back = self.back_button(root)
        self.apply = UIButton(
            pygame.Rect(w - px(260), h - px(70), px(220), px(44)),
            _("Apply and save"),
            self.ctx.manager,
            container=root,
            object_id="#primary",
        )
        self._sync()

    def _value(self, key: str) -> Any:
        if key == "volume":
            return self.draft.loudness
        return self.draft.size if key == "size" else getattr(self.draft, key)

    def _sync(self) -> None:
        for button, (key, value) in self.choices.items():
            gui.set_selected(button, self._value(key) == value)

    def handle(self, event: pygame.event.Event) -> sc.Transition:
        if event.type == pygame_gui.UI_BUTTON_PRESSED:
            el = event.ui_element
            if el is self.back:
                return sc.Pop()
            if el is self.apply:
                self.ctx.apply_settings(self.draft)
                return sc.Pop()
            if el in self.choices:
                key, value = self.choices[el]
                if key == "size":
                    self.draft = replace(self.draft, width=value[0], height=value[1])
                elif key == "volume":  # off keeps the volume for when sound is back on
                    self.draft = replace(self.draft, sound=value > 0)
                    if value > 0:
                        self.draft = replace(self.draft, volume=value)
                else:
                    self.draft = replace(self.draft, **{key: value})
                self._sync()
        if event.type == pygame.KEYDOWN and event.key == pygame.K_ESCAPE:
            return sc.Pop()
        return None

    def draw(self, surface: pygame.Surface) -> None:
        fonts, px = self.ctx.fonts, self.ctx.px
        w, h = self.ctx.size
        blit_text(surface, fonts.get("serif_bold", 30), _("Settings"), (px(40), px(36)), ACCENT)
        for (y, _rects), (_key, label, _options) in zip(self._layout(), self._rows(), strict=True):
            blit_text(surface, fonts.get("serif_bold", 16), label, (px(40), y + px(8)), INK)
        note = _("Kept in {path}. The window can also be resized by dragging its edge.").format(
            path=config_dir() / "settings.json"
        )
        small = fonts.get("sans", 12)
        # Between the footer's buttons, centred on them: a long path wraps, every line shown.
        height = len(wrap(small, note, w - px(500))) * small.get_linesize()
        box = pygame.Rect(px(220), h - px(48) - height // 2, w - px(500), height)
        blit_wrapped(surface, small, note, box, INK_SOFT)
        draw_error(surface, fonts, self.ctx.notice, px)

    def describe(self) -> dict[str, Any]:
        return {"scene": self.name, "draft": self.draft}
