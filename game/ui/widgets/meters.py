"""The faction's tracks as meters (bars), dated facts, and yes/no chips."""

from __future__ import annotations

import pygame

from game.core.rules import TrackDef
from game.ui.i18n import _
from game.ui.theme import (
    ACCENT,
    INK,
    INK_SOFT,
    PAPER_LIGHT,
    RULE,
    Colour,
    Fonts,
    text_on,
)
from game.ui.view import Meter
from game.ui.widgets.text import blit_text, wrap

Hit = tuple[pygame.Rect, Meter]


MAX_FLAGS = 10
"""With more yes/no tracks than this, only those that are `yes` get a chip."""


def chips(meters: list[Meter]) -> list[Meter]:
    """Returns the yes/no tracks to show as chips (only the `yes` ones when there are many)."""
    flags = [m for m in meters if m.role == "flag"]
    return flags if len(flags) <= MAX_FLAGS else [m for m in flags if m.value]


def _name_lines(meter: Meter, fonts: Fonts, col_w: int) -> list[str]:
    """Returns a meter's name wrapped to its room (beside the value for a dated fact), so that
    a long name ("Days before Tokyo can answer the Allied note") is never cut."""
    font = fonts.get("sans", 12)
    room = col_w
    if meter.role != "bar":
        room -= min(col_w // 2, fonts.get("sans_bold", 12).size(value_text(meter))[0]) + 8
    return wrap(font, meter.track.name, max(room, 1))


def _row_height(meter: Meter, fonts: Fonts, scale: float, col_w: int) -> int:
    line = fonts.get("sans", 12).get_linesize()
    extra = line * (len(_name_lines(meter, fonts, col_w)) - 1)
    base = line * 2 + round(8 * scale) if meter.role == "bar" else line + round(8 * scale)
    return base + extra


def _columns(width: int, scale: float) -> int:
    return 2 if width >= 440 * scale else 1


def _chip_lines(meters: list[Meter], width: int, fonts: Fonts, scale: float) -> int:
    font = fonts.get("sans", 12)
    x, lines = 0, 1
    for chip in chips(meters):
        w = font.size(chip.track.name)[0] + round(18 * scale)
        if x + w > width and x:
            lines += 1
            x = 0
        x += w + round(6 * scale)
    return lines


def meters_height(meters: list[Meter], width: int, fonts: Fonts, scale: float) -> int:
    """Returns the height `draw_meters` needs for these meters at this width."""
    rows = [m for m in meters if m.role != "flag"]
    cols = _columns(width, scale)
    heights = [0] * cols
    col_w = (width - round(14 * scale) * (cols - 1)) // cols
    for i, meter in enumerate(rows):
        heights[i % cols] += _row_height(meter, fonts, scale, col_w)
    height = max(heights)
    if chips(meters):
        height += _chip_lines(meters, width, fonts, scale) * round(26 * scale) + round(6 * scale)
    return height


def draw_meters(
    surface: pygame.Surface,
    rect: pygame.Rect,
    meters: list[Meter],
    fonts: Fonts,
    colour: Colour,
    *,
    scroll: int = 0,
    scale: float = 1.0,
) -> list[Hit]:
    """Draws the meters inside `rect` (scrolled up by `scroll` pixels); returns hit boxes."""
    hits: list[Hit] = []
    clip = surface.get_clip()
    surface.set_clip(rect)
    rows = [m for m in meters if m.role != "flag"]
    cols = _columns(rect.width, scale)
    gap = round(14 * scale)
    col_w = (rect.width - gap * (cols - 1)) // cols
    name_font = fonts.get("sans", 12)
    tag_font = fonts.get("sans_italic", 11)
    value_font = fonts.get("sans_bold", 12)
    line = name_font.get_linesize()
    ys = [rect.top - scroll] * cols
    for i, meter in enumerate(rows):
        c = i % cols
        x, y = rect.left + c * (col_w + gap), ys[c]
        h = _row_height(meter, fonts, scale, col_w)
        ys[c] += h
        box = pygame.Rect(x, y, col_w, h)
        if box.bottom < rect.top or box.top > rect.bottom:
            continue
        tint = ACCENT if meter.own else INK_SOFT
        names = _name_lines(meter, fonts, col_w)
        name_rect = pygame.Rect(x, y, 0, line)
        for n, name in enumerate(names):
            name_rect = blit_text(surface, name_font, name, (x, y + n * line), tint)
        y += line * (len(names) - 1)
        text = value_text(meter)
        if meter.role == "bar":
            value_w = value_font.size(text)[0]
            bar = pygame.Rect(x, y + line + round(4 * scale), col_w - value_w - 8, 7)
            pygame.draw.rect(surface, PAPER_LIGHT, bar)
            fill = bar.copy()
            fill.width = round(bar.width * meter.fraction)
            pygame.draw.rect(surface, colour if meter.own else INK_SOFT, fill)
            draw_pending(surface, bar, meter, colour if meter.own else INK_SOFT)
            pygame.draw.rect(surface, RULE, bar, 1)
            for mark_x, reached in mark_xs(bar, meter):
                tick = ACCENT if reached else INK
                pygame.draw.line(surface, tick, (mark_x, bar.top - 3), (mark_x, bar.bottom + 2), 2)
            blit_text(
                surface,
                value_font,
                text,
                (x + col_w, bar.centery - line // 2),
                INK,
                align="right",
            )
        else:
            value_w = min(col_w // 2, value_font.size(text)[0])
            blit_text(
                surface,
                value_font,
                text,
                (x + col_w, y),
                INK,
                align="right",
                width=col_w // 2,
            )
        tag = _("secret") if meter.secret else ""
        if meter.passed is not None:  # the threshold reached, named beside the track's name
            tag = meter.passed.label + (" · " + _("secret") if meter.secret else "")
        room = x + col_w - (0 if meter.role == "bar" else value_w) - name_rect.right - 6
        if tag and tag_font.size(tag)[0] <= room:
            blit_text(surface, tag_font, tag, (name_rect.right + 6, y + 1), ACCENT)
        hits.append((box, meter))
    y = max(ys) + round(4 * scale)
    x = rect.left
    chip_font = fonts.get("sans", 12)
    chip_h = round(22 * scale)
    for meter in chips(meters):
        w = chip_font.size(meter.track.name)[0] + round(18 * scale)
        if x + w > rect.right and x > rect.left:
            x = rect.left
            y += round(26 * scale)
        chip = pygame.Rect(x, y, w, chip_h)
        if meter.value:
            pygame.draw.rect(surface, colour, chip, border_radius=chip_h // 2)
            text_colour = text_on(colour)
        else:
            pygame.draw.rect(surface, RULE, chip, 1, border_radius=chip_h // 2)
            text_colour = INK_SOFT
        label_y = chip.centery - chip_font.get_linesize() // 2
        blit_text(
            surface,
            chip_font,
            meter.track.name,
            (chip.centerx, label_y),
            text_colour,
            align="center",
        )
        hits.append((chip, meter))
        x += w + round(6 * scale)
    surface.set_clip(clip)
    return [(r, m) for r, m in hits if r.colliderect(rect)]


def value_text(meter: Meter) -> str:
    """Returns the value a meter writes: `3 → 2` while staged orders would change it."""
    return meter.text if meter.pending is None else f"{meter.text} → {meter.pending_text}"


def pending_span(bar: pygame.Rect, meter: Meter) -> pygame.Rect | None:
    """Returns the part of the bar between the value and the one the staged orders would leave
    (what they spend, or what they add), or None when they do not change it."""
    then = meter.pending_fraction
    if then is None:
        return None
    a, b = sorted((round(bar.width * meter.fraction), round(bar.width * then)))
    return pygame.Rect(bar.left + a, bar.top, max(b - a, 2), bar.height)


def ghost(colour: Colour) -> Colour:
    """Returns the pale tint of a meter's colour that marks the staged change."""
    r, g, b = colour
    pr, pg, pb = PAPER_LIGHT
    return ((r + 2 * pr) // 3, (g + 2 * pg) // 3, (b + 2 * pb) // 3)


def draw_pending(surface: pygame.Surface, bar: pygame.Rect, meter: Meter, colour: Colour) -> None:
    """Draws the staged change on a bar: a pale, hatched segment from the value to the pending
    one (hatched so that it reads without colour), closed by a bar at the pending value."""
    span = pending_span(bar, meter)
    if span is None:
        return
    pygame.draw.rect(surface, ghost(colour), span)
    clip = surface.get_clip()
    surface.set_clip(span.clip(clip) if clip else span)
    for hx in range(span.left - span.height, span.right, 4):
        pygame.draw.line(surface, colour, (hx, span.bottom), (hx + span.height, span.top))
    surface.set_clip(clip)
    end = span.left if (meter.pending or 0) < meter.value else span.right - 1
    pygame.draw.line(surface, INK, (end, bar.top - 2), (end, bar.bottom + 1), 2)


def mark_xs(bar: pygame.Rect, meter: Meter) -> list[tuple[int, bool]]:
    """Returns where a meter's thresholds fall on its bar: (x, whether the value has reached
    the threshold) for each, lowest first."""
    t = meter.track
    span = t.hi - t.lo
    if span <= 0:
        return []
    out = []
    for mark in meter.marks:
        x = bar.left + round((bar.width - 1) * (mark.at - t.lo) / span)
        out.append((x, meter.value >= mark.at))
    return out


def meter_tooltip(meter: Meter) -> str:
    """Returns the hover text of a meter: its name, value, range and description."""
    t = meter.track
    parts = [f"{t.name}: {meter.text}"]
    if meter.role == "bar":
        lo = f"{t.lo / t.scale:g}" if t.scale != 1 else str(t.lo)
        hi = f"{t.hi / t.scale:g}" if t.scale != 1 else str(t.hi)
        parts.append(
            _("(range {lo}–{hi} {unit})").format(lo=lo, hi=hi, unit=t.unit).replace(" )", ")")
        )
    if meter.secret:
        parts.append(_("— only you see this."))
    if meter.pending is not None:
        text = _("Your staged orders would make it {value} (until you undo them or the turn ends).")
        parts.append("\n" + text.format(value=meter.pending_text))
    if t.description:
        parts.append("\n" + t.description)
    if meter.marks:
        marks = "; ".join(
            f"{_number(t, m.at)} {m.label}" + (" " + _("(reached)") if meter.value >= m.at else "")
            for m in meter.marks
        )
        parts.append("\n" + _("Thresholds: {marks}.").format(marks=marks))
    if meter.raised:
        raised = ", ".join(f"{name} {_number(t, n)} ({pct} %)" for name, n, pct in meter.raised)
        text = _("Raised so far by: {sides}; what no side chose counts for none.")
        parts.append("\n" + text.format(sides=raised))
    return " ".join(parts)


def _number(track: TrackDef, value: int) -> str:
    return f"{value / track.scale:g}" if track.scale != 1 else str(value)
