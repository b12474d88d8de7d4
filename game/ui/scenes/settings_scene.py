"""The settings screen: window size, full screen, UI scale, sound (kept between runs)."""

from __future__ import annotations

from dataclasses import replace
from typing import Any

import pygame
import pygame_gui
from pygame_gui.elements import UIButton

from game.ui import gui
from game.ui import scene as sc
from game.ui.settings import UI_SCALES, WINDOW_SIZES, Settings, config_dir
from game.ui.theme import ACCENT, INK, INK_SOFT
from game.ui.widgets.text import blit_text, blit_wrapped, draw_error


class SettingsScene(sc.Scene):
    name = "settings"

    def __init__(self, ctx: sc.Context) -> None:
        super().__init__(ctx)
        self.draft: Settings = ctx.settings
        self.choices: dict[UIButton, tuple[str, Any]] = {}

    def _rows(self) -> list[tuple[str, str, list[tuple[str, Any]]]]:
        return [
            ("size", "Window size", [(f"{w} × {h}", (w, h)) for w, h in WINDOW_SIZES]),
            ("fullscreen", "Full screen (F11)", [("Window", False), ("Full screen", True)]),
            ("ui_scale", "Text and button size", [(f"{round(s * 100)} %", s) for s in UI_SCALES]),
            ("sound", "Sound", [("Off", False), ("On", True)]),
        ]

    def build_widgets(self, root: pygame_gui.core.UIContainer) -> None:
        px = self.ctx.px
        w, h = self.ctx.size
        self.choices = {}
        for r, (key, _label, options) in enumerate(self._rows()):
            y = px(130) + r * px(90)
            bw = min(px(170), (w - px(80)) // len(options) - px(8))
            for i, (text, value) in enumerate(options):
                button = UIButton(
                    pygame.Rect(px(40) + i * (bw + px(8)), y, bw, px(40)),
                    text,
                    self.ctx.manager,
                    container=root,
                    object_id="#seat",
                )
                self.choices[button] = (key, value)
        self.back = self.back_button(root)
        self.apply = UIButton(
            pygame.Rect(w - px(260), h - px(70), px(220), px(44)),
            "Apply and save",
            self.ctx.manager,
            container=root,
            object_id="#primary",
        )
        self._sync()

    def _value(self, key: str) -> Any:
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
                else:
                    self.draft = replace(self.draft, **{key: value})
                self._sync()
        if event.type == pygame.KEYDOWN and event.key == pygame.K_ESCAPE:
            return sc.Pop()
        return None

    def draw(self, surface: pygame.Surface) -> None:
        fonts, px = self.ctx.fonts, self.ctx.px
        w, h = self.ctx.size
        blit_text(surface, fonts.get("serif_bold", 30), "Settings", (px(40), px(36)), ACCENT)
        for r, (_key, label, _options) in enumerate(self._rows()):
            blit_text(
                surface,
                fonts.get("serif_bold", 16),
                label,
                (px(40), px(130) + r * px(90) - px(28)),
                INK,
            )
        blit_wrapped(  # two lines between the footer's buttons: a long path wraps, not cut
            surface,
            fonts.get("sans", 12),
            f"Kept in {config_dir() / 'settings.json'}. The window can also be resized "
            "by dragging its edge.",
            pygame.Rect(px(220), h - px(66), w - px(500), px(44)),
            INK_SOFT,
        )
        draw_error(surface, fonts, self.ctx.notice, px)

    def describe(self) -> dict[str, Any]:
        return {"scene": self.name, "draft": self.draft}
