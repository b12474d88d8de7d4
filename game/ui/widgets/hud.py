"""The game screen's top bar (date, turn, who is thinking) and side panel (the faction's
name, score, distance from history and meters)."""

from __future__ import annotations

import pygame

from game.ui.scene import Context
from game.ui.session import Session
from game.ui.theme import ACCENT, INK_SOFT, PAPER_DARK, RULE, Colour
from game.ui.view import Meter, month
from game.ui.widgets.meters import draw_meters, meters_height
from game.ui.widgets.text import blit_text

BAR_BG: Colour = (43, 33, 24)
BAR_TEXT: Colour = (246, 238, 220)
BAR_SOFT: Colour = (210, 198, 170)
BAR_NOTE: Colour = (240, 190, 120)


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
    turn = f"turn {s.state.turn + 1} of {len(rules.calendar)}   ·   {rules.title}"
    x = blit_text(surface, fonts.get("sans", 13), turn, (x + px(16), px(16)), BAR_SOFT).right
    text, until = flash
    if not text and s.error:
        text, until = s.error, clock + 1
    room = max(10, bar.width - x - px(460))
    if text and clock < until:
        blit_text(
            surface, fonts.get("sans_bold", 13), text, (x + px(20), px(16)), BAR_NOTE, width=room
        )
    elif s.thinking or (s.human_to_act() < 0 and not s.is_over()):
        who = rules.factions[s.state.to_act].name if s.state.to_act >= 0 else ""
        dots = "." * (1 + int(clock * 3) % 3)
        blit_text(
            surface,
            fonts.get("serif_italic", 14),
            f"{who} is thinking{dots}",
            (x + px(20), px(14)),
            BAR_NOTE,
            width=room,
        )


def draw_side(
    surface: pygame.Surface,
    lay: dict[str, pygame.Rect],
    s: Session,
    ctx: Context,
    meters: list[Meter],
    colour: Colour,
    scroll: int,
) -> tuple[list[tuple[pygame.Rect, Meter]], int]:
    """Draws the viewer's panel; returns the meters' hit boxes and the scroll kept in range."""
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
    blit_text(surface, head, viewer.name, (side.left, side.top), colour, width=side.width)
    obs = s.observation()
    small = fonts.get("sans", 13)
    y = side.top + head.get_linesize() + px(2)
    blit_text(
        surface,
        small,
        f"Score {obs.score:g}   ·   distance from history {obs.distance:.2f}",
        (side.left, y),
        INK_SOFT,
        width=side.width,
    )
    y += small.get_linesize() + px(10)
    pygame.draw.line(surface, RULE, (side.left, y - px(5)), (side.right, y - px(5)))
    area = pygame.Rect(side.left, y, side.width, side.bottom - y)
    scale = ctx.settings.ui_scale
    total = meters_height(meters, area.width, fonts, scale)
    scroll = max(0, min(scroll, total - area.height))
    if total > area.height and scroll < total - area.height:
        blit_text(
            surface,
            fonts.get("sans_italic", 11),
            "▼ more: scroll",
            (side.right, side.bottom + px(2)),
            ACCENT,
            align="right",
        )
    hits = draw_meters(surface, area, meters, fonts, colour, scroll=scroll, scale=scale)
    return hits, scroll
