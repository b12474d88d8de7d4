"""The map's legend: what the marks mean, in a corner of the map (the sides, fronts, links and
moves of a campaign; the lines and stops of a railway; the borders and the tension map's
colours), and the dashes and arrows it shares with the map. `game.ui.widgets.map_view` draws
with these."""

from __future__ import annotations

import math

import pygame

from game.core.rules import Rules
from game.ui.theme import ACCENT, INK, INK_SOFT, PAPER_LIGHT, RIVER, RULE, Fonts, faction_colour
from game.ui.widgets.map_borders import border_legend
from game.ui.widgets.map_model import MapView

__all__ = ["arrow", "dashed", "legend", "legend_rows", "row_width"]


def legend(
    surface: pygame.Surface,
    view: MapView,
    rules: Rules,
    fonts: Fonts,
    scale: float,
    mode: str = "control",
    avoid: tuple[pygame.Rect, ...] = (),
) -> tuple[pygame.Rect, list[str]]:
    """Writes what the marks mean in the map's lower left corner: the sides, fronts, links and
    markers of a campaign, the lines and stops of a railway; returns its box and entries."""
    font = fonts.get("sans", 11)
    s = max(4, round(6 * scale))
    rows: list[list[tuple[str, str, tuple[int, int, int]]]] = []
    if view.regions:
        rows.append([(f.name, "side", faction_colour(f.id, f.index)) for f in rules.factions])
        if mode == "garrison":
            rows.append([("garrison as you know it (? hidden)", "side", PAPER_LIGHT)])
            rows.append([("front there", "bar", INK), ("M: control map", "none", INK)])
            rows.append([("land link", "land", RULE), ("sea link", "sea", RIVER)])
            return legend_rows(surface, rows, font, s, scale)
        rows[0].append(("M: garrisons", "none", INK))
        rows.append(
            [
                ("unknown holder", "side", PAPER_LIGHT),
                ("front", "front", INK),
                ("attack possible (odds)", "ring", ACCENT),
            ]
        )
        rows.append([("land link", "land", RULE), ("sea link", "sea", RIVER)])
        if view.moves:
            rows[-1].append(("front's move", "arrow", INK))
    tension = mode == "tension" and bool(view.shades)
    if view.lines and not tension:  # the tension map's rows say what colours the railway
        rows.append([(view.lines[0].name, "railway", INK), ("connecting line", "dash", INK_SOFT)])
        rows.append([("station", "station", INK), ("city", "town", ACCENT)])
    wide = border_legend(view, tension)
    if max((row_width(row, font, s, scale) for row in wide), default=0) > surface.get_width() * 0.6:
        wide = border_legend(view, tension, short=True)  # a small map: the short legend
    return legend_rows(surface, rows + wide, font, s, scale, avoid)


def legend_rows(
    surface: pygame.Surface,
    rows: list[list[tuple[str, str, tuple[int, int, int]]]],
    font: pygame.font.Font,
    s: int,
    scale: float,
    avoid: tuple[pygame.Rect, ...] = (),
) -> tuple[pygame.Rect, list[str]]:
    """Draws the legend's rows of (text, key, colour) in the lower left corner, or in the
    lower right one if it covers fewer of the marks in `avoid` there."""
    line_h, gap, pad, key_w = font.get_linesize(), round(12 * scale), round(6 * scale), 3 * s
    widths = [row_width(row, font, s, scale) for row in rows]
    box = pygame.Rect(0, 0, max(widths, default=0) + 2 * pad, line_h * len(rows) + pad)
    box.bottomleft = (round(4 * scale), surface.get_height() - round(4 * scale))
    right = box.copy()
    right.right = surface.get_width() - round(4 * scale)
    if len(right.collidelistall(avoid)) < len(box.collidelistall(avoid)):
        box = right
    halo = pygame.Surface(box.size, pygame.SRCALPHA)
    halo.fill((246, 240, 226, 215))
    surface.blit(halo, box.topleft)
    entries = []
    for r, row in enumerate(rows):
        x, y = box.left + pad, box.top + pad // 2 + r * line_h
        mid = y + line_h // 2
        for text, key, colour in row:
            entries.append(text)
            c = (x + key_w // 2, mid)
            if key in ("side", "front", "ring"):
                pygame.draw.circle(surface, colour if key == "side" else PAPER_LIGHT, c, s)
                pygame.draw.circle(surface, INK, c, s, 1)
                if key == "front":
                    pygame.draw.rect(surface, INK, pygame.Rect(c[0] - s // 2, mid - s // 2, s, s))
                if key == "ring":
                    pygame.draw.circle(surface, ACCENT, c, s + 3, 2)
            elif key in ("land", "railway"):
                pygame.draw.line(
                    surface, colour, (x, mid), (x + key_w, mid), 3 if key == "railway" else 2
                )
            elif key in ("sea", "dash"):
                dashed(surface, colour, (x, mid), (x + key_w, mid), max(2, s // 2))
            elif key == "arrow":
                arrow(surface, colour, (x - s, mid), (x + key_w + s, mid), s, scale * 0.6)
            elif key == "station":
                pygame.draw.circle(surface, PAPER_LIGHT, c, s - 1)
                pygame.draw.circle(surface, INK, c, s - 1, 2)
            elif key == "bar":
                pygame.draw.rect(surface, colour, pygame.Rect(x, mid - 1, key_w, 3))
            elif key == "border":
                pygame.draw.line(surface, (222, 186, 176), (x, mid), (x + key_w, mid), 5)
                pygame.draw.line(surface, colour, (x, mid), (x + key_w, mid), 1)
            elif key == "tension":
                pygame.draw.line(surface, colour, (x, mid), (x + key_w, mid), 6)
            elif key == "band":
                pygame.draw.rect(surface, colour, pygame.Rect(x, mid - s // 2 - 1, key_w, s + 2))
            elif key == "town":
                pygame.draw.rect(surface, colour, pygame.Rect(c[0] - s, mid - s, 2 * s, 2 * s))
            surface.blit(font.render(text, True, INK), (x + key_w + 4, y))
            x += key_w + 4 + font.size(text)[0] + gap
    return box, entries


def row_width(
    row: list[tuple[str, str, tuple[int, int, int]]], font: pygame.font.Font, s: int, scale: float
) -> int:
    """The width of a legend's row (as `_legend_rows` lays it out)."""
    gap, key_w = round(12 * scale), 3 * s
    return sum(key_w + 4 + font.size(t)[0] for t, _, _ in row) + gap * (len(row) - 1)


def dashed(
    surface: pygame.Surface,
    colour: tuple[int, int, int],
    a: tuple[float, float],
    b: tuple[float, float],
    dash: int,
) -> None:
    length = math.dist(a, b)
    steps = max(1, int(length // max(1, dash)))
    for i in range(0, steps, 2):
        t0, t1 = i / steps, min(1.0, (i + 1) / steps)
        p0 = (a[0] + (b[0] - a[0]) * t0, a[1] + (b[1] - a[1]) * t0)
        p1 = (a[0] + (b[0] - a[0]) * t1, a[1] + (b[1] - a[1]) * t1)
        pygame.draw.line(surface, colour, p0, p1, 2)


def arrow(
    surface: pygame.Surface,
    colour: tuple[int, int, int],
    a: tuple[float, float],
    b: tuple[float, float],
    radius: int,
    scale: float,
) -> pygame.Rect:
    """Draws an arrow from the marker at `a` to the edge of the marker at `b`; returns the
    box of its head (labels are kept off it)."""
    length = math.dist(a, b)
    if length <= 2 * radius + 1:
        return pygame.Rect(round(b[0]), round(b[1]), 0, 0)
    dx, dy = (b[0] - a[0]) / length, (b[1] - a[1]) / length
    head, half = 12 * scale, 6 * scale
    tip = (b[0] - dx * (radius + 2), b[1] - dy * (radius + 2))
    neck = (tip[0] - dx * head, tip[1] - dy * head)
    start = (a[0] + dx * radius, a[1] + dy * radius)
    pygame.draw.line(surface, colour, start, neck, max(3, round(4 * scale)))
    wings = [(neck[0] - dy * half, neck[1] + dx * half), (neck[0] + dy * half, neck[1] - dx * half)]
    return pygame.draw.polygon(surface, colour, [tip, *wings])
