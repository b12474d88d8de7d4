"""The map: a base map (coastlines, rivers, borders from `game.ui.mapdata`, when present), the
scenario's regions as markers coloured by who controls them, as the viewing faction knows it, and
an auction's lots as squares in their holder's colour (hollow while a lot lies idle). What it
shows (`MapView`, `build_map_view`) is made in `game.ui.widgets.map_model`, its bounding boxes
in `game.ui.widgets.map_geometry`; their names are importable from here too."""

from __future__ import annotations

import functools
import itertools
import math
from typing import Any

import pygame

from game.core.mechanics.auction_view import LotView
from game.core.rules import Rules
from game.ui.mapdata import Station
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
from game.ui.widgets.map_borders import (
    border_legend,
    draw_borders,
    draw_countries,
    shade_colour,
    shade_of,
)
from game.ui.widgets.map_geometry import (
    DEFAULT_BBOX,
    HOME_BBOX,
    MAX_ZOOM,
    BBox,
    Fit,
    crop_to,
    region_bbox,
    shift_into,
    zoomed,
)
from game.ui.widgets.map_legend import arrow, dashed, legend, legend_rows
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
    "MODES",
    "BBox",
    "MapPainter",
    "MapView",
    "RegionMark",
    "build_map_view",
    "crop_to",
    "modes_of",
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


MODES = ("control", "garrison")
"""The campaign map's modes, in the order M goes through them."""


def modes_of(view: MapView) -> tuple[str, ...]:
    """The modes M goes through on this map: a campaign's control and garrisons; on a map with
    tracks to colour by (`MapView.shades`), the borders ("control") and the tension map."""
    if view.regions:
        return MODES
    if view.shades:
        return ("control", "tension")
    return ("control",)


_BACKGROUNDS: dict[tuple[tuple[int, int], BBox, bool, bool], pygame.Surface] = {}
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
        self.zoom = 1.0
        """How many times the map is magnified over its home view (1 to `MAX_ZOOM`)."""
        self.centre: tuple[float, float] | None = None
        """The (lon, lat) in the middle of the zoomed map (None: the home view's middle)."""
        self.labels: list[tuple[str, pygame.Rect, str]] = []
        """The names written on the map, as last drawn: (text, box on the screen, kind), kind
        being "region", "station", "town", "water" or "lot"."""
        self.legend: list[str] = []
        """The legend's entries, as last drawn."""
        self.fit: Fit | None = None
        """The projection last drawn with (in the map's own pixels)."""
        self.rect = pygame.Rect(0, 0, 0, 0)
        """Where the map was last drawn on the screen."""
        self._home: BBox | None = None
        self.mode = MODES[0]
        """The map mode: "control" (who holds each region; on a map without regions, the
        borders), "garrison" (a region's garrison as the viewer knows it, written in its
        marker) or "tension" (the frontier and the railway coloured by their tracks)."""
        self.countries: list[tuple[str, pygame.Rect]] = []
        """The countries' names written on the map, as last drawn (boxes on the screen)."""
        self.shades: list[tuple[str, int, tuple[int, int, int]]] = []
        """On the tension map, as last drawn: (what, the track's value, its colour)."""

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

    def shown_bbox(self, view: MapView, size: tuple[int, int]) -> BBox:
        """Returns what the map shows: the home view (`bbox`) zoomed around `centre`."""
        home = self.bbox(view, size)
        self._home = home
        return zoomed(home, self.zoom, self.centre)

    # ------------------------------------------------------------- zoom and pan

    def zoom_by(self, factor: float, at: tuple[int, int] | None = None) -> bool:
        """Zooms by `factor`, keeping the spot under `at` (a screen position; None: the middle)
        in place; returns True if the view changed. The map is drawn again from its vector data
        at the new scale, never a bitmap scaled."""
        zoom = min(MAX_ZOOM, max(1.0, self.zoom * factor))
        if zoom == self.zoom or self.fit is None or self._home is None:
            return False
        x, y = at if at is not None else self.rect.center
        geo = self._to_geo(x - self.rect.left, y - self.rect.top)
        old = self.fit.bbox
        cx, cy = (old[0] + old[2]) / 2, (old[1] + old[3]) / 2
        keep = self.zoom / zoom  # the spot at `at` stays put: centre moves toward it
        self.centre = (geo[0] + (cx - geo[0]) * keep, geo[1] + (cy - geo[1]) * keep)
        self.zoom = zoom
        if zoom == 1.0:
            self.centre = None
        return True

    def pan_by(self, dx: float, dy: float) -> bool:
        """Moves the map by (dx, dy) screen pixels (the land follows the mouse); True if the
        view changed (the home view does not pan)."""
        if self.zoom <= 1.0 or self.fit is None or self._home is None:
            return False
        lon0, lat0, lon1, lat1 = self.fit.bbox
        per_px = 1 / self.fit.scale
        cx = (lon0 + lon1) / 2 - dx * per_px / self.fit.kx
        cy = (lat0 + lat1) / 2 + dy * per_px
        bbox = zoomed(self._home, self.zoom, (cx, cy))
        centre = ((bbox[0] + bbox[2]) / 2, (bbox[1] + bbox[3]) / 2)
        if self.centre is not None and math.dist(centre, self.centre) < 1e-9:
            return False
        self.centre = centre
        return True

    def reset_zoom(self) -> bool:
        """Back to the home view; True if it was zoomed."""
        changed = self.zoom != 1.0
        self.zoom, self.centre = 1.0, None
        return changed

    def _to_geo(self, x: float, y: float) -> tuple[float, float]:
        assert self.fit is not None
        fit = self.fit
        return (
            fit.bbox[0] + (x - fit.off[0]) / (fit.kx * fit.scale),
            fit.bbox[3] - (y - fit.off[1]) / fit.scale,
        )

    def next_mode(self, modes: tuple[str, ...] = MODES) -> str:
        """Goes to the next of `modes` (`modes_of` the map shown); returns it."""
        at = modes.index(self.mode) if self.mode in modes else -1
        self.mode = modes[(at + 1) % len(modes)]
        return self.mode

    def describe(self) -> dict[str, Any]:
        """What the map shows, for tests and tools."""
        return {
            "mode": self.mode,
            "zoom": self.zoom,
            "bbox": self.fit.bbox if self.fit is not None else None,
            "rect": tuple(self.rect),
            "labels": [(text, kind) for text, _, kind in self.labels],
            "legend": list(self.legend),
            "countries": [name for name, _ in self.countries],
            "shades": list(self.shades),
        }

    def _background(
        self, size: tuple[int, int], bbox: BBox, modern_borders: bool = True
    ) -> pygame.Surface:
        """The base map; `modern_borders` False leaves out its borders of today (a map that
        draws the borders of its own time)."""
        key = (size, bbox, self.basemap is not None, modern_borders)
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
                (base.borders if modern_borders else (), BORDER, 1),
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
        of = (view, rules, fonts, tuple(rect), scale, self.zoom, self.centre, self.mode)
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
        bbox = self.shown_bbox(view, size)
        layer = self._background(size, bbox, not view.borders).copy()
        fit = Fit(bbox, size)
        self.fit, self.rect = fit, rect.copy()
        pos = {r.index: fit.to_screen(r.lon, r.lat) for r in view.regions}
        radius = round(9 * scale)
        tension = self.mode == "tension" and bool(view.shades)
        draw_borders(layer, view, fit, scale, tension)
        railway = shade_of(view, "railway") if tension else None
        self.shades = [
            (s.target, s.value, shade_colour(s)) for s in (view.shades if tension else ())
        ]
        stops = _draw_lines(
            layer, view, fit, scale, None if railway is None else shade_colour(railway)
        )
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
            if self.mode == "garrison":
                self._garrison(layer, fonts, region, centre, fill, radius)
                box = pygame.Rect(0, 0, radius * 4 + 6, radius * 2 + 6)
                box.center = centre
                placed.append(box)
                hits.append((box, region))
                continue
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
        lot_boxes = draw_lots(layer, view.lots, rules, fit.to_screen, scale)
        placed += [box for box, _ in lot_boxes]
        placed += [box for box, _, _ in stops]
        self.labels = []
        self.legend = []
        placed.append(pygame.Rect(0, 0, round(230 * scale), round(24 * scale)))  # the period
        if view.lots:
            placed.append(lot_legend(layer, rules, fonts, scale))
            self.legend = [f.name for f in rules.factions] + ["idle", "not let"]
        elif view.regions or view.lines:
            stop_boxes = tuple(box for box, _, _ in stops)
            box, self.legend = legend(layer, view, rules, fonts, scale, self.mode, stop_boxes)
            placed.append(box)
        elif view.borders:
            box, self.legend = legend_rows(
                layer,
                border_legend(view, tension),
                fonts.get("sans", 11),
                max(4, round(6 * scale)),
                scale,
            )
            placed.append(box)
        names: list[tuple[str, pygame.Rect, str, pygame.font.Font, bool]] = []
        for box, station, kind in stops:
            if station.rank == 1:
                names.append((station.name, box, kind, fonts.get("sans_bold", 13), True))
        for box, region in hits:
            text = short_name(region.name)
            if region.odds is not None:
                text += f" · {round(region.odds * 100)} %"
            names.append((text, box, "region", label_font, True))
        names += _water_names(view, fit, fonts)
        for box, station, kind in stops:
            if station.rank > 1:
                names.append((station.name, box, kind, fonts.get("sans", 11), station.rank == 2))
        for box, lot in lot_boxes:
            names.append((_lot_name(lot.name), box, "lot", fonts.get("sans", 10), False))
        for text, box, kind, font, must in names:
            if not area.collidepoint(box.center):
                continue  # zoomed or panned out of sight
            spot = self._label(layer, area, font, text, box, placed, must=must, kind=kind)
            if spot is not None:
                self.labels.append((text, spot.move(rect.topleft), kind))
        self.countries = [
            (name, box.move(rect.topleft))
            for name, box in draw_countries(layer, view, fit, fonts, placed)
        ]
        self.labels += [(name, box, "country") for name, box in self.countries]
        self._hits = [(box.move(rect.topleft), region) for box, region in hits]
        self.lot_hits = [(box.move(rect.topleft), lot) for box, lot in lot_boxes]
        self._rings = [(box.move(rect.topleft).center, r) for box, r in hits if r.targeted]
        return layer

    @staticmethod
    def _garrison(
        surface: pygame.Surface,
        fonts: Fonts,
        region: RegionMark,
        centre: tuple[int, int],
        fill: tuple[int, int, int],
        radius: int,
    ) -> None:
        """Draws a region's garrison (as the viewer knows it; "?" when hidden) in a pill ringed
        in its holder's colour, a front standing there as a bar under it."""
        text = "?" if region.garrison is None else str(region.garrison)
        font = fonts.get("sans_bold", 12)
        image = font.render(text, True, INK)
        pill = pygame.Rect(0, 0, max(2 * radius, image.get_width() + 8), 2 * radius)
        pill.center = centre
        pygame.draw.rect(surface, PAPER_LIGHT, pill, border_radius=radius)
        pygame.draw.rect(surface, fill, pill.inflate(-1, -1), 4, border_radius=radius)
        pygame.draw.rect(surface, INK, pill, 1, border_radius=radius)
        surface.blit(image, image.get_rect(center=pill.center))
        if region.fronts:
            pygame.draw.rect(surface, INK, pygame.Rect(pill.left, pill.bottom + 1, pill.width, 3))

    @staticmethod
    def _label(
        surface: pygame.Surface,
        area: pygame.Rect,
        font: pygame.font.Font,
        text: str,
        marker: pygame.Rect,
        placed: list[pygame.Rect],
        *,
        must: bool = False,
        kind: str = "region",
    ) -> pygame.Rect | None:
        """Writes a name beside its marker where it overlaps nothing else drawn; returns where.
        A name that `must` be written and finds no free spot goes beside its marker, kept
        inside the map, over what is there; the others are left out (a zoom makes room)."""
        image = font.render(text, True, RIVER if kind == "water" else INK)
        w, h = image.get_size()
        cx, cy = marker.center
        spots = [
            pygame.Rect(left, top, w, h).inflate(4, 0)
            for left, top in (
                (marker.right, cy - h // 2),
                (marker.left - w, cy - h // 2),
                (cx - w // 2, marker.top - h),
                (cx - w // 2, marker.bottom),
                (marker.right, marker.top - h),
                (marker.right, marker.bottom),
                (marker.left - w, marker.top - h),
                (marker.left - w, marker.bottom),
                (marker.right + h, cy - h // 2),
                (marker.left - w - h, cy - h // 2),
                (cx - w // 2, marker.top - 2 * h),
                (cx - w // 2, marker.bottom + h),
            )
        ]
        free = [s for s in spots if area.contains(s) and s.collidelist(placed) < 0]
        if free:
            spot = free[0]
        elif must:
            # No free spot: the one, kept inside the map, that covers least of what is drawn
            # (the first of equals), so that two names crowded together both stay readable.
            spot = min((s.clamp(area) for s in spots), key=lambda s: _covered(s, placed))
        else:
            return None
        halo = pygame.Surface(spot.size, pygame.SRCALPHA)
        halo.fill((246, 240, 226, 150 if kind == "water" else 190))
        surface.blit(halo, spot.topleft)
        surface.blit(image, (spot.left + 2, spot.top))
        placed.append(spot)
        return spot


def _covered(spot: pygame.Rect, placed: list[pygame.Rect]) -> int:
    """Returns the area of `spot` that the rectangles already placed cover (counted per
    rectangle, so a point under two counts twice)."""
    total = 0
    for box in placed:
        part = spot.clip(box)
        total += part.width * part.height
    return total


def _lot_name(name: str) -> str:
    """A lot's name on the map: `Ozernaya River mouth` → `Ozernaya`."""
    for tail in (" River mouth", " river mouth"):
        name = name.removesuffix(tail)
    return name


def _water_names(
    view: MapView, fit: Fit, fonts: Fonts
) -> list[tuple[str, pygame.Rect, str, pygame.font.Font, bool]]:
    """The names of an auction's waters, each beside the middle of its lots."""
    spots: dict[str, list[tuple[float, float]]] = {}
    for lot in view.lots:
        if lot.lon is not None and lot.lat is not None:
            spots.setdefault(lot.water, []).append(fit.to_screen(lot.lon, lot.lat))
    font = fonts.get("serif_italic", 13)
    out = []
    for water, points in spots.items():
        x = sum(p[0] for p in points) / len(points)
        y = sum(p[1] for p in points) / len(points)
        box = pygame.Rect(0, 0, 24, 24)
        box.center = (round(x), round(y))
        out.append((water, box, "water", font, True))
    return out


def _draw_lines(
    surface: pygame.Surface,
    view: MapView,
    fit: Fit,
    scale: float,
    colour: tuple[int, int, int] | None = None,
) -> list[tuple[pygame.Rect, Station, str]]:
    """Draws the railways (the scenario's own bold, with ties, in `colour` on the tension map;
    those it joins fainter and dashed), their stations and the towns; returns each stop's box,
    once per name."""
    for line in view.lines:
        pts = [fit.to_screen(s.lon, s.lat) for s in line.stations]
        if line.kind == "railway" and colour is not None:
            pygame.draw.lines(surface, INK, False, pts, max(6, round(8 * scale)))
            pygame.draw.lines(surface, colour, False, pts, max(4, round(6 * scale)))
        elif line.kind == "railway":
            pygame.draw.lines(surface, INK, False, pts, max(3, round(4 * scale)))
            pygame.draw.lines(surface, PAPER_LIGHT, False, pts, 1)
        else:
            for a, b in itertools.pairwise(pts):
                dashed(surface, INK_SOFT, a, b, round(5 * scale))
    stops: list[tuple[pygame.Rect, Station, str]] = []
    seen: set[str] = set()
    towns = [(p, "town") for p in view.places]
    stations = [(s, "station") for line in view.lines for s in line.stations]
    for stop, kind in sorted(towns + stations, key=lambda sk: sk[0].rank):
        if stop.name in seen:
            continue
        seen.add(stop.name)
        x, y = fit.to_screen(stop.lon, stop.lat)
        centre = (round(x), round(y))
        size = round((7 if stop.rank == 1 else 5 if stop.rank == 2 else 4) * scale)
        box = pygame.Rect(0, 0, 2 * size, 2 * size)
        box.center = centre
        if kind == "town" or stop.rank == 1:
            pygame.draw.rect(surface, ACCENT if stop.rank == 1 else INK, box)
            pygame.draw.rect(surface, INK, box, 1)
        else:
            pygame.draw.circle(surface, PAPER_LIGHT, centre, size)
            pygame.draw.circle(surface, INK, centre, size, max(1, round(2 * scale)))
        stops.append((box.inflate(4, 4), stop, "town" if kind == "town" else "station"))
    return stops


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
            dashed(surface, RIVER, pos[a], pos[b], round(6 * scale))
        else:
            pygame.draw.line(surface, RULE, pos[a], pos[b], 2)
    if not view.moves or view.mover is None:
        return []
    mover = rules.factions[view.mover]
    colour = faction_colour(mover.id, mover.index)
    return [arrow(surface, colour, pos[a], pos[b], radius, scale) for a, b in view.moves]
