"""The guide's card over the game screen: a step's title and text, its buttons (Skip guide,
Back, and the step's own, pressed by Enter), and the outline around the part of the screen the
step explains. The card is a pygame_gui panel above the game's widgets; the game stays live
under it (the player may use the real widgets at any step)."""

from __future__ import annotations

from collections.abc import Callable, Mapping
from typing import Literal

import pygame
import pygame_gui
from pygame_gui.elements import UIButton, UIPanel, UITextBox

from game.ui import gui
from game.ui.guide import GuideStep
from game.ui.i18n import _
from game.ui.panels.orders import OrdersPanel
from game.ui.scene import Context
from game.ui.theme import ACCENT
from game.ui.widgets.text import esc

GuideInput = Literal["next", "back", "skip"]
"""What the player asked of the guide."""


class GuideCard:
    """The card of one step at a time, placed inside `area` (the map's area)."""

    def __init__(
        self,
        ctx: Context,
        root: pygame_gui.core.UIContainer,
        area: pygame.Rect,
        steps: tuple[GuideStep, ...],
    ) -> None:
        self.ctx = ctx
        self.steps = steps
        self.index = 0
        px = ctx.px
        width = min(area.width - px(16), px(480))
        height = min(area.height - px(16), px(250))
        rect = pygame.Rect(0, 0, width, height)
        rect.midbottom = (area.centerx, area.bottom - px(8))
        self.panel = UIPanel(
            rect,
            starting_height=20,  # above every widget of the game screen
            manager=ctx.manager,
            container=root,
            object_id="#guide",
        )
        inner = width - px(12)
        row = px(38)
        two_rows = inner < px(440)  # narrow (a small window, large text): Next on its own row
        buttons = 2 * row + px(12) if two_rows else row + px(8)
        self.body = UITextBox(
            "",
            pygame.Rect(px(4), px(4), inner, height - buttons - px(16)),
            ctx.manager,
            container=self.panel,
        )
        y = height - buttons - px(8)
        if two_rows:
            half = (inner - px(6)) // 2
            next_rect = pygame.Rect(px(4), y, inner, row)
            skip_rect = pygame.Rect(px(4), y + row + px(6), half, row)
            back_rect = pygame.Rect(px(10) + half, y + row + px(6), inner - half - px(6), row)
        else:
            skip_rect = pygame.Rect(px(4), y, px(136), row)
            back_rect = pygame.Rect(px(146), y, px(80), row)
            next_rect = pygame.Rect(px(232), y, inner - px(228), row)
        self.skip = UIButton(
            skip_rect,
            _("Skip guide (Esc)"),
            ctx.manager,
            container=self.panel,
            tool_tip_text=_("Close the guide; Help (F1) can show it again."),
        )
        self.back = UIButton(back_rect, _("Back"), ctx.manager, container=self.panel)
        self.next = UIButton(
            next_rect,
            "",
            ctx.manager,
            container=self.panel,
            object_id="#primary",
            tool_tip_text=_("Enter"),
        )
        self.shown = True
        self.show_step(0)

    @property
    def step(self) -> GuideStep:
        return self.steps[self.index]

    def show_step(self, index: int) -> None:
        """Shows step `index` (0 is the first)."""
        self.index = index
        step = self.step
        where = _("(step {n} of {total})").format(n=index + 1, total=len(self.steps))
        self.body.set_text(
            f"<b>{esc(_(step.title))}</b>  <i>{esc(where)}</i><br>{esc(_(step.text))}"
        )
        self.next.set_text(_("{button}  (Enter)").format(button=_(step.button)))
        gui.set_enabled(self.back, index > 0)

    def set_shown(self, shown: bool) -> None:
        """Shows or hides the card (hidden while the player cannot act: an AI thinks)."""
        if shown != self.shown or shown != self.panel.visible:
            gui.set_visible(self.panel, shown)
            if shown:
                gui.set_enabled(self.back, self.index > 0)
        self.shown = shown

    def handle(self, event: pygame.event.Event) -> GuideInput | None:
        """Returns what the player asked of the guide by this event (its buttons, Enter, Esc),
        or None for an event the guide leaves to the game."""
        if not self.shown:
            return None
        if event.type == pygame_gui.UI_BUTTON_PRESSED:
            if event.ui_element is self.next:
                return "next"
            if event.ui_element is self.back:
                return "back"
            if event.ui_element is self.skip:
                return "skip"
        if event.type == pygame.KEYDOWN:
            if event.key in (pygame.K_RETURN, pygame.K_KP_ENTER):
                return "next"
            if event.key == pygame.K_ESCAPE:
                return "skip"
        return None

    def draw_outline(self, surface: pygame.Surface, target: pygame.Rect | None) -> None:
        """Draws the frame around the part of the screen the step explains."""
        if not self.shown or not self.panel.visible or target is None:
            return  # hidden, or the game screen is under a dialog (the briefing)
        px = self.ctx.px
        frame = target.inflate(px(8), px(8)).clip(surface.get_rect().inflate(-2, -2))
        pygame.draw.rect(surface, ACCENT, frame, max(3, px(3)), border_radius=px(4))

    def kill(self) -> None:
        gui.kill(self.panel)


def target_rect(
    target: str,
    lay: Mapping[str, pygame.Rect],
    orders: OrdersPanel | None,
    px: Callable[[float], int],
) -> pygame.Rect | None:
    """Returns where a part of the game screen a guide step names is (`game.ui.guide.TARGETS`),
    from the screen's layout (`game.ui.widgets.hud.layout`) and its orders panel; None when it
    is not shown now."""
    if target == "score":
        return pygame.Rect(lay["side"].topleft, (lay["side"].width, px(66)))
    if target == "offer" and orders is not None and orders.slider is not None:
        button = orders.offer_button
        slider = pygame.Rect(orders.slider.rect)
        return slider.union(button.rect) if button else slider
    if target == "end" and orders is not None and orders.end_button is not None:
        return pygame.Rect(orders.end_button.rect)
    if target == "orders" and orders is not None:
        return pygame.Rect(orders.cards_rect)
    names = {"side": "side", "chronicle": "log", "bar": "bar", "offer": "orders"}
    return pygame.Rect(lay[names[target]]) if target in names else None
