"""The debrief's left column on its first page: each side's score and level against its par, what
par means, the distance from history and the key figures beside history's, as blocks of a
`BlockColumn` (it scrolls a block at a time when the window is short or the text large)."""

from __future__ import annotations

from collections.abc import Callable, Mapping

import pygame

from game.core.rules import FactionDef
from game.core.victory import Verdict
from game.ui.chronicle import figure_rows
from game.ui.i18n import _
from game.ui.session import Session
from game.ui.theme import ACCENT, BAD, GOOD, INK, INK_SOFT, Colour, Fonts, faction_colour
from game.ui.widgets.block_column import Block, paragraph
from game.ui.widgets.text import blit_text, blit_wrapped, wrap


def level_text(verdict: Verdict) -> str:
    """Returns a side's line under its score: `marginal victory: +7 against par 63.5`."""
    return _("{level}: {margin} against par {par}").format(
        level=verdict.level.value, margin=verdict.margin_text(), par=f"{verdict.par:g}"
    )


def level_colour(verdict: Verdict) -> Colour:
    """Returns the colour of a level: blue for a victory, orange for a defeat (Okabe–Ito)."""
    rank = verdict.level.rank
    return GOOD if rank > 0 else (BAD if rank < 0 else INK)


class _Builder:
    """Makes the blocks of a column `width` pixels wide whose left edge is at `left`."""

    def __init__(self, fonts: Fonts, px: Callable[[float], int], left: int, width: int) -> None:
        self.fonts, self.px, self.left, self.width = fonts, px, left, width
        self.blocks: list[Block] = []

    def add(self, key: str, height: int, paint: Callable[[pygame.Surface, int], None]) -> None:
        self.blocks.append(Block(key, height, paint))

    def para(self, key: str, text: str, font: pygame.font.Font, after: int) -> None:
        """A wrapped paragraph in soft ink, every line of it."""
        self.blocks.append(paragraph(key, font, text, (self.left, self.width), INK_SOFT, after))


def score_blocks(
    session: Session,
    scores: Mapping[str, float],
    verdicts: Mapping[str, Verdict],
    fonts: Fonts,
    px: Callable[[float], int],
    column: pygame.Rect,
) -> list[Block]:
    """Returns the left column's blocks, top to bottom, for a column at `column` (its height is
    the scroll view's, not used here)."""
    rules = session.rules
    b = _Builder(fonts, px, column.left, column.width)
    left, right = column.left, column.right
    head = fonts.get("serif_bold", 16)
    bold = fonts.get("sans_bold", 14)
    small = fonts.get("sans", 12)

    def paint_head(s: pygame.Surface, y: int) -> None:
        blit_text(s, head, _("Scores"), (left, y), INK)

    b.add("scores", px(28), paint_head)
    for f in rules.factions:
        _side(b, f, f"{f.name} ({session.seats[f.index]})", scores, verdicts.get(f.id))
    margins = rules.victory
    if verdicts and margins is not None:
        par = _(
            "Par: what the historical path (every side as in history, same seed) "
            "scored for that side; the level is the score's margin over it, in {unit}."
        ).format(unit=margins.unit)
        b.para("par", par, small, px(10))
    distance = f"{session.game.distance(session.state):.2f}"
    note = paragraph(
        "",
        small,
        _(
            "0 means the game followed history's dates and figures; each term "
            "counts how far one fact moved."
        ),
        (left, column.width),
        INK_SOFT,
        px(12),
    )

    def paint_distance(s: pygame.Surface, y: int) -> None:
        blit_text(s, head, _("Distance from history"), (left, y), INK)
        blit_text(s, bold, distance, (right, y), ACCENT, align="right")
        note.paint(s, y + px(22))

    b.add("distance", px(22) + note.height, paint_distance)  # the heading with its note
    rows = figure_rows(session)
    if rows:
        _figures(b, rows)
    return b.blocks


def _side(
    b: _Builder,
    f: FactionDef,
    name: str,
    scores: Mapping[str, float],
    verdict: Verdict | None,
) -> None:
    """A side: its colour, name and seat, score, and level against its par (wrapped lines)."""
    fonts, px, left, width = b.fonts, b.px, b.left, b.width
    body = fonts.get("sans", 14)
    bold = fonts.get("sans_bold", 14)
    level_font = fonts.get("sans_bold", 12)
    score = f"{scores.get(f.id, 0.0):g}"
    name_lines = wrap(body, name, width - px(30) - bold.size(score)[0])
    level = level_text(verdict) if verdict is not None else ""
    level_lines = wrap(level_font, level, width - px(22)) if level else []
    name_h = px(24) + (len(name_lines) - 1) * body.get_linesize()
    level_h = len(level_lines) * level_font.get_linesize()

    def paint(s: pygame.Surface, y: int) -> None:
        colour = faction_colour(f.id, f.index)
        pygame.draw.rect(s, colour, pygame.Rect(left, y + px(3), px(14), px(14)))
        for n, line in enumerate(name_lines):
            blit_text(s, body, line, (left + px(22), y + n * body.get_linesize()), INK)
        blit_text(s, bold, score, (left + width, y), INK, align="right")
        if verdict is not None:
            rect = pygame.Rect(left + px(22), y + name_h - px(4), width - px(22), level_h)
            blit_wrapped(s, level_font, level, rect, level_colour(verdict))

    b.add(f"score:{f.id}", name_h + (level_h + px(2) if level_h else 0), paint)


def _figures(b: _Builder, rows: list[tuple[str, str, str]]) -> None:
    """The key figures: a heading, then one block per figure (a long label wraps)."""
    fonts, px, left, width = b.fonts, b.px, b.left, b.width
    right = left + width
    head = fonts.get("serif_bold", 16)
    small = fonts.get("sans", 12)
    value_font = fonts.get("sans_bold", 12)
    step = max(px(16), small.get_linesize())

    def paint_head(s: pygame.Surface, y: int) -> None:
        blit_text(s, head, _("Key figures"), (left, y), INK)
        blit_text(s, small, _("this game / history"), (right, y + px(4)), INK_SOFT, align="right")

    b.add("figures", px(26), paint_head)
    for label, mine, theirs in rows:
        value = f"{mine} / {theirs}"
        value_lines = [value]
        if value_font.size(value)[0] > width * 3 // 5:  # two lines: this game's, history's
            value_lines = [f"{mine} /", theirs]
        value_w = max(value_font.size(v)[0] for v in value_lines)
        lines = wrap(small, label, width - value_w - px(8))
        height = max(len(lines), len(value_lines)) * step + px(4)

        def paint(
            s: pygame.Surface, y: int, lines: list[str] = lines, values: list[str] = value_lines
        ) -> None:
            for n, line in enumerate(lines):
                blit_text(s, small, line, (left, y + n * step), INK)
            for n, line in enumerate(values):
                blit_text(s, value_font, line, (right, y + n * step), INK, align="right")

        b.add(f"figure:{label}", height, paint)
