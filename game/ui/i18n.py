"""The window's words through gettext: `_()`, `ngettext()` and `N_()` (issue 15, item 9).

Catalogues ship with the assets (`shipped_dir("assets") / "locale"`), one per language as
`<lang>/LC_MESSAGES/amur.mo`, compiled from the `.po` beside it by `make i18n` (Babel extracts
the strings of `game/ui` into `assets/locale/amur.pot`; `babel.cfg` says which files). Scenario
texts are not here: they stay in the scenario files.

The language is the settings' `language` if set, else the environment's (`LANGUAGE`, `LC_ALL`,
`LC_MESSAGES`, `LANG`, as GNU gettext reads them), else English. A language without a catalogue
falls back to the source strings, which are English, without an error.

`_` and `ngettext` look the current catalogue up on every call, so `install` switches the
language of everything drawn after it. Strings kept in module constants are marked with `N_`
(extracted, not translated at import) and translated where they are shown: `_(CONST)`.
"""

from __future__ import annotations

import gettext
import os
from pathlib import Path

from game.shipped import shipped_dir

DOMAIN = "amur"
"""The catalogues' file name (`amur.po`, `amur.mo`, `amur.pot`)."""
DEFAULT = "en"
"""The language of the source strings."""

_current: gettext.NullTranslations = gettext.NullTranslations()
_language = DEFAULT


def locale_dir() -> Path:
    """Returns the folder of the catalogues shipped with the game."""
    return shipped_dir("assets") / "locale"


def environment_languages() -> list[str]:
    """Returns the languages the environment asks for, most wanted first (GNU gettext's
    order: `LANGUAGE` is a colon-separated list, then `LC_ALL`, `LC_MESSAGES`, `LANG`)."""
    for name in ("LANGUAGE", "LC_ALL", "LC_MESSAGES", "LANG"):
        value = os.environ.get(name, "")
        if value:
            langs = [v.split(".")[0].split("@")[0] for v in value.split(":")]
            return [lang for lang in langs if lang and lang not in ("C", "POSIX")]
    return []


NAMES = {
    "de": "Deutsch",
    "en": "English",
    "es": "Español",
    "fr": "Français",
    "it": "Italiano",
    "ja": "日本語",
    "pl": "Polski",
    "ru": "Русский",
    "uk": "Українська",
    "zh": "中文",
}
"""Languages by their own names, for the settings; a language not named here shows its code."""


def available_languages(folder: Path | None = None) -> list[str]:
    """Returns the languages that have a compiled catalogue in `folder` (default: the shipped
    ones), sorted by code."""
    folder = folder or locale_dir()
    try:
        found = [d.name for d in folder.iterdir() if (d / "LC_MESSAGES" / f"{DOMAIN}.mo").is_file()]
    except OSError:  # no catalogues at all: the source strings only
        return [DEFAULT]
    return sorted(found) or [DEFAULT]


def language_name(code: str) -> str:
    """Returns a language's own name (`Deutsch`), or its code when it is not known here."""
    name = NAMES.get(code.split("_")[0])
    if name is None:
        return code
    return f"{name} ({code})" if "_" in code else name


def install(language: str = "", *, folder: Path | None = None) -> str:
    """Switches the window to `language` (empty: the environment's, else English) from the
    catalogues in `folder` (default: the shipped ones); returns the language found, or
    `DEFAULT` when none of those asked for has a catalogue (the source strings are shown)."""
    global _current, _language
    wanted = [language] if language else environment_languages()
    folder = folder or locale_dir()
    for lang in [*wanted, DEFAULT]:
        try:
            _current = gettext.translation(DOMAIN, str(folder), languages=[lang])
        except OSError:  # no catalogue for this language (or a damaged one): try the next
            continue
        _language = lang
        return lang
    _current, _language = gettext.NullTranslations(), DEFAULT
    return DEFAULT


def language() -> str:
    """Returns the language installed last."""
    return _language


def _(message: str) -> str:
    """Returns `message` in the window's language."""
    return _current.gettext(message)


def ngettext(singular: str, plural: str, n: int) -> str:
    """Returns the singular or plural form for `n`, in the window's language."""
    return _current.ngettext(singular, plural, n)


def N_(message: str) -> str:  # noqa: N802 - gettext's name for the marker
    """Marks `message` for extraction without translating it (module constants)."""
    return message
