"""The game screen's layout, its top bar (date, turn, who is thinking, the buttons) and side
panel (the faction's name, score, distance from history, its result so far against its par —
"if the game ended now" — and meters)."""

from __future__ import annotations

from collections.abc import Callable

import pygame
import pygame_gui
from pygame_gui.elements import UIButton

from game.ui.i18n import N_, _
from game.ui.scene import Context
from game.ui.session import Session
from game.ui.theme import ACCENT, INK_SOFT, PAPER_DARK, RULE, Colour, legible
from game.ui.view import Meter, live_line, month
from game.ui.widgets.meters import draw_meters, meters_height
from game.ui.widgets.text import blit_text, blit_wrapped, wrap
from game.ui.widgets.thinking import thinking_text

BAR_BG: Colour = (43, 33, 24)
BAR_TEXT: Colour = (246, 238, 220)
BAR_SOFT: Colour = (210, 198, 170)
BAR_NOTE: Colour = (240, 190, 120)

BAR_BUTTONS = (
    ("pause", N_("Menu"), N_("Pause menu: save, load, settings, quit (Esc)")),
    ("help", N_("Help"), N_("How to play and the keyboard shortcuts (F1)")),
    ("save", N_("Save"), N_("Save the game (Ctrl+S)")),
    ("brief", N_("Briefing"), N_("Your faction's briefing and goals (B)")),
)
"""The top bar's buttons, right to left: (the game screen's command it runs, text, tooltip)."""


def layout(
    size: tuple[int, int], px: Callable[[float], int], *, wide: bool
) -> dict[str, pygame.Rect]:
    """Returns the game screen's areas: bar, side (panel), map (or a mechanic's centre panel),
    log, orders; `wide` when the centre panel needs more room than the map."""
    w, h = size
    bar = px(46)
    # Side columns grow with the UI scale but leave the map and log at least 36 % of the
    # width (pygame_gui's text layout never ends on a box narrower than a word).
    a_w = min(max(px(270), int(w * 0.24)), int(w * 0.28))
    c_w = min(max(px(360), int(w * 0.33)), int(w * 0.36))
    if wide:  # e.g. the table of lots needs the width more than the cards
        a_w = min(max(px(260), int(w * 0.23)), int(w * 0.28))
        c_w = min(max(px(350), int(w * 0.28)), int(w * 0.36))
    b_w = w - a_w - c_w
    body = h - bar
    map_h = int(body * (0.6 if wide else 0.56))  # room for 20 lots
    pad = px(10)
    return {
        "bar": pygame.Rect(0, 0, w, bar),
        "side": pygame.Rect(pad, bar + pad, a_w - 2 * pad, body - 2 * pad),
        "map": pygame.Rect(a_w, bar, b_w, map_h),
        "log": pygame.Rect(a_w, bar + map_h, b_w, body - map_h),
        "orders": pygame.Rect(a_w + b_w + pad, bar + pad, c_w - 2 * pad, body - 2 * pad),
    }


def bar_buttons(
    ctx: Context, root: pygame_gui.core.UIContainer, bar: pygame.Rect
) -> dict[UIButton, str]:
    """Makes the top bar's buttons (`BAR_BUTTONS`); returns each with its command."""
    px = ctx.px
    buttons = {}
    x = bar.right - px(8)
    for key, text, tip in BAR_BUTTONS:
        width = px(96)
        x -= width
        button = UIButton(
            pygame.Rect(x, px(7), width, px(32)),
            _(text),
            ctx.manager,
            container=root,
            tool_tip_text=_(tip),
        )
        buttons[button] = key
        x -= px(6)
    return buttons


def draw_bar(
    surface: pygame.Surface,
    bar: pygame.Rect,
    s: Session,
    ctx: Context,
    colour: Colour,
    clock: float,
    flash: tuple[str, float],
) -> None:
    """Draws the date, the turn, and a message or who is thinking."""
    rules = s.rules
    fonts, px = ctx.fonts, ctx.px
    pygame.draw.rect(surface, BAR_BG, bar)
    pygame.draw.rect(surface, colour, pygame.Rect(0, bar.bottom - px(4), bar.width, px(4)))
    title = fonts.get("serif_bold", 19)
    x = blit_text(surface, title, month(rules, s.state.turn), (px(14), px(10)), BAR_TEXT).right
    small = fonts.get("sans", 13)
    turn = _("turn {turn} of {turns}").format(turn=s.state.turn + 1, turns=len(rules.calendar))
    full = f"{turn}   ·   {rules.title}"
    if x + px(16) + small.size(full)[0] <= bar.width - px(460):  # else the buttons cover it
        turn = full  # (the title is in the briefing and on the debrief)
    x = blit_text(surface, small, turn, (x + px(16), px(16)), BAR_SOFT).right
    text, until = flash
    if not text and s.error:
        text, until = s.error, clock + 1
    room = bar.width - x - px(20) - px(460)
    if text and clock < until:
        _bar_note(surface, fonts.get("sans_bold", 13), text, bar, (x + px(20), px(16)), room, px)
    elif thinking := thinking_text(s, clock):
        font = fonts.get("serif_italic", 14)
        _bar_note(surface, font, thinking, bar, (x + px(20), px(14)), room, px)


def _bar_note(
    surface: pygame.Surface,
    font: pygame.font.Font,
    text: str,
    bar: pygame.Rect,
    at: tuple[int, int],
    room: int,
    px: Callable[[float], int],
) -> None:
    """Draws a message in the top bar where it fits, else whole in a box under the bar's right
    end (a small window or large text: it is not cut)."""
    if font.size(text)[0] <= room:
        blit_text(surface, font, text, at, BAR_NOTE)
        return
    width = min(bar.width - px(16), max(px(360), bar.width // 2))
    lines = len(wrap(font, text, width - px(16)))
    box = pygame.Rect(0, bar.bottom + px(4), width, lines * font.get_linesize() + px(10))
    box.right = bar.right - px(8)
    pygame.draw.rect(surface, BAR_BG, box)
    pygame.draw.rect(surface, BAR_NOTE, box, 1)
    blit_wrapped(surface, font, text, box.inflate(-px(16), -px(10)), BAR_NOTE)


def draw_side(
    surface: pygame.Surface,
    lay: dict[str, pygame.Rect],
    s: Session,
    ctx: Context,
    meters: list[Meter],
    colour: Colour,
    scroll: int,
    score_hit: pygame.Rect | None = None,
) -> tuple[list[tuple[pygame.Rect, Meter]], int]:
    """Draws the viewer's panel; returns the meters' hit boxes and the scroll kept in range.
    `score_hit`, if given, is set to where the score line was drawn (its hover explains it)."""
    score_hit = pygame.Rect(0, 0, 0, 0) if score_hit is None else score_hit
    fonts, px = ctx.fonts, ctx.px
    height = surface.get_height()
    pygame.draw.rect(
        surface, PAPER_DARK, pygame.Rect(0, lay["bar"].bottom, lay["map"].left, height)
    )
    pygame.draw.line(
        surface, RULE, (lay["map"].left - 1, lay["bar"].bottom), (lay["map"].left - 1, height)
    )
    side = lay["side"]
    viewer = s.rules.factions[s.viewer]
    head = fonts.get("serif_bold", 19)
    name_colour = legible(colour, PAPER_DARK)  # a faction's colour, darkened in high contrast
    blit_text(surface, head, viewer.name, (side.left, side.top), name_colour, width=side.width)
    obs = s.observation()
    small = fonts.get("sans", 13)
    y = side.top + head.get_linesize() + px(2)
    score = _("Score {score}  ·  distance from history {distance}").format(
        score=f"{obs.score:g}", distance=f"{obs.distance:.2f}"
    )
    room = pygame.Rect(side.left, y, side.width, small.get_linesize() * 2)
    height = blit_wrapped(surface, small, score, room, INK_SOFT)  # wraps, never cut
    score_hit.update(pygame.Rect(side.left, y, side.width, height))
    y += height + px(2)
    line = live_line(s.rules, s.live_verdict())
    if line:
        y += blit_wrapped(
            surface,
            fonts.get("sans_italic", 12),
            line,
            pygame.Rect(side.left, y, side.width, 3 * px(16)),
            ACCENT,
        )
    y += px(8)
    pygame.draw.line(surface, RULE, (side.left, y - px(5)), (side.right, y - px(5)))
    area = pygame.Rect(side.left, y, side.width, side.bottom - y)
    scale = ctx.settings.ui_scale
    total = meters_height(meters, area.width, fonts, scale)
    scroll = max(0, min(scroll, total - area.height))
    if total > area.height and scroll < total - area.height:
        blit_text(
            surface,
            fonts.get("sans_italic", 11),
            _("▼ more: scroll"),
            (side.right, side.bottom + px(2)),
            ACCENT,
            align="right",
        )
    hits = draw_meters(surface, area, meters, fonts, colour, scroll=scroll, scale=scale)
    return hits, scroll


class SidePanel:
    """The side panel, drawn again only when what it shows changes (and blitted each frame)."""

    def __init__(self) -> None:
        self.hits: list[tuple[pygame.Rect, Meter]] = []
        """The meters' hit boxes, for their tooltips."""
        self.scroll = 0
        """How far the meters are scrolled, in pixels."""
        self.score_rect = pygame.Rect(0, 0, 0, 0)
        """Where the score line is (hover: which terms make the score now)."""
        self._drawn: tuple[tuple[object, ...], pygame.Surface] | None = None
        """The panel as last drawn, and what it showed."""

    def draw(
        self,
        surface: pygame.Surface,
        lay: dict[str, pygame.Rect],
        s: Session,
        ctx: Context,
        meters: list[Meter],
        colour: Colour,
        shown: int,
    ) -> None:
        """Draws the panel, from the copy drawn when what it shows last changed."""
        top = lay["bar"].bottom
        width, height = lay["map"].left, surface.get_height()
        shows = (s.version, shown, s.viewer, width, height, ctx.fonts, colour)
        if self._drawn is None or self._drawn[0] != (*shows, self.scroll):
            panel = pygame.Surface((width, height))
            self.hits, self.scroll = draw_side(
                panel, lay, s, ctx, meters, colour, self.scroll, self.score_rect
            )
            self._drawn = ((*shows, self.scroll), panel)
        surface.blit(self._drawn[1], (0, top), pygame.Rect(0, top, width, height - top))
