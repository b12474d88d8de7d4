"""The window's words go through gettext (issue 15, item 9; `game.ui.i18n`).

The committed catalogue holds every string the code marks (Babel's extractor run here, against
`assets/locale/amur.pot`: a string added without `make i18n` fails), the English catalogue is
complete and compiled, a language without a catalogue falls back to the source strings, and a
pseudo-language built here (every string in brackets) shows in the real window.
"""

from __future__ import annotations

import gettext
from collections.abc import Iterator
from dataclasses import replace
from pathlib import Path

import pytest
from babel.messages.catalog import Catalog
from babel.messages.extract import extract_from_dir
from babel.messages.mofile import write_mo
from babel.messages.pofile import read_po

from game.ui import i18n
from game.ui.settings import Settings, load_settings, save_settings
from tests.ui.driver import Driver

REPO = Path(__file__).resolve().parents[2]
LOCALE = REPO / "assets" / "locale"
POT = LOCALE / "amur.pot"
EN = LOCALE / "en" / "LC_MESSAGES"


def _read(path: Path, locale: str | None = None) -> Catalog:
    with path.open("rb") as f:
        return read_po(f, locale=locale)


def _ids(catalog: Catalog) -> set[str | tuple[str, ...]]:
    return {m.id for m in catalog if m.id}


def _marked() -> set[str | tuple[str, ...]]:
    """Returns the strings marked in game/ui, as `make i18n` extracts them (babel.cfg)."""
    found = extract_from_dir(str(REPO / "game" / "ui"), method_map=[("**.py", "python")])
    return {message for _file, _line, message, _comments, _context in found}


@pytest.fixture
def english() -> Iterator[None]:
    """Puts the window back in English after a test that changes its language."""
    yield
    i18n.install(i18n.DEFAULT)


def test_the_catalogue_holds_every_marked_string() -> None:
    marked = _marked()
    assert len(marked) > 100
    template = _ids(_read(POT))
    missing = sorted(map(str, marked - template))
    assert not missing, f"strings not in amur.pot (run `make i18n`): {missing[:10]}"
    stale = sorted(map(str, template - marked))
    assert not stale, f"amur.pot has strings the code no longer marks (`make i18n`): {stale[:10]}"


def test_the_english_catalogue_is_complete_and_compiled() -> None:
    english = _read(EN / "amur.po", "en")
    assert _ids(english) == _ids(_read(POT))
    for message in english:
        if message.id:
            assert message.string == message.id, message.id
            assert "fuzzy" not in message.flags, message.id
    with (EN / "amur.mo").open("rb") as f:
        compiled = gettext.GNUTranslations(f)
    for message in english:
        if message.id and isinstance(message.id, str):
            assert compiled.gettext(message.id) == message.id


def test_english_by_default_and_a_missing_catalogue_falls_back(
    english: None, monkeypatch: pytest.MonkeyPatch
) -> None:
    for name in ("LANGUAGE", "LC_ALL", "LC_MESSAGES", "LANG"):
        monkeypatch.delenv(name, raising=False)
    assert i18n.install() == "en"
    assert i18n.install("xx") == "en"  # no catalogue: the source strings, no error
    assert i18n._("New game") == "New game"
    assert i18n.ngettext("{n} turn", "{n} turns", 2) == "{n} turns"
    monkeypatch.setenv("LANG", "C.UTF-8")
    assert i18n.environment_languages() == []
    monkeypatch.setenv("LANGUAGE", "xx:en_GB")
    assert i18n.environment_languages() == ["xx", "en_GB"]
    assert i18n.install() == "en_GB"  # gettext finds en for en_GB
    assert i18n.install(folder=Path("/nonexistent")) == "en"
    assert i18n._("New game") == "New game"


def _pseudo_locale(folder: Path, lang: str = "xx") -> None:
    """Writes a catalogue for `lang` that brackets every string of amur.pot (format fields
    such as `{side}` are kept, so `.format` still fills them)."""
    template = _read(POT)
    catalog = Catalog(locale="en", domain=i18n.DOMAIN)
    for message in template:
        if not message.id:
            continue
        if isinstance(message.id, tuple):
            catalog.add(message.id, tuple(f"[{s}]" for s in message.id))
        else:
            catalog.add(message.id, f"[{message.id}]")
    target = folder / lang / "LC_MESSAGES"
    target.mkdir(parents=True)
    with (target / f"{i18n.DOMAIN}.mo").open("wb") as f:
        write_mo(f, catalog)


def test_the_window_shows_a_language_from_its_catalogue(
    english: None, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    _pseudo_locale(tmp_path / "locale")
    monkeypatch.setattr(i18n, "locale_dir", lambda: tmp_path / "locale")
    driver = Driver(Settings(sound=False, language="xx"))
    try:
        assert i18n.language() == "xx"
        buttons = driver.describe()["buttons"]
        assert "[New game]" in buttons
        assert "[How to play]" in buttons
        new_game = driver.button("[New game]")
        assert new_game.tool_tip_text == "[Key: {key}]".format(key="N")
        driver.press("[How to play]")
        assert driver.name == "help"
        driver.press("[Back (Esc)]")
        driver.press("[First game (guided)]")  # the game screen, its guide and orders column
        assert driver.name == "briefing"
        driver.press("[Begin]")
        assert driver.name == "game"
        assert driver.button("[End turn]").visible
        assert driver.button("[Skip guide (Esc)]").visible
        assert (
            driver.button("[Menu]").tool_tip_text
            == "[Pause menu: save, load, settings, quit (Esc)]"
        )
        driver.app.apply_settings(replace(driver.app.settings, language="en"))  # rebuilt
        driver.frames(2)
        assert i18n.language() == "en"
        assert driver.button("End turn").visible
    finally:
        driver.close()


def test_the_language_setting_is_kept(english: None) -> None:
    save_settings(Settings(language="de"))
    assert load_settings().language == "de"
    save_settings(Settings(language="../../etc"))
    assert load_settings().language == ""


def test_the_settings_offer_the_catalogued_languages_and_switch_the_window(
    english: None, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """The settings list "System default" and each language with a compiled catalogue (here
    English and the pseudo-language built by the test, never shipped); choosing one and
    applying rebuilds the window in it, and the default goes back to the environment's."""
    assert i18n.available_languages() == ["en"]  # what ships: English only
    locale = tmp_path / "locale"
    _pseudo_locale(locale)
    english_dir = locale / "en" / "LC_MESSAGES"
    english_dir.mkdir(parents=True)
    (english_dir / "amur.mo").write_bytes((EN / "amur.mo").read_bytes())
    (locale / "yy" / "LC_MESSAGES").mkdir(parents=True)  # a folder without a catalogue
    monkeypatch.setattr(i18n, "locale_dir", lambda: locale)
    assert i18n.available_languages() == ["en", "xx"]
    d = Driver(Settings(sound=False))
    try:
        d.press("Settings")
        choices = {value for key, value in d.scene.choices.values() if key == "language"}  # type: ignore[attr-defined]
        assert choices == {"", "en", "xx"}
        assert d.button("System default").visible
        assert d.button("English").visible
        d.press("xx")
        d.press("Apply and save")
        assert d.app.settings.language == "xx"
        assert i18n.language() == "xx"
        assert d.name == "menu"
        assert "[New game]" in d.describe()["buttons"]
        d.press("[Settings]")
        d.press("[System default]")
        d.press("[Apply and save]")
        assert d.app.settings.language == ""
        assert i18n.language() == "en"  # LANGUAGE=en (conftest)
        assert "New game" in d.describe()["buttons"]
    finally:
        d.close()
