"""The centre of the game screen in an auction scenario: a Lots / Map switch, the table of lots,
and bidding on the lot selected: a slider over exactly its legal bids with the price and its
cost, a Bid button, and for the host a Withhold button. Lots the viewer cannot bid on say why.

The table is drawn with pygame and kept as a surface until what it shows changes; the widgets
(switch, slider, buttons) are made once and only updated (pygame_gui widgets are slow to make).
"""

from __future__ import annotations

from typing import Any

import pygame
import pygame_gui
from pygame_gui.elements import UIButton

from game.core.actions import Action
from game.core.mechanics.auction_view import AuctionView, Purse
from game.core.observation import Observation
from game.ui import gui
from game.ui.i18n import _
from game.ui.panels.lots_draw import paint_table, status_line
from game.ui.scene import Context
from game.ui.session import Session
from game.ui.theme import INK_SOFT
from game.ui.view import LotRow, lot_rows, purse, view_of
from game.ui.widgets.amounts import AmountSlider
from game.ui.widgets.hover import lots_text
from game.ui.widgets.lot_table import (
    COLUMN_HELP,
    lot_tooltip,
    row_height,
)
from game.ui.widgets.map_view import MapPainter

LOTS, MAP = "lots", "map"


class LotsPanel:
    """The table of lots and the bidding controls (see the module docstring): the auction's
    centre panel (`game.ui.panels.PANELS`)."""

    wide = True

    def __init__(
        self,
        ctx: Context,
        root: pygame_gui.core.UIContainer,
        rect: pygame.Rect,
        view: AuctionView,
        *,
        memo: tuple[str, int] | None = None,
    ) -> None:
        self.ctx = ctx
        self.root = root
        self.rect = rect
        self.auction = view
        self.bidders = view.bidders
        showing, selected = memo or (LOTS, -1)
        self.showing = showing
        """`lots` (the table) or `map`."""
        self.selected = selected
        """Index of the lot selected (-1: none)."""
        self.first = 0
        """The first row shown (the table scrolls by rows)."""
        self.rows: list[LotRow] = []
        self.purse: Purse | None = None
        self.obs: Observation | None = None
        self.acting = False
        """The viewer is giving its orders now."""
        self.held = True
        """An auction is held this turn (a public fact of the calendar)."""
        self.built = 0
        self.header = pygame.Rect(0, 0, 0, 0)
        self.hits: list[tuple[pygame.Rect, LotRow]] = []
        self._canvas: tuple[tuple[object, ...], pygame.Surface] | None = None
        self._slider_lot = -1
        px = ctx.px
        self.tabs: dict[UIButton, str] = {}
        for i, (name, text, tip) in enumerate(
            (
                (MAP, _("Map"), _("Show the lots on the map (M)")),
                (LOTS, _("Lots"), _("Show the table of lots, and bid (M)")),
            )
        ):
            width = px(64)
            left = rect.right - px(6) - (i + 1) * width - i * px(4)
            button = UIButton(
                pygame.Rect(left, rect.top + px(4), width, px(24)),
                text,
                ctx.manager,
                container=root,
                object_id="#seat",
                tool_tip_text=tip,
            )
            self.tabs[button] = name
        self.bid = AmountSlider(
            ctx,
            root,
            lambda a: _("Bid {amount}").format(amount=f"{a.amount:,}"),
            _(
                "Give this bid with your orders (O). Left/Right move the price (Shift: ×10), "
                "Up/Down the lot."
            ),
            button_width=px(120),
        )
        self.withhold_button = UIButton(
            pygame.Rect(
                rect.right - px(6) - px(110), self._controls_top() + px(20), px(110), px(30)
            ),
            _("Withhold"),
            ctx.manager,
            container=root,
            tool_tip_text=_(
                "Take this lot off the auction for the state trust (it lies idle if the "
                "trust cannot work it). Taking a lot another bidder holds raises tension."
            ),
        )
        self.withhold_shown = False
        gui.set_visible(self.withhold_button, False)
        self._sync_tabs()

    # ------------------------------------------------------------- layout

    def _controls_top(self) -> int:
        return self.rect.bottom - self.ctx.px(76)

    def table_rect(self) -> pygame.Rect:
        px, r = self.ctx.px, self.rect
        top = r.top + px(32)
        return pygame.Rect(r.left + px(6), top, r.width - px(12), self._controls_top() - top)

    def _slider_rect(self) -> pygame.Rect:
        px, r = self.ctx.px, self.rect
        right = r.right - px(6) - (px(116) if self.withhold_shown else 0)
        top = self._controls_top() + px(20)
        return pygame.Rect(r.left + px(6), top, right - r.left - px(6), px(30))

    # ------------------------------------------------------------- widgets

    def widgets(self) -> list[Any]:
        return [*self.tabs, self.withhold_button, *self.bid.widgets()]

    def kill(self) -> None:
        for widget in [*self.tabs, self.withhold_button]:
            gui.kill(widget)
        self.tabs.clear()
        self.bid.kill()

    def show(self) -> None:
        """Hides again what should be hidden (showing the scene's root shows every widget)."""
        self.bid.reapply()
        if not self.withhold_shown:
            gui.set_visible(self.withhold_button, False)

    def memo(self) -> tuple[str, int]:
        """What the table shows and the lot selected, kept when the widgets are made again."""
        return self.showing, self.selected

    def covers_map(self) -> bool:
        return self.showing == LOTS

    def toggle(self) -> None:
        self.set_view(MAP if self.showing == LOTS else LOTS)

    def click_map(self, pos: tuple[int, int], painter: MapPainter) -> bool:
        """Opens the table of lots at the lot clicked on the map."""
        if self.showing != MAP:
            return False
        for rect, lot in painter.lot_hits:
            if rect.collidepoint(pos):
                self.set_view(LOTS)
                self.select(lot.index)
                return True
        return False

    def set_view(self, showing: str) -> None:
        self.showing = showing
        self._sync_tabs()
        self._sync_controls()

    def _sync_tabs(self) -> None:
        for button, name in self.tabs.items():
            gui.set_selected(button, name == self.showing)

    def build(self, session: Session, obs: Observation, legal: list[Action]) -> None:
        """Updates the table and the controls for the session's view (called when it changes)."""
        self.obs = obs
        self.auction = view_of(session.game, obs, AuctionView) or self.auction
        self.rows = lot_rows(session.game, obs, legal)
        self.purse = purse(session.game, obs)
        self.acting = session.human_to_act() >= 0 and bool(legal)
        self.held = self.auction.held
        self.first = max(0, min(self.first, len(self.rows) - self._fits()))
        self.built += 1
        self._sync_controls()

    def row(self) -> LotRow | None:
        """Returns the row of the lot selected, if any."""
        if 0 <= self.selected < len(self.rows):
            return self.rows[self.selected]
        return None

    def select(self, index: int) -> None:
        """Selects a lot (and scrolls the table to it)."""
        if not self.rows:
            return
        self.selected = max(0, min(len(self.rows) - 1, index))
        fit = self._fits()
        if self.selected < self.first:
            self.first = self.selected
        elif self.selected >= self.first + fit:
            self.first = self.selected - fit + 1
        self._sync_controls()

    def _fits(self) -> int:
        """Returns how many rows the table shows at once."""
        fonts = self.ctx.fonts
        height = self.table_rect().height - fonts.get("sans_bold", 11).get_linesize() - 8
        return max(1, height // row_height(fonts))

    def _sync_controls(self) -> None:
        row = self.row()
        shown = self.showing == LOTS and row is not None and self.acting
        is_host = self.obs is not None and self.obs.faction == self.auction.host
        withhold = shown and is_host
        if withhold != self.withhold_shown:
            self.withhold_shown = withhold
            gui.set_visible(self.withhold_button, withhold)
        if withhold and row is not None:
            text = _("Withheld") if row.withheld else _("Withhold")
            if self.withhold_button.text != text:
                self.withhold_button.set_text(text)
            gui.set_enabled(self.withhold_button, row.withhold is not None)
        bids = list(row.bids) if shown and row is not None else []
        if row is not None and bids and row.lot.index != self._slider_lot:
            estimate = row.lot.estimate
            start = min(range(len(bids)), key=lambda i: abs(bids[i].amount - estimate))
            self.bid.update(bids, self._slider_rect(), start=start, keep=False)
            self._slider_lot = row.lot.index
        else:
            self.bid.update(bids, self._slider_rect())
        if not bids:
            self._slider_lot = -1  # a lot chosen again starts at its estimate

    # ------------------------------------------------------------- input

    def handle(self, event: pygame.event.Event) -> Action | None:
        """Returns the order a click gives (Bid, Withhold), else None; switches the view,
        selects lots and scrolls the table."""
        if event.type == pygame_gui.UI_BUTTON_PRESSED and event.ui_element in self.tabs:
            self.set_view(self.tabs[event.ui_element])
            return None
        if self.bid.moved(event):
            return None
        if self.bid.pressed(event):
            return self.bid.current()
        if event.type == pygame_gui.UI_BUTTON_PRESSED and event.ui_element is self.withhold_button:
            row = self.row()
            return row.withhold if row is not None else None
        if self.showing != LOTS:
            return None
        if event.type == pygame.MOUSEBUTTONDOWN and event.button == 1:
            for box, row in self.hits:
                if box.collidepoint(event.pos):
                    self.select(row.lot.index)
        elif event.type == pygame.MOUSEWHEEL and self.table_rect().collidepoint(
            pygame.mouse.get_pos()
        ):
            self.first = max(0, min(len(self.rows) - self._fits(), self.first - event.y))
        return None

    def current_action(self) -> Action | None:
        """The bid on the slider (in the Lots view)."""
        return self.bid.current() if self.showing == LOTS else None

    def nudge(self, step: int) -> bool:
        """Moves the bid slider by `step` notches; False if no bid is being chosen."""
        if self.current_action() is None:
            return False
        self.bid.nudge(step)
        return True

    def move(self, step: int) -> None:
        """Selects the lot `step` rows below the one selected (the first if none is)."""
        self.select(0 if self.selected < 0 else self.selected + step)

    # ------------------------------------------------------------- drawing

    def draw(self, surface: pygame.Surface, session: Session) -> None:
        """Draws the table and the lines around the controls (the Lots view only), from the copy
        drawn when what they show last changed."""
        r = self.rect
        key = (
            self.built,
            self.selected,
            self.first,
            self.bid.index(),
            self.bid.shown,
            self.withhold_shown,
            tuple(r),
            self.ctx.fonts,
        )
        if self._canvas is None or self._canvas[0] != key:
            # Drawn at the screen's coordinates on a canvas as large as the panel's corner.
            canvas = self._canvas[1] if self._canvas is not None else None
            if canvas is None or canvas.get_size() != r.bottomright:
                canvas = pygame.Surface(r.bottomright)
            self._paint(canvas, session)
            self._canvas = (key, canvas)
        surface.blit(self._canvas[1], r.topleft, r)
        pos = pygame.mouse.get_pos()
        for box, _lot in self.hits:
            if box.collidepoint(pos):
                pygame.draw.rect(surface, INK_SOFT, box, 1)

    def _paint(self, surface: pygame.Surface, session: Session) -> None:
        paint_table(self, surface, session)

    def status_line(self, session: Session) -> tuple[str, tuple[int, int, int]]:
        """Returns the line under the controls, and its colour (see `lots_draw.status_line`)."""
        return status_line(self, session)

    def tooltip(self, pos: tuple[int, int], session: Session, painter: MapPainter) -> str:
        """Returns the hover text at `pos`: of the table in the Lots view, of the lots under it
        on the map in the Map view ("" if none)."""
        if self.showing != LOTS:
            return lots_text(session.rules, self.auction, painter.lot_hits, pos)
        if self.header.collidepoint(pos):
            return _(COLUMN_HELP).format(unit=self.auction.unit, catch_unit=self.auction.catch_unit)
        for box, row in self.hits:
            if box.collidepoint(pos):
                a = self.auction
                return lot_tooltip(session.rules, row.lot, a.unit, a.catch_unit, row.why)
        return ""

    def describe(self, session: Session) -> dict[str, Any]:
        """Returns what the panel shows: the view, the rows, the lot selected."""
        return {"view": self.showing, "lots": self.rows_shown(session), "selected": self.selected}

    def rows_shown(self, session: Session) -> list[dict[str, Any]]:
        """Returns the rows as the table shows them (for tests and screen readers)."""
        rules = session.rules
        out = []
        for row in self.rows:
            lot = row.lot
            if lot.holder is not None:
                holder = rules.factions[lot.holder].id
            else:
                holder = "idle" if lot.open else "not let"
            bids = {rules.factions[f].id: amount for f, amount in lot.bids}
            out.append(
                {
                    "lot": lot.id,
                    "holder": holder,
                    "rent": lot.rent,
                    "catch": lot.catch,
                    "on_offer": lot.on_offer,
                    "bids": bids,
                    "yours": row.mine or ("withheld" if row.withheld else ""),
                }
            )
        return out
