"""Issue 15, item 6: saves as players expect: named saves, a list that says what each holds,
delete with a confirmation, one autosave per game (three kept), Continue, unreadable files."""

from __future__ import annotations

import json

import pygame

from game.ui.saves import list_saves, safe_name, save_path
from game.ui.settings import autosave_paths, saves_dir
from tests.ui.driver import Driver
from tests.ui.helpers import game_scene, play_turn, start_railway, until_human


def type_text(d: Driver, text: str) -> None:
    """Selects the focused field's text and types `text` over it."""
    d.key(pygame.K_a, pygame.KMOD_CTRL)
    pygame.event.post(pygame.event.Event(pygame.TEXTINPUT, text=text))
    d.frames(3)


def save_as(d: Driver, name: str) -> None:
    d.key(pygame.K_s, pygame.KMOD_CTRL)
    assert d.name == "save"
    type_text(d, name)
    assert d.describe()["name"] == name
    d.key(pygame.K_RETURN)
    assert d.name == "game"


def open_load(d: Driver) -> None:
    d.key(pygame.K_ESCAPE)
    if d.name == "pause":
        d.press("Main menu")
    assert d.name == "menu"
    d.key(pygame.K_l)
    assert d.name == "load"


def test_a_named_save_is_listed_with_scenario_side_date_and_turn(driver: Driver) -> None:
    session = start_railway(driver)
    until_human(driver)
    play_turn(driver)
    until_human(driver)
    save_as(driver, "Before the offer")
    path = saves_dir() / "Before the offer.json"
    assert json.loads(path.read_text(encoding="utf-8"))["actions"] == session.actions
    assert "Before the offer" in game_scene(driver).flash[0]
    turn = session.state.turn + 1
    open_load(driver)
    rows = dict(zip(driver.describe()["saves"], driver.describe()["rows"], strict=True))
    row = rows[str(path)]
    assert row.startswith("Before the offer  ·  saved ")
    assert "The Railway Sale" in row
    assert session.rules.factions[0].name in row  # the side played at the window
    assert f"turn {turn} of " in row
    day = session.rules.calendar[session.state.turn]
    assert f"{day.day} {day:%B %Y}" in row
    autosave = rows[str(autosave_paths()[0])]
    assert autosave.startswith("Autosave  ·  ")  # the game's own autosave, listed first
    assert driver.describe()["saves"][0] == str(autosave_paths()[0])


def test_saving_under_a_name_in_use_asks_before_replacing(driver: Driver) -> None:
    start_railway(driver)
    until_human(driver)
    save_as(driver, "Mine")
    driver.key(pygame.K_s, pygame.KMOD_CTRL)
    type_text(driver, "Mine")
    driver.key(pygame.K_RETURN)
    assert driver.name == "save"
    assert driver.describe()["replacing"] == "Mine"
    driver.key(pygame.K_RETURN)
    assert driver.name == "game"
    assert [p.name for p in saves_dir().glob("*.json")] == ["Mine.json"]


def test_delete_asks_first_and_keeps_the_others(driver: Driver) -> None:
    start_railway(driver)
    until_human(driver)
    for name in ("First", "Second"):
        save_as(driver, name)
    open_load(driver)
    saves = driver.describe()["saves"]
    target = saves.index(str(saves_dir() / "First.json"))
    for _ in range(target):
        driver.key(pygame.K_DOWN)
    assert driver.describe()["selected"] == target
    driver.key(pygame.K_DELETE)
    assert driver.describe()["confirming"] == str(saves_dir() / "First.json")
    driver.key(pygame.K_n)  # kept
    assert driver.describe()["confirming"] is None
    assert (saves_dir() / "First.json").exists()
    driver.key(pygame.K_DELETE)
    driver.key(pygame.K_y)
    assert not (saves_dir() / "First.json").exists()
    assert (saves_dir() / "Second.json").exists()
    assert str(saves_dir() / "First.json") not in driver.describe()["saves"]
    # and with the mouse: the row's Delete button, then the confirmation's
    row = driver.describe()["saves"].index(str(saves_dir() / "Second.json"))
    button = next(b for b, i in driver.scene.deletes.items() if i == row)  # type: ignore[attr-defined]
    driver.click(button)
    driver.press("Delete (Y)")
    assert not (saves_dir() / "Second.json").exists()


def test_a_corrupt_or_foreign_file_is_listed_as_unreadable_and_the_rest_still_open(
    driver: Driver,
) -> None:
    start_railway(driver)
    until_human(driver)
    save_as(driver, "Good")
    saves_dir().joinpath("damaged.json").write_text('{"format": "amur-save", "se', "utf-8")
    saves_dir().joinpath("foreign.json").write_text('{"game": "chess"}', encoding="utf-8")
    saves_dir().joinpath("binary.json").write_bytes(bytes(range(256)) * 4)
    saves_dir().joinpath("folder.json").mkdir()
    listed = {info.path.name: info for info in list_saves()}
    assert "not an Amur save file" in listed["foreign.json"].problem
    assert listed["damaged.json"].problem
    assert listed["binary.json"].problem
    assert "folder.json" not in listed  # a folder is not a save
    assert listed["Good.json"].readable
    open_load(driver)
    rows = driver.describe()["rows"]
    assert any(r.startswith("foreign.json") and "unreadable: " in r for r in rows)
    driver.press("damaged.json")
    assert driver.name == "load"
    assert driver.scene.error.startswith("damaged.json: ")  # type: ignore[attr-defined]
    driver.press("Good")
    assert driver.name == "briefing"  # over the game opened
    driver.key(pygame.K_RETURN)
    assert driver.name == "game"
    assert game_scene(driver).session.rules.id == "railway-sale"


def test_continue_resumes_the_last_game_played(driver: Driver) -> None:
    """A named save opened and played becomes the last game: Continue opens it, not the game
    played before."""
    start_railway(driver)
    until_human(driver)
    save_as(driver, "Old game")
    play_turn(driver)
    until_human(driver)
    open_load(driver)
    driver.press("Old game")
    session = game_scene(driver).session
    if driver.name == "briefing":  # a game opened shows its briefing first
        driver.key(pygame.K_RETURN)
    turn = session.state.turn
    play_turn(driver)
    until_human(driver)
    assert session.state.turn > turn
    actions = list(session.actions)
    session.wait_saved()
    driver.key(pygame.K_ESCAPE)
    driver.press("Main menu")
    assert len(autosave_paths()) == 2  # the first game's and the reopened save's
    driver.key(pygame.K_c)
    assert driver.name == "briefing"  # over the game opened
    driver.key(pygame.K_RETURN)
    assert driver.name == "game"
    assert game_scene(driver).session.actions == actions


def test_autosaves_keep_the_last_three_games(driver: Driver) -> None:
    seeds = []
    for _ in range(4):
        session = start_railway(driver)
        until_human(driver)
        play_turn(driver)
        until_human(driver)
        session.wait_saved()
        seeds.append(session.seed)
        driver.key(pygame.K_ESCAPE)
        driver.press("Main menu")
    kept = [json.loads(p.read_text(encoding="utf-8"))["seed"] for p in autosave_paths()]
    assert kept == seeds[::-1][:3]
    driver.key(pygame.K_l)
    assert [r.split("  ·  ")[0] for r in driver.describe()["rows"]] == ["Autosave"] * 3


def test_the_pause_menu_saves_under_a_name_too(driver: Driver) -> None:
    start_railway(driver)
    until_human(driver)
    driver.key(pygame.K_ESCAPE)
    driver.press("Save game")
    assert driver.name == "save"
    type_text(driver, "From the pause menu")
    driver.press("Save (Enter)")
    assert driver.name == "game"
    assert (saves_dir() / "From the pause menu.json").exists()
    driver.key(pygame.K_s, pygame.KMOD_CTRL)
    driver.key(pygame.K_ESCAPE)  # Esc goes back without saving
    assert driver.name == "game"
    assert len(list(saves_dir().glob("*.json"))) == 1


def test_a_save_name_never_leaves_the_saves_folder() -> None:
    assert safe_name("../../etc/passwd") == "etcpasswd"
    assert safe_name("  ..  ") == "save"
    assert safe_name("C:\\games\\mine") == "Cgamesmine"
    assert safe_name("Août 1945 (draft), v2") == "Août 1945 (draft), v2"
    assert save_path("../x").parent == saves_dir()
    assert len(safe_name("x" * 500)) == 60


def test_the_load_list_works_with_the_keyboard_alone(driver: Driver) -> None:
    """Arrows and Home / End move, Delete asks (Esc keeps, Enter deletes), Enter opens the
    save selected, Esc goes back: the saves list needs no mouse."""
    session = start_railway(driver)
    until_human(driver)
    save_as(driver, "Kept")
    play_turn(driver)
    until_human(driver)
    save_as(driver, "Dropped")
    kept_actions = json.loads((saves_dir() / "Kept.json").read_text("utf-8"))["actions"]
    assert kept_actions != session.actions
    open_load(driver)
    saves = driver.describe()["saves"]
    driver.key(pygame.K_END)
    assert driver.describe()["selected"] == len(saves) - 1
    driver.key(pygame.K_HOME)
    assert driver.describe()["selected"] == 0
    driver.key(pygame.K_DOWN)
    driver.key(pygame.K_UP)
    assert driver.describe()["selected"] == 0

    def select(name: str) -> None:
        target = driver.describe()["saves"].index(str(saves_dir() / f"{name}.json"))
        driver.key(pygame.K_HOME)
        for _ in range(target):
            driver.key(pygame.K_DOWN)
        assert driver.describe()["selected"] == target

    select("Dropped")
    driver.key(pygame.K_DELETE)
    driver.key(pygame.K_ESCAPE)  # kept, and still in the list
    assert driver.name == "load"
    assert (saves_dir() / "Dropped.json").exists()
    driver.key(pygame.K_DELETE)
    driver.key(pygame.K_RETURN)  # confirmed
    assert not (saves_dir() / "Dropped.json").exists()
    assert driver.name == "load"
    select("Kept")
    driver.key(pygame.K_RETURN)  # opens it (its briefing first)
    assert driver.name == "briefing"
    driver.key(pygame.K_RETURN)
    assert game_scene(driver).session.actions == kept_actions
    open_load(driver)
    driver.key(pygame.K_ESCAPE)
    assert driver.name == "menu"
