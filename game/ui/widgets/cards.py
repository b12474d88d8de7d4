"""The cards of the orders column: a button per legal action with its key and odds, and up to two
lines under it on what the action does and its source.

Making a pygame_gui widget takes one to two milliseconds (theming, text layout), and a column has
about thirty, so a card is made once while a faction gives its orders; giving or undoing an order
then only moves, renumbers, shows and hides cards.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import Any

import pygame
import pygame_gui
from pygame_gui.elements import UIButton, UILabel

from game.core.actions import Action
from game.ui import gui
from game.ui.scene import Context
from game.ui.view import ActionInfo
from game.ui.widgets.text import ellipsize, fit, wrap


def odds_text(odds: float | None) -> str:
    return "" if odds is None else f"  · {round(odds * 100)} %"


def card_tip(info: ActionInfo) -> str:
    """Returns a card's hover text: why it cannot be given now, cost, what it does (in the
    scenario's text and in its effects), its source, what history did."""
    chance = f" ({round(info.odds * 100)} % chance of success)" if info.odds is not None else ""
    tip = f"{info.label}{chance}.\n"
    if info.why:
        tip += f"Not possible now: {info.why}.\n"
    tip += (f"Costs {info.cost}. " if info.cost else "") + info.explain
    if info.cite:
        tip += f" {info.cite}" if info.cite.startswith("[") else f" [{info.cite}]"
    if info.effects:
        tip += f"\nEffects: {info.effects}."
    if info.history:
        tip += f"\nIn history: {info.history}"
    return tip


def subtitle(info: ActionInfo) -> str:
    """Returns the text under a card: why it cannot be given now, or its cost, what it does
    and its source."""
    if info.why:
        return f"{info.why}."
    line = info.explain + (f" — {info.cite}" if info.cite else "")
    return f"Costs {info.cost}. {line}" if info.cost else line


@dataclass(eq=False, slots=True)
class Card:
    """The widgets of one action's card: its button and up to two lines under it."""

    button: UIButton
    lines: tuple[UILabel, ...]
    text: str
    """What the lines say."""
    width: int
    height: int
    """Of the button and its lines, with the gap below."""

    def widgets(self) -> tuple[Any, ...]:
        return (self.button, *self.lines)


class Cards:
    """The cards made for the orders one faction is giving, kept until `keep_for` changes."""

    def __init__(self, ctx: Context, root: pygame_gui.core.UIContainer) -> None:
        self.ctx = ctx
        self.root = root
        self.made: dict[Action, Card] = {}
        """The cards made so far, shown or hidden."""
        self.made_for: tuple[object, ...] = ()
        self._font: Any = None
        """The cards' font (known once a card is made)."""
        self._texts: dict[tuple[int, str, float | None, int], str] = {}
        """Cards' texts by position, label, odds and width (measuring text is slow)."""

    def keep_for(self, key: tuple[object, ...]) -> None:
        """Drops the cards unless they were made for `key` (the orders' first state, viewer)."""
        if key != self.made_for:
            self.kill()
            self.made_for = key

    def kill(self) -> None:
        for card in self.made.values():
            for widget in card.widgets():
                gui.kill(widget)
        self.made.clear()
        self._texts.clear()

    def hide_others(self, shown: set[UIButton]) -> list[Any]:
        """Hides the widgets of the cards whose button is not in `shown`; returns them."""
        hidden = []
        for card in self.made.values():
            if card.button not in shown:
                for widget in card.widgets():
                    widget.hide()
                    hidden.append(widget)
        return hidden

    def card(self, i: int, info: ActionInfo, at: tuple[int, int], width: int) -> Card:
        """Returns the card of the `i`-th action, shown at `at` with its current key and odds."""
        px = self.ctx.px
        x, y = at
        text = subtitle(info)
        card = self.made.get(info.action)
        if card is not None and (card.text, card.width) != (text, width):
            for widget in card.widgets():
                gui.kill(widget)
            card = None
        if card is None:
            button = UIButton(
                pygame.Rect(x, y, width, px(30)),
                self._text(i, info, width) if self._font else info.label,
                self.ctx.manager,
                container=self.root,
                # Greyed by its theme, not disabled: a disabled button shows no tooltip.
                object_id="#greyed" if info.why else "#action",
            )
            self._font = button.font
            lines, height = self._subtitle(text, x, y + px(30), width)
            card = self.made[info.action] = Card(button, lines, text, width, height + px(38))
        elif card.button.relative_rect.topleft != at:
            card.button.set_relative_position(at)
            for n, line in enumerate(card.lines):
                line.set_relative_position((x + px(4), y + px(30) + n * px(19)))
        for widget in card.widgets():
            widget.show()
        card.button.set_text(self._text(i, info, width))
        card.button.set_tooltip(card_tip(info) or None)
        return card

    def _text(self, i: int, info: ActionInfo, width: int) -> str:
        """Returns a card's key, label and odds, the label shortened to fit (never the odds)."""
        key = (i if not info.why else -1, info.label, info.odds, width)
        known = self._texts.get(key)
        if known is not None:
            return known
        font = self._font
        odds = odds_text(info.odds)
        room = width - self.ctx.px(22) - font.size(odds)[0]
        hotkey = "" if info.why or i > 9 else f"{(i + 1) % 10}. "  # the tenth card's key is 0
        label = hotkey + info.label
        if font.size(label)[0] > room:  # drop asides in brackets before cutting words
            label = re.sub(r" \([^)]*\)", "", label)
        text = self._texts[key] = f"{ellipsize(font, label, room)}{odds}"
        return text

    def _subtitle(self, text: str, x: int, y: int, width: int) -> tuple[tuple[UILabel, ...], int]:
        """Makes up to two lines of small italic text under a card; returns them and the
        height they take."""
        px = self.ctx.px
        if not text:
            return (), px(4)
        rect = pygame.Rect(x + px(4), y, width - px(4), px(19))
        first = UILabel(rect, text, self.ctx.manager, container=self.root, object_id="#subtle")
        font: Any = first.font
        lines = wrap(font, text, width - px(14))
        first.set_text(lines[0])
        if len(lines) == 1:
            return (first,), px(20)
        rest = " ".join(lines[1:])
        second = UILabel(
            rect.move(0, px(19)), rest, self.ctx.manager, container=self.root, object_id="#subtle"
        )
        fit(second, rest, width - px(14))
        return (first, second), px(40)
