"""The game screen's hover texts: of the meter, the region or the lots under the mouse."""

from __future__ import annotations

import pygame

from game.core.mechanics.auction_view import AuctionView, LotView
from game.core.rules import Rules
from game.ui.view import Meter
from game.ui.widgets.lot_table import lot_tooltip
from game.ui.widgets.map_view import RegionMark, region_tooltip
from game.ui.widgets.meters import meter_tooltip


def hover_text(
    rules: Rules,
    pos: tuple[int, int],
    meter_hits: list[tuple[pygame.Rect, Meter]],
    region_hits: list[tuple[pygame.Rect, RegionMark]],
) -> str:
    """Returns the hover text of the meter or region under `pos` (the region's if both), or ""."""
    tip = ""
    for rect, meter in meter_hits:
        if rect.collidepoint(pos):
            tip = meter_tooltip(meter)
    for rect, region in region_hits:
        if rect.collidepoint(pos):
            tip = region_tooltip(rules, region)
    return tip


def lots_text(
    rules: Rules,
    auction: AuctionView,
    lot_hits: list[tuple[pygame.Rect, LotView]],
    pos: tuple[int, int],
) -> str:
    """Returns the hover text of the lots under `pos` on the map."""
    under = [lot for rect, lot in lot_hits if rect.collidepoint(pos)]
    return "\n\n".join(lot_tooltip(rules, lot, auction.unit, auction.catch_unit) for lot in under)
