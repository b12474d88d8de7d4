"""Menus, set-up, settings, resizing, the map, and every scenario on the game screen."""

from __future__ import annotations

import json
from pathlib import Path

import pygame
import pytest

from game.ui import scene as sc
from game.ui.catalog import game_of, scenario_files
from game.ui.scenes.setup import SetupScene
from game.ui.session import Session
from game.ui.settings import Settings, load_settings, saves_dir
from game.ui.theme import ACCENT, faction_colour
from game.ui.widgets.map_view import region_tooltip
from tests.ui.conftest import DATA
from tests.ui.driver import Driver
from tests.ui.helpers import show_game


def test_main_menu_offers_its_choices(driver: Driver) -> None:
    assert driver.describe()["buttons"] == [
        "First game (guided)",
        "New game",
        "Continue",
        "Load game",
        "Settings",
        "How to play",
        "Quit",
    ]
    assert not driver.button("Continue").is_enabled  # no autosave yet
    driver.key(pygame.K_h)
    assert driver.name == "help"
    texts = [
        w.html_text
        for w in driver.app.manager.get_sprite_group().sprites()
        if type(w).__name__ == "UITextBox"
    ]
    assert any("Ctrl+Z" in t and "Space" in t and "Keyboard shortcuts" in t for t in texts)
    driver.key(pygame.K_ESCAPE)
    driver.key(pygame.K_q)
    assert not driver.app.running


def test_scenario_chooser_and_setup(driver: Driver) -> None:
    driver.press("New game")
    assert sorted(driver.describe()["scenarios"]) == sorted(scenario_files())
    driver.press("The Railway Sale")
    driver.press("Choose sides")
    described = driver.describe()
    assert described["scenario"] == "railway-sale"
    assert described["seats"] == ["human", "persona:normal"]
    driver.press("No American recognition in 1933")
    seat = [b for b, (f, k) in driver.scene.seat_buttons.items() if (f, k) == (1, "random")]  # type: ignore[attr-defined]
    driver.click(seat[0])
    described = driver.describe()
    assert described["variant"] == "no_us_recognition"
    assert described["seats"] == ["human", "random"]
    driver.press("Start the game")
    driver.key(pygame.K_RETURN)
    session = driver.app.stack[0].session  # type: ignore[attr-defined]
    assert session.rules.variant == "no_us_recognition"
    assert session.seats == ("human", "random")


def test_settings_are_kept_between_runs(private_dirs: Path) -> None:
    d = Driver(persist=True)
    try:
        d.press("Settings")
        d.press("115 %")
        d.press("1440 × 900")
        d.press("Off")
        d.press("Apply and save")
        assert d.app.screen.get_size() == (1440, 900)
        assert d.app.ctx.settings.ui_scale == 1.15
        assert d.name == "menu"
        d.frames(2)
    finally:
        d.close()
    saved = json.loads((private_dirs / "config" / "settings.json").read_text())
    assert saved["ui_scale"] == 1.15
    assert load_settings() == Settings(1440, 900, False, 1.15, False)


def test_the_window_can_be_resized(driver: Driver) -> None:
    session = Session(game_of("railway-sale"), 3, {"ussr": "human", "japan": "historical"})
    show_game(driver, session)
    pygame.event.post(pygame.event.Event(pygame.VIDEORESIZE, size=(1600, 1000), w=1600, h=1000))
    driver.frames(3)
    assert driver.app.screen.get_size() == (1600, 1000)
    end = driver.button("End turn")
    assert end.rect.right <= 1600
    assert end.rect.bottom <= 1000
    assert end.rect.right > 1400  # laid out again for the new width
    pygame.event.post(pygame.event.Event(pygame.VIDEORESIZE, size=(300, 200), w=300, h=200))
    driver.frames(2)
    assert driver.app.screen.get_size() == (960, 640)  # never smaller than the layout's minimum


def test_the_map_colours_regions_by_their_controller(driver: Driver) -> None:
    game = game_of(str(DATA / "two_fronts.yaml"))
    session = Session(game, 1, {"ussr": "human", "japan": "historical"})
    scene = show_game(driver, session)
    regions = {r.name: r for _, r in scene.region_hits}
    assert set(regions) == {"Chita", "Hailar (the west)", "Harbin", "Mukden"}
    hits = {r.name: box for box, r in scene.region_hits}
    ussr, japan = (faction_colour(f.id, f.index) for f in session.rules.factions)

    def fill(name: str) -> tuple[int, ...]:  # inside the marker, beside a front's flag
        x, y = hits[name].center
        return tuple(driver.app.screen.get_at((x + 6, y)))[:3]

    assert fill("Chita") == ussr
    assert fill("Harbin") == japan
    # the garrison of Mukden is Japan's secret; Hailar can be attacked
    assert "Garrison" not in region_tooltip(session.rules, regions["Mukden"])
    assert "Garrison 40" in region_tooltip(session.rules, regions["Hailar (the west)"])
    assert regions["Hailar (the west)"].targeted
    cards = driver.describe()["actions"]
    assert len(cards) == 1
    assert cards[0].startswith("1. Transbaikal Front: attack Hailar")
    assert cards[0].endswith("· 69 %")  # a long label is shortened, never its odds
    assert scene.orders is not None
    driver.click_at(hits["Hailar (the west)"].center)  # a click on a region finds its attacks
    assert (
        scene.orders.infos[scene.orders.first].action.amount == regions["Hailar (the west)"].index
    )
    assert not scene.orders.show_target(session, regions["Mukden"].index)  # out of reach
    driver.key(pygame.K_1)
    driver.key(pygame.K_RETURN)
    driver.until(lambda: session.human_to_act() == 0 and not session.thinking)
    driver.frames(2)
    new = {r.name: r.controller for _, r in scene.region_hits}
    taken = session.state.tracks[session.rules.track_index("ctl_hailar")] == 0
    assert (new["Hailar (the west)"] == 0) == taken


def test_the_map_draws_an_arrow_where_a_front_moved_last_turn(driver: Driver) -> None:
    game = game_of(str(DATA / "two_fronts.yaml"))
    session = Session(game, 3, {"ussr": "human", "japan": "historical"})  # Hailar falls
    scene = show_game(driver, session)
    centre = {r.name: box.center for box, r in scene.region_hits}
    chita, hailar = centre["Chita"], centre["Hailar (the west)"]
    mid = ((chita[0] + hailar[0]) // 2, (chita[1] + hailar[1]) // 2)
    red = faction_colour("ussr", 0)

    def at_mid() -> tuple[int, ...]:
        return tuple(driver.app.screen.get_at(mid))[:3]

    assert scene.map_view.moves == ()
    assert scene.painter.arrows == []
    assert at_mid() != red
    driver.key(pygame.K_1)  # the Transbaikal Front attacks Hailar
    driver.key(pygame.K_RETURN)
    driver.until(lambda: session.human_to_act() == 0 and not session.thinking)
    driver.frames(2)
    regions = {r.name: r.index for r in scene.map_view.regions}
    assert scene.map_view.moves == ((regions["Chita"], regions["Hailar (the west)"]),)
    [(tail, head)] = scene.painter.arrows
    assert (round(tail[0]), round(tail[1])) == chita
    assert (round(head[0]), round(head[1])) == hailar
    assert at_mid() == red  # drawn in the colour of the side that moved
    driver.key(pygame.K_RETURN)  # a turn without a move: the arrow goes
    driver.until(lambda: session.human_to_act() == 0 and not session.thinking)
    driver.frames(2)
    assert session.state.turn == 2
    assert scene.map_view.moves == ()
    assert at_mid() != red


@pytest.mark.parametrize("sid", list(scenario_files()))
def test_every_scenario_opens_on_the_game_screen(driver: Driver, sid: str) -> None:
    game = game_of(sid)
    seats = {f.id: "human" if f.index == 0 else "historical" for f in game.rules.factions}
    session = Session(game, 7, seats)
    scene = show_game(driver, session)
    driver.until(lambda: session.human_to_act() == 0)
    driver.frames(2)
    described = driver.describe()
    assert described["viewer"] == game.rules.factions[0].id
    assert described["actions"], "the first faction has something to order"
    visible = {t for t, _ in session.observation(0).tracks}
    assert set(described["meters"]) <= visible  # only what the faction observes
    assert scene.meter_hits  # meters are drawn


def test_full_screen_toggles_and_back(driver: Driver) -> None:
    driver.key(pygame.K_F11)
    assert driver.app.settings.fullscreen
    assert driver.name == "menu"
    driver.key(pygame.K_F11)
    assert not driver.app.settings.fullscreen
    assert driver.app.screen.get_size() == (1280, 800)


def _error_line_inked(d: Driver) -> int:
    """Returns how many pixels of the error line (above the footer) are in the accent colour."""
    w, h = d.app.screen.get_size()
    px = d.app.ctx.px
    band = d.app.screen.subsurface(pygame.Rect(px(40), h - px(100), w - px(80), px(18)))
    return pygame.mask.from_threshold(band, ACCENT, (1, 1, 1, 255)).count()


def test_load_and_setup_draw_their_errors_alike(driver: Driver) -> None:
    saves_dir().mkdir(parents=True)
    (saves_dir() / "broken.json").write_text("{not json", encoding="utf-8")
    driver.press("Load game")
    assert _error_line_inked(driver) == 0
    driver.press("broken.json")
    assert driver.name == "load"
    assert driver.scene.error.startswith("broken.json: ")  # type: ignore[attr-defined]
    assert _error_line_inked(driver) > 20
    setup = SetupScene(driver.app.ctx, "railway-sale")
    driver.app._apply(sc.Reset(setup))
    driver.frames(1)
    assert _error_line_inked(driver) == 0
    setup.error = "variant.yaml:3: unknown field"
    driver.frames(1)
    assert _error_line_inked(driver) > 20
