"""The map: a base map (coastlines, rivers, borders from `game.ui.mapdata`, when present), the
scenario's regions as markers coloured by who controls them, as the viewing faction knows it, and
an auction's lots as squares in their holder's colour (hollow while a lot lies idle). What it
shows (`MapView`, `build_map_view`) is made in `game.ui.widgets.map_model`, its bounding boxes
in `game.ui.widgets.map_geometry`; their names are importable from here too."""

from __future__ import annotations

import functools
import math
from typing import Any

import pygame

from game.core.mechanics.auction_view import LotView
from game.core.rules import Rules
from game.ui.theme import (
    ACCENT,
    BORDER,
    COAST,
    INK,
    INK_SOFT,
    LAND,
    PAPER_DARK,
    PAPER_LIGHT,
    RIVER,
    RULE,
    SEA,
    Fonts,
    faction_colour,
)
from game.ui.widgets.lot_marks import draw_lots, lot_legend
from game.ui.widgets.map_geometry import (
    DEFAULT_BBOX,
    HOME_BBOX,
    BBox,
    Fit,
    crop_to,
    region_bbox,
    shift_into,
)
from game.ui.widgets.map_model import (
    MapView,
    RegionMark,
    build_map_view,
    region_tooltip,
    short_name,
)

__all__ = [
    "DEFAULT_BBOX",
    "HOME_BBOX",
    "BBox",
    "MapPainter",
    "MapView",
    "RegionMark",
    "build_map_view",
    "crop_to",
    "region_bbox",
    "region_tooltip",
    "shift_into",
    "short_name",
]


@functools.cache
def _load_basemap() -> Any:
    """Returns the base map (read once), or None when mapdata or its data is not available."""
    try:
        from game.ui import mapdata

        return mapdata.load_basemap()
    except Exception:  # a missing module or data file means a plain background, not a crash
        return None


_BACKGROUNDS: dict[tuple[tuple[int, int], BBox, bool], pygame.Surface] = {}
"""Rendered base maps by size and bbox, shared by every painter (drawing one takes a while)."""


def forget_backgrounds() -> None:
    """Drops the base maps drawn so far (after the palette changes: `game.ui.theme`)."""
    _BACKGROUNDS.clear()


class MapPainter:
    """Draws the map. The base map is rendered once per size and kept; the regions, links,
    labels and arrows on it once per view (only the rings around targets move each frame)."""

    def __init__(self) -> None:
        self._base: Any = None
        self._tried = False
        self._layer: pygame.Surface | None = None
        self._layer_of: tuple[object, ...] = ()
        """What the layer was drawn for: the view, rules, fonts, area and scale."""
        self._hits: list[tuple[pygame.Rect, RegionMark]] = []
        self.lot_hits: list[tuple[pygame.Rect, LotView]] = []
        """The lots' markers on the screen, as last drawn."""
        self._rings: list[tuple[tuple[int, int], RegionMark]] = []
        self.arrows: list[tuple[tuple[float, float], tuple[float, float]]] = []
        """Where the front movements were drawn: (from, to) on the screen."""

    @property
    def basemap(self) -> Any:
        if not self._tried:
            self._tried = True
            self._base = _load_basemap()
        return self._base

    def bbox(self, view: MapView, size: tuple[int, int]) -> BBox:
        base = self.basemap
        found = region_bbox(view, size)
        if found is not None:
            if base is None:
                return found
            lon0, lat0, lon1, lat1 = base.bbox
            return shift_into(found, (float(lon0), float(lat0), float(lon1), float(lat1)))
        if base is None:
            return crop_to(DEFAULT_BBOX, size)
        return crop_to(HOME_BBOX, size)

    def _background(self, size: tuple[int, int], bbox: BBox) -> pygame.Surface:
        key = (size, bbox, self.basemap is not None)
        cached = _BACKGROUNDS.get(key)
        if cached is not None:
            return cached
        surf = pygame.Surface(size)
        fit = Fit(bbox, size)
        base = self.basemap
        if base is None:
            surf.fill(LAND)
        else:
            surf.fill(PAPER_DARK)
            b0, b1 = (
                fit.to_screen(base.bbox[0], base.bbox[3]),
                fit.to_screen(base.bbox[2], base.bbox[1]),
            )
            pygame.draw.rect(surf, SEA, pygame.Rect(b0, (b1[0] - b0[0], b1[1] - b0[1])))
            for ring in base.coastlines:
                pts = [fit.to_screen(lon, lat) for lon, lat in ring]
                if len(pts) >= 3:
                    pygame.draw.polygon(surf, LAND, pts)
            for ring in getattr(base, "lakes", ()):
                pts = [fit.to_screen(lon, lat) for lon, lat in ring]
                if len(pts) >= 3:
                    pygame.draw.polygon(surf, SEA, pts)
        self._graticule(surf, fit, bbox)
        if base is not None:
            for layer, colour, width in (
                (base.rivers, RIVER, 1),
                (base.borders, BORDER, 1),
                (base.coastlines, COAST, 1),
            ):
                for line in layer:
                    pts = [fit.to_screen(lon, lat) for lon, lat in line]
                    if len(pts) >= 2:
                        pygame.draw.lines(surf, colour, False, pts, width)
        if len(_BACKGROUNDS) >= 6:
            _BACKGROUNDS.pop(next(iter(_BACKGROUNDS)))
        _BACKGROUNDS[key] = surf
        return surf

    @staticmethod
    def _graticule(surf: pygame.Surface, fit: Fit, bbox: BBox) -> None:
        lon0, lat0, lon1, lat1 = bbox
        tint = (205, 196, 170)
        for lon in range(int(lon0 // 5 * 5), int(lon1) + 5, 5):
            a, b = fit.to_screen(lon, lat0), fit.to_screen(lon, lat1)
            pygame.draw.line(surf, tint, a, b)
        for lat in range(int(lat0 // 5 * 5), int(lat1) + 5, 5):
            a, b = fit.to_screen(lon0, lat), fit.to_screen(lon1, lat)
            pygame.draw.line(surf, tint, a, b)

    def draw(
        self,
        surface: pygame.Surface,
        rect: pygame.Rect,
        view: MapView,
        rules: Rules,
        fonts: Fonts,
        *,
        scale: float = 1.0,
        pulse: float = 0.0,
    ) -> list[tuple[pygame.Rect, RegionMark]]:
        """Draws base map and regions in `rect`; returns the markers' hit boxes."""
        of = (view, rules, fonts, tuple(rect), scale)
        if self._layer is None or of != self._layer_of:  # same objects compare fast
            self._layer = self._draw_layer(rect, view, rules, fonts, scale)
            self._layer_of = of
        surface.blit(self._layer, rect.topleft)
        clip = surface.get_clip()
        surface.set_clip(rect)
        radius = round(9 * scale)
        for centre, _ in self._rings:
            ring = radius + round((4 + 2 * math.sin(pulse * 4)) * scale)
            pygame.draw.circle(surface, ACCENT, centre, ring, 2)
        surface.set_clip(clip)
        pygame.draw.rect(surface, INK_SOFT, rect, 1)
        return self._hits

    def _draw_layer(
        self, rect: pygame.Rect, view: MapView, rules: Rules, fonts: Fonts, scale: float
    ) -> pygame.Surface:
        """Returns the map of `view` without the rings that pulse (hit boxes, rings and arrows
        are kept in screen positions)."""
        size = (max(1, rect.width), max(1, rect.height))
        bbox = self.bbox(view, size)
        layer = self._background(size, bbox).copy()
        fit = Fit(bbox, size)
        pos = {r.index: fit.to_screen(r.lon, r.lat) for r in view.regions}
        radius = round(9 * scale)
        placed = _draw_links(layer, view, rules, pos, radius, scale)
        x0, y0 = rect.topleft
        self.arrows = [
            ((x0 + pos[a][0], y0 + pos[a][1]), (x0 + pos[b][0], y0 + pos[b][1]))
            for a, b in view.moves
        ]
        hits = []
        for region in view.regions:
            x, y = pos[region.index]
            centre = (round(x), round(y))
            fill = (
                faction_colour(rules.factions[region.controller].id, region.controller)
                if region.controller is not None
                else PAPER_LIGHT
            )
            pygame.draw.circle(layer, fill, centre, radius)
            pygame.draw.circle(layer, INK, centre, radius, 1)
            if region.fronts:
                flag = pygame.Rect(centre[0] - radius // 2, centre[1] - radius // 2, radius, radius)
                pygame.draw.rect(layer, INK, flag)
            box = pygame.Rect(0, 0, radius * 2 + 6, radius * 2 + 6)
            box.center = centre
            placed.append(box)
            hits.append((box, region))
        label_font = fonts.get("sans_bold", 11)
        area = layer.get_rect()
        for box, region in hits:
            self._label(layer, area, label_font, short_name(region.name), box, placed)
        self._hits = [(box.move(rect.topleft), region) for box, region in hits]
        self.lot_hits = [
            (box.move(rect.topleft), lot)
            for box, lot in draw_lots(layer, view.lots, rules, fit.to_screen, scale)
        ]
        if view.lots:
            lot_legend(layer, rules, fonts, scale)
        self._rings = [(box.move(rect.topleft).center, r) for box, r in hits if r.targeted]
        return layer

    @staticmethod
    def _label(
        surface: pygame.Surface,
        area: pygame.Rect,
        font: pygame.font.Font,
        text: str,
        marker: pygame.Rect,
        placed: list[pygame.Rect],
    ) -> None:
        """Writes a region's name beside its marker where it overlaps nothing else drawn."""
        image = font.render(text, True, INK)
        w, h = image.get_size()
        cx, cy = marker.center
        for left, top in (
            (marker.right, cy - h // 2),
            (marker.left - w, cy - h // 2),
            (cx - w // 2, marker.top - h),
            (cx - w // 2, marker.bottom),
        ):
            spot = pygame.Rect(left, top, w, h).inflate(4, 0)
            if not area.contains(spot) or spot.collidelist(placed) >= 0:
                continue
            halo = pygame.Surface(spot.size, pygame.SRCALPHA)
            halo.fill((246, 240, 226, 190))
            surface.blit(halo, spot.topleft)
            surface.blit(image, (spot.left + 2, spot.top))
            placed.append(spot)
            return


def _dashed(
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


def _draw_links(
    surface: pygame.Surface,
    view: MapView,
    rules: Rules,
    pos: dict[int, tuple[float, float]],
    radius: int,
    scale: float,
) -> list[pygame.Rect]:
    """Draws the links between regions and the arrows of the fronts' moves; returns the boxes
    of the arrows' heads."""
    for a, b, sea in view.links:
        if sea:
            _dashed(surface, RIVER, pos[a], pos[b], round(6 * scale))
        else:
            pygame.draw.line(surface, RULE, pos[a], pos[b], 2)
    if not view.moves or view.mover is None:
        return []
    mover = rules.factions[view.mover]
    colour = faction_colour(mover.id, mover.index)
    return [_arrow(surface, colour, pos[a], pos[b], radius, scale) for a, b in view.moves]


def _arrow(
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
