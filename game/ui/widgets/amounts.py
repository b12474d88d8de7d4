"""A slider over the legal amounts of one kind of order (an offer's price, a bid, a tender or a
reserve) and the button that gives the order chosen; optionally a row of anchors under it, a
few meaningful amounts named in words (the other side's offer, halfway, your own) that move the
slider there, so that a choice among a hundred prices is a few choices plus a fine adjustment.

The slider moves over the positions of the legal actions, not over numbers, so it can only ever
stop on a legal amount. Its widgets are made once and kept (making pygame_gui widgets is slow):
when the legal amounts change, the slider's range changes with them.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

import pygame
import pygame_gui
from pygame_gui.elements import UIButton, UIHorizontalSlider

from game.core.actions import Action
from game.ui import gui
from game.ui.i18n import _
from game.ui.scene import Context


class AmountSlider:
    """A slider over actions that differ only in amount, and its button (see the module)."""

    def __init__(
        self,
        ctx: Context,
        root: pygame_gui.core.UIContainer,
        text: Callable[[Action], str],
        tip: str,
        *,
        button_width: int = 164,
        object_id: str | None = "#primary",
    ) -> None:
        self.ctx = ctx
        self.root = root
        self.text = text
        """The button's text for the action chosen."""
        self.tip = tip
        self.button_width = button_width
        self.object_id = object_id
        self.actions: list[Action] = []
        """The legal actions, by amount."""
        self.slider: UIHorizontalSlider | None = None
        self.button: UIButton | None = None
        self.shown = False
        self.rect = pygame.Rect(0, 0, 0, 0)
        self.anchor_buttons: list[Any] = []
        """The anchors' buttons, made once and kept (the first `len(self.anchors)` shown)."""
        self.anchors: list[int] = []
        """The amount each shown anchor moves the slider to."""

    def widgets(self) -> list[Any]:
        shown = self.anchor_buttons[: len(self.anchors)]
        return [w for w in (self.slider, self.button, *shown) if w is not None]

    def set_anchors(self, anchors: list[tuple[str, int]], rect: pygame.Rect) -> None:
        """Shows one button per (label, amount) in `rect`, side by side, and hides the rest."""
        px = self.ctx.px
        self.anchors = [amount for _, amount in anchors]
        width = (rect.width - px(6) * max(0, len(anchors) - 1)) // max(1, len(anchors))
        for i, (label, _amount) in enumerate(anchors):
            place = pygame.Rect(rect.left + i * (width + px(6)), rect.top, width, rect.height)
            if i == len(self.anchor_buttons):
                self.anchor_buttons.append(
                    UIButton(
                        place,
                        label,
                        self.ctx.manager,
                        container=self.root,
                        object_id="#anchor",
                        tool_tip_text=_("Move the slider to this amount (then adjust it)."),
                    )
                )
            button = self.anchor_buttons[i]
            if button.relative_rect.size != place.size:
                button.set_dimensions(place.size)
            button.set_relative_position(place.topleft)
            if button.text != label:
                button.set_text(label)
            if self.shown:
                button.show()
        for button in self.anchor_buttons[len(anchors) :]:
            button.hide()

    def anchor_pressed(self, event: pygame.event.Event) -> bool:
        """True if `event` pressed an anchor: the slider then moves to the legal amount nearest
        the anchor's."""
        if event.type != pygame_gui.UI_BUTTON_PRESSED or not self.actions or self.slider is None:
            return False
        shown = self.anchor_buttons[: len(self.anchors)]
        if event.ui_element not in shown:
            return False
        target = self.anchors[shown.index(event.ui_element)]
        i = min(range(len(self.actions)), key=lambda k: abs(self.actions[k].amount - target))
        self.slider.set_current_value(i, warn=False)
        self.sync()
        return True

    def update(
        self, actions: list[Action], rect: pygame.Rect, *, start: int = 0, keep: bool = True
    ) -> None:
        """Shows the slider over `actions` (sorted by amount) in `rect`, or hides it when there
        are none. New actions start at index `start`, or at the amount chosen before if `keep`
        and it is still legal (else the nearest)."""
        if not actions:
            self.actions = []
            self.hide()
            return
        if self.slider is None or self.button is None:
            self._make(rect, len(actions))
        elif rect != self.rect:
            self._place(rect)
        assert self.slider is not None
        assert self.button is not None
        if actions != self.actions:
            before = self.current() if keep else None
            self.actions = actions
            self.slider.value_range = (0, max(1, len(actions) - 1))
            index = start
            if before is not None:
                index = min(
                    range(len(actions)), key=lambda i: abs(actions[i].amount - before.amount)
                )
            self.slider.set_current_value(max(0, min(len(actions) - 1, index)), warn=False)
        if self.slider.is_enabled != (len(actions) > 1):
            gui.set_enabled(self.slider, len(actions) > 1)
        if not self.shown:
            self.shown = True
            for widget in self.widgets():
                widget.show()
        self.sync()

    def _make(self, rect: pygame.Rect, n: int) -> None:
        px = self.ctx.px
        self.rect = pygame.Rect(rect)
        self.slider = UIHorizontalSlider(
            pygame.Rect(rect.left, rect.top, rect.width - self.button_width - px(6), rect.height),
            0,
            (0, max(1, n - 1)),
            self.ctx.manager,
            container=self.root,
        )
        self.button = UIButton(
            pygame.Rect(rect.right - self.button_width, rect.top, self.button_width, rect.height),
            "",
            self.ctx.manager,
            container=self.root,
            object_id=self.object_id,
            tool_tip_text=self.tip,
        )

    def _place(self, rect: pygame.Rect) -> None:
        assert self.slider is not None
        assert self.button is not None
        px = self.ctx.px
        if rect.size != self.rect.size:
            self.slider.set_dimensions((rect.width - self.button_width - px(6), rect.height))
        self.slider.set_relative_position(rect.topleft)
        self.button.set_relative_position((rect.right - self.button_width, rect.top))
        self.rect = pygame.Rect(rect)

    def sync(self) -> None:
        """Shows the amount chosen on the button."""
        action = self.current()
        if action is not None and self.button is not None:
            text = self.text(action)
            if text != self.button.text:
                self.button.set_text(text)

    def current(self) -> Action | None:
        """Returns the action chosen on the slider, or None when there is none."""
        if not self.actions or self.slider is None or not self.shown:
            return None
        i = round(float(self.slider.get_current_value()))
        return self.actions[max(0, min(len(self.actions) - 1, i))]

    def index(self) -> int:
        """Returns the position chosen among the actions (0 when there are none)."""
        action = self.current()
        return self.actions.index(action) if action is not None else 0

    def nudge(self, step: int) -> None:
        """Moves the slider by `step` notches."""
        if self.slider is None or not self.actions:
            return
        i = round(float(self.slider.get_current_value())) + step
        self.slider.set_current_value(max(0, min(len(self.actions) - 1, i)), warn=False)
        self.sync()

    def moved(self, event: pygame.event.Event) -> bool:
        """True if `event` moved this slider (its button text is then updated)."""
        if event.type == pygame_gui.UI_HORIZONTAL_SLIDER_MOVED and event.ui_element is self.slider:
            self.sync()
            return True
        return False

    def pressed(self, event: pygame.event.Event) -> bool:
        return (
            event.type == pygame_gui.UI_BUTTON_PRESSED
            and self.button is not None
            and event.ui_element is self.button
        )

    def hide(self) -> None:
        self.shown = False
        for widget in (*self.widgets(), *self.anchor_buttons):
            widget.hide()

    def reapply(self) -> None:
        """Hides the widgets again if they should be hidden (showing a root shows them all)."""
        if not self.shown:
            self.hide()

    def kill(self) -> None:
        for widget in (*self.widgets(), *self.anchor_buttons[len(self.anchors) :]):
            gui.kill(widget)
        self.slider = self.button = None
        self.anchor_buttons, self.anchors = [], []
        self.actions = []
        self.shown = False
