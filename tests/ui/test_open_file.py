"""Issue 11 at the window: a scenario or variant file opened from the disk is the one that runs,
its errors are shown as the loader words them, and saves played from it open again only from
the same file, unchanged."""

from __future__ import annotations

import hashlib
import json
from pathlib import Path

import pygame
import pygame_gui
import pytest

from game.core.state import OVER
from game.sim.record import load_record, replay
from game.ui import scene as sc
from game.ui.saves import list_saves, save_game
from game.ui.scenes.debrief import DebriefScene
from game.ui.scenes.menu import MainMenu
from game.ui.scenes.play import GameScene
from game.ui.session import Session
from tests.trust.test_sources import edited_copy
from tests.ui.driver import Driver
from tests.ui.helpers import game_scene

CALM = (
    "variant: calm_army\nscenario: railway-sale\ntitle: A calm army\n"
    "question: What if the army had no say?\n"
    "changes:\n  - {set: tracks.army_influence.initial, value: 0}\n"
)


def pick(d: Driver, path: Path) -> None:
    """Chooses `path` in the file dialog the top scene has open, as pygame_gui reports it (an
    event from the dialog, which then closes)."""
    picker = d.scene.picker  # type: ignore[attr-defined]
    assert picker.is_open
    dialog = picker.dialog
    pygame.event.post(
        pygame.event.Event(
            pygame_gui.UI_FILE_DIALOG_PATH_PICKED,
            text=str(path),
            ui_element=dialog,
            ui_object_id="#file_dialog",
        )
    )
    dialog.kill()
    d.frames(3)


def start_from(d: Driver, scenario: Path) -> Session:
    """From the main menu, opens the scenario file and starts its game (AIs on both sides).

    The window gives the AIs a few milliseconds of each frame, so on a quick frame two
    historical AIs may play the whole game during the click's frames: the game then shows its
    debrief, whose session is the same game."""
    d.press("New game")
    d.press("Open a scenario file")
    pick(d, scenario)
    assert d.name == "setup", d.describe()
    for button, (_f, kind) in d.scene.seat_buttons.items():  # type: ignore[attr-defined]
        if kind == "historical":
            d.click(button)
    d.press("Start the game")
    shown = d.app.stack[0] if d.app.stack else None
    if isinstance(shown, DebriefScene):
        assert shown.session.is_over()
        return shown.session
    return game_scene(d).session


def test_a_scenario_file_picked_in_the_dialog_runs_and_its_saves_name_it(
    driver: Driver, tmp_path: Path
) -> None:
    copy = edited_copy(tmp_path)
    driver.press("New game")
    driver.app.ctx.folder = tmp_path
    driver.press("Open a scenario file")
    dialog = driver.scene.picker.dialog  # type: ignore[attr-defined]
    assert dialog.allowed_suffixes == {".yaml", ".yml"}
    assert dialog.allow_existing_files_only
    assert not dialog.delete_button.visible  # a dialog that opens files never deletes one
    driver.press("my_railway.yaml")  # clicked through the dialog, as a player would
    driver.click(dialog.ok_button)
    described = driver.describe()
    assert described["scene"] == "setup"
    assert described["title"] == "The Railway Sale (edited)"
    assert described["file"] == str(copy.resolve())
    driver.press("Start the game")
    session = game_scene(driver).session
    assert session.rules.max_orders == 1  # the edited file's rule, not the installed one's
    sha = hashlib.sha256(copy.read_bytes()).hexdigest()
    message, _ = save_game(session)
    saved = next((tmp_path / "data" / "saves").glob("*.json"))
    assert message == f"Saved as “{saved.stem}”"
    source = json.loads(saved.read_text(encoding="utf-8"))["source"]
    assert source == {"scenario_file": str(copy.resolve()), "scenario_sha256": sha}
    session.autosave()
    session.wait_saved()
    assert session.autosave_path is not None
    assert load_record(session.autosave_path).source == load_record(saved).source


BROKEN = [
    # (what is wrong, text replaced, its replacement, where and what the error names)
    ("bad value", "initial: 35", 'initial: "high"', "{line}: tracks[14].initial"),
    ("bad YAML", "title: The Railway Sale", "title: [The Railway", "{next}: YAML syntax"),
]


@pytest.mark.parametrize(("fault", "old", "new", "names"), BROKEN, ids=[b[0] for b in BROKEN])
def test_a_broken_scenario_file_shows_the_loaders_error_and_the_chooser_stays(
    driver: Driver, tmp_path: Path, fault: str, old: str, new: str, names: str
) -> None:
    text = edited_copy(tmp_path).read_text(encoding="utf-8").replace(old, new, 1)
    broken = tmp_path / "broken.yaml"
    broken.write_text(text, encoding="utf-8")
    line = next(i for i, row in enumerate(text.splitlines(), 1) if new in row)
    driver.press("New game")
    driver.press("Open a scenario file")
    pick(driver, broken)
    assert driver.name == "scenarios"
    error = driver.describe()["error"]
    assert error.startswith("broken.yaml cannot be played.")
    # file:line: field: message, as `validate` prints it
    assert f"{broken}:{names.format(line=line, next=line + 1)}" in error
    driver.frames(3)  # drawn without a crash
    driver.press("The Railway Sale")  # choosing an installed scenario clears it
    assert driver.describe()["error"] == ""


def test_a_variant_file_opened_as_a_scenario_says_what_it_is(
    driver: Driver, tmp_path: Path
) -> None:
    variant = tmp_path / "calm.yaml"
    variant.write_text(CALM, encoding="utf-8")
    driver.press("New game")
    driver.press("Open a scenario file")
    pick(driver, variant)
    assert driver.name == "scenarios"
    assert "It is a variant file" in driver.describe()["error"]


def test_a_variant_file_changes_the_chosen_scenario(driver: Driver, tmp_path: Path) -> None:
    variant = tmp_path / "calm.yaml"
    variant.write_text(CALM, encoding="utf-8")
    driver.press("New game")
    driver.press("The Railway Sale")
    driver.press("Choose sides")
    driver.key(pygame.K_o)
    pick(driver, variant)
    described = driver.describe()
    assert described["variant"] == str(variant.resolve())
    assert described["variants"][-1] == "A calm army (file)"
    driver.press("Start the game")
    session = game_scene(driver).session
    assert session.rules.variant == "calm_army"
    source = session.record().source
    assert source is not None
    assert source.scenario_file is None  # the installed scenario, by its id
    assert source.variant_file == str(variant.resolve())


def test_a_broken_variant_file_shows_its_error_and_the_setup_stays(
    driver: Driver, tmp_path: Path
) -> None:
    variant = tmp_path / "calm.yaml"
    variant.write_text(CALM.replace("army_influence", "army_influense"), encoding="utf-8")
    driver.press("New game")
    driver.press("The Railway Sale")
    driver.press("Choose sides")
    driver.press("Open a variant file")
    pick(driver, variant)
    described = driver.describe()
    assert described["scene"] == "setup"
    assert described["variant"] is None
    line = CALM.splitlines().index("  - {set: tracks.army_influence.initial, value: 0}") + 1
    assert f"{variant}:{line}: changes[0]" in described["error"]
    assert "army_influense" in described["error"]
    driver.frames(3)
    driver.press("Start the game")  # history, since the variant was not taken
    assert game_scene(driver).session.rules.variant is None


def _load_screen(d: Driver) -> dict[Path, str]:
    d.app._apply(sc.Reset(MainMenu(d.app.ctx)))
    d.frames(2)
    d.press("Load game")
    assert d.name == "load"
    return {str(p): row for p, row in zip(d.describe()["saves"], d.describe()["rows"], strict=True)}


def test_a_save_played_from_a_file_opens_only_while_the_file_is_unchanged(
    driver: Driver, tmp_path: Path
) -> None:
    copy = edited_copy(tmp_path)
    session = start_from(driver, copy)
    driver.until(lambda: len(session.actions) > 6)
    save_game(session)
    saved = next((tmp_path / "data" / "saves").glob("*.json"))
    record = load_record(saved)
    over = replay(record, scenario_file=copy).phase == OVER

    shown = _load_screen(driver)[str(saved)]
    assert "The Railway Sale (edited) from my_railway.yaml" in shown
    button = next(b for b, p in driver.scene.items.items() if p == saved)  # type: ignore[attr-defined]
    driver.click(button)
    # Both sides are AIs and play on while the test saves and after the save is opened: a
    # finished game opens on its debrief, an unfinished one on the game screen, which the AIs
    # may already have played to its end (and so to the debrief).
    opened = driver.app.stack[0]
    assert isinstance(opened, DebriefScene if over else (GameScene, DebriefScene)), driver.name
    again = opened.session
    assert again.rules.max_orders == 1
    assert again.actions[: len(record.actions)] == list(record.actions)

    copy.write_text(copy.read_text(encoding="utf-8") + "\n# edited\n", encoding="utf-8")
    shown = _load_screen(driver)[str(saved)]
    assert "unreadable: my_railway.yaml: scenario file changed" in shown
    driver.scene.load(saved)  # type: ignore[attr-defined]
    assert driver.name == "load"
    assert "has changed since the game was played" in driver.scene.error  # type: ignore[attr-defined]

    copy.unlink()
    shown = _load_screen(driver)[str(saved)]
    assert "unreadable: my_railway.yaml: scenario file missing" in shown
    driver.scene.load(saved)  # type: ignore[attr-defined]
    driver.frames(2)
    assert driver.name == "load"
    assert str(copy.resolve()) in driver.scene.error  # type: ignore[attr-defined]
    assert "is missing" in driver.scene.error  # type: ignore[attr-defined]
    assert any("scenario file missing" in info.text() for info in list_saves())


def test_the_file_dialog_works_with_the_keyboard_alone(driver: Driver, tmp_path: Path) -> None:
    """Up / Down highlight a row, Enter opens a folder or picks a file, Backspace goes up a
    folder, Esc closes the dialog: a scenario file is opened without the mouse."""
    folder = tmp_path / "files"
    (folder / "sub").mkdir(parents=True)
    copy = edited_copy(folder / "sub")
    (folder / "sub" / "notes.txt").write_text("not a scenario", encoding="utf-8")
    driver.key(pygame.K_n)
    assert driver.name == "scenarios"
    driver.app.ctx.folder = folder
    driver.key(pygame.K_o)
    picker = driver.scene.picker  # type: ignore[attr-defined]
    assert picker.is_open
    driver.key(pygame.K_ESCAPE)  # closes the dialog, not the chooser
    assert not picker.is_open
    assert driver.name == "scenarios"
    driver.key(pygame.K_o)
    dialog = picker.dialog

    def rows() -> list[tuple[str, bool]]:
        return [(i["text"], i["selected"]) for i in dialog.file_selection_list.item_list]

    assert rows() == [("sub", False)]
    driver.key(pygame.K_DOWN)
    assert rows() == [("sub", True)]
    driver.key(pygame.K_RETURN)  # into the folder
    assert Path(dialog.current_directory_path) == (folder / "sub").resolve()
    assert rows() == [("my_railway.yaml", False)]  # only scenario files are listed
    driver.key(pygame.K_BACKSPACE)  # up again
    assert Path(dialog.current_directory_path) == folder.resolve()
    driver.key(pygame.K_END)
    driver.key(pygame.K_RETURN)
    driver.key(pygame.K_HOME)
    assert rows() == [("my_railway.yaml", True)]
    assert dialog.ok_button.is_enabled
    driver.key(pygame.K_RETURN)  # picks the file
    described = driver.describe()
    assert described["scene"] == "setup"
    assert described["file"] == str(copy.resolve())
