"""The main menu: the guided first game, new game, continue (the last game played), load,
settings, how to play, quit."""

from __future__ import annotations

from typing import Any

import pygame
import pygame_gui
from pygame_gui.elements import UIButton

from game.ui import gui
from game.ui import scene as sc
from game.ui.guide import first_session
from game.ui.i18n import N_, _
from game.ui.saves import continue_last
from game.ui.settings import autosave_paths
from game.ui.theme import ACCENT, INK, INK_SOFT, RULE
from game.ui.widgets.map_view import MapPainter, MapView
from game.ui.widgets.text import blit_text

ITEMS = (
    ("first", N_("First game (guided)"), pygame.K_f),
    ("new", N_("New game"), pygame.K_n),
    ("continue", N_("Continue"), pygame.K_c),
    ("load", N_("Load game"), pygame.K_l),
    ("settings", N_("Settings"), pygame.K_s),
    ("help", N_("How to play"), pygame.K_h),
    (N_("quit"), N_("Quit"), pygame.K_q),
)
_SCENES = {"new": "scenarios", "load": "load", "settings": "settings", "help": "help"}
"""The scene each item opens (by name: see game.ui.registry)."""


class MainMenu(sc.Scene):
    name = "menu"

    def __init__(self, ctx: sc.Context) -> None:
        super().__init__(ctx)
        self.painter = MapPainter()
        self.buttons: dict[UIButton, str] = {}
        self.error = ""

    def _map_rect(self) -> pygame.Rect:
        w, h = self.ctx.size
        left = int(w * 0.42)
        return pygame.Rect(left, self.ctx.px(40), w - left - self.ctx.px(40), h - self.ctx.px(80))

    def build_widgets(self, root: pygame_gui.core.UIContainer) -> None:
        px = self.ctx.px
        w, h = self.ctx.size
        self.buttons = {}
        top = max(px(230), h // 2 - px(140))
        step = min(px(58), (h - top - px(10)) // len(ITEMS))  # all items in a short window
        height = min(px(46), step - px(5))
        has_autosave = any(p.exists() for p in autosave_paths())
        for i, (key, text, keycode) in enumerate(ITEMS):
            rect = pygame.Rect(px(80), top + i * step, min(px(330), int(w * 0.32)), height)
            hint = pygame.key.name(keycode).upper()
            button = UIButton(
                rect,
                _(text),
                self.ctx.manager,
                container=root,
                object_id="#menu_button",
                tool_tip_text=_("Key: {key}").format(key=hint),
            )
            gui.set_enabled(button, key != "continue" or has_autosave)
            self.buttons[button] = key

    def handle(self, event: pygame.event.Event) -> sc.Transition:
        if event.type == pygame_gui.UI_BUTTON_PRESSED and event.ui_element in self.buttons:
            return self.choose(self.buttons[event.ui_element])
        if event.type == pygame.KEYDOWN:
            if event.key == pygame.K_ESCAPE:
                return sc.Quit()
            for key, _text, keycode in ITEMS:
                if event.key == keycode:
                    return self.choose(key)
        return None

    def choose(self, key: str) -> sc.Transition:
        if key == "continue":
            return self._continue()
        if key == "quit":
            return sc.Quit()
        if key == "first":
            return sc.Reset("game", session=first_session(), guide=True)
        scene = _SCENES.get(key)
        return None if scene is None else sc.Push(scene)

    def _continue(self) -> sc.Transition:
        """Opens the last game played: its autosave (a damaged one falls back to the game
        before it)."""
        opened, self.error = continue_last()
        return opened

    def resume(self, result: Any) -> sc.Transition:
        """Starts the guided first game when Help asks to show the guide."""
        return self.choose("first") if result == "guide" else None

    def draw(self, surface: pygame.Surface) -> None:
        fonts, px = self.ctx.fonts, self.ctx.px
        w, h = self.ctx.size
        area = self._map_rect()
        self.painter.draw(surface, area, MapView((), ()), _NO_RULES, fonts)
        veil = pygame.Surface(area.size, pygame.SRCALPHA)
        veil.fill((239, 230, 208, 70))
        surface.blit(veil, area.topleft)
        pygame.draw.rect(surface, RULE, area.inflate(12, 12), 1)
        title = fonts.get("serif_bold", 72)
        blit_text(surface, title, "AMUR", (px(76), px(50)), ACCENT)
        blit_text(
            surface,
            fonts.get("serif_italic", 19),
            _("Moscow and Tokyo in the Far East, 1928–1945"),
            (px(80), px(140)),
            INK,
        )
        blit_text(
            surface,
            fonts.get("sans", 13),
            _("A game of diplomacy on the historical record"),
            (px(80), px(172)),
            INK_SOFT,
        )
        if self.error:
            blit_text(
                surface,
                fonts.get("sans", 13),
                self.error,
                (px(80), h - px(40)),
                ACCENT,
                width=int(w * 0.4),
            )

    def describe(self) -> dict[str, Any]:
        return {"scene": self.name, "buttons": [b.text for b in self.buttons]}


class _NoRules:
    """Stands in for rules where the map has no regions to colour."""

    factions: tuple[()] = ()


_NO_RULES: Any = _NoRules()
