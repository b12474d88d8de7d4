"""The base map: coastlines, lakes, rivers and borders of the Far East, and the map projection.

The data is `assets/map/far_east.json`, extracted once from GSHHG (LGPL) by
`tools/make_basemap.py` (see `assets/map/SOURCES.md`); nothing is downloaded at run time.
Coastlines and lakes are closed rings (first point == last point) clipped to the bbox, so they
can be filled; where land runs past the window, a ring follows the bbox edge. Rivers and borders
are open polylines. Borders are modern ones (the game draws 1930s–45 control from its regions).
All points are (lon, lat) in degrees.

The projection is equirectangular with x scaled by cos(mid-latitude), fitted into a target size
with the aspect ratio kept and centred. Pure Python: no pygame here.
"""

from __future__ import annotations

import json
import math
from dataclasses import dataclass
from pathlib import Path

from game.shipped import shipped_dir

__all__ = [
    "DEFAULT_PATH",
    "BBox",
    "BaseMap",
    "BaseMapError",
    "Border",
    "Country",
    "MapLine",
    "Overlay",
    "Point",
    "Polyline",
    "Projection",
    "Station",
    "load_basemap",
    "load_overlays",
    "point_in_polygon",
    "project",
    "unproject",
]

DEFAULT_PATH = shipped_dir("assets") / "map" / "far_east.json"

Point = tuple[float, float]
Polyline = tuple[Point, ...]
BBox = tuple[float, float, float, float]  # lon0, lat0, lon1, lat1

_LAYERS = ("coastlines", "lakes", "rivers", "borders")
_REQUIRED = ("coastlines", "rivers", "borders")


class BaseMapError(ValueError):
    """The base map file is missing or not a valid base map; the message names the file."""


@dataclass(frozen=True)
class BaseMap:
    bbox: BBox
    coastlines: tuple[Polyline, ...]
    rivers: tuple[Polyline, ...]
    borders: tuple[Polyline, ...]
    lakes: tuple[Polyline, ...] = ()
    source: str = ""
    licence: str = ""


def _number(value: object, where: str) -> float:
    if isinstance(value, bool) or not isinstance(value, int | float):
        raise ValueError(f"{where}: expected a number, got {value!r}")
    x = float(value)
    if not math.isfinite(x):
        raise ValueError(f"{where}: not a finite number")
    return x


def _layer(doc: dict[str, object], name: str) -> tuple[Polyline, ...]:
    raw = doc.get(name, [])
    if not isinstance(raw, list):
        raise ValueError(f"'{name}' must be a list of polylines")
    lines: list[Polyline] = []
    for i, line in enumerate(raw):
        if not isinstance(line, list) or len(line) < 2:
            raise ValueError(f"{name}[{i}]: expected a list of at least 2 [lon, lat] points")
        pts: list[Point] = []
        for j, pt in enumerate(line):
            if not isinstance(pt, list) or len(pt) != 2:
                raise ValueError(f"{name}[{i}][{j}]: expected [lon, lat], got {pt!r}")
            lon = _number(pt[0], f"{name}[{i}][{j}]")
            lat = _number(pt[1], f"{name}[{i}][{j}]")
            if not (-180.0 <= lon <= 360.0 and -90.0 <= lat <= 90.0):
                raise ValueError(f"{name}[{i}][{j}]: ({lon}, {lat}) is not a lon/lat point")
            pts.append((lon, lat))
        lines.append(tuple(pts))
    return tuple(lines)


def _parse(doc: object) -> BaseMap:
    if not isinstance(doc, dict):
        raise ValueError("the top level must be a JSON object")
    missing = [k for k in ("bbox", *_REQUIRED) if k not in doc]
    if missing:
        raise ValueError(f"missing key(s): {', '.join(missing)}")
    raw_bbox = doc["bbox"]
    if not isinstance(raw_bbox, list) or len(raw_bbox) != 4:
        raise ValueError("'bbox' must be [lon0, lat0, lon1, lat1]")
    lon0, lat0, lon1, lat1 = (_number(v, "bbox") for v in raw_bbox)
    if not (lon0 < lon1 and -90.0 <= lat0 < lat1 <= 90.0):
        raise ValueError(f"'bbox' {raw_bbox} is empty or inverted")
    source, licence = doc.get("source", ""), doc.get("licence", "")
    layers = {name: _layer(doc, name) for name in _LAYERS}
    return BaseMap(
        bbox=(lon0, lat0, lon1, lat1),
        coastlines=layers["coastlines"],
        rivers=layers["rivers"],
        borders=layers["borders"],
        lakes=layers["lakes"],
        source=source if isinstance(source, str) else "",
        licence=licence if isinstance(licence, str) else "",
    )


def load_basemap(path: Path | None = None) -> BaseMap:
    """Reads the base map (default: the shipped assets/map/far_east.json).

    Raises BaseMapError, naming the file, if it is missing, unreadable or malformed.
    """
    file = DEFAULT_PATH if path is None else Path(path)
    try:
        text = file.read_text(encoding="utf-8")
    except FileNotFoundError as exc:
        raise BaseMapError(
            f"base map file not found: {file} (it is made by tools/make_basemap.py)"
        ) from exc
    except (OSError, UnicodeDecodeError) as exc:
        raise BaseMapError(f"cannot read base map file {file}: {exc}") from exc
    try:
        doc = json.loads(text)
    except json.JSONDecodeError as exc:
        raise BaseMapError(f"base map file {file} is not valid JSON: {exc}") from exc
    try:
        return _parse(doc)
    except ValueError as exc:
        raise BaseMapError(f"base map file {file} is corrupt: {exc}") from exc


def point_in_polygon(lon: float, lat: float, ring: Polyline) -> bool:
    """Even-odd rule: is (lon, lat) inside the ring? Points exactly on an edge may go either way."""
    inside = False
    n = len(ring)
    for i in range(n):
        x1, y1 = ring[i - 1]
        x2, y2 = ring[i]
        if (y1 > lat) != (y2 > lat):
            x = x1 + (lat - y1) * (x2 - x1) / (y2 - y1)
            if lon < x:
                inside = not inside
    return inside


@dataclass(frozen=True)
class Projection:
    """The fit of a bbox into a target size (pixels); build once per window size, then reuse."""

    bbox: BBox
    size: tuple[int, int]
    kx: float  # cos(mid-latitude)
    scale: float  # pixels per degree of latitude
    offset: tuple[float, float]

    @classmethod
    def fit(cls, bbox: BBox, size: tuple[int, int]) -> Projection:
        lon0, lat0, lon1, lat1 = bbox
        width, height = size
        if not (lon1 > lon0 and lat1 > lat0):
            raise ValueError(f"empty or inverted bbox {bbox}")
        if width <= 0 or height <= 0:
            raise ValueError(f"target size must be positive, got {size}")
        kx = math.cos(math.radians((lat0 + lat1) / 2))
        world_w, world_h = (lon1 - lon0) * kx, lat1 - lat0
        scale = min(width / world_w, height / world_h)
        offset = ((width - world_w * scale) / 2, (height - world_h * scale) / 2)
        return cls(bbox, size, kx, scale, offset)

    def to_screen(self, lon: float, lat: float) -> tuple[float, float]:
        return (
            self.offset[0] + (lon - self.bbox[0]) * self.kx * self.scale,
            self.offset[1] + (self.bbox[3] - lat) * self.scale,
        )

    def to_geo(self, x: float, y: float) -> tuple[float, float]:
        return (
            self.bbox[0] + (x - self.offset[0]) / (self.kx * self.scale),
            self.bbox[3] - (y - self.offset[1]) / self.scale,
        )


def project(lon: float, lat: float, bbox: BBox, size: tuple[int, int]) -> tuple[float, float]:
    """(lon, lat) → (x, y) pixels, y downwards, the bbox fitted into `size` and centred."""
    return Projection.fit(bbox, size).to_screen(lon, lat)


def unproject(x: float, y: float, bbox: BBox, size: tuple[int, int]) -> tuple[float, float]:
    """The inverse of `project`: pixels → (lon, lat) (outside the bbox where the pixel is)."""
    return Projection.fit(bbox, size).to_geo(x, y)


# ----------------------------------------------------------------- overlays

OVERLAYS_PATH = shipped_dir("assets") / "map" / "places.json"


@dataclass(frozen=True)
class Station:
    """A named point of a line or a town: `rank` 1 (capital, major city) to 3 (small station)."""

    name: str
    lon: float
    lat: float
    rank: int = 2


@dataclass(frozen=True)
class MapLine:
    """A railway drawn from its stations, in order. `kind`: "railway" (the scenario's own line)
    or "connection" (a line it joins, drawn fainter)."""

    name: str
    kind: str
    stations: tuple[Station, ...]


@dataclass(frozen=True)
class Border:
    """A border of its time drawn through named points, in order; `sides` names the countries
    on either side, `frontier` marks the one whose tension the map can show."""

    name: str
    sides: tuple[str, str]
    points: tuple[Station, ...]
    frontier: bool = False


@dataclass(frozen=True)
class Country:
    """A country's name on the map, written at the first of its `anchors` (lon, lat) in view
    where it fits."""

    name: str
    anchors: tuple[Point, ...]


@dataclass(frozen=True)
class Overlay:
    """What a scenario draws over the base map: lines with their stations, towns, the borders
    of the time with the countries' names, and which tracks the tension map colours
    (`tension`: (what it colours, "frontier" or "railway"; the track's id; True when a high
    value is good))."""

    title: str
    lines: tuple[MapLine, ...]
    places: tuple[Station, ...]
    borders: tuple[Border, ...] = ()
    countries: tuple[Country, ...] = ()
    tension: tuple[tuple[str, str, bool], ...] = ()


def _station(raw: object, where: str) -> Station:
    if not isinstance(raw, list) or len(raw) not in (3, 4) or not isinstance(raw[0], str):
        raise ValueError(f"{where}: expected [name, lon, lat] or [name, lon, lat, rank]")
    lon, lat = _number(raw[1], where), _number(raw[2], where)
    if not (-180.0 <= lon <= 360.0 and -90.0 <= lat <= 90.0):
        raise ValueError(f"{where}: ({lon}, {lat}) is not a lon/lat point")
    rank = int(_number(raw[3], where)) if len(raw) == 4 else 2
    return Station(raw[0], lon, lat, rank)


def _overlay(name: str, raw: object) -> Overlay:
    if not isinstance(raw, dict):
        raise ValueError(f"overlay {name!r} must be an object")
    lines = []
    for i, line in enumerate(raw.get("lines", [])):
        if not isinstance(line, dict):
            raise ValueError(f"{name}.lines[{i}] must be an object")
        where = f"{name}.lines[{i}]"
        stations = tuple(
            _station(s, f"{where}.stations[{j}]") for j, s in enumerate(line.get("stations", []))
        )
        if len(stations) < 2:
            raise ValueError(f"{where}: a line needs two stations or more")
        kind = line.get("kind", "railway")
        if kind not in ("railway", "connection"):
            raise ValueError(f"{where}: kind {kind!r} is not 'railway' or 'connection'")
        lines.append(MapLine(str(line.get("name", "")), kind, stations))
    places = tuple(_station(p, f"{name}.places[{i}]") for i, p in enumerate(raw.get("places", [])))
    borders, countries = _borders(name, raw)
    tension = []
    for target, spec in sorted(_dict(raw.get("tension", {}), f"{name}.tension").items()):
        spec = _dict(spec, f"{name}.tension.{target}")
        if target not in ("frontier", "railway") or not isinstance(spec.get("track"), str):
            raise ValueError(f"{name}.tension.{target}: expected frontier|railway: {{track: id}}")
        tension.append((target, str(spec["track"]), spec.get("good") == "high"))
    return Overlay(
        str(raw.get("title", name)),
        tuple(lines),
        places,
        borders,
        countries,
        tuple(tension),
    )


def _borders(name: str, raw: dict[str, object]) -> tuple[tuple[Border, ...], tuple[Country, ...]]:
    """Reads an overlay's named `points`, its `borders` through them and its `countries`."""
    points = raw.get("points", {})
    if not isinstance(points, dict):
        raise ValueError(f"{name}.points must be an object of name: [lon, lat]")
    named = {
        str(k): _station([k, *v] if isinstance(v, list) else v, f"{name}.points[{k!r}]")
        for k, v in points.items()
    }
    borders = []
    for i, line in enumerate(_list(raw.get("borders", []), f"{name}.borders")):
        where = f"{name}.borders[{i}]"
        if not isinstance(line, dict):
            raise ValueError(f"{where} must be an object")
        sides = line.get("sides")
        if not (isinstance(sides, list) and len(sides) == 2):
            raise ValueError(f"{where}: 'sides' must name two countries")
        names = _list(line.get("points", []), f"{where}.points")
        unknown = [n for n in names if str(n) not in named]
        if unknown or len(names) < 2:
            raise ValueError(f"{where}: needs two named points or more (unknown: {unknown})")
        pts = tuple(named[str(n)] for n in names)
        borders.append(
            Border(
                str(line.get("name", "")),
                (str(sides[0]), str(sides[1])),
                pts,
                bool(line.get("frontier", False)),
            )
        )
    countries = []
    for i, country in enumerate(_list(raw.get("countries", []), f"{name}.countries")):
        where = f"{name}.countries[{i}]"
        if not isinstance(country, dict):
            raise ValueError(f"{where} must be an object")
        anchors = tuple(
            (_number(a[0], where), _number(a[1], where))
            for a in _list(country.get("anchors", []), f"{where}.anchors")
            if isinstance(a, list) and len(a) == 2
        )
        if not anchors:
            raise ValueError(f"{where}: needs one [lon, lat] anchor or more")
        countries.append(Country(str(country.get("name", "")), anchors))
    return tuple(borders), tuple(countries)


def _dict(value: object, where: str) -> dict[str, object]:
    if not isinstance(value, dict):
        raise ValueError(f"{where} must be an object")
    return value


def _list(value: object, where: str) -> list[object]:
    if not isinstance(value, list):
        raise ValueError(f"{where} must be a list")
    return value


def load_overlays(path: Path | None = None) -> dict[str, tuple[Overlay, ...]]:
    """Reads the overlays by scenario id (default: the shipped assets/map/places.json).

    Raises BaseMapError, naming the file, if it is missing or malformed."""
    file = OVERLAYS_PATH if path is None else Path(path)
    try:
        doc = json.loads(file.read_text(encoding="utf-8"))
        if not isinstance(doc, dict):
            raise ValueError("the top level must be a JSON object")
        overlays = {k: _overlay(k, v) for k, v in doc.get("overlays", {}).items()}
        out = {}
        for scenario, names in doc.get("scenarios", {}).items():
            missing = [n for n in names if n not in overlays]
            if missing:
                raise ValueError(f"scenario {scenario!r} names unknown overlays {missing}")
            out[str(scenario)] = tuple(overlays[n] for n in names)
        return out
    except (OSError, UnicodeDecodeError, ValueError) as exc:
        raise BaseMapError(f"overlay file {file}: {exc}") from exc
