"""The bibliography: the scenario's own `sources:` and the project's notes on every source the
scenarios cite (`game.ui.bibliography`), the sources a clicked citation names first. Opened by
a click on any citation (the app catches the link), or from the debrief (B)."""

from __future__ import annotations

from typing import Any

import pygame
import pygame_gui
from pygame_gui.elements import UIButton, UITextBox

from game.core.rules import Rules
from game.ui import scene as sc
from game.ui.bibliography import PROJECT_SOURCES, SourceNote, cited_ids, scenario_sources
from game.ui.i18n import _
from game.ui.theme import ACCENT, INK, INK_SOFT, html_colour
from game.ui.widgets.text import blit_text, esc


class SourcesScene(sc.Scene):
    name = "sources"

    def __init__(self, ctx: sc.Context, rules: Rules | None = None, cite: str = "") -> None:
        super().__init__(ctx)
        self.rules = rules
        self.cite = cite
        """The citation clicked ("" when opened from a button)."""
        self.marked = cited_ids(cite)
        """The keys of the sources the citation names, shown first."""
        self.own = scenario_sources(rules) if rules is not None else []
        """The scenario's `sources:` (id, title)."""

    def build_widgets(self, root: pygame_gui.core.UIContainer) -> None:
        px, (w, h) = self.ctx.px, self.ctx.size
        rect = pygame.Rect(px(40), px(96), w - px(80), h - px(96) - px(86))
        self.box = UITextBox(self.html(), rect, self.ctx.manager, container=root)
        self.back = self.back_button(root)
        self.back_key: UIButton = self.back

    def html(self) -> str:
        """Returns the page as pygame_gui HTML."""
        parts: list[str] = []
        if self.cite:
            parts.append(_("<b>The citation</b> <i>{cite}</i> names:").format(cite=esc(self.cite)))
            named = [s for s in PROJECT_SOURCES if s.id in self.marked]
            parts += [_note_html(s, marked=True) for s in named]
            if not named:
                none = _("no source of the list below by its key (a note of the game).")
                parts.append(f"<i>{esc(none)}</i>")
            parts.append("")
        if self.rules is not None and self.own:
            parts.append(
                _("<b>Sources of {title}</b> (the scenario's own list)").format(
                    title=esc(self.rules.title)
                )
            )
            for sid, title in self.own:
                parts.append(f"<b>[{esc(sid)}]</b> {esc(title)}")
            parts.append("")
        parts.append(_("<b>Every source the scenarios cite</b> (the project's notes)"))
        parts += [_note_html(s, marked=s.id in self.marked) for s in PROJECT_SOURCES]
        parts.append(
            _(
                "<i>Citations: [001 L26] = source 001, line 26; [003 ¶51] = source 003, paragraph "
                "51, n. = endnote; FACTS §… = a section of the designers' fact sheet. The same "
                "list is in docs/sources.md.</i>"
            )
        )
        return "<br>".join(parts)

    def handle(self, event: pygame.event.Event) -> sc.Transition:
        if event.type == pygame_gui.UI_BUTTON_PRESSED and event.ui_element is self.back:
            return sc.Pop()
        if event.type == pygame.KEYDOWN and event.key in {pygame.K_ESCAPE, pygame.K_b}:
            return sc.Pop()
        return None

    def draw(self, surface: pygame.Surface) -> None:
        px = self.ctx.px
        blit_text(
            surface, self.ctx.fonts.get("serif_bold", 30), _("Sources"), (px(40), px(24)), ACCENT
        )
        sub = _("What the game's citations refer to")
        if self.rules is not None:
            sub += f" — {self.rules.title}"
        blit_text(
            surface,
            self.ctx.fonts.get("serif_italic", 15),
            sub,
            (px(40), px(64)),
            INK_SOFT if self.cite else INK,
            width=self.ctx.size[0] - px(80),
        )

    def describe(self) -> dict[str, Any]:
        return {
            "scene": self.name,
            "cite": self.cite,
            "marked": list(self.marked),
            "scenario_sources": [sid for sid, _ in self.own],
            "sources": [s.id for s in PROJECT_SOURCES],
            "html": self.html(),
        }


def _note_html(s: SourceNote, *, marked: bool) -> str:
    """Returns one source's entry; a source the citation names is marked."""
    head = f"<b>[{esc(s.id)}] {esc(s.title)}</b>"
    if marked:
        head = f"<font color='{html_colour('#8E2A1E')}'>► {head}</font>"
    return (
        f"{head}<br>&nbsp;&nbsp;{esc(s.author)}. {esc(s.kind)}<br>"
        f"&nbsp;&nbsp;<font color='{html_colour('#6B5A48')}'><i>{esc(s.note)}</i></font>"
    )
