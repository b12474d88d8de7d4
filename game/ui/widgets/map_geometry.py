"""The map's geometry: bounding boxes in degrees (the regions', the default ones, cut to an area's
shape or shifted into the base map) and the equirectangular fit of a bbox into pixels.
`game.ui.widgets.map_view` draws with them."""

from __future__ import annotations

import math

from game.ui.widgets.map_model import MapView

__all__ = [
    "DEFAULT_BBOX",
    "HOME_BBOX",
    "MAX_ZOOM",
    "BBox",
    "Fit",
    "crop_to",
    "region_bbox",
    "shift_into",
    "zoomed",
]

MAX_ZOOM = 8.0
"""How far the map zooms in (the home view is 1)."""

BBox = tuple[float, float, float, float]
"""lon0, lat0, lon1, lat1 (west, south, east, north)."""
DEFAULT_BBOX: BBox = (115.0, 38.0, 146.0, 56.0)
"""Manchuria, Korea, Japan and the Soviet Far East, when neither regions nor a base map say."""
HOME_BBOX: BBox = (110.0, 30.0, 160.0, 62.0)
"""What the map shows when a scenario places nothing on it: Manchuria, Korea, Japan, Sakhalin
and southern Kamchatka (the base map reaches further, for the places scenarios put there)."""


class Fit:
    """Equirectangular fit of a bbox into a size (the same as mapdata's, for when it is absent)."""

    def __init__(self, bbox: BBox, size: tuple[int, int]) -> None:
        lon0, lat0, lon1, lat1 = bbox
        self.bbox = bbox
        self.kx = math.cos(math.radians((lat0 + lat1) / 2))
        world_w, world_h = (lon1 - lon0) * self.kx, lat1 - lat0
        self.scale = min(size[0] / world_w, size[1] / world_h)
        self.off = ((size[0] - world_w * self.scale) / 2, (size[1] - world_h * self.scale) / 2)

    def to_screen(self, lon: float, lat: float) -> tuple[float, float]:
        return (
            self.off[0] + (lon - self.bbox[0]) * self.kx * self.scale,
            self.off[1] + (self.bbox[3] - lat) * self.scale,
        )


def crop_to(bbox: BBox, size: tuple[int, int]) -> BBox:
    """Returns the middle of `bbox` cut to the shape of `size`, so the map fills the area."""
    lon0, lat0, lon1, lat1 = bbox
    kx = math.cos(math.radians((lat0 + lat1) / 2))
    want = size[0] / max(1, size[1])
    have = (lon1 - lon0) * kx / (lat1 - lat0)
    if have > want:
        half = (lat1 - lat0) * want / kx / 2
        mid = (lon0 + lon1) / 2
        return (mid - half, lat0, mid + half, lat1)
    half = (lon1 - lon0) * kx / want / 2
    mid = (lat0 + lat1) / 2
    return (lon0, mid - half, lon1, mid + half)


def region_bbox(view: MapView, size: tuple[int, int]) -> BBox | None:
    """Returns a bbox around the regions and lots with a margin, widened to the area's shape
    (None when there are none)."""
    points = [(r.lon, r.lat) for r in view.regions]
    for lot in view.lots:
        if lot.lon is not None and lot.lat is not None:
            points.append((lot.lon, lot.lat))
    points += [(s.lon, s.lat) for line in view.lines for s in line.stations]
    points += [(p.lon, p.lat) for p in view.places]
    if not points:
        return None
    lons = [lon for lon, _ in points]
    lats = [lat for _, lat in points]
    lon0, lon1 = min(lons) - 2.5, max(lons) + 2.5
    lat0, lat1 = min(lats) - 2.0, max(lats) + 2.0
    kx = math.cos(math.radians((lat0 + lat1) / 2))
    want = size[0] / max(1, size[1])
    have = (lon1 - lon0) * kx / (lat1 - lat0)
    if have < want:
        extra = ((lat1 - lat0) * want / kx - (lon1 - lon0)) / 2
        lon0, lon1 = lon0 - extra, lon1 + extra
    else:
        extra = ((lon1 - lon0) * kx / want - (lat1 - lat0)) / 2
        lat0, lat1 = lat0 - extra, lat1 + extra
    return (lon0, lat0, lon1, lat1)


def shift_into(bbox: BBox, outer: BBox) -> BBox:
    """Returns `bbox` moved (not resized) to lie inside `outer` along each axis where it fits,
    so the widening to the area's shape shows the base map rather than the blank beyond it."""
    lon0, lat0, lon1, lat1 = bbox
    o_lon0, o_lat0, o_lon1, o_lat1 = outer
    if lon1 - lon0 <= o_lon1 - o_lon0:
        dx = max(0.0, o_lon0 - lon0) + min(0.0, o_lon1 - lon1)
        lon0, lon1 = lon0 + dx, lon1 + dx
    if lat1 - lat0 <= o_lat1 - o_lat0:
        dy = max(0.0, o_lat0 - lat0) + min(0.0, o_lat1 - lat1)
        lat0, lat1 = lat0 + dy, lat1 + dy
    return (lon0, lat0, lon1, lat1)


def zoomed(home: BBox, zoom: float, centre: tuple[float, float] | None) -> BBox:
    """Returns `home` shrunk `zoom` times around `centre` (lon, lat; None: the middle), the
    centre kept where the zoomed box stays inside `home`."""
    lon0, lat0, lon1, lat1 = home
    if zoom <= 1.0 or centre is None:
        return home
    half_w, half_h = (lon1 - lon0) / zoom / 2, (lat1 - lat0) / zoom / 2
    cx = min(max(centre[0], lon0 + half_w), lon1 - half_w)
    cy = min(max(centre[1], lat0 + half_h), lat1 - half_h)
    return (cx - half_w, cy - half_h, cx + half_w, cy + half_h)
