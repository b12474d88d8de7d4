"""The debrief's two chronicles side by side: one row per date, this game's lines on the left
and history's on the right (with their citations, which open the bibliography), scrolled with
the wheel or PageUp/PageDown."""

from __future__ import annotations

from dataclasses import dataclass

import pygame

from game.core.rules import Rules
from game.ui.debrief_data import AlignedRow, day_text
from game.ui.i18n import _
from game.ui.theme import ACCENT, ACCENT_DARK, INK, INK_SOFT, PAPER_LIGHT, RULE, Fonts
from game.ui.widgets.text import blit_text, wrap


@dataclass(frozen=True, slots=True)
class _Laid:
    """A row laid out: its date, its lines in each column, its height."""

    when: str
    game: list[str]
    history: list[tuple[str, str]]
    """(line, citation of the item the line ends, or "")."""
    height: int


class AlignedTable:
    """The two chronicles aligned by date, laid out for a width, drawn from a scroll offset."""

    def __init__(self, rules: Rules, rows: list[AlignedRow], fonts: Fonts, width: int) -> None:
        self.font = fonts.get("sans", 12)
        self.bold = fonts.get("sans_bold", 12)
        self.cite_font = fonts.get("sans_italic", 11)
        whens = [day_text(rules, row.date) for row in rows] or ["30 Sep 1945"]
        self.date_w = max(self.bold.size(w)[0] for w in whens) + 14
        self.col_w = (width - self.date_w - 16) // 2
        self.scroll = 0
        self.hits: list[tuple[pygame.Rect, str]] = []
        """Where each citation was drawn last, and the citation (clicks open the sources)."""
        step = self.font.get_linesize()
        self.rows: list[_Laid] = []
        for row in rows:
            game = [line for text in row.game for line in wrap(self.font, "• " + text, self.col_w)]
            hist: list[tuple[str, str]] = []
            for text, cite in row.history:
                hist += [(line, "") for line in wrap(self.font, "• " + text, self.col_w)]
                if cite:
                    hist += [(line, cite) for line in wrap(self.cite_font, cite, self.col_w)]
            height = max(len(game), len(hist), 1) * step + 8
            self.rows.append(_Laid(day_text(rules, row.date), game, hist, height))
        self.total = sum(r.height for r in self.rows)

    def scroll_by(self, pixels: int, view_height: int) -> None:
        self.scroll = max(0, min(self.scroll + pixels, self.total - view_height))

    def draw(self, surface: pygame.Surface, rect: pygame.Rect) -> None:
        """Draws the headings and the rows that fall inside `rect` (below its heading line)."""
        pygame.draw.rect(surface, PAPER_LIGHT, rect)
        pygame.draw.rect(surface, RULE, rect, 1)
        head = self.bold
        x_game = rect.left + self.date_w
        x_hist = x_game + self.col_w + 16
        blit_text(surface, head, _("Date"), (rect.left + 6, rect.top + 4), INK)
        blit_text(surface, head, _("This game"), (x_game, rect.top + 4), INK)
        blit_text(surface, head, _("What actually happened"), (x_hist, rect.top + 4), INK)
        body = pygame.Rect(
            rect.left,
            rect.top + head.get_linesize() + 8,
            rect.width,
            rect.height - head.get_linesize() - 10,
        )
        pygame.draw.line(surface, RULE, (rect.left, body.top - 2), (rect.right, body.top - 2))
        self.scroll = max(0, min(self.scroll, self.total - body.height))
        old_clip = surface.get_clip()
        surface.set_clip(body)
        self.hits = []
        step = self.font.get_linesize()
        y = body.top - self.scroll
        for row in self.rows:
            if y + row.height >= body.top and y <= body.bottom:
                colour = ACCENT_DARK if row.history else INK_SOFT
                blit_text(surface, self.bold, row.when, (rect.left + 6, y + 2), colour)
                for i, line in enumerate(row.game):
                    if body.top - step < y + 2 + i * step < body.bottom:  # not wholly clipped
                        blit_text(surface, self.font, line, (x_game, y + 2 + i * step), INK)
                for i, (line, cite) in enumerate(row.history):
                    if not body.top - step < y + 2 + i * step < body.bottom:
                        continue
                    font = self.cite_font if cite else self.font
                    drawn = blit_text(
                        surface, font, line, (x_hist, y + 2 + i * step), ACCENT if cite else INK
                    )
                    if cite and body.colliderect(drawn):
                        self.hits.append((drawn.clip(body), cite))
                pygame.draw.line(
                    surface,
                    (225, 215, 190),
                    (rect.left + 4, y + row.height - 3),
                    (rect.right - 4, y + row.height - 3),
                )
            y += row.height
        surface.set_clip(old_clip)
        if self.total > body.height:
            frac = body.height / self.total
            bar_h = max(20, int(body.height * frac))
            top = body.top + int((body.height - bar_h) * self.scroll / (self.total - body.height))
            pygame.draw.rect(surface, RULE, pygame.Rect(rect.right - 6, top, 4, bar_h))

    def cite_at(self, pos: tuple[int, int]) -> str | None:
        """Returns the citation drawn under `pos`, if any."""
        return next((cite for r, cite in self.hits if r.collidepoint(pos)), None)
