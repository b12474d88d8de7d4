"""The "why?" prompt (`game.ui.why`): one line over the dimmed game; Enter gives the order with
the reason typed, Esc gives it without one. The order is given either way: the prompt asks, it
never blocks play."""

from __future__ import annotations

from typing import Any

import pygame
import pygame_gui
from pygame_gui.elements import UILabel, UITextEntryLine

from game.core.actions import Action
from game.core.errors import IllegalActionError
from game.ui import gui
from game.ui import scene as sc
from game.ui.i18n import _
from game.ui.saves import Flash
from game.ui.session import Session
from game.ui.theme import INK_SOFT
from game.ui.widgets.dialog_panel import centred, draw_panel
from game.ui.widgets.text import blit_text

MAX_REASON = 200
"""Characters in one reason (a line of the chronicle)."""


class WhyScene(sc.Scene):
    """Asks the acting player why, then gives `action` with the answer; pops "given"."""

    name = "why"
    opaque = False

    def __init__(self, ctx: sc.Context, session: Session, action: Action) -> None:
        super().__init__(ctx)
        self.session = session
        self.action = action
        self.entry: UITextEntryLine | None = None
        self.done = False
        """The order was given (Enter reaches the scene twice: as a key and as the entry's
        "finished" event)."""

    def panel(self) -> pygame.Rect:
        return centred(self.ctx.size, self.ctx.px(640), self.ctx.px(220))

    def build_widgets(self, root: pygame_gui.core.UIContainer) -> None:
        px, r, manager = self.ctx.px, self.panel(), self.ctx.manager
        UILabel(
            pygame.Rect(r.left + px(24), r.top + px(16), r.width - px(48), px(30)),
            self.session.game.label(self.action),
            manager,
            container=root,
            object_id="#heading",
        )
        self.entry = UITextEntryLine(
            pygame.Rect(r.left + px(24), r.top + px(104), r.width - px(48), px(40)),
            manager,
            container=root,
        )
        self.entry.set_text_length_limit(MAX_REASON)
        gui.focus(self.entry)

    def give(self, reason: str) -> sc.Transition:
        if self.done:
            return None
        self.done = True
        try:
            self.session.give(self.action, reason)
        except IllegalActionError as exc:  # the game moved on under the prompt
            return sc.Pop(Flash(_("Not possible: {why}").format(why=exc), 4))
        return sc.Pop("given")

    def handle(self, event: pygame.event.Event) -> sc.Transition:
        typed = self.entry.get_text().strip() if self.entry is not None else ""
        if event.type == pygame_gui.UI_TEXT_ENTRY_FINISHED and event.ui_element is self.entry:
            return self.give(typed)
        if event.type == pygame.KEYDOWN:
            if event.key == pygame.K_ESCAPE:
                return self.give("")
            if event.key in (pygame.K_RETURN, pygame.K_KP_ENTER):
                return self.give(typed)
        return None

    def draw(self, surface: pygame.Surface) -> None:
        fonts, px, r = self.ctx.fonts, self.ctx.px, self.panel()
        draw_panel(surface, r, px(50))
        blit_text(
            surface,
            fonts.get("serif_italic", 15),
            _("Why? One line for the game's chronicle."),
            (r.left + px(24), r.top + px(62)),
            INK_SOFT,
            width=r.width - px(48),
        )
        blit_text(
            surface,
            fonts.get("sans", 13),
            _("Enter gives the order with your reason; Esc gives it without one."),
            (r.left + px(24), r.bottom - px(48)),
            INK_SOFT,
            width=r.width - px(48),
        )

    def describe(self) -> dict[str, Any]:
        return {"scene": self.name, "action": self.session.game.notation(self.action)}
