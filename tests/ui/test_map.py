"""The map that informs (issue 15, item 3): the railway drawn from its stations, legends, every
region named with its attack odds, the fishery's waters and lots, zoom and pan redrawn crisp."""

from __future__ import annotations

import pygame
import pytest

from game.ui.mapdata import load_overlays
from game.ui.theme import ACCENT
from game.ui.widgets.map_view import MapPainter
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
