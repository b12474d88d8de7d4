"""Saving the game under a name (Ctrl+S, or "Save game" in the pause menu).

The name field has the keyboard at once, with a suggested name (scenario and date): type, then
Enter saves; Esc goes back without saving. A name already used asks first (Enter again
replaces that save).
"""

from __future__ import annotations

from typing import Any

import pygame
import pygame_gui
from pygame_gui.elements import UIButton, UILabel, UITextEntryLine

from game.ui import gui
from game.ui import scene as sc
from game.ui.i18n import _
from game.ui.saves import default_name, save_named, save_path
from game.ui.session import Session
from game.ui.theme import ACCENT, INK_SOFT
from game.ui.widgets.dialog_panel import centred, draw_panel
from game.ui.widgets.text import blit_text


class SaveScene(sc.Scene):
    """A panel over the dimmed game (drawn as the dialogs of `game.ui.scenes.dialogs` are;
    scenes do not import each other)."""

    name = "save"
    opaque = False

    def __init__(self, ctx: sc.Context, session: Session) -> None:
        super().__init__(ctx)
        self.session = session
        self.text = default_name(session)
        self.replacing = ""
        """The name of the save the player was warned would be replaced ("" if none)."""
        self.entry: UITextEntryLine | None = None

    def panel(self) -> pygame.Rect:
        return centred(self.ctx.size, self.ctx.px(560), self.ctx.px(260))

    def build_widgets(self, root: pygame_gui.core.UIContainer) -> None:
        px, r, manager = self.ctx.px, self.panel(), self.ctx.manager
        UILabel(
            pygame.Rect(r.left + px(24), r.top + px(16), r.width - px(48), px(30)),
            _("Save the game"),
            manager,
            container=root,
            object_id="#heading",
        )
        self.entry = UITextEntryLine(
            pygame.Rect(r.left + px(24), r.top + px(80), r.width - px(48), px(40)),
            self.ctx.manager,
            container=root,
        )
        self.entry.set_text_length_limit(60)
        self.entry.set_text(self.text)
        gui.focus(self.entry)
        self.entry.edit_position = len(self.text)
        third = (r.width - px(60)) // 2
        self.ok = UIButton(
            pygame.Rect(r.left + px(24), r.bottom - px(64), third, px(44)),
            _("Save (Enter)"),
            manager,
            container=root,
            object_id="#primary",
        )
        self.cancel = UIButton(
            pygame.Rect(r.right - px(24) - third, r.bottom - px(64), third, px(44)),
            _("Cancel (Esc)"),
            manager,
            container=root,
        )

    def _name(self) -> str:
        return self.entry.get_text().strip() if self.entry is not None else self.text

    def handle(self, event: pygame.event.Event) -> sc.Transition:
        if event.type == pygame_gui.UI_TEXT_ENTRY_CHANGED and event.ui_element is self.entry:
            self.text, self.replacing = self._name(), ""
        if event.type == pygame_gui.UI_TEXT_ENTRY_FINISHED and event.ui_element is self.entry:
            return self.save()
        if event.type == pygame_gui.UI_BUTTON_PRESSED:
            if event.ui_element is self.ok:
                return self.save()
            if event.ui_element is self.cancel:
                return sc.Pop()
        if event.type == pygame.KEYDOWN:
            if event.key == pygame.K_ESCAPE:
                return sc.Pop()
            if event.key in (pygame.K_RETURN, pygame.K_KP_ENTER):
                return self.save()
        return None

    def save(self) -> sc.Transition:
        """Saves under the name typed; a name in use asks first (the second Enter saves)."""
        name = self._name() or default_name(self.session)
        path = save_path(name)
        if path.exists() and self.replacing != path.stem:
            self.replacing = path.stem
            if self.entry is not None:
                gui.focus(self.entry)
            return None
        return sc.Pop(save_named(self.session, name))

    def draw(self, surface: pygame.Surface) -> None:
        fonts, px, r = self.ctx.fonts, self.ctx.px, self.panel()
        draw_panel(surface, r, px(50))
        if self.replacing:
            text = _("“{name}” exists: Enter again replaces it.").format(name=self.replacing)
            colour = ACCENT
        else:
            file = save_path(self._name() or "save").name
            text, colour = _("File: {file}").format(file=file), INK_SOFT
        blit_text(surface, fonts.get("sans", 13), text, (r.left + px(24), r.top + px(130)), colour)

    def describe(self) -> dict[str, Any]:
        return {"scene": self.name, "name": self._name(), "replacing": self.replacing}
