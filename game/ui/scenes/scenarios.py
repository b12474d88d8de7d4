"""Choosing a scenario: the installed ones, or a scenario file opened from the disk."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pygame
import pygame_gui
from pygame_gui.elements import UIButton

from game.core.rules import FactionDef, Rules
from game.scenario.errors import ScenarioError
from game.scenario.loader import read_scenario
from game.ui import gui
from game.ui import scene as sc
from game.ui.catalog import rules_of, scenario_files
from game.ui.guide import SCENARIO as FIRST
from game.ui.i18n import N_, _
from game.ui.overview import (
    ORDER_NOTE,
    chronological,
    difficulty,
    length_text,
    short_line,
    sides_text,
)
from game.ui.theme import ACCENT, INK, INK_SOFT, RULE, faction_colour
from game.ui.widgets.block_column import Block, BlockColumn, paragraph
from game.ui.widgets.file_dialog import FilePicker
from game.ui.widgets.text import blit_text, blit_wrapped

OPEN_TIP = N_(
    "A scenario file of your own (.yaml), such as an edited copy of one of these. The file you "
    "open is the one that runs, and the game's saves name it."
)


class ScenarioScene(sc.Scene):
    """Lists each scenario in the order of history, with its length, sides and difficulty; shows
    the one chosen with its period, summary and factions; opens a scenario file."""

    name = "scenarios"

    def __init__(self, ctx: sc.Context) -> None:
        super().__init__(ctx)
        entries: list[tuple[str, Rules | None, str]] = []
        for sid in scenario_files():
            try:
                entries.append((sid, rules_of(sid), ""))
            except ScenarioError as exc:
                entries.append((sid, None, str(exc)))
        self.entries = [entries[i] for i in chronological(entries)]
        ids = [e[0] for e in self.entries]
        self.selected = ids.index(FIRST) if FIRST in ids else 0
        """The scenario shown: at first the easiest (the first game's)."""
        self.items: dict[UIButton, int] = {}
        self.picker = FilePicker(ctx, _("Open a scenario file"))
        self.error = ""
        self.column = BlockColumn()
        """The chosen scenario's panel, which scrolls a block at a time when it does not fit."""
        """Why the file last opened cannot be played (shown instead of a scenario)."""

    def build_widgets(self, root: pygame_gui.core.UIContainer) -> None:
        px = self.ctx.px
        w = self.ctx.size[0]
        self.items = {}
        for i, (sid, rules, _err) in enumerate(self.entries):
            text = rules.title if rules else _("{scenario} (cannot be loaded)").format(scenario=sid)
            button = UIButton(
                pygame.Rect(px(40), px(110) + i * px(64), int(w * 0.3), px(42)),
                text,
                self.ctx.manager,
                container=root,
                object_id="#menu_button",
                tool_tip_text=f"{rules.period}. {difficulty(rules)}" if rules else None,
            )
            gui.set_enabled(button, rules is not None)
            self.items[button] = i
        self.back = self.back_button(root)
        self.open_file_button = self.open_button(root, _("Open a scenario file…"), _(OPEN_TIP))
        self.next = self.next_button(root, _("Choose sides  →"))
        if not self.entries or self.entries[self.selected][1] is None:
            gui.set_enabled(self.next, False)
        self._mark()

    def _mark(self) -> None:
        for button, i in self.items.items():
            gui.set_selected(button, i == self.selected and not self.error)

    def _select(self, index: int) -> None:
        self.selected = index
        self.error = ""
        self.column.first = 0
        self._mark()

    def handle(self, event: pygame.event.Event) -> sc.Transition:
        path = self.picker.picked(event)
        if path is not None:
            return self.open_file(path)
        if self.picker.is_open:
            if event.type == pygame.KEYDOWN and event.key == pygame.K_ESCAPE:
                self.picker.close()
            self.picker.key(event)
            return None
        if event.type == pygame_gui.UI_BUTTON_PRESSED:
            if event.ui_element is self.back:
                return sc.Pop()
            if event.ui_element is self.next:
                return self._next()
            if event.ui_element is self.open_file_button:
                self.picker.open()
            if event.ui_element in self.items:
                self._select(self.items[event.ui_element])
        if event.type == pygame.MOUSEWHEEL and self._area().collidepoint(pygame.mouse.get_pos()):
            self.column.scroll(-event.y)
        if event.type == pygame.KEYDOWN:
            if event.key in (pygame.K_PAGEUP, pygame.K_PAGEDOWN):
                sign = -1 if event.key == pygame.K_PAGEUP else 1
                self.column.scroll(sign * self.column.page)
            if event.key == pygame.K_ESCAPE:
                return sc.Pop()
            if event.key in (pygame.K_RETURN, pygame.K_KP_ENTER):
                return self._next()
            if event.key == pygame.K_o:
                self.picker.open()
            if event.key in (pygame.K_UP, pygame.K_DOWN) and self.entries:
                step = 1 if event.key == pygame.K_DOWN else -1
                self._select((self.selected + step) % len(self.entries))
        return None

    def open_file(self, path: Path) -> sc.Transition:
        """Goes to the set-up screen of the scenario file `path`, or shows why it cannot be
        played (the loader's own message: file, line and field)."""
        try:
            rules_of(str(path))
        except (ValueError, OSError) as exc:  # a ScenarioError is a ValueError
            self.error = _("{file} cannot be played.").format(file=path.name)
            self.error += f"\n\n{_why(path, exc)}"
            self._mark()
            return None
        self.error = ""
        return sc.Push("setup", scenario=str(path.resolve()))

    def _next(self) -> sc.Transition:
        if not self.entries or self.entries[self.selected][1] is None:
            return None
        self._select(self.selected)  # the file that could not be opened is forgotten
        return sc.Push("setup", scenario=self.entries[self.selected][0])

    def hide(self) -> None:
        self.picker.close()
        super().hide()

    def teardown(self) -> None:
        self.picker.close()
        super().teardown()

    def draw(self, surface: pygame.Surface) -> None:
        fonts, px = self.ctx.fonts, self.ctx.px
        w = self.ctx.size[0]
        blit_text(
            surface, fonts.get("serif_bold", 30), _("Choose a scenario"), (px(40), px(36)), ACCENT
        )
        blit_text(surface, fonts.get("sans", 13), _(ORDER_NOTE), (px(40), px(82)), INK_SOFT)
        for button, i in self.items.items():
            rules = self.entries[i][1]
            if rules is not None:
                at = (button.rect.left + px(4), button.rect.bottom + px(2))
                line = short_line(rules)
                blit_text(surface, fonts.get("sans", 12), line, at, INK_SOFT, width=int(w * 0.3))
        area = self._area()
        if not self.entries and not self.error:
            blit_text(surface, fonts.get("sans", 15), _("No scenarios found."), (px(40), px(110)))
            return
        pygame.draw.rect(surface, (246, 240, 226), area.inflate(px(24), px(24)))
        pygame.draw.rect(surface, RULE, area.inflate(px(24), px(24)), 1)
        if self.error:
            blit_wrapped(surface, fonts.get("sans", 14), self.error, area, ACCENT)
            return
        _sid, rules, err = self.entries[self.selected]
        if rules is None:
            blit_wrapped(surface, fonts.get("sans", 14), err, area, ACCENT)
            return
        blocks = scenario_blocks(self.ctx, rules, area)
        self.column.draw(surface, area, blocks, fonts.get("sans", 12))

    def _area(self) -> pygame.Rect:
        """Returns where the chosen scenario is described (right of the list)."""
        px = self.ctx.px
        w, h = self.ctx.size
        x = px(60) + int(w * 0.3)
        return pygame.Rect(x, px(110), w - x - px(40), h - px(200))

    def describe(self) -> dict[str, Any]:
        return {
            "scene": self.name,
            "scenarios": [e[0] for e in self.entries],
            "selected": self.entries[self.selected][0] if self.entries else "",
            "lines": [short_line(e[1]) if e[1] else "" for e in self.entries],
            "details": _details(self.entries[self.selected][1]) if self.entries else [],
            "error": self.error,
            "panel": {"first": self.column.first, "shown": list(self.column.shown)},
        }


def _details(rules: Rules | None) -> list[str]:
    """Returns the lines on a scenario's length, sides and difficulty."""
    if rules is None:
        return []
    return [
        _("Length: {length}").format(length=length_text(rules)),
        _("Sides: {sides}").format(sides=sides_text(rules).partition(": ")[2]),
        _("Difficulty: {difficulty}").format(difficulty=difficulty(rules)),
    ]


def _why(path: Path, exc: Exception) -> str:
    """Returns the loader's message, with a hint when the file is a variant, not a scenario."""
    try:
        data = read_scenario(path)[0]
    except ScenarioError:
        data = {}
    if "variant" in data and "changes" in data:
        hint = _(
            "It is a variant file: choose the scenario it changes, then "
            "“Open a variant file…” on the next screen."
        )
        return f"{hint}\n\n{exc}"
    return str(exc)


def scenario_blocks(ctx: sc.Context, rules: Rules, area: pygame.Rect) -> list[Block]:
    """Returns the blocks of a scenario's panel: title, period, summary, sides and details (they
    scroll a block at a time where the window is short or the text large)."""
    fonts, px = ctx.fonts, ctx.px
    col = (area.left, area.width)
    blocks = [
        paragraph("title", fonts.get("serif_bold", 24), rules.title, col, INK),
        paragraph("period", fonts.get("serif_italic", 16), rules.period, col, INK_SOFT, px(10)),
        paragraph("summary", fonts.get("serif", 15), rules.summary, col, INK, px(14)),
    ]
    head = fonts.get("serif_bold", 16)
    blocks.append(
        Block("sides", px(28), lambda s, y: _blit(s, head, _("The sides"), (area.left, y)))
    )
    name_font, leader_font = fonts.get("sans_bold", 14), fonts.get("sans", 13)
    indent = (area.left + px(22), area.width - px(22))
    for f in rules.factions:
        last = f.index == len(rules.factions) - 1
        leader = paragraph("", leader_font, f.leader, indent, INK_SOFT, px(14 if last else 6))

        def paint(s: pygame.Surface, y: int, f: FactionDef = f, leader: Block = leader) -> None:
            colour = faction_colour(f.id, f.index)
            pygame.draw.rect(s, colour, pygame.Rect(area.left, y + px(3), px(14), px(14)))
            _blit(s, name_font, f.name, (area.left + px(22), y))
            leader.paint(s, y + px(20))

        blocks.append(Block(f"side:{f.id}", px(20) + leader.height, paint))
    small = fonts.get("sans", 13)
    for n, line in enumerate(_details(rules)):
        blocks.append(paragraph(f"detail:{n}", small, line, col, INK, px(2)))
    return blocks


def _blit(surface: pygame.Surface, font: pygame.font.Font, text: str, at: tuple[int, int]) -> None:
    blit_text(surface, font, text, at, INK)
