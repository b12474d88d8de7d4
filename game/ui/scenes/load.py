"""Loading a saved game: the autosaves of the last games, then the named saves, newest first;
each row says the scenario, the side, the game's date and turn; a save can be deleted (after a
confirmation). Every action has its key: Up / Down, PageUp / PageDown, Enter, Delete.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pygame
import pygame_gui
from pygame_gui.elements import UIButton

from game.ui import gui
from game.ui import scene as sc
from game.ui.i18n import _
from game.ui.saves import SaveInfo, delete_save, list_saves, open_saved
from game.ui.settings import saves_dir
from game.ui.theme import ACCENT, INK, INK_SOFT, RULE
from game.ui.widgets.text import blit_text, draw_error, ellipsize


class LoadScene(sc.Scene):
    name = "load"

    def __init__(self, ctx: sc.Context) -> None:
        super().__init__(ctx)
        self.saves: list[SaveInfo] = list_saves()
        self.error = ""
        self.selected = 0
        self.first = 0
        """The first row shown (the list pages when it is longer than the window)."""
        self.confirming: SaveInfo | None = None
        """The save the player asked to delete, until they confirm or keep it."""
        self.items: dict[UIButton, Path] = {}
        """The rows' buttons and their files (a click opens the file)."""
        self.deletes: dict[UIButton, int] = {}
        self.yes: UIButton | None = None
        self.no: UIButton | None = None

    # ------------------------------------------------------------- layout

    def per_page(self) -> int:
        return max(1, (self.ctx.size[1] - self.ctx.px(230)) // self.ctx.px(56))

    def _row(self, i: int) -> pygame.Rect:
        px, w = self.ctx.px, self.ctx.size[0]
        return pygame.Rect(px(40), px(100) + (i - self.first) * px(56), w - px(80), px(50))

    def _name_width(self) -> int:
        return min(self.ctx.px(300), int(self.ctx.size[0] * 0.27))

    def build_widgets(self, root: pygame_gui.core.UIContainer) -> None:
        px = self.ctx.px
        self.items, self.deletes = {}, {}
        shown = range(self.first, min(len(self.saves), self.first + self.per_page()))
        for i in shown:
            info, row = self.saves[i], self._row(i)
            button = UIButton(
                pygame.Rect(row.left, row.top, self._name_width(), row.height),
                info.name,
                self.ctx.manager,
                container=root,
                object_id="#seat",
                tool_tip_text=str(info.path),
            )
            gui.set_selected(button, i == self.selected)
            self.items[button] = info.path
            delete = UIButton(
                pygame.Rect(row.right - px(96), row.top + px(8), px(96), px(34)),
                _("Delete"),
                self.ctx.manager,
                container=root,
                tool_tip_text=_("Delete this save (Delete key); you will be asked first"),
            )
            self.deletes[delete] = i
        self.back = self.back_button(root)
        self.yes = self.no = None
        if self.confirming is not None:
            w, h = self.ctx.size
            self.yes = UIButton(
                pygame.Rect(w - px(420), h - px(70), px(180), px(44)),
                _("Delete (Y)"),
                self.ctx.manager,
                container=root,
                object_id="#primary",
            )
            self.no = UIButton(
                pygame.Rect(w - px(220), h - px(70), px(180), px(44)),
                _("Keep (N)"),
                self.ctx.manager,
                container=root,
            )

    # ------------------------------------------------------------- input

    def handle(self, event: pygame.event.Event) -> sc.Transition:
        if self.confirming is not None:
            return self._confirm(event)
        if event.type == pygame_gui.UI_BUTTON_PRESSED:
            if event.ui_element is self.back:
                return sc.Pop()
            if event.ui_element in self.items:
                return self.load(self.items[event.ui_element])
            if event.ui_element in self.deletes:
                self.selected = self.deletes[event.ui_element]
                self._ask(self.saves[self.selected])
        if event.type == pygame.KEYDOWN:
            return self._key(event.key)
        return None

    def _key(self, key: int) -> sc.Transition:
        if key == pygame.K_ESCAPE:
            return sc.Pop()
        if not self.saves:
            return None
        moves = {
            pygame.K_UP: -1,
            pygame.K_DOWN: 1,
            pygame.K_PAGEUP: -self.per_page(),
            pygame.K_PAGEDOWN: self.per_page(),
            pygame.K_HOME: -len(self.saves),
            pygame.K_END: len(self.saves),
        }
        if key in moves:
            self.select(self.selected + moves[key])
        elif key in (pygame.K_RETURN, pygame.K_KP_ENTER):
            return self.load(self.saves[self.selected].path)
        elif key in (pygame.K_DELETE, pygame.K_d):
            self._ask(self.saves[self.selected])
        return None

    def select(self, index: int) -> None:
        """Selects a row (kept inside the list), paging the list so that it is shown."""
        self.selected = max(0, min(len(self.saves) - 1, index))
        page = self.per_page()
        if not self.first <= self.selected < self.first + page:
            self.first = self.selected - self.selected % page
        self.rebuild()

    def _ask(self, info: SaveInfo) -> None:
        self.confirming = info
        self.error = ""
        self.rebuild()

    def _confirm(self, event: pygame.event.Event) -> sc.Transition:
        yes = no = False
        if event.type == pygame_gui.UI_BUTTON_PRESSED:
            yes, no = event.ui_element is self.yes, event.ui_element is self.no
            no = no or event.ui_element is self.back
        elif event.type == pygame.KEYDOWN:
            yes = event.key in (pygame.K_y, pygame.K_RETURN, pygame.K_KP_ENTER)
            no = event.key in (pygame.K_n, pygame.K_ESCAPE)
        if yes and self.confirming is not None:
            why = delete_save(self.confirming.path)
            name = self.confirming.path.name
            self.error = (
                _("Could not delete {file}: {why}").format(file=name, why=why) if why else ""
            )
            self.saves = list_saves()
            self.selected = min(self.selected, max(0, len(self.saves) - 1))
            self.first = min(self.first, self.selected)
        if yes or no:
            self.confirming = None
            self.rebuild()
        return None

    def load(self, path: Path) -> sc.Transition:
        """Opens the game saved in `path`, or tells why it cannot be opened."""
        opened, why = open_saved(path)
        if why:
            self.error = f"{path.name}: {why}"
        return opened

    # ------------------------------------------------------------- drawing

    def draw(self, surface: pygame.Surface) -> None:
        fonts, px = self.ctx.fonts, self.ctx.px
        w, h = self.ctx.size
        blit_text(surface, fonts.get("serif_bold", 30), _("Load a game"), (px(40), px(36)), ACCENT)
        if not self.saves:
            blit_text(
                surface,
                fonts.get("sans", 15),
                _("No saved games yet."),
                (px(40), px(100)),
                INK_SOFT,
            )
        for i in range(self.first, min(len(self.saves), self.first + self.per_page())):
            self._draw_row(surface, i)
        if len(self.saves) > self.per_page():
            last = min(len(self.saves), self.first + self.per_page())
            blit_text(
                surface,
                fonts.get("sans", 13),
                _("{first}–{last} of {total}  (PageUp / PageDown)").format(
                    first=self.first + 1, last=last, total=len(self.saves)
                ),
                (w - px(340), px(60)),
                INK_SOFT,
            )
        if self.confirming is not None:
            text = _("Delete “{name}” ({file}) for good?").format(
                name=self.confirming.name, file=self.confirming.path.name
            )
            blit_text(surface, fonts.get("sans_bold", 15), text, (px(40), h - px(118)), ACCENT)
        else:
            blit_text(
                surface,
                fonts.get("sans", 12),
                _("Up / Down, Enter: open; Delete: delete. Saves are kept in {folder}").format(
                    folder=saves_dir()
                ),
                (px(220), h - px(56)),
                INK_SOFT,
                width=w - px(260),
            )
        draw_error(surface, fonts, self.error, px)

    def _draw_row(self, surface: pygame.Surface, i: int) -> None:
        fonts, px = self.ctx.fonts, self.ctx.px
        info, row = self.saves[i], self._row(i)
        left = row.left + self._name_width() + px(14)
        width = row.right - px(110) - left
        if i == self.selected:
            pygame.draw.rect(surface, ACCENT, row.inflate(px(6), px(4)), 2)
        else:
            pygame.draw.line(surface, RULE, row.bottomleft, row.bottomright, 1)
        big, small = fonts.get("sans", 14), fonts.get("sans", 12)
        if info.problem:
            first, second = _("Unreadable"), info.problem
        else:
            where = (
                _("game over")
                if info.finished
                else _("turn {turn} of {turns}").format(turn=info.turn, turns=info.turns)
            )
            day = f"{info.date.day} {info.date:%B %Y}" if info.date else "?"
            first = f"{info.scenario}  ·  {info.side}"
            second = _("{day}, {where}  ·  saved {when}").format(
                day=day, where=where, when=info.when()
            )
        colour = ACCENT if info.problem else INK
        blit_text(surface, big, ellipsize(big, first, width), (left, row.top + px(5)), colour)
        blit_text(
            surface, small, ellipsize(small, second, width), (left, row.top + px(27)), INK_SOFT
        )

    def describe(self) -> dict[str, Any]:
        return {
            "scene": self.name,
            "saves": [str(i.path) for i in self.saves],
            "rows": [i.text() for i in self.saves],
            "selected": self.selected,
            "confirming": None if self.confirming is None else str(self.confirming.path),
        }
