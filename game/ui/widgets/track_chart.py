"""The debrief's charts: a quantity over the turns in this game (a solid step line) beside the
historical path's (dashed), the value history gives (a marked dotted line), on axes with
1-2-5 ticks (`game.ui.ticks`) and dates under the turns."""

from __future__ import annotations

import datetime as dt
import itertools
from dataclasses import dataclass

import pygame

from game.core.rules import Rules
from game.ui.debrief_data import PAR_SUFFIX, Series
from game.ui.i18n import N_, _
from game.ui.theme import GOLD, GOOD, INK, INK_SOFT, PAPER_LIGHT, RULE, Colour, Fonts
from game.ui.ticks import nice_ticks, tick_label
from game.ui.widgets.text import blit_text

GAME_COLOUR: Colour = (142, 42, 30)
"""This game's line (ACCENT)."""
PATH_COLOUR: Colour = GOOD
"""The historical path's line."""
HISTORY_COLOUR: Colour = GOLD
PAR_LEGEND = N_("dashed: historical path (par)")
"""The score chart's legend entry for the par lines (each side's own colour, dashed)."""
"""History's value: a dotted line with a diamond."""


@dataclass(frozen=True, slots=True)
class Drawn:
    """What a chart drew, for tests and screen readers."""

    title: str
    y_ticks: list[float]
    x_labels: list[str]
    legend: list[str]


def _dashed(
    surface: pygame.Surface,
    colour: Colour,
    a: tuple[float, float],
    b: tuple[float, float],
    width: int,
    dash: int,
) -> None:
    """Draws a dashed straight line from `a` to `b`."""
    (x0, y0), (x1, y1) = a, b
    length = max(abs(x1 - x0), abs(y1 - y0))
    if length < 1:
        return
    steps = int(length // dash)
    for i in range(0, steps + 1, 2):
        t0, t1 = i / (steps + 1), min(1.0, (i + 1) / (steps + 1))
        pygame.draw.line(
            surface,
            colour,
            (x0 + (x1 - x0) * t0, y0 + (y1 - y0) * t0),
            (x0 + (x1 - x0) * t1, y0 + (y1 - y0) * t1),
            width,
        )


def _turn_label(rules: Rules, turn: int) -> str:
    day: dt.date = rules.date(turn)
    cal = rules.calendar
    if len(cal) > 1 and (cal[1] - cal[0]).days >= 28:
        return f"{day:%b %Y}"
    return f"{day.day} {day:%b}"


def draw_series(
    surface: pygame.Surface,
    rect: pygame.Rect,
    series: Series,
    rules: Rules,
    fonts: Fonts,
    colours: dict[str, Colour] | None = None,
) -> Drawn:
    """Draws one chart in `rect`: title and legend on top, the plot, ticks and dates."""
    pygame.draw.rect(surface, PAPER_LIGHT, rect)
    pygame.draw.rect(surface, RULE, rect, 1)
    small, head = fonts.get("sans", 11), fonts.get("sans_bold", 12)
    unit = f" ({series.unit})" if series.unit and series.unit not in series.title else ""
    blit_text(
        surface,
        head,
        series.title + unit,
        (rect.left + 6, rect.top + 4),
        INK,
        width=rect.width - 12,
    )
    lines: list[tuple[str, Colour, list[tuple[int, float]], bool]] = []
    if series.game:
        lines.append((_("this game"), GAME_COLOUR, series.game, False))
    if series.path:
        lines.append((_("historical path"), PATH_COLOUR, series.path, True))
    for label, pts in series.lines:
        par = label.endswith(PAR_SUFFIX)
        colour = (colours or {}).get(label.removesuffix(PAR_SUFFIX), INK)
        lines.append((label, colour, pts, par))
    values = [v for _, _, pts, _ in lines for _, v in pts]
    if series.history is not None:
        values.append(series.history)
    turns = [t for _, _, pts, _ in lines for t, _ in pts]
    # In the score chart, a side's par line is its own line dashed: one legend entry says so.
    keyed = [ln for ln in lines if not ln[0].endswith(PAR_SUFFIX)]
    if len(keyed) < len(lines):
        keyed.append((_(PAR_LEGEND), INK_SOFT, [], True))
    legend = [label for label, *_ in keyed] + (["history"] if series.history is not None else [])
    if not values or not turns:
        return Drawn(series.title, [], [], legend)
    # The legend under the title, in rows: an entry that does not fit goes on the next row.
    ly = rect.top + 4 + head.get_linesize()
    x = rect.left + 6
    entries = [
        (label, colour, "dashed" if dashed else "line") for label, colour, _p, dashed in keyed
    ]
    if series.history is not None:
        entries.append((f"history: {tick_label(series.history)}", INK, "diamond"))
    for label, colour, mark in entries:
        indent = 14 if mark == "diamond" else 20
        if x > rect.left + 6 and x + indent + small.size(label)[0] > rect.right - 6:
            x, ly = rect.left + 6, ly + small.get_linesize()
        mid = ly + small.get_linesize() // 2
        if mark == "diamond":
            _diamond(surface, (x + 6, mid), 4)
        elif mark == "dashed":
            _dashed(surface, colour, (x, mid), (x + 16, mid), 2, 3)
        else:
            pygame.draw.line(surface, colour, (x, mid), (x + 16, mid), 2)
        room = rect.right - 6 - (x + indent)
        x = blit_text(surface, small, label, (x + indent, ly), INK_SOFT, width=room).right + 10
    line = small.get_linesize()
    top = ly + line + line // 2 + 4  # the top tick's label is centred on the plot's top
    room_h = rect.bottom - top - line - 8
    # As many intervals as the labels have room for, up to four (nice steps may give more).
    n_y = max(1, min(4, room_h // (2 * line)))
    y_ticks = nice_ticks(min(values), max(values), n_y)
    while n_y > 1 and room_h < (len(y_ticks) - 1) * (line + 2):
        n_y -= 1
        y_ticks = nice_ticks(min(values), max(values), n_y)
    labels_w = max(small.size(tick_label(t))[0] for t in y_ticks) + 10
    plot = pygame.Rect(
        rect.left + labels_w + 4,
        top,
        rect.width - labels_w - 16,
        rect.bottom - top - small.get_linesize() - 8,
    )
    if plot.width < 20 or plot.height < 20:
        return Drawn(series.title, y_ticks, [], legend)
    lo_t, hi_t = min(turns), max(turns)
    label_w = small.size("Sep 1935")[0] + 16
    n_x = max(1, min(4, plot.width // label_w))
    x_ticks = [int(t) for t in nice_ticks(lo_t, max(hi_t, lo_t + 1), n_x) if lo_t <= t <= hi_t]
    x_ticks = [t for t in x_ticks if t == round(t)]
    y_lo, y_hi = y_ticks[0], y_ticks[-1]

    def at(turn: float, value: float) -> tuple[float, float]:
        fx = (turn - lo_t) / max(1, hi_t - lo_t)
        fy = (value - y_lo) / (y_hi - y_lo)
        return plot.left + fx * plot.width, plot.bottom - fy * plot.height

    last = pygame.Rect(0, 0, 0, 0)  # a label that would touch the last one is left out
    for t in y_ticks:
        _x, y = at(lo_t, t)
        pygame.draw.line(surface, (225, 215, 190), (plot.left, y), (plot.right, y))
        w = small.size(tick_label(t))[0]
        where = pygame.Rect(plot.left - 6 - w, round(y) - line // 2, w, line)
        if not where.colliderect(last):
            last = blit_text(surface, small, tick_label(t), where.topleft, INK_SOFT)
    x_labels = []
    last = pygame.Rect(0, 0, 0, 0)
    for t in x_ticks:
        tx, _y = at(t, y_lo)
        pygame.draw.line(surface, RULE, (tx, plot.bottom), (tx, plot.bottom + 3))
        label = _turn_label(rules, t)
        half = small.size(label)[0] // 2  # inside the plot's width: clear of the y labels
        x = min(max(round(tx), plot.left + half), rect.right - 4 - half)
        where = pygame.Rect(x - half - 4, plot.bottom + 3, 2 * half + 8, line)
        if not where.colliderect(last):
            blit_text(surface, small, label, (x, plot.bottom + 3), INK_SOFT, align="center")
            x_labels.append(label)
            last = where
    pygame.draw.line(surface, RULE, plot.bottomleft, plot.bottomright)
    pygame.draw.line(surface, RULE, plot.bottomleft, plot.topleft)
    if series.history is not None:
        _x, y = at(lo_t, series.history)
        _dashed(surface, HISTORY_COLOUR, (plot.left, y), (plot.right, y), 2, 2)
        _diamond(surface, (plot.right, y), 5)
    for _label, colour, pts, dashed in lines:
        _step_line(surface, [at(t, v) for t, v in pts], colour, dashed)
    return Drawn(series.title, y_ticks, x_labels, legend)


def _step_line(
    surface: pygame.Surface, pts: list[tuple[float, float]], colour: Colour, dashed: bool
) -> None:
    """Draws a step line through `pts` (a value holds until the next point) and a dot at its end."""
    width = 2
    for (x0, y0), (x1, y1) in itertools.pairwise(pts):
        for a, b in (((x0, y0), (x1, y0)), ((x1, y0), (x1, y1))):
            if dashed:
                _dashed(surface, colour, a, b, width, 4)
            else:
                pygame.draw.line(surface, colour, a, b, width)
    if pts:
        x, y = pts[-1]
        pygame.draw.circle(surface, colour, (round(x), round(y)), 3)


def _diamond(surface: pygame.Surface, centre: tuple[float, float], r: int) -> None:
    x, y = centre
    pygame.draw.polygon(surface, HISTORY_COLOUR, [(x, y - r), (x + r, y), (x, y + r), (x - r, y)])
    pygame.draw.polygon(surface, INK, [(x, y - r), (x + r, y), (x, y + r), (x - r, y)], 1)
