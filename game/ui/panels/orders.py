"""The orders column of the game screen: the talks card (offer chart and price slider), the
auction's tender and reserve sliders, the legal actions as buttons with odds and their one line
of history, and undo / adviser / end. (Bids and withholdings are given in the table of lots.)

Widgets sit directly in the scene's root container (pygame_gui's theming cost grows steeply
with nesting), and the cards page with the mouse wheel or the ▲ ▼ buttons instead of living
in a scrolling container.
"""

from __future__ import annotations

import operator
from dataclasses import dataclass
from typing import Any

import pygame
import pygame_gui
from pygame_gui.elements import UIButton, UIHorizontalSlider

from game.core.actions import Action, EndTurn
from game.core.mechanics.auction_view import AuctionView, Bid, Reserve, Tender, Withhold
from game.core.mechanics.bargaining_view import BargainingView, Offer
from game.core.mechanics.campaign_view import Attack
from game.ui import gui
from game.ui.i18n import N_, _
from game.ui.panels.offers import draw_offers, offers_so_far
from game.ui.scene import Context
from game.ui.session import Session
from game.ui.theme import ACCENT, INK, INK_SOFT
from game.ui.unavailable import unavailable
from game.ui.view import ActionInfo, describe_action, reader, view_of
from game.ui.widgets.amounts import AmountSlider
from game.ui.widgets.cards import Cards
from game.ui.widgets.text import blit_text, wrap
from game.ui.widgets.thinking import thinking_text


@dataclass(frozen=True, slots=True)
class Command:
    """A button that is not a game action: `undo`, `advise`, `end`, `up`, `down`."""

    name: str


_AMOUNT = operator.attrgetter("amount")

STAGED_LINES = 6
"""At most this many of the orders given are listed (the latest); the others are counted."""

_CAPTIONS: dict[type[Action], str] = {
    Tender: N_(
        "Tender: bid this share of its estimate on every lot on offer you do not bid on by name."
    ),
    Reserve: N_(
        "Reserve: bids below this share of a lot's estimate are refused (it stays secret)."
    ),
}
"""The line under a slider (translated where drawn)."""


class OrdersPanel:
    """The orders column's widgets, updated for the session's current view.

    Making pygame_gui widgets is slow, so the panel keeps them: the bottom buttons for good, the
    slider while the legal offers stay the same, and the cards (see `Cards`) while a faction gives
    its orders.
    """

    def __init__(self, ctx: Context, root: pygame_gui.core.UIContainer, rect: pygame.Rect) -> None:
        self.ctx = ctx
        self.root = root
        self.rect = rect
        self.widgets: list[Any] = []
        self.buttons: dict[UIButton, Action | Command] = {}
        self.cards: list[tuple[UIButton, ActionInfo]] = []
        self.infos: list[ActionInfo] = []
        self.first = 0
        """Index of the first card shown (the cards page)."""
        self.cards_rect = pygame.Rect(rect)
        self.amounts: dict[type[Action], AmountSlider] = {
            Offer: AmountSlider(
                ctx,
                root,
                self._offer_text,
                _("Make this offer (O). Left/Right arrows move the price."),
            ),
            Tender: AmountSlider(
                ctx,
                root,
                lambda a: _("Tender {amount} %").format(amount=a.amount),
                _(
                    "Tender: bid this share of its estimate on every lot on offer that you do "
                    "not bid on by name, lot by lot, while your means last."
                ),
            ),
            Reserve: AmountSlider(
                ctx,
                root,
                lambda a: _("Reserve {amount} %").format(amount=a.amount),
                _("Set the secret reserve: bids below this share of an estimate are refused."),
            ),
        }
        """The sliders over the legal amounts of offers, tenders and reserves."""
        self.captions: list[tuple[int, pygame.Surface]] = []
        """(y, image) of the lines under the tender and reserve sliders."""
        self.end_button: UIButton | None = None
        self.chart_rect: pygame.Rect | None = None
        self.staged: list[str] = []
        self.numbers: dict[Action, int] = {}
        """Each card's number (its key), kept while the faction gives its orders (`_number`)."""
        self.numbered_for: tuple[object, ...] = ()
        self.staged_lines: list[tuple[str, bool]] = []
        self.info = ""
        self.history: list[tuple[int, float | None, float | None]] = []
        self.version = -1
        self._talks: BargainingView | None = None
        self.deck = Cards(ctx, root)
        self._bottom: dict[str, UIButton] = {}
        self._pagers: dict[str, UIButton] = {}
        self._hidden: list[Any] = []
        """Widgets kept but not shown now."""

    # ------------------------------------------------------------- building

    def _add(self, widget: Any) -> Any:
        self.widgets.append(widget)
        return widget

    def _drop(self, *widgets: Any) -> None:
        for widget in widgets:
            gui.kill(widget)
            self.widgets.remove(widget)

    def _hide(self, *widgets: Any) -> None:
        for widget in widgets:
            widget.hide()
            self._hidden.append(widget)

    def kill(self) -> None:
        for widget in self.widgets:
            gui.kill(widget)
        self.widgets.clear()
        self.buttons.clear()
        self.cards.clear()
        self.deck.kill()
        self._bottom.clear()
        self._pagers.clear()
        self._hidden.clear()
        for amount in self.amounts.values():
            amount.kill()
        self.end_button = None

    def show(self) -> None:
        """Hides again what the last build hid (showing the scene's root shows every widget)."""
        for widget in self._hidden:
            widget.hide()
        for amount in self.amounts.values():
            amount.reapply()

    @property
    def slider(self) -> UIHorizontalSlider | None:
        """The price slider of the talks (None when no offer can be made)."""
        return self.amounts[Offer].slider if self.amounts[Offer].shown else None

    @property
    def offer_button(self) -> UIButton | None:
        return self.amounts[Offer].button if self.amounts[Offer].shown else None

    def amounts_anchor_buttons(self) -> list[Any]:
        """The offer slider's anchor buttons made so far (shown or not)."""
        return list(self.amounts[Offer].anchor_buttons)

    @property
    def offers(self) -> list[Action]:
        return self.amounts[Offer].actions

    def build(self, session: Session) -> None:
        """Updates the widgets for the session's view (called when it changes)."""
        r, px = self.rect, self.ctx.px
        legal = session.legal()
        obs = session.observation()
        labels = [f"{i + 1}. {session.game.label(a)}" for i, a in enumerate(session.staged)]
        if len(labels) > STAGED_LINES:
            earlier = len(labels) - STAGED_LINES + 1
            labels = [_("… {n} earlier orders").format(n=earlier), *labels[earlier:]]
        self.staged = labels
        """The orders given, numbered, as the panel lists them."""
        small = self.ctx.fonts.get("sans", 13)
        self.staged_lines = [
            (line, n > 0)
            for label in labels
            for n, line in enumerate(wrap(small, label, r.width - px(24)))
        ]
        """The staged orders' lines, wrapped (True: a line that goes on from the one above)."""
        y = r.top + px(30) + px(20) * max(1, len(self.staged_lines))
        self.chart_rect = None
        self._talks = view_of(session.game, obs, BargainingView)
        if self._talks is not None:
            self.history = offers_so_far(session, obs)
            self.chart_rect = pygame.Rect(r.left, y, r.width, px(112))
            y += px(118)
        self.buttons = {}
        self._hidden = []
        y = self._build_sliders(session, legal, y)
        bottom = r.bottom - px(44)
        if session.version != self.version:
            self.first = 0
            self.version = session.version
        self.deck.keep_for((session.state, session.viewer))
        apart: tuple[type[Action], ...] = (Offer, Tender, Reserve, EndTurn)
        if view_of(session.game, obs, AuctionView) is not None:
            apart += (Bid, Withhold)  # given in the table of lots
        words = reader(session.game, obs)
        self.infos = [
            describe_action(session.game, obs, a, words) for a in legal if not isinstance(a, apart)
        ]
        self._number((session.state, session.viewer))
        self.infos.sort(key=lambda info: self.numbers[info.action])
        # The orders it cannot give now stay in view, greyed, with the reason, after the others.
        self.infos += unavailable(session.game, obs, legal)
        self.cards_rect = pygame.Rect(r.left, y + px(6), r.width, bottom - y - px(16))
        self._build_cards()
        self._build_bottom(session, bottom, bool(legal) or session.orders_complete())
        self.info = self._info(session, bool(legal))

    def _info(self, session: Session, can_act: bool) -> str:
        if session.orders_complete():
            return _("Your orders are complete. Confirm them (Enter), or undo (Ctrl+Z).")
        if can_act:
            return ""
        return _("Waiting for the other side…")

    def _build_sliders(self, session: Session, legal: list[Action], y: int) -> int:
        """Shows a slider for each kind of order given by amount that is legal now (offers,
        tenders, reserves); returns the y below them."""
        px, r = self.ctx.px, self.rect
        self.captions = []
        for kind, amount in self.amounts.items():
            actions = sorted((a for a in legal if isinstance(a, kind)), key=_AMOUNT)
            start, keep = 0, True
            if kind is Offer and actions:
                talks = self._talks
                seller = talks is not None and session.human_to_act() == talks.seller.faction
                start, keep = (len(actions) - 1 if seller else 0), False
            elif kind is Tender:
                start = next((i for i, a in enumerate(actions) if a.amount == 100), 0)
            elif kind is Reserve:
                start = len(actions) // 2
            amount.update(actions, pygame.Rect(r.left, y, r.width, px(30)), start=start, keep=keep)
            if not actions:
                continue
            y += px(34)
            anchors = self._anchors(session, actions) if kind is Offer else []
            amount.set_anchors(anchors, pygame.Rect(r.left, y, r.width, px(24)))
            if anchors:
                y += px(28)
            caption = _CAPTIONS.get(kind)
            if caption:
                note = self.ctx.fonts.get("sans_italic", 11)
                for line in wrap(note, _(caption), r.width - px(4))[:2]:
                    self.captions.append((y - px(2), note.render(line, True, INK_SOFT)))
                    y += note.get_linesize()
                y += px(4)
        return y

    def _anchors(self, session: Session, actions: list[Action]) -> list[tuple[str, int]]:
        """The offer slider's anchors, once the other side has a standing price: the smallest
        step from the viewer's own price, halfway between the two, and the price nearest the
        other side's (meeting it exactly is the `accept` order) — each the legal price nearest
        it, and each shown once."""
        talks = self._talks
        if talks is None:
            return []
        mine, theirs = talks.seller, talks.buyer
        if session.human_to_act() != talks.seller.faction:
            mine, theirs = theirs, mine
        if not theirs.price:
            return []
        prices = [a.amount for a in actions]

        def near(target: int) -> int:
            return min(prices, key=lambda p: (abs(p - target), p))

        points = [(_("Near theirs"), near(theirs.price))]
        if mine.price:
            points = [
                (_("Small step"), near(mine.price)),
                (_("Halfway"), near((mine.price + theirs.price) // 2)),
                *points,
            ]
        out: list[tuple[str, int]] = []
        for label, price in points:
            if price not in [p for _, p in out]:
                out.append((f"{label} {price / talks.scale:g}", price))
        return out

    def _offer_text(self, action: Action) -> str:
        talks = self._talks
        value = action.amount / talks.scale if talks else action.amount
        unit = talks.unit.split()[0] if talks and talks.unit else ""
        return _("Offer {amount} {unit}").format(amount=f"{value:g}", unit=unit).strip()

    def current_offer(self) -> Action | None:
        return self.amounts[Offer].current()

    def nudge(self, session: Session, step: int) -> None:
        """Moves the price slider by `step` notches."""
        self.amounts[Offer].nudge(step)

    def _build_cards(self) -> None:
        """Shows the cards that fit from `self.first` on, and ▲ ▼ when there are more."""
        px, area = self.ctx.px, self.cards_rect
        self.first = max(0, min(self.first, len(self.infos) - 1))
        paging = self.first > 0
        width = area.width - (px(34) if len(self.infos) > 1 else 0)
        y = area.top
        self.cards = []
        for i in range(self.first, len(self.infos)):
            info = self.infos[i]
            if y + px(70) > area.bottom and self.cards:
                paging = True
                break
            card = self.deck.card(self.numbers.get(info.action, 0) - 1, info, (area.left, y), width)
            y += card.height
            if not info.why:
                self.buttons[card.button] = info.action
            self.cards.append((card.button, info))
        self._hidden += self.deck.hide_others({button for button, _ in self.cards})
        for name, text, top in (("up", "▲", area.top), ("down", "▼", area.top + px(36))):
            button = self._pagers.get(name)
            if not paging:
                if button is not None:
                    self._hide(button)
                continue
            if button is None:
                button = self._pagers[name] = self._add(
                    UIButton(
                        pygame.Rect(area.right - px(28), top, px(28), px(30)),
                        text,
                        self.ctx.manager,
                        container=self.root,
                        object_id="#pager",
                        tool_tip_text=_("More orders (mouse wheel)"),
                    )
                )
            button.set_relative_position((area.right - px(28), top))
            button.show()
            self.buttons[button] = Command(name)
            more = self.first + len(self.cards) < len(self.infos)
            gui.set_enabled(button, self.first > 0 if name == "up" else more)

    def scroll(self, session: Session, step: int) -> None:
        """Pages the cards by `step` cards."""
        first = max(0, min(len(self.infos) - 1, self.first + step))
        if first != self.first:
            self.first = first
            self.build(session)

    def _build_bottom(self, session: Session, y: int, active: bool) -> None:
        px, r = self.ctx.px, self.rect
        third = (r.width - px(12)) // 3
        done = session.orders_complete()
        specs = (
            ("undo", _("Undo"), _("Take back the last order of this turn (Ctrl+Z)."), None),
            (
                "advise",
                _("Adviser"),
                _("Let the historical adviser give this turn's orders (A); you can still undo."),
                None,
            ),
            (
                "end",
                _("Confirm orders") if done else _("End turn"),
                _("Make your orders final and let the turn resolve (Enter)."),
                "#primary",
            ),
        )
        for i, (name, text, tip, oid) in enumerate(specs):
            button = self._bottom.get(name)
            if button is None:
                left = r.left + i * (third + px(6))
                width = third if i < 2 else r.right - left
                button = self._bottom[name] = self._add(
                    UIButton(
                        pygame.Rect(left, y, width, px(40)),
                        text,
                        self.ctx.manager,
                        container=self.root,
                        object_id=oid,
                        tool_tip_text=tip,
                    )
                )
            button.set_text(text)
            self.buttons[button] = Command(name)
            gui.set_enabled(button, session.can_undo() if name == "undo" else active)
            if name == "end":
                self.end_button = button

    # ------------------------------------------------------------- input

    def handle(self, event: pygame.event.Event, session: Session) -> Action | Command | None:
        for amount in self.amounts.values():
            if amount.moved(event) or amount.anchor_pressed(event):
                return None
            if amount.pressed(event):
                return amount.current()
        if event.type == pygame_gui.UI_BUTTON_PRESSED:
            picked = self.buttons.get(event.ui_element)
            if isinstance(picked, Command) and picked.name in {"up", "down"}:
                self.scroll(session, -1 if picked.name == "up" else 1)
                return None
            return picked
        if event.type == pygame.MOUSEWHEEL and self.cards_rect.collidepoint(pygame.mouse.get_pos()):
            self.scroll(session, -event.y)
        return None

    def show_target(self, session: Session, region: int) -> bool:
        """Pages the cards to the first attack on `region`; False if there is none."""
        for i, info in enumerate(self.infos):
            if isinstance(info.action, Attack) and info.action.region == region:
                self.first = i
                self.build(session)
                return True
        return False

    def _number(self, key: tuple[object, ...]) -> None:
        """Numbers the cards that can be given: a card keeps its number (its key) while the
        faction gives its orders, whatever others are given or undone; a card that comes into
        play takes the next number."""
        if key != self.numbered_for:
            self.numbered_for, self.numbers = key, {}
        for info in self.infos:
            if info.action not in self.numbers:
                self.numbers[info.action] = max(self.numbers.values(), default=0) + 1

    def card_action(self, number: int) -> Action | None:
        """Returns the action of the card numbered `number` (its key), if it can be given now."""
        for info in self.infos:
            if not info.why and self.numbers.get(info.action) == number:
                return info.action
        return None

    def card_texts(self) -> list[str]:
        return [button.text for button, _ in self.cards]

    # ------------------------------------------------------------- drawing

    def draw(self, surface: pygame.Surface, session: Session, clock: float) -> None:
        fonts, px = self.ctx.fonts, self.ctx.px
        r = self.rect
        rules = session.rules
        f = session.human_to_act()
        head = fonts.get("serif_bold", 16)
        small = fonts.get("sans", 13)
        if f >= 0:
            n = len(session.staged)
            title = _("Orders of {side}").format(side=rules.factions[f].name)
            if head.size(title)[0] > r.width - px(90):  # the side's name heads the left panel
                title = _("Orders")
            blit_text(surface, head, title, (r.left, r.top), INK, width=r.width - px(90))
            blit_text(
                surface,
                small,
                _("{n} of {most} given").format(n=n, most=rules.max_orders),
                (r.right, r.top + 3),
                INK_SOFT,
                align="right",
            )
        else:
            blit_text(surface, head, thinking_text(session, clock), (r.left, r.top), ACCENT)
        y = r.top + px(26)
        for line, more in self.staged_lines:
            x = r.left + px(24 if more else 8)
            blit_text(surface, small, line, (x, y), INK, width=r.right - x)
            y += px(20)
        colour = ACCENT if self.staged else INK_SOFT
        text = self.info or ("" if self.staged else _("No orders yet."))
        if text:
            blit_text(surface, small, text, (r.left + px(8), y), colour, width=r.width - px(8))
        for top, caption in self.captions:
            surface.blit(caption, (r.left + px(4), top))
        if self.chart_rect is not None:
            self._draw_chart(surface, session)

    def _draw_chart(self, surface: pygame.Surface, session: Session) -> None:
        assert self._talks is not None
        assert self.chart_rect is not None
        draw_offers(surface, self.chart_rect, self._talks, self.history, session, self.ctx)
