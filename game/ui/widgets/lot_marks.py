"""An auction's lots on the map: a square per lot in its holder's colour (hollow while it lies
idle, faint while it is not let), and a legend saying so."""

from __future__ import annotations

from collections.abc import Callable

import pygame

from game.core.mechanics.auction_view import LotView
from game.core.rules import Rules
from game.ui.i18n import _
from game.ui.theme import INK, PAPER_LIGHT, RULE, Fonts, faction_colour


def draw_lots(
    surface: pygame.Surface,
    lots: tuple[LotView, ...],
    rules: Rules,
    to_screen: Callable[[float, float], tuple[float, float]],
    scale: float,
) -> list[tuple[pygame.Rect, LotView]]:
    """Draws each lot as a square in its holder's colour (hollow while it lies idle, faint while
    it is not let); returns their boxes."""
    half = max(3, round(6 * scale))
    hits = []
    for lot in lots:
        if lot.lon is None or lot.lat is None:
            continue
        x, y = to_screen(lot.lon, lot.lat)
        box = pygame.Rect(0, 0, 2 * half, 2 * half)
        box.center = (round(x), round(y))
        if lot.holder is not None:
            holder = rules.factions[lot.holder]
            pygame.draw.rect(surface, faction_colour(holder.id, holder.index), box)
            pygame.draw.rect(surface, INK, box, 1)
        elif lot.open:
            pygame.draw.rect(surface, PAPER_LIGHT, box)
            pygame.draw.rect(surface, INK, box, 2)
        else:
            pygame.draw.rect(surface, RULE, box.inflate(-2, -2), 1)
        hits.append((box.inflate(4, 4), lot))
    return hits


def lot_legend(surface: pygame.Surface, rules: Rules, fonts: Fonts, scale: float) -> pygame.Rect:
    """Writes what the lots' squares mean in the map's lower left corner; returns its box."""
    font = fonts.get("sans", 11)
    half = max(3, round(5 * scale))
    keys: list[tuple[str, tuple[int, int, int] | None, int]] = [
        (f.name, faction_colour(f.id, f.index), 0) for f in rules.factions
    ]
    keys += [(_("idle"), None, 2), (_("not let"), None, 1)]
    gap, pad = round(12 * scale), round(6 * scale)
    width = sum(2 * half + 4 + font.size(name)[0] for name, _colour, _kind in keys) + gap * (
        len(keys) - 1
    )
    box = pygame.Rect(0, 0, width + 2 * pad, font.get_linesize() + pad)
    box.bottomleft = (round(4 * scale), surface.get_height() - round(4 * scale))
    halo = pygame.Surface(box.size, pygame.SRCALPHA)
    halo.fill((246, 240, 226, 215))
    surface.blit(halo, box.topleft)
    x, y = box.left + pad, box.top + pad // 2
    for name, colour, line in keys:
        spot = pygame.Rect(x, y + font.get_linesize() // 2 - half, 2 * half, 2 * half)
        if colour is not None:
            pygame.draw.rect(surface, colour, spot)
            pygame.draw.rect(surface, INK, spot, 1)
        else:
            pygame.draw.rect(surface, INK if line == 2 else RULE, spot, line)
        surface.blit(font.render(name, True, INK), (spot.right + 4, y))
        x = spot.right + 4 + font.size(name)[0] + gap
    return box
