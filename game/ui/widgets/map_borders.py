"""The borders of the scenario's time on the map, the countries' names, and the tension map's
colours: the frontier and the railway coloured by the tracks the viewer sees (`Shade`), with the
legend rows that say what each colour means. `game.ui.widgets.map_view` calls these."""

from __future__ import annotations

import itertools

import pygame

from game.ui.i18n import _
from game.ui.theme import BORDER, INK_SOFT, PAPER_LIGHT, Fonts
from game.ui.widgets.map_geometry import Fit
from game.ui.widgets.map_model import MapView, Shade

Colour = tuple[int, int, int]
LegendRow = list[tuple[str, str, Colour]]

CALM: Colour = (0, 158, 115)
"""Okabe–Ito bluish green: below the first threshold (or the good end of a track)."""
WARY: Colour = (230, 159, 0)
"""Okabe–Ito orange."""
DANGER: Colour = (213, 94, 0)
"""Okabe–Ito vermillion."""
CRISIS: Colour = (120, 20, 10)
"""The last band: the crisis itself."""
_STEPS = (CALM, WARY, DANGER, CRISIS)


def band(shade: Shade) -> int:
    """Returns which band of its colours the track's value is in: 0 below the first threshold,
    i from the i-th on; a track without thresholds is cut in three even bands (0 is good)."""
    if shade.marks:
        return sum(1 for mark in shade.marks if shade.value >= mark.at)
    span = max(1, shade.hi - shade.lo)
    bad = (shade.value - shade.lo) / span
    if shade.good_high:
        bad = 1 - bad
    return min(2, int(bad * 3))


def band_colours(shade: Shade) -> tuple[Colour, ...]:
    """The colours of a shade's bands, calm first; the last is the worst."""
    n = len(shade.marks) + 1 if shade.marks else 3
    if n <= len(_STEPS):
        return _STEPS[:n]
    return tuple(_STEPS[min(len(_STEPS) - 1, i * len(_STEPS) // n)] for i in range(n))


def shade_colour(shade: Shade) -> Colour:
    """The colour of a track's value on the tension map."""
    return band_colours(shade)[band(shade)]


def shade_of(view: MapView, target: str) -> Shade | None:
    """The shade that colours `target` ("frontier" or "railway"), if the viewer sees its track."""
    return next((s for s in view.shades if s.target == target), None)


def draw_borders(
    surface: pygame.Surface, view: MapView, fit: Fit, scale: float, tension: bool
) -> None:
    """Draws the borders of the time as a light ribbon with a dark line down its middle; on the
    tension map, the frontier thick in the colour of its track's value."""
    frontier = shade_of(view, "frontier") if tension else None
    for border in view.borders:
        pts = [fit.to_screen(p.lon, p.lat) for p in border.points]
        if frontier is not None and border.frontier:
            pygame.draw.lines(surface, PAPER_LIGHT, False, pts, max(7, round(9 * scale)))
            pygame.draw.lines(surface, shade_colour(frontier), False, pts, max(5, round(6 * scale)))
            continue
        pygame.draw.lines(surface, (222, 186, 176), False, pts, max(4, round(5 * scale)))
        for a, b in itertools.pairwise(pts):
            pygame.draw.line(surface, BORDER, a, b, max(1, round(1.5 * scale)))


def draw_countries(
    surface: pygame.Surface,
    view: MapView,
    fit: Fit,
    fonts: Fonts,
    placed: list[pygame.Rect],
) -> list[tuple[str, pygame.Rect]]:
    """Writes each country's name at (or just beside) the first of its anchors in view where
    it overlaps nothing else drawn, moved inside the map if it would run over its edge;
    returns (name, box) of those
    written, in the map's own pixels."""
    area = surface.get_rect()
    font = fonts.get("serif_italic", 15)
    out = []
    for country in view.countries:
        image = font.render(country.name, True, INK_SOFT)
        halo = font.render(country.name, True, PAPER_LIGHT)
        w, h = image.get_size()
        box = None
        for lon, lat in country.anchors:
            x, y = fit.to_screen(lon, lat)
            if not area.collidepoint(x, y):
                continue
            for dx, dy in ((0, 0), (0, -h), (0, h), (-w // 2, 0), (w // 2, 0)):
                spot = image.get_rect(center=(round(x) + dx, round(y) + dy)).clamp(area)
                if spot.collidelist(placed) < 0:
                    box = spot
                    break
            if box is not None:
                break
        if box is None:
            continue  # no anchor in view, or none with room: a zoom or a pan brings it
        for dx, dy in ((-1, 0), (1, 0), (0, -1), (0, 1)):
            surface.blit(halo, box.move(dx, dy))
        surface.blit(image, box)
        placed.append(box)
        out.append((country.name, box))
    return out


def border_legend(view: MapView, tension: bool, *, short: bool = False) -> list[LegendRow]:
    """The legend's rows for the borders and, on the tension map, for its colours: each band
    with what its threshold means, or, `short`, with the threshold alone (a small map; the
    meaning of the band the track is in stays written beside its value)."""
    rows: list[LegendRow] = []
    if not tension:
        if view.borders:
            row: LegendRow = [(_("border of 1933"), "border", BORDER)]
            if view.shades:
                row.append((_("M: tension map"), "none", INK_SOFT))
            rows.append(row)
        return rows
    for shade in view.shades:
        where = _("frontier") if shade.target == "frontier" else _("railway")
        key = "tension" if shade.target == "frontier" else "railway"
        now = band(shade)
        text = _("{where}: {track} {value} of {top}").format(
            where=where, track=shade.name, value=shade.value, top=shade.hi
        )
        if shade.marks and now > 0:
            text += f", {shade.marks[now - 1].label}"
        head = [(text, key, shade_colour(shade))]
        colours = band_colours(shade)
        if shade.marks:
            bands = [(_("under {mark}").format(mark=shade.marks[0].at), "band", colours[0])]
            bands += [
                (str(m.at) if short else f"{m.at}: {m.label}", "band", c)
                for m, c in zip(shade.marks, colours[1:], strict=True)
            ]
            rows.append(head)
            rows += [bands] if short else [bands[i : i + 2] for i in range(0, len(bands), 2)]
        else:
            words = (_("high"), _("middling"), _("low"))
            if not shade.good_high:
                words = words[::-1]
            rows.append(head)
            rows.append([(w, "band", c) for w, c in zip(words, colours, strict=True)])
    rows[-1].append((_("M: borders"), "none", INK_SOFT))
    return rows
