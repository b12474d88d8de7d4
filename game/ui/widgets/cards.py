"""The cards of the orders column: a button per legal action with its key and odds, and up to two
lines under it on what the action does and its source.

Making a pygame_gui widget takes one to two milliseconds (theming, text layout), and a column has
about thirty, so a card is made once while a faction gives its orders; giving or undoing an order
then only moves, shows and hides cards (a card keeps its number: `OrdersPanel._number`).
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
from game.ui.i18n import _
from game.ui.scene import Context
from game.ui.view import ActionInfo
from game.ui.widgets.text import ellipsize, fit, wrap


def odds_text(odds: float | None) -> str:
    return "" if odds is None else f"  · {round(odds * 100)} %"


def card_tip(info: ActionInfo) -> str:
    """Returns a card's hover text: why it cannot be given now, cost, what it does (in the
    scenario's text and in its effects), its source, what history did."""
    chance = ""
    if info.odds is not None:
        chance = " " + _("({percent} % chance of success)").format(percent=round(info.odds * 100))
    tip = f"{info.label}{chance}.\n"
    if info.why:
        tip += _("Not possible now: {why}.").format(why=info.why) + "\n"
    tip += (_("Costs {cost}.").format(cost=info.cost) + " " if info.cost else "") + info.explain
    if info.cite:
        tip += f" {info.cite}" if info.cite.startswith("[") else f" [{info.cite}]"
    if info.effects:
        tip += "\n" + _("Effects: {effects}").format(effects=info.effects) + "."
    if info.history:
        tip += "\n" + _("In history: {history}").format(history=info.history)
    return tip


def subtitle(info: ActionInfo) -> str:
    """Returns the text under a card: why it cannot be given now, or its cost, what it does
    and its source."""
    if info.why:
        return f"{info.why}."
    line = info.explain + (f" — {info.cite}" if info.cite else "")
    return _("Costs {cost}.").format(cost=info.cost) + f" {line}" if info.cost else line


@dataclass(eq=False, slots=True)
class Card:
    """The widgets of one action's card: its button, the rest of its label if it wraps, and up
    to two lines under it."""

    button: UIButton
    lines: tuple[UILabel, ...]
    text: str
    """What the lines say."""
    width: int
    height: int
    """Of the button and its lines, with the gap below."""
    more: str = ""
    """The rest of the label, on the first line under the button when it does not fit on it."""

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
        self._texts: dict[tuple[int, str, float | None, int], tuple[str, str]] = {}
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
        """Returns the card of an action, shown at `at` with its key (`i` + 1; none when `i` is
        -1) and odds."""
        px = self.ctx.px
        x, y = at
        text = subtitle(info)
        head, more = self._text(i, info, width) if self._font else (info.label, "")
        card = self.made.get(info.action)
        if card is not None and (card.text, card.width, card.more) != (text, width, more):
            for widget in card.widgets():
                gui.kill(widget)
            card = None
        if card is None:
            button = UIButton(
                pygame.Rect(x, y, width, px(30)),
                head,
                self.ctx.manager,
                container=self.root,
                # Greyed by its theme, not disabled: a disabled button shows no tooltip.
                object_id="#greyed" if info.why else "#action",
            )
            if self._font is None:  # the first card: its label can be measured only now
                self._font = button.font
                head, more = self._text(i, info, width)
            card = self._finish(button, info, text, more, at, width)
        elif card.button.relative_rect.topleft != at:
            card.button.set_relative_position(at)
            for n, line in enumerate(card.lines):
                line.set_relative_position((x + px(4), y + px(30) + n * px(19)))
        for widget in card.widgets():
            widget.show()
        card.button.set_text(head)
        card.button.set_tooltip(card_tip(info) or None)
        return card

    def _finish(
        self,
        button: UIButton,
        info: ActionInfo,
        text: str,
        more: str,
        at: tuple[int, int],
        width: int,
    ) -> Card:
        """Makes the lines under a new card's button: the rest of its label, if it wraps, then
        the subtitle; returns the card."""
        px = self.ctx.px
        x, y = at
        lines: tuple[UILabel, ...] = ()
        if more:
            rect = pygame.Rect(x + px(10), y + px(30), width - px(10), px(19))
            lines = (UILabel(rect, more, self.ctx.manager, container=self.root),)
        top = y + px(30) + len(lines) * px(19)
        under, height = self._subtitle(text, x, top, width)
        height += len(lines) * px(19) + px(38)
        card = self.made[info.action] = Card(button, lines + under, text, width, height, more)
        return card

    def _text(self, i: int, info: ActionInfo, width: int) -> tuple[str, str]:
        """Returns a card's key, label and odds, and the rest of the label when it does not fit
        on the button (it wraps onto a line under it, so that no word is cut; never the
        odds)."""
        key = (i if not info.why else -1, info.label, info.odds, width)
        known = self._texts.get(key)
        if known is not None:
            return known
        font = self._font
        odds = odds_text(info.odds)
        room = width - self.ctx.px(22) - font.size(odds)[0]
        hotkey = "" if info.why or not 0 <= i <= 9 else f"{(i + 1) % 10}. "  # the tenth: 0
        label = hotkey + info.label
        if font.size(label)[0] > room:  # drop asides in brackets before wrapping
            label = re.sub(r" \([^)]*\)", "", label)
        head, more = label, ""
        if font.size(label)[0] > room:
            words = label.split(" ")
            cut = len(words) - 1
            while cut > 1 and font.size(" ".join(words[:cut]))[0] > room:
                cut -= 1
            head, more = " ".join(words[:cut]), " ".join(words[cut:])
            more = ellipsize(font, more, width - self.ctx.px(14))
        text = self._texts[key] = (f"{ellipsize(font, head, room)}{odds}", more)
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
