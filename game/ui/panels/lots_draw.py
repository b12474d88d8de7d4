"""Painting the table of lots and the lines around its controls (the `LotsPanel`'s Lots view)."""

from __future__ import annotations

from typing import TYPE_CHECKING

import pygame

from game.ui.i18n import _
from game.ui.session import Session
from game.ui.theme import ACCENT, INK, INK_SOFT, PAPER
from game.ui.view import bid_cost
from game.ui.widgets.lot_table import draw_lot_table, short_faction
from game.ui.widgets.text import blit_text

if TYPE_CHECKING:
    from game.ui.panels.lots import LotsPanel


def paint_table(self: LotsPanel, surface: pygame.Surface, session: Session) -> None:
    """Paints the panel's Lots view: the title, the table of lots, the controls' lines."""
    fonts, px, r = self.ctx.fonts, self.ctx.px, self.rect
    pygame.draw.rect(surface, PAPER, r)
    on_offer = sum(1 for row in self.rows if row.lot.on_offer)
    title = _("Lots: {n} of {total} on offer").format(n=on_offer, total=len(self.rows))
    if not self.held:
        title = _("Lots: no auction this turn")
    at = (r.left + px(8), r.top + px(7))
    right = blit_text(surface, fonts.get("serif_bold", 15), title, at, INK).right
    prices = _("prices in {unit}").format(unit=self.auction.unit)
    hidden = max(0, len(self.rows) - self.first - self._fits())
    notes = [prices]
    if self.first or hidden:
        more = _("▲ {above}  ▼ {below} more (wheel)").format(above=self.first, below=hidden)
        notes = [f"{more}  ·  {prices}", more, prices]
    font = fonts.get("sans_italic", 11)
    room = r.right - px(146) - right - px(10)
    note = next((n for n in notes if font.size(n)[0] <= room), "")
    if note:
        colour = ACCENT if self.first or hidden else INK_SOFT
        at = (r.right - px(146), r.top + px(10))
        blit_text(surface, font, note, at, colour, align="right")
    area = self.table_rect()
    header, self.hits = draw_lot_table(
        surface,
        area,
        self.rows,
        session.rules,
        fonts,
        bidders=self.bidders,
        selected=self.selected,
        first=self.first,
    )
    self.header = header
    if hidden and not note.startswith("▲"):  # no room in the title: a tag on the table
        tag = font.render(" " + _("▼ {n} more").format(n=hidden) + " ", True, PAPER)
        spot = tag.get_rect(bottomright=(area.right - px(2), area.bottom - px(2)))
        pygame.draw.rect(surface, ACCENT, spot)
        surface.blit(tag, spot)
    _draw_controls(self, surface, session)


def _draw_controls(self: LotsPanel, surface: pygame.Surface, session: Session) -> None:
    fonts, px, r = self.ctx.fonts, self.ctx.px, self.rect
    top = self._controls_top() + px(2)
    width = r.width - px(12)
    row = self.row()
    head = fonts.get("sans_bold", 12)
    small = fonts.get("sans", 12)
    if row is None:
        is_host = self.obs is not None and self.obs.faction == self.auction.host
        hint = (
            _("Click a lot to bid on it or withhold it.")
            if is_host
            else _("Click a lot to bid on it.")
        )
        blit_text(surface, small, hint, (r.left + px(8), top), INK_SOFT, width=width)
        return
    lot = row.lot
    rules = session.rules
    if lot.holder is not None:
        held = _("held by {side} at {rent}").format(
            side=short_faction(rules, lot.holder), rent=f"{lot.rent:,}"
        )
    else:
        held = _("idle") if lot.open else _("not let")
    text = _("{water} · {grounds} grounds · estimate {estimate} · {held}").format(
        water=lot.water, grounds=lot.grounds, estimate=f"{lot.estimate:,}", held=held
    )
    if lot.catch:
        text += " · " + _("last catch {catch}").format(catch=f"{lot.catch:,}")
    name = blit_text(surface, head, lot.name, (r.left + px(8), top), INK, width=width)
    blit_text(
        surface,
        small,
        f"  ·  {text}",
        (name.right, top),
        INK_SOFT,
        width=max(10, r.right - px(6) - name.right),
    )
    line, colour = status_line(self, session)
    y = self._controls_top() + px(54)
    if not self.bid.shown:  # the line takes the slider's place
        y = self._controls_top() + px(20) + (px(30) - small.get_linesize()) // 2
        if self.withhold_shown:
            width = int(self.withhold_button.relative_rect.left) - r.left - px(16)
    blit_text(surface, small, line, (r.left + px(8), y), colour, width=width)


def status_line(self: LotsPanel, session: Session) -> tuple[str, tuple[int, int, int]]:
    """Returns the line under the controls, and its colour: the cost of the bid chosen, or
    why none can be given, or the order given on the lot selected."""
    row = self.row()
    if row is None:
        return "", INK_SOFT
    unit = self.auction.unit
    if row.mine:
        text = _("You bid {amount} {unit} on this lot this turn (Undo takes it back).")
        return text.format(amount=f"{row.mine:,}", unit=unit), INK
    if row.withheld:
        return _("You withhold this lot for the state trust this turn."), INK
    if not self.acting:
        return "", INK_SOFT
    bid = self.bid.current()
    if bid is None or self.obs is None:
        why = row.why or _("no bid is possible")
        return _("You cannot bid: {why}.").format(why=why), ACCENT
    cost = bid_cost(session.game, self.obs, bid.amount)
    purse = self.purse
    if purse is None:
        return "", INK
    left = purse.left - cost
    if purse.unit == unit:
        text = _("Costs {cost} {unit}; {left} of your {means} left.")
        return text.format(
            cost=f"{cost:,}", unit=unit, left=f"{left:,}", means=f"{purse.means:,}"
        ), INK
    text = _("{amount} {unit} cost {cost} {means_unit}; {left} of {means} left.")
    return (
        text.format(
            amount=f"{bid.amount:,}",
            unit=unit,
            cost=f"{cost:,}",
            means_unit=purse.unit,
            left=f"{left:,}",
            means=f"{purse.means:,}",
        ),
        INK,
    )
