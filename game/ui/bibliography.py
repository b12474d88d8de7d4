"""The sources the scenarios cite, shipped with the game (issue 15, item 5).

The list of sources is `game.scenario.bibliography` (the command line's exercise packs print it
too); this module makes it the window's.

The scenarios cite their sources in a short form (`[001 L26]`, `[003 ¶51]`, `FRUS 1933 doc. 448`,
`Time, 5 Mar 1934`, `FACTS §2`); until now those keys were explained only in a fact sheet kept
outside the repository. `PROJECT_SOURCES` lists them here, written from that sheet's source
table and its lists of public pages, so the bibliography screen (and `docs/sources.md`, which
`sources_markdown` writes and a test keeps equal) needs no file from outside the game.

Citations become links (`cite_html`); a click on one opens the bibliography with the sources it
names marked (`cited_ids`).
"""

from __future__ import annotations

import functools
from pathlib import Path
from typing import Any

from game.core.rules import Rules
from game.scenario.bibliography import (
    PROJECT_SOURCES,
    SourceNote,
    cited_ids,
    sources_markdown,
)
from game.scenario.loader import read_scenario, source_for
from game.ui.catalog import scenario_files
from game.ui.theme import html_colour
from game.ui.widgets.text import esc

__all__ = [
    "PROJECT_SOURCES",
    "SourceNote",
    "cite_html",
    "cited_ids",
    "cited_in",
    "link_cite",
    "rules_shown",
    "scenario_sources",
    "sources_markdown",
]

CITE_LINK = "cite:"
"""The start of a citation's link in pygame_gui HTML (`cite:[001 L26]`)."""

CITE_COLOUR = "#6B5A48"
"""A citation's colour in the chronicles (INK_SOFT)."""


def cite_html(cite: str, colour: str = CITE_COLOUR) -> str:
    """Returns a citation as pygame_gui HTML: in italics, and a link to the bibliography."""
    text = esc(cite)
    href = esc(CITE_LINK + cite).replace("'", "&#39;")
    return f"<a href='{href}'><i><font color='{html_colour(colour)}'>{text}</font></i></a>"


def link_cite(href: str) -> str | None:
    """Returns the citation a link names (`cite:[001 L26]` → `[001 L26]`), or None for
    another link."""
    return href.removeprefix(CITE_LINK) if href.startswith(CITE_LINK) else None


def cited_in(event: object) -> str | None:
    """Returns the citation of a clicked citation link (a pygame_gui link event), else None."""
    import pygame_gui

    if getattr(event, "type", None) != pygame_gui.UI_TEXT_BOX_LINK_CLICKED:
        return None
    return link_cite(str(getattr(event, "link_target", "")))


def rules_shown(scene: object) -> Rules | None:
    """Returns the rules of the game a scene shows (its session's, or its own `rules`), if any:
    the bibliography then lists that scenario's own sources too."""
    session = getattr(scene, "session", None)
    rules = getattr(session, "rules", None) or getattr(scene, "rules", None)
    return rules if isinstance(rules, Rules) else None


def scenario_sources(rules: Rules) -> list[tuple[str, str]]:
    """Returns the scenario's own `sources:` list as (id, title), read from its file (the
    compiled rules do not keep it); empty if the file cannot be read."""
    src = source_for(rules)
    path = src.scenario_file if src is not None else None
    if path is None:
        found = scenario_files().get(rules.id)
        path = None if found is None else str(found)
    return [] if path is None else list(_sources_in(path))


@functools.cache
def _sources_in(path: str) -> tuple[tuple[str, str], ...]:
    try:
        data, _ = read_scenario(Path(path))
    except (OSError, ValueError):
        return ()
    items: Any = data.get("sources", []) if isinstance(data, dict) else []
    return tuple(
        (str(item.get("id", "")), str(item.get("title", "")))
        for item in items
        if isinstance(item, dict)
    )
