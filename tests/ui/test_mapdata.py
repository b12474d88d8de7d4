"""The base map file (assets/map/far_east.json) and its loader/projection (game.ui.mapdata)."""

from __future__ import annotations

import itertools
import json
import math
from pathlib import Path

import pytest
from hypothesis import given
from hypothesis import strategies as st

from game.ui.mapdata import (
    DEFAULT_PATH,
    BaseMap,
    BaseMapError,
    Polyline,
    load_basemap,
    point_in_polygon,
    project,
    unproject,
)

REPO = Path(__file__).resolve().parents[2]


@pytest.fixture(scope="module")
def bm() -> BaseMap:
    return load_basemap()


def _on_land(bm: BaseMap, lon: float, lat: float) -> bool:
    return any(point_in_polygon(lon, lat, ring) for ring in bm.coastlines)


def _distance(lon: float, lat: float, lines: tuple[Polyline, ...]) -> float:
    """Shortest distance in degrees (longitude scaled by cos latitude) from a point to the lines."""
    k = math.cos(math.radians(lat))
    best = math.inf
    for line in lines:
        for (x1, y1), (x2, y2) in itertools.pairwise(line):
            ax, ay, bx, by, px, py = x1 * k, y1, x2 * k, y2, lon * k, lat
            dx, dy = bx - ax, by - ay
            d2 = dx * dx + dy * dy
            t = 0.0 if d2 == 0 else max(0.0, min(1.0, ((px - ax) * dx + (py - ay) * dy) / d2))
            best = min(best, math.hypot(px - ax - t * dx, py - ay - t * dy))
    return best


# --------------------------------------------------------------------------- the file


def test_default_file_is_in_assets_and_small() -> None:
    assert DEFAULT_PATH == REPO / "assets" / "map" / "far_east.json"
    assert DEFAULT_PATH.stat().st_size < 500_000
    assert (REPO / "assets" / "map" / "SOURCES.md").is_file()


def test_file_loads_with_every_layer(bm: BaseMap) -> None:
    assert len(bm.coastlines) > 50  # the mainland, Japan's islands, Sakhalin, the Kurils, ...
    assert len(bm.rivers) > 10
    assert len(bm.borders) >= 3
    assert len(bm.lakes) >= 1
    assert "GSHHG" in bm.source
    assert "LGPL" in bm.licence
    for layer in (bm.coastlines, bm.lakes, bm.rivers, bm.borders):
        for line in layer:
            assert len(line) >= 2
            for lon, lat in line:
                assert isinstance(lon, float)
                assert isinstance(lat, float)


def test_bbox_covers_the_far_east(bm: BaseMap) -> None:
    lon0, lat0, lon1, lat1 = bm.bbox
    places = {
        "Hailar (Inner Mongolia)": (119.7, 49.2),
        "Harbin": (126.63, 45.75),
        "Vladivostok": (131.9, 43.12),
        "Busan": (129.04, 35.1),
        "Kagoshima (Kyushu)": (130.55, 31.6),
        "Tokyo": (139.69, 35.69),
        "Cape Lopatka (Kamchatka)": (156.65, 50.87),
        "Petropavlovsk-Kamchatsky": (158.65, 53.02),
        "Nikolayevsk-on-Amur": (140.7, 53.15),
        "Okha (north Sakhalin)": (142.9, 53.6),
        "Ust-Kamchatsk": (162.5, 56.2),
        "Gizhiga Bay (Shelikhov Gulf)": (159.7, 61.6),
        "Olyutorsky Gulf": (168.8, 60.0),
    }
    for name, (lon, lat) in places.items():
        assert lon0 <= lon <= lon1, name
        assert lat0 <= lat <= lat1, name
    assert lon1 - lon0 <= 62
    assert lat1 - lat0 <= 40


def test_every_point_lies_in_the_bbox(bm: BaseMap) -> None:
    lon0, lat0, lon1, lat1 = bm.bbox
    for layer in (bm.coastlines, bm.lakes, bm.rivers, bm.borders):
        for line in layer:
            for lon, lat in line:
                assert lon0 <= lon <= lon1
                assert lat0 <= lat <= lat1


def test_coastlines_and_lakes_are_closed_rings(bm: BaseMap) -> None:
    for ring in (*bm.coastlines, *bm.lakes):
        assert ring[0] == ring[-1]
        assert len(set(ring)) >= 3


@pytest.mark.parametrize(
    ("name", "lon", "lat"),
    [
        ("Hokkaido", 143.0, 43.3),
        ("Sakhalin", 142.8, 50.0),
        ("Honshu", 139.0, 36.0),
        ("Kyushu", 131.0, 32.5),
        ("Korea", 127.5, 37.0),
        ("Manchuria (Harbin)", 126.63, 45.75),
        ("Kamchatka", 158.5, 55.0),
        ("Iturup (Kurils)", 147.9, 45.0),
        ("Paramushir (Kurils)", 155.8, 50.4),
    ],
)
def test_land_is_land(bm: BaseMap, name: str, lon: float, lat: float) -> None:
    assert _on_land(bm, lon, lat), name


@pytest.mark.parametrize(
    ("name", "lon", "lat"),
    [
        ("Sea of Japan", 135.0, 40.0),
        ("Tatar Strait", 141.3, 50.0),
        ("Sea of Okhotsk", 150.0, 52.0),
        ("Pacific", 155.0, 40.0),
        ("Bohai", 121.0, 39.0),
        ("La Pérouse Strait", 142.0, 45.75),
    ],
)
def test_sea_is_sea(bm: BaseMap, name: str, lon: float, lat: float) -> None:
    assert not _on_land(bm, lon, lat), name


def test_lake_khanka_is_a_lake(bm: BaseMap) -> None:
    assert any(point_in_polygon(132.4, 45.0, ring) for ring in bm.lakes)


@pytest.mark.parametrize(
    ("river", "lon", "lat"),
    [
        ("Amur at Blagoveshchensk", 127.53, 50.27),
        ("Amur at Khabarovsk", 135.07, 48.48),
        ("Amur at Komsomolsk", 137.0, 50.55),
        ("Sungari at Harbin", 126.63, 45.75),
        ("Sungari at Jiamusi", 130.35, 46.8),
        ("Ussuri at Lesozavodsk", 133.4, 45.48),
        ("Yalu at Dandong", 124.4, 40.1),
    ],
)
def test_major_rivers_are_present(bm: BaseMap, river: str, lon: float, lat: float) -> None:
    assert _distance(lon, lat, bm.rivers) < 0.3, river


def test_rivers_are_not_every_creek(bm: BaseMap) -> None:
    # The Sea of Japan has no river in it, and the layer is pruned to major rivers.
    assert _distance(135.0, 40.0, bm.rivers) > 3
    assert sum(len(line) for line in bm.rivers) < 10_000


def test_amur_border_is_present(bm: BaseMap) -> None:
    assert _distance(127.53, 50.27, bm.borders) < 0.3  # the Amur is the Sino-Russian border


# --------------------------------------------------------------------------- point in polygon


def test_point_in_polygon_on_a_square_and_a_concave_ring() -> None:
    square: Polyline = ((0.0, 0.0), (2.0, 0.0), (2.0, 2.0), (0.0, 2.0), (0.0, 0.0))
    assert point_in_polygon(1.0, 1.0, square)
    assert not point_in_polygon(3.0, 1.0, square)
    assert not point_in_polygon(1.0, -0.5, square)
    u_shape: Polyline = ((0, 0), (3, 0), (3, 3), (2, 3), (2, 1), (1, 1), (1, 3), (0, 3), (0, 0))
    assert point_in_polygon(0.5, 2.0, u_shape)
    assert not point_in_polygon(1.5, 2.0, u_shape)  # in the notch


# --------------------------------------------------------------------------- projection

BBOX = (110.0, 30.0, 160.0, 62.0)
sizes = st.tuples(st.integers(50, 4000), st.integers(50, 4000))


@given(
    lon=st.floats(100.0, 170.0),
    lat=st.floats(20.0, 70.0),
    size=sizes,
)
def test_project_unproject_round_trip(lon: float, lat: float, size: tuple[int, int]) -> None:
    x, y = project(lon, lat, BBOX, size)
    lon2, lat2 = unproject(x, y, BBOX, size)
    assert lon2 == pytest.approx(lon, abs=1e-9)
    assert lat2 == pytest.approx(lat, abs=1e-9)


@given(
    fx=st.floats(0.0, 1.0),
    fy=st.floats(0.0, 1.0),
    size=sizes,
)
def test_points_of_the_bbox_stay_inside_the_size(
    fx: float, fy: float, size: tuple[int, int]
) -> None:
    lon = BBOX[0] + fx * (BBOX[2] - BBOX[0])
    lat = BBOX[1] + fy * (BBOX[3] - BBOX[1])
    x, y = project(lon, lat, BBOX, size)
    assert -1e-6 <= x <= size[0] + 1e-6
    assert -1e-6 <= y <= size[1] + 1e-6


@given(size=sizes)
def test_projection_keeps_aspect_and_centres(size: tuple[int, int]) -> None:
    w, h = size
    left, top = project(BBOX[0], BBOX[3], BBOX, size)
    right, bottom = project(BBOX[2], BBOX[1], BBOX, size)
    # north-west corner top-left, y downwards
    assert left < right
    assert top < bottom
    # centred, and filling one axis
    assert left == pytest.approx(w - right, abs=1e-6)
    assert top == pytest.approx(h - bottom, abs=1e-6)
    assert min(left, top) == pytest.approx(0.0, abs=1e-6)
    # aspect: x is scaled by cos(mid-latitude)
    k = math.cos(math.radians(46.0))
    ratio = (right - left) / (bottom - top)
    assert ratio == pytest.approx(50.0 * k / 32.0, rel=1e-9)


def test_projection_orientation() -> None:
    size = (1000, 800)
    vlad = project(131.9, 43.12, BBOX, size)
    tokyo = project(139.69, 35.69, BBOX, size)
    assert tokyo[0] > vlad[0]  # east is right
    assert tokyo[1] > vlad[1]  # south is down


@pytest.mark.parametrize(
    ("bbox", "size"),
    [((110.0, 30.0, 110.0, 62.0), (100, 100)), (BBOX, (0, 100)), (BBOX, (100, -1))],
)
def test_projection_rejects_degenerate_input(
    bbox: tuple[float, float, float, float], size: tuple[int, int]
) -> None:
    with pytest.raises(ValueError, match=r"bbox|size"):
        project(120.0, 40.0, bbox, size)


# --------------------------------------------------------------------------- bad files


def test_missing_file_names_it(tmp_path: Path) -> None:
    missing = tmp_path / "nowhere.json"
    with pytest.raises(BaseMapError, match=r"nowhere\.json") as err:
        load_basemap(missing)
    assert "not found" in str(err.value)


def _valid_doc() -> dict[str, object]:
    return {
        "bbox": [110.0, 30.0, 160.0, 62.0],
        "coastlines": [[[140.0, 40.0], [141.0, 40.0], [141.0, 41.0], [140.0, 40.0]]],
        "rivers": [[[127.0, 50.0], [128.0, 50.5]]],
        "borders": [],
    }


def test_a_minimal_valid_file_loads(tmp_path: Path) -> None:
    path = tmp_path / "ok.json"
    path.write_text(json.dumps(_valid_doc()), encoding="utf-8")
    bm = load_basemap(path)
    assert bm.bbox == (110.0, 30.0, 160.0, 62.0)
    assert bm.rivers == (((127.0, 50.0), (128.0, 50.5)),)
    assert bm.lakes == ()


@pytest.mark.parametrize(
    ("label", "text"),
    [
        ("not json", "{ this is not json"),
        ("truncated", json.dumps(_valid_doc())[:-10]),
        ("a list", "[1, 2, 3]"),
        ("no coastlines", json.dumps({k: v for k, v in _valid_doc().items() if k != "coastlines"})),
        ("bad bbox", json.dumps({**_valid_doc(), "bbox": [160, 30, 110, 62]})),
        ("short bbox", json.dumps({**_valid_doc(), "bbox": [110, 30, 160]})),
        ("point as text", json.dumps({**_valid_doc(), "rivers": [[["a", 1.0], [2.0, 3.0]]]})),
        ("one-point line", json.dumps({**_valid_doc(), "rivers": [[[127.0, 50.0]]]})),
        ("3-number point", json.dumps({**_valid_doc(), "borders": [[[1.0, 2.0, 3.0], [1, 2]]]})),
        ("lat out of range", json.dumps({**_valid_doc(), "borders": [[[120.0, 95.0], [1, 2]]]})),
        ("layer not a list", json.dumps({**_valid_doc(), "coastlines": {"a": 1}})),
        ("boolean coordinate", json.dumps({**_valid_doc(), "rivers": [[[True, 1.0], [2, 3]]]})),
    ],
)
def test_corrupt_file_gives_a_clear_error(tmp_path: Path, label: str, text: str) -> None:
    path = tmp_path / "broken_map.json"
    path.write_text(text, encoding="utf-8")
    with pytest.raises(BaseMapError, match=r"broken_map\.json"):
        load_basemap(path)


def test_undecodable_file_gives_a_clear_error(tmp_path: Path) -> None:
    path = tmp_path / "binary_map.json"
    path.write_bytes(b"\xff\xfe\x00garbage")
    with pytest.raises(BaseMapError, match=r"binary_map\.json"):
        load_basemap(path)


# --------------------------------------------------------------------------- the extraction


def test_an_overlay_border_through_an_unnamed_point_is_refused(tmp_path: Path) -> None:
    """A border names its points; one it names that `points` does not list is an error that
    names it, not a line drawn to nowhere."""
    from game.ui.mapdata import load_overlays

    doc = {
        "overlays": {
            "b": {
                "points": {"Aigun": [127.49, 50.0], "Jiayin": [130.4, 48.89]},
                "borders": [{"sides": ["A", "B"], "points": ["Aigun", "Jiayin"]}],
                "countries": [{"name": "A", "anchors": [[128.0, 52.0]]}],
            }
        },
        "scenarios": {"s": ["b"]},
    }
    good = tmp_path / "good.json"
    good.write_text(json.dumps(doc), encoding="utf-8")
    (overlay,) = load_overlays(good)["s"]
    assert [p.name for p in overlay.borders[0].points] == ["Aigun", "Jiayin"]
    assert overlay.countries[0].anchors == ((128.0, 52.0),)
    doc["overlays"]["b"]["borders"][0]["points"] = ["Aigun", "Heihe"]  # type: ignore[index]
    bad = tmp_path / "bad.json"
    bad.write_text(json.dumps(doc), encoding="utf-8")
    with pytest.raises(BaseMapError, match="Heihe"):
        load_overlays(bad)
