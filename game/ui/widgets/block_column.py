"""A column of blocks that scrolls a whole block at a time (the debrief's scores and figures).

A block is drawn whole or not at all, so no line is ever cut at the column's edge, and nothing is
dropped: a marker says how many blocks are above or below and how to reach them (the wheel over
the column, PageUp / PageDown)."""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass

import pygame

from game.ui.i18n import _
from game.ui.theme import INK_SOFT, Colour
from game.ui.widgets.text import blit_text, blit_wrapped, wrap


@dataclass(frozen=True, slots=True)
class Block:
    key: str
    """What the block shows, for tests and `describe` (`scores`, `figure:Agreed price`)."""
    height: int
    paint: Callable[[pygame.Surface, int], None]
    """Draws the block with its top at the given y (its left and width are the column's)."""


def paragraph(
    key: str,
    font: pygame.font.Font,
    text: str,
    column: tuple[int, int],
    colour: Colour,
    after: int = 0,
) -> Block:
    """Returns a block of `text` wrapped, every line of it, in a column (left, width), with
    `after` pixels of space under it."""
    left, width = column
    height = len(wrap(font, text, width)) * font.get_linesize()

    def paint(surface: pygame.Surface, y: int) -> None:
        blit_wrapped(surface, font, text, pygame.Rect(left, y, width, height), colour)

    return Block(key, height + after, paint)


class BlockColumn:
    """The scroll position of a column of blocks, and what it showed last."""

    def __init__(self) -> None:
        self.first = 0
        """The first block shown."""
        self.shown: list[str] = []
        """The keys of the blocks drawn last."""
        self.keys: list[str] = []
        """The keys of all the blocks, shown or not."""
        self.page = 1
        """How many blocks the last frame showed (PageUp / PageDown move that many)."""

    def _fits(self, blocks: Sequence[Block], first: int, room: int, marker: int) -> int:
        """Returns how many blocks from `first` fit in `room` pixels (a marker above when
        `first` > 0, one below when some do not fit); at least one."""
        room -= marker if first > 0 else 0
        used = n = 0
        for block in blocks[first:]:
            used += block.height
            if used > room:
                break
            n += 1
        if first + n < len(blocks):  # some below: their marker takes a line
            while n > 1 and sum(b.height for b in blocks[first : first + n]) > room - marker:
                n -= 1
        return max(1, n) if blocks[first:] else 0

    def last_first(self, blocks: Sequence[Block], room: int, marker: int) -> int:
        """Returns the last useful scroll position: the first block from which all fit."""
        for first in range(len(blocks)):
            if first + self._fits(blocks, first, room, marker) >= len(blocks):
                return first
        return 0

    def scroll(self, n: int) -> None:
        """Moves `n` blocks down (up when negative); `draw` keeps it in range."""
        self.first = max(0, self.first + n)

    def draw(
        self,
        surface: pygame.Surface,
        rect: pygame.Rect,
        blocks: Sequence[Block],
        font: pygame.font.Font,
    ) -> None:
        """Draws the blocks that fit in `rect` from the scroll position, with the markers."""
        marker = font.get_linesize()
        self.first = min(self.first, self.last_first(blocks, rect.height, marker))
        n = self._fits(blocks, self.first, rect.height, marker)
        self.keys, self.page = [b.key for b in blocks], max(1, n)
        y = rect.top
        if self.first > 0:
            text = _("▲ {n} more above (wheel, PageUp)").format(n=self.first)
            blit_text(surface, font, text, (rect.left, y), INK_SOFT)
            y += marker
        shown = blocks[self.first : self.first + n]
        for block in shown:
            block.paint(surface, y)
            y += block.height
        self.shown = [b.key for b in shown]
        below = len(blocks) - self.first - n
        if below > 0:
            text = _("▼ {n} more below (wheel, PageDown)").format(n=below)
            blit_text(surface, font, text, (rect.left, rect.bottom - marker), INK_SOFT)
