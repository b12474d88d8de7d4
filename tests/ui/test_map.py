"""The map that informs (issue 15, item 3): the railway drawn from its stations, legends, every
region named with its attack odds, the fishery's waters and lots, zoom and pan redrawn crisp."""

from __future__ import annotations

import dataclasses
import itertools
import math

import pygame
import pygame_gui
import pytest

from game.ui.keymap import KEYMAP
from game.ui.mapdata import Border, load_basemap, load_overlays
from game.ui.scenes.help import help_html
from game.ui.settings import Settings
from game.ui.theme import ACCENT, BORDER
from game.ui.widgets.map_borders import CALM, DANGER, WARY, shade_colour, shade_of
from game.ui.widgets.map_view import MapPainter, build_map_view
from tests.ui.driver import Driver
from tests.ui.helpers import choose_sides, game_scene, start_railway, until_human

STATIONS = {
    "Manzhouli",
    "Hailar",
    "Qiqihar (Angangxi)",
    "Harbin",
    "Mudanjiang",
    "Pogranichnaya (Suifenhe)",
    "Changchun (Kuanchengzi)",
}


def _inside(painter: MapPainter) -> None:
    for text, box, _ in painter.labels:
        assert painter.rect.contains(box), f"{text!r} at {box} is outside the map {painter.rect}"


def test_the_overlay_file_names_the_lines_and_their_stations() -> None:
    cer, _ = load_overlays()["railway-sale"]
    names = {s.name for line in cer.lines if line.kind == "railway" for s in line.stations}
    assert names >= STATIONS
    for line in cer.lines:
        for s in line.stations:  # Manchuria and the Soviet Far East
            assert 110 < s.lon < 135, s
            assert 38 < s.lat < 53, s


def test_the_railway_sale_draws_the_line_its_stations_harbin_and_vladivostok(
    driver: Driver,
) -> None:
    start_railway(driver)
    driver.frames(2)
    shown = driver.describe()["map"]
    labels = dict(shown["labels"])
    assert set(labels) >= STATIONS
    assert labels["Harbin"] == labels["Vladivostok"] == "town"
    assert "Chinese Eastern Railway" in shown["legend"]
    painter = game_scene(driver).painter
    _inside(painter)
    assert painter.fit is not None
    x, y = painter.fit.to_screen(126.63, 45.75)  # Harbin: a city's square in the accent colour
    spot = (painter.rect.left + round(x), painter.rect.top + round(y))
    assert tuple(driver.app.screen.get_at(spot))[:3] == ACCENT


def test_zoom_and_pan_change_the_view_and_keep_labels_crisp_and_inside(driver: Driver) -> None:
    start_railway(driver)
    driver.frames(2)
    scene = game_scene(driver)
    painter = scene.painter
    home = driver.describe()["map"]["bbox"]
    centre = painter.rect.center
    pygame.mouse.set_pos(centre)
    pygame.event.post(pygame.event.Event(pygame.MOUSEWHEEL, x=0, y=2, flipped=False))
    driver.frames(2)
    shown = driver.describe()["map"]
    assert shown["zoom"] == pytest.approx(1.25**2)
    lon0, lat0, lon1, lat1 = shown["bbox"]
    assert lon1 - lon0 < home[2] - home[0]
    assert lat1 - lat0 < home[3] - home[1]
    _inside(painter)
    font = driver.app.ctx.fonts.get("sans_bold", 13)  # labels keep their size: drawn, not scaled
    harbin = next(box for text, box, _ in painter.labels if text == "Harbin")
    assert harbin.height == font.size("Harbin")[1]
    # a click gives the map the keyboard: + zooms, arrows pan, Home goes back
    driver.click_at((painter.rect.left + 5, painter.rect.bottom - 100))
    assert driver.describe()["map"]["focus"]
    driver.key(pygame.K_PLUS)
    assert driver.describe()["map"]["zoom"] == pytest.approx(1.25**2 * 1.5)
    before = driver.describe()["map"]["bbox"]
    driver.key(pygame.K_LEFT)
    after = driver.describe()["map"]["bbox"]
    assert after[0] < before[0]  # the view moved west
    _inside(painter)
    # a drag moves the land with the mouse
    start = painter.rect.center
    pygame.event.post(pygame.event.Event(pygame.MOUSEBUTTONDOWN, pos=start, button=1))
    pygame.event.post(
        pygame.event.Event(
            pygame.MOUSEMOTION, pos=(start[0] + 40, start[1]), rel=(40, 0), buttons=(1, 0, 0)
        )
    )
    pygame.event.post(pygame.event.Event(pygame.MOUSEBUTTONUP, pos=start, button=1))
    driver.frames(2)
    assert driver.describe()["map"]["bbox"][0] < after[0]
    driver.key(pygame.K_HOME)
    assert driver.describe()["map"]["zoom"] == 1.0
    assert driver.describe()["map"]["bbox"] == pytest.approx(home)


def test_a_zoom_does_not_keep_the_screen_busy(driver: Driver) -> None:
    start_railway(driver)
    driver.frames(2)
    scene = game_scene(driver)
    assert not scene.busy() or scene.session.human_to_act() < 0
    scene.painter.zoom_by(2.0)
    driver.frames(1)
    assert not scene.busy() or scene.session.human_to_act() < 0


def test_august_1945_has_a_legend_and_names_every_region(driver: Driver) -> None:
    choose_sides(driver, "The August 1945 Race", ["Human", "AI: historical"])
    until_human(driver)
    driver.frames(2)
    shown = driver.describe()
    legend = shown["map"]["legend"]
    for side in ("Soviet Union", "Japan", "United States"):
        assert side in legend
    assert {"front", "land link", "sea link"} <= set(legend)
    named = {text.split(" · ")[0] for text, kind in shown["map"]["labels"] if kind == "region"}
    assert {name.split(" (")[0] for name in shown["regions"]} == named
    _inside(game_scene(driver).painter)


def test_the_fishery_names_its_waters_and_lots_on_the_map(driver: Driver) -> None:
    choose_sides(driver, "The Fishery Auctions", ["AI: historical", "Human"])
    until_human(driver)
    driver.key(pygame.K_m)  # the lots' map
    shown = driver.describe()["map"]
    kinds = {}
    for text, kind in shown["labels"]:
        kinds.setdefault(kind, set()).add(text)
    assert {"West Kamchatka", "East Kamchatka", "Amur estuary"} <= kinds["water"]
    assert len(kinds["lot"]) >= 10
    assert "Japan" in shown["legend"]
    _inside(game_scene(driver).painter)


def test_the_map_shows_the_odds_of_each_possible_attack() -> None:
    """Played on the historical path to the first day the Soviet side may attack: each region
    it may attack carries the best odds the game tells it (the orders panel's odds)."""
    from game.agents.base import make_agents
    from game.core.mechanics.campaign_view import Attack
    from game.sim.play import play
    from game.ui.catalog import game_of
    from game.ui.widgets.map_model import build_map_view

    game = game_of("august-1945")
    ussr = next(f.index for f in game.rules.factions if f.id == "ussr")
    found: list[object] = []

    def watch(state: object, action: object, n: int) -> None:
        if not found and any(
            isinstance(a, Attack)
            for a in game.legal_actions(state, ussr)  # type: ignore[arg-type]
        ):
            found.append(state)

    names = {f.id: "historical" for f in game.rules.factions}
    play(game, make_agents(game, names), 7, on_action=watch)
    assert found, "no attack was ever possible"
    state = found[0]
    obs = game.observe(state, ussr)  # type: ignore[arg-type]
    legal = game.legal_actions(state, ussr)  # type: ignore[arg-type]
    view = build_map_view(game, obs, legal)
    attacks = [a for a in legal if isinstance(a, Attack)]
    for region in view.regions:
        odds = [game.odds(obs, a) for a in attacks if a.region == region.index]
        known = [p for p in odds if p is not None]
        assert region.odds == (max(known) if known else None)
    assert any(r.odds is not None for r in view.regions)


def test_m_shows_the_garrisons_on_a_campaign_map(driver: Driver) -> None:
    choose_sides(driver, "The August 1945 Race", ["Human", "AI: historical"])
    until_human(driver)
    assert driver.describe()["map"]["mode"] == "control"
    driver.key(pygame.K_m)
    shown = driver.describe()["map"]
    assert shown["mode"] == "garrison"
    assert any("garrison" in entry for entry in shown["legend"])
    assert len([k for _, k in shown["labels"] if k == "region"]) == len(
        driver.describe()["regions"]
    )
    driver.key(pygame.K_m)
    assert driver.describe()["map"]["mode"] == "control"


# ------------------------------------------------------------- the borders of 1933


def _borders() -> tuple[Border, ...]:
    return next(o for o in load_overlays()["railway-sale"] if o.borders).borders


def _screen(painter: MapPainter, lon: float, lat: float) -> tuple[int, int]:
    assert painter.fit is not None
    x, y = painter.fit.to_screen(lon, lat)
    return painter.rect.left + round(x), painter.rect.top + round(y)


def _colour_near(surface: pygame.Surface, spot: tuple[int, int], colour: tuple[int, ...]) -> bool:
    """Is `colour` drawn within 2 pixels of `spot`?"""
    x0, y0 = spot
    return any(
        tuple(surface.get_at((x, y)))[:3] == colour
        for x in range(x0 - 2, x0 + 3)
        for y in range(y0 - 2, y0 + 3)
    )


def test_the_borders_of_1933_run_through_named_points_on_their_rivers() -> None:
    """Each border is a line through named points; where it follows a river (the Argun, the
    Amur, the Ussuri, the Tumen, the Yalu) or the Mongolian border, which the base map's
    modern borders follow too, every point lies on those within 0.15° (some 15 km)."""
    borders = {b.sides: b for b in _borders()}
    assert set(borders) >= {
        ("Manchukuo", "USSR"),
        ("Manchukuo", "Korea (Japanese)"),
        ("Manchukuo", "Mongolian PR"),
        ("Manchukuo", "China"),
    }
    assert [b.frontier for b in borders.values()].count(True) == 1
    assert borders["Manchukuo", "USSR"].frontier
    names = [p.name for b in borders.values() for p in b.points]
    assert "Pokrovka (the Shilka and the Argun make the Amur)" in names
    assert "Shanhaiguan (the Great Wall meets the sea)" in names
    modern = load_basemap().borders

    def off(lon: float, lat: float) -> float:
        best = math.inf
        k = math.cos(math.radians(lat))
        for line in modern:
            for (x1, y1), (x2, y2) in itertools.pairwise(line):
                ax, ay, bx, by = (x1 - lon) * k, y1 - lat, (x2 - lon) * k, y2 - lat
                dx, dy = bx - ax, by - ay
                t = max(0.0, min(1.0, -(ax * dx + ay * dy) / max(dx * dx + dy * dy, 1e-12)))
                best = min(best, math.hypot(ax + t * dx, ay + t * dy))
        return best

    for sides, border in borders.items():
        if "China" in sides and "Manchukuo" in sides:
            continue  # Rehe's border of 1933 is in no modern data
        for p in border.points:
            assert off(p.lon, p.lat) < 0.15, (sides, p)


def test_the_railway_map_draws_and_names_the_borders_at_several_zooms(driver: Driver) -> None:
    start_railway(driver)
    driver.frames(2)
    painter = game_scene(driver).painter
    shown = driver.describe()["map"]
    assert set(shown["countries"]) == {
        "USSR",
        "Manchukuo",
        "Mongolian PR",
        "Korea (Japanese)",
        "China",
    }
    assert "border of 1933" in shown["legend"]
    _inside(painter)
    # the border is drawn where its points say (the Yalu between Manpo and Sinuiju)
    spot = _screen(painter, (126.21 + 124.39) / 2, (41.12 + 40.11) / 2)
    assert _colour_near(driver.app.screen, spot, BORDER)
    labels = [box for _, box, _ in painter.labels]
    for zoom_on, factor, names in (
        ((126.6, 45.7), 1.25**4, {"USSR", "Manchukuo"}),  # Harbin
        ((132.4, 45.0), 1.25**8, {"USSR", "Manchukuo"}),  # Lake Khanka
    ):
        painter.reset_zoom()
        driver.frames(1)
        pygame.mouse.set_pos(_screen(painter, *zoom_on))
        for _ in range(round(math.log(factor, 1.25))):
            pygame.event.post(pygame.event.Event(pygame.MOUSEWHEEL, x=0, y=1, flipped=False))
            driver.frames(1)
        shown = driver.describe()["map"]
        assert shown["zoom"] == pytest.approx(factor)
        assert set(shown["countries"]) >= names, (zoom_on, shown["countries"])
        _inside(painter)
        labels = [box for _, box, _ in painter.labels]
        countries = [box for _, box, kind in painter.labels if kind == "country"]
        for box in countries:  # a country's name covers no other name
            assert sum(box.colliderect(other) for other in labels) == 1


def test_the_tension_map_colours_the_frontier_and_the_railway_by_their_tracks(
    driver: Driver,
) -> None:
    session = start_railway(driver)
    driver.frames(2)
    assert driver.describe()["map"]["mode"] == "control"
    driver.key(pygame.K_m)
    shown = driver.describe()["map"]
    assert shown["mode"] == "tension"
    obs = session.game.observe(session.state, session.viewer)
    tension, traffic = obs.track("tension"), obs.track("traffic")
    assert tension is not None
    assert traffic is not None
    assert f"frontier: Tension {tension} of 100" in shown["legend"]
    assert f"railway: Traffic on the line {traffic} of 100" in shown["legend"]
    assert {"under 65", "65: talks stop meeting", "100: border crisis"} <= set(shown["legend"])
    shades = {what: (value, colour) for what, value, colour in shown["shades"]}
    assert shades["frontier"][0] == tension
    painter = game_scene(driver).painter
    spot = _screen(painter, (126.66 + 127.5) / 2, (51.74 + 50.24) / 2)  # the Amur above Heihe
    assert _colour_near(driver.app.screen, spot, shades["frontier"][1])
    _inside(painter)
    driver.key(pygame.K_m)
    assert driver.describe()["map"]["mode"] == "control"


def test_the_tension_colours_follow_the_track_and_show_only_what_the_side_sees(
    driver: Driver,
) -> None:
    """The same observation with the tension raised past a threshold, then with the traffic
    hidden: the frontier changes colour and the legend says why; a hidden track colours
    nothing and is not in the legend."""
    session = start_railway(driver)
    game = session.game
    obs = game.observe(session.state, session.viewer)
    legal = game.legal_actions(session.state, session.viewer)
    fonts = driver.app.ctx.fonts
    colours = []
    for value in (35, 70, 85):
        tracks = tuple((t, value if t == "tension" else v) for t, v in obs.tracks)
        view = build_map_view(game, dataclasses.replace(obs, tracks=tracks), legal)
        painter = MapPainter()
        painter.mode = "tension"
        surface = pygame.Surface((600, 450))
        painter.draw(surface, surface.get_rect(), view, game.rules, fonts)
        frontier = next(c for what, v, c in painter.shades if what == "frontier")
        assert shade_colour(shade_of(view, "frontier")) == frontier  # type: ignore[arg-type]
        colours.append(frontier)
        if value == 70:
            assert "frontier: Tension 70 of 100, talks stop meeting" in painter.legend
        spot = painter.fit.to_screen((126.66 + 127.5) / 2, (51.74 + 50.24) / 2)  # type: ignore[union-attr]
        assert _colour_near(surface, (round(spot[0]), round(spot[1])), frontier)
    assert colours == [CALM, WARY, DANGER]
    hidden = tuple((t, v) for t, v in obs.tracks if t != "traffic")
    view = build_map_view(game, dataclasses.replace(obs, tracks=hidden), legal)
    assert [s.target for s in view.shades] == ["frontier"]
    painter = MapPainter()
    painter.mode = "tension"
    surface = pygame.Surface((600, 450))
    painter.draw(surface, surface.get_rect(), view, game.rules, fonts)
    assert not any("Traffic" in entry for entry in painter.legend)
    assert [what for what, _, _ in painter.shades] == ["frontier"]


# ------------------------------------------------------------- the map's keys


def test_help_lists_the_map_keys() -> None:
    html = help_html()
    for keys in ("mouse wheel, + / -", "drag, arrows", "Home"):
        assert f"<b>{keys}</b>" in html, keys
    m = next(s for s in KEYMAP if s.command == "view")
    assert m.context == "Map"
    assert "tension map" in m.text
    assert "garrisons" in m.text


def test_the_arrows_pan_the_map_under_the_pointer_and_the_slider_elsewhere(
    driver: Driver, monkeypatch: pytest.MonkeyPatch
) -> None:
    start_railway(driver)
    driver.frames(2)
    scene = game_scene(driver)
    painter = scene.painter
    monkeypatch.setattr(pygame.mouse, "get_focused", lambda: True)
    pygame.mouse.set_pos(painter.rect.center)
    painter.zoom_by(2.0)
    driver.frames(1)
    assert not driver.describe()["map"]["focus"]  # never clicked
    assert scene.orders is not None
    price = scene.orders.current_offer()
    before = driver.describe()["map"]["bbox"]
    driver.key(pygame.K_LEFT)
    after = driver.describe()["map"]["bbox"]
    assert after[0] < before[0]  # the view moved west, under the pointer
    assert scene.orders.current_offer() == price  # and the slider did not move
    driver.key(pygame.K_HOME)
    assert driver.describe()["map"]["zoom"] == 1.0
    painter.zoom_by(2.0)
    driver.frames(1)
    before = driver.describe()["map"]["bbox"]
    pygame.mouse.set_pos((2, 2))  # off the map: the arrows are the slider's again
    driver.key(pygame.K_LEFT)
    assert driver.describe()["map"]["bbox"] == before
    assert scene.orders.current_offer() != price
    # a widget with the keyboard that uses the arrows keeps them
    pygame.mouse.set_pos(painter.rect.center)
    listing = pygame_gui.elements.UISelectionList(
        pygame.Rect(0, 0, 100, 80), ["one", "two"], driver.app.manager
    )
    driver.app.manager.set_focus_set(listing)
    driver.key(pygame.K_UP)
    assert driver.describe()["map"]["bbox"] == before
    listing.kill()


@pytest.mark.parametrize(
    "settings",
    [
        Settings(width=1024, height=700, sound=False),
        Settings(width=1280, height=800, ui_scale=1.3, sound=False),
    ],
    ids=["1024x700", "130pc"],
)
def test_a_small_map_keeps_the_borders_named_and_a_short_tension_legend(
    settings: Settings,
) -> None:
    d = Driver(settings)
    try:
        start_railway(d)
        d.frames(2)
        assert len(d.describe()["map"]["countries"]) == 5
        d.key(pygame.K_m)
        shown = d.describe()["map"]
        assert shown["mode"] == "tension"
        assert {"under 65", "65", "80", "100"} <= set(shown["legend"])  # thresholds alone
        assert any(e.startswith("frontier: Tension") for e in shown["legend"])
        _inside(game_scene(d).painter)
    finally:
        d.close()


def test_crowded_region_names_at_130_percent_stay_readable() -> None:
    # The August map at 1280×800 with 130 % text has no free spot for some names: a name that
    # must be shown goes where it covers least of what is drawn, not over its neighbour (before,
    # "The home islands" hid 88 % of "Korea south of the 38th parallel").
    d = Driver(Settings(width=1280, height=800, ui_scale=1.3, sound=False))
    try:
        choose_sides(d, "The August 1945 Race", ["Human", "AI: historical", "AI: historical"])
        for _ in range(5):
            if d.name in ("cover", "briefing"):
                d.key(pygame.K_RETURN)
        d.frames(3)
        names = [
            (text, box) for text, box, kind in game_scene(d).painter.labels if kind == "region"
        ]
        assert len(names) == 20  # every region named
        for (a, box), (b, other) in itertools.combinations(names, 2):
            part = box.clip(other)
            smaller = min(box.width * box.height, other.width * other.height)
            assert part.width * part.height <= 0.25 * smaller, (a, b)
    finally:
        d.close()
