"""Issue 15, item 7: keyboard-only play on every screen, a volume setting, a high-contrast
theme. Everything here is done with key events only (no clicks)."""

from __future__ import annotations

from collections.abc import Iterator

import pygame
import pytest

from game.ui import theme
from game.ui.scenes import menu as menu_module
from game.ui.settings import Settings, load_settings
from tests.ui.driver import Driver
from tests.ui.helpers import game_scene, play_turn, until_human


@pytest.fixture
def keeping() -> Iterator[Driver]:
    """A driver whose settings are saved (to the test's own folder)."""
    d = Driver(persist=True)
    yield d
    d.close()
    theme.use_palette(high_contrast=False)  # the palette is the process's: put it back


def ringed(d: Driver) -> str:
    button = d.app.focus.shown()
    return "" if button is None else str(button.text)


def ring_on(d: Driver, button: object, *, limit: int = 80) -> None:
    """Presses Tab until the keyboard ring is on `button`."""
    for _ in range(limit):
        d.key(pygame.K_TAB)
        if d.app.focus.shown() is button:
            return
    raise AssertionError(f"Tab never reached {button} in {d.name}")


def choose_with_arrows(d: Driver, scenario: str) -> None:
    """Moves the scenario chooser's selection to `scenario` with the arrow keys."""
    titles = d.describe()["scenarios"]
    steps = titles.index(scenario) - titles.index(d.describe()["selected"])
    for _ in range(abs(steps)):
        d.key(pygame.K_DOWN if steps > 0 else pygame.K_UP)
    assert d.describe()["selected"] == scenario


def tab_to(d: Driver, text: str, *, limit: int = 80) -> None:
    """Presses Tab until the keyboard ring is on the button whose text starts with `text`."""
    for _ in range(limit):
        d.key(pygame.K_TAB)
        if ringed(d).startswith(text):
            return
    raise AssertionError(f"Tab never reached {text!r} in {d.name}")


def test_from_the_main_menu_to_an_order_with_the_keyboard_only(driver: Driver) -> None:
    driver.key(pygame.K_n)
    assert driver.name == "scenarios"
    choose_with_arrows(driver, "railway-sale")
    driver.key(pygame.K_RETURN)
    assert driver.name == "setup"
    assert driver.describe()["title"] == "The Railway Sale"

    def seat(faction: int, prefix: str) -> object:
        seats = driver.scene.seat_buttons  # type: ignore[attr-defined]
        return next(b for b, (f, _) in seats.items() if f == faction and b.text.startswith(prefix))

    ring_on(driver, seat(1, "Human"))  # Tab to the second side's Human seat; Enter takes it
    driver.key(pygame.K_RETURN)
    assert driver.describe()["seats"][1] == "human"  # hot seat, chosen by keyboard
    ring_on(driver, seat(1, "AI"))  # and back to an AI for the second side, with Space
    driver.key(pygame.K_SPACE)
    assert driver.describe()["seats"][1] != "human"
    assert driver.describe()["seats"][0] == "human"
    tab_to(driver, "Start the game")
    driver.key(pygame.K_RETURN)
    assert driver.name in {"briefing", "game"}
    session = until_human(driver)
    assert driver.name == "game"
    cards = driver.describe()["actions"]
    assert cards
    assert cards[0].startswith("1. ")
    before = len(session.staged) + len(session.actions)
    driver.key(pygame.K_1)
    assert len(session.staged) + len(session.actions) > before, "the first card's order given"
    driver.key(pygame.K_RETURN)  # the turn ends
    until_human(driver)
    assert session.state.turn >= 1


def test_the_ring_goes_away_with_esc_and_a_click(driver: Driver) -> None:
    driver.key(pygame.K_TAB)
    assert ringed(driver) == "First game (guided)"  # the menu's first button
    driver.key(pygame.K_TAB, pygame.KMOD_SHIFT)
    assert ringed(driver) == "Quit"  # Shift+Tab goes back, round the end
    driver.key(pygame.K_ESCAPE)
    assert ringed(driver) == ""
    assert driver.name == "menu"  # Esc only put the ring away (it quits otherwise)
    driver.key(pygame.K_TAB)
    driver.click_at((5, 5))
    assert ringed(driver) == ""


def test_the_chronicle_pages_and_the_map_answers_the_keyboard(driver: Driver) -> None:
    driver.key(pygame.K_n)
    choose_with_arrows(driver, "august-1945")
    driver.key(pygame.K_RETURN)
    driver.key(pygame.K_RETURN)
    for _ in range(6):
        until_human(driver)
        play_turn(driver)
    until_human(driver)
    scene = game_scene(driver)
    bar = scene.log.box.scroll_bar if scene.log is not None else None
    assert bar is not None, "a chronicle long enough to scroll"
    shown = bar.start_percentage
    driver.key(pygame.K_PAGEUP)
    driver.frames(2)
    back = bar.start_percentage
    assert back < shown
    driver.key(pygame.K_PAGEDOWN)
    driver.frames(2)
    assert bar.start_percentage > back
    regions = driver.describe()["regions"]
    assert regions
    driver.key(pygame.K_r)
    first = driver.describe()["region"]
    assert first in regions
    driver.key(pygame.K_r)
    assert driver.describe()["region"] not in {None, first}
    driver.key(pygame.K_r, pygame.KMOD_SHIFT)
    assert driver.describe()["region"] == first


def test_volume_and_high_contrast_are_kept_and_applied(keeping: Driver) -> None:
    d = keeping
    normal_paper = theme.PAPER
    d.key(pygame.K_s)
    assert d.name == "settings"
    tab_to(d, "40 %")
    d.key(pygame.K_RETURN)
    tab_to(d, "High")
    d.key(pygame.K_RETURN)
    tab_to(d, "Apply and save")
    d.key(pygame.K_RETURN)
    assert d.name == "menu"
    kept = load_settings()
    assert (kept.volume, kept.sound, kept.high_contrast) == (0.4, True, True)
    assert d.app.sounds.volume == 0.4
    # applied: the drawing palette and the widgets' theme are the high-contrast ones
    assert theme.PAPER == (255, 255, 255) != normal_paper
    assert menu_module.INK == (0, 0, 0)  # names imported by the screens follow
    d.frames(2)
    assert d.app.screen.get_at((2, 2))[:3] == (255, 255, 255)
    button = d.button("Load game")
    assert button.colours["normal_bg"] == pygame.Color("#FFFFFF")
    assert button.colours["normal_text"] == pygame.Color("#000000")


def test_high_contrast_is_there_at_the_next_start(keeping: Driver) -> None:
    keeping.app.apply_settings(Settings(sound=False, high_contrast=True))
    keeping.close()
    again = Driver(load_settings())
    try:
        assert again.app.settings.high_contrast
        assert theme.INK == (0, 0, 0)
        assert again.app.screen.get_at((2, 2))[:3] == (255, 255, 255)
    finally:
        again.close()
    keeping.app = Driver(Settings(sound=False)).app  # a window for the fixture to close


def test_sound_off_keeps_the_volume_for_later(keeping: Driver) -> None:
    d = keeping
    d.key(pygame.K_s)
    tab_to(d, "Off")
    d.key(pygame.K_RETURN)
    tab_to(d, "Apply and save")
    d.key(pygame.K_RETURN)
    kept = load_settings()
    assert not kept.sound
    assert kept.loudness == 0.0
    assert kept.volume == Settings().volume
