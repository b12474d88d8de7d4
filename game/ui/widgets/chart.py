"""A small step chart of the standing offers over the turns (the bargaining's history)."""

from __future__ import annotations

import pygame

from game.ui.i18n import _
from game.ui.theme import INK_SOFT, PAPER_LIGHT, RULE, Colour, Fonts, legible
from game.ui.widgets.text import blit_text

Series = tuple[str, Colour, list[tuple[int, float | None]]]
"""(label, colour, [(turn, value or None)])."""


def draw_chart(
    surface: pygame.Surface,
    rect: pygame.Rect,
    series: list[Series],
    fonts: Fonts,
    *,
    turns: int,
    unit: str,
) -> None:
    """Draws step lines of each series over turns 0..`turns` in `rect`, with a legend."""
    pygame.draw.rect(surface, PAPER_LIGHT, rect)
    pygame.draw.rect(surface, RULE, rect, 1)
    small = fonts.get("sans", 11)
    values = [v for _, _, pts in series for _, v in pts if v is not None]
    if not values:
        blit_text(
            surface,
            fonts.get("serif_italic", 13),
            _("No offers yet."),
            (rect.centerx, rect.centery - 8),
            INK_SOFT,
            align="center",
        )
        return
    top = max(values) * 1.1
    pad_l, pad_b = small.size("000")[0] + 8, small.get_linesize() + 2
    pad_t = small.get_linesize() + 6
    plot = pygame.Rect(
        rect.left + pad_l, rect.top + pad_t, rect.width - pad_l - 8, rect.height - pad_b - pad_t
    )
    if plot.width < 10 or plot.height < 10:
        return
    for frac in (0.0, 0.5, 1.0):
        y = plot.bottom - frac * plot.height
        pygame.draw.line(surface, (225, 215, 190), (plot.left, y), (plot.right, y))
        label_y = round(y) - small.get_linesize() // 2
        blit_text(
            surface, small, f"{top * frac:.0f}", (plot.left - 4, label_y), INK_SOFT, align="right"
        )
    span = max(1, turns)

    def xy(turn: int, value: float) -> tuple[float, float]:
        return (plot.left + plot.width * turn / span, plot.bottom - plot.height * value / top)

    for _name, colour, pts in series:
        last: tuple[float, float] | None = None
        for turn, value in pts:
            if value is None:
                last = None
                continue
            x, y = xy(turn, value)
            if last is not None:
                pygame.draw.line(surface, colour, last, (x, last[1]), 2)
                pygame.draw.line(surface, colour, (x, last[1]), (x, y), 2)
            last = (x, y)
        if last is not None:
            pygame.draw.circle(surface, colour, (round(last[0]), round(last[1])), 3)
    x = plot.left
    for label, colour, _points in series:
        mid = rect.top + 3 + small.get_linesize() // 2
        pygame.draw.line(surface, colour, (x, mid), (x + 14, mid), 3)
        ink = legible(colour, PAPER_LIGHT)  # the side's colour, darkened in high contrast
        x = blit_text(surface, small, label, (x + 18, rect.top + 3), ink).right + 12
    blit_text(surface, small, unit, (plot.right, rect.bottom - pad_b), INK_SOFT, align="right")
