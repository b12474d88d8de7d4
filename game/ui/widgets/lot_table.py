"""The table of lots of an auction: one compact row per lot (name, water, grounds, estimate,
holder, rent, whether it is on offer, the bids published at the last auction, and the viewer's
bid of this turn), drawn with pygame, and the hover texts of lots and of the table's columns."""

from __future__ import annotations

from dataclasses import dataclass

import pygame

from game.core.mechanics.auction_view import LotView
from game.core.rules import Rules
from game.ui.i18n import N_, _
from game.ui.theme import ACCENT, INK, INK_SOFT, PAPER, PAPER_LIGHT, RULE, Colour, Fonts
from game.ui.theme import faction_colour as _colour
from game.ui.view import LotRow
from game.ui.widgets.text import blit_text, ellipsize

SELECTED: Colour = (233, 208, 184)
"""The background of the selected row (a pale tint of the accent)."""

_IMAGES: dict[tuple[pygame.font.Font, str, Colour, int], pygame.Surface] = {}
"""Cells' texts as drawn, by font, text, colour and width: the table is redrawn whenever an
order is given, and most of its two hundred cells read as before."""


def _image(font: pygame.font.Font, text: str, colour: Colour, width: int) -> pygame.Surface:
    """Returns `text` rendered, shortened with an ellipsis to `width` (cached)."""
    key = (font, text, colour, width)
    image = _IMAGES.get(key)
    if image is None:
        if len(_IMAGES) > 4000:
            _IMAGES.clear()
        image = _IMAGES[key] = font.render(ellipsize(font, text, width), True, colour)
    return image


@dataclass(frozen=True, slots=True)
class Column:
    key: str
    title: str
    width: int
    """At UI scale 1, before the columns are stretched to the table's width."""
    align: str


def columns(rules: Rules, bidders: tuple[int, ...]) -> list[Column]:
    """Returns the table's columns, with one column of published bids per bidder."""
    out = [
        Column("name", _("Lot"), 150, "left"),
        Column("water", _("Water"), 100, "left"),
        Column("grounds", _("Gr."), 24, "right"),
        Column("estimate", _("Est."), 32, "right"),
        Column("holder", _("Holder"), 54, "left"),
        Column("rent", _("Rent"), 34, "right"),
        Column("catch", _("Catch"), 42, "right"),
        Column("offer", _("Offer"), 38, "center"),
    ]
    for f in bidders:
        out.append(Column(f"bid{f}", short_faction(rules, f), 44, "right"))
    out.append(Column("mine", _("Yours"), 44, "right"))
    return out


OPTIONAL = ("catch", "water", "offer", "grounds")
"""The columns a narrow table leaves out, first to last (the lot's hover text has them all).
The estimate and the rent are always kept: they are what a bid is weighed against (issue 15);
the lots' names give way instead (`short_lot`)."""
NAME_MIN = 140
"""The narrowest the column of lots' names gets before other columns are left out."""


def fitted(cols: list[Column], width: int, scale: float) -> list[tuple[Column, int, int]]:
    """Returns (column, x, width) of the columns that fit in `width` pixels at this UI scale:
    the names take what the others leave, and optional columns are left out while that is
    too little."""
    kept = list(cols)

    def others(kept: list[Column]) -> int:
        return sum(round(c.width * scale) for c in kept if c.key != "name")

    for key in OPTIONAL:
        if width - others(kept) >= NAME_MIN * scale:
            break
        kept = [c for c in kept if c.key != key]
    out, x = [], 0
    for col in kept:
        w = max(40, width - others(kept)) if col.key == "name" else round(col.width * scale)
        out.append((col, x, w))
        x += w
    return out


def short_faction(rules: Rules, faction: int) -> str:
    """Returns a faction's name for a narrow column: `Japan`, or `USSR` for `Soviet Union`."""
    fac = rules.factions[faction]
    return fac.name if len(fac.name) <= 6 else fac.id.upper()


def short_lot(font: pygame.font.Font, name: str, width: int) -> str:
    """Returns a lot's name that fits `width`: whole if it fits, else with `River` shortened
    (`Vorovskaya R. mouth`, then `Vorovskaya R.`) and `-on-Amur` left out, cut with "…" only
    if that is still too long (the lot's hover text has its whole name)."""
    for long, short in (("River", "R."), (" R. mouth", " R."), ("-on-Amur", "")):
        if font.size(name)[0] > width:
            name = name.replace(long, short)
    return name


def short_water(name: str) -> str:
    """Returns a water's name without its detail: `Sea of Okhotsk, north coast` → `Sea of
    Okhotsk`, `Karaginsky Gulf and the Bering side` → `Karaginsky Gulf`."""
    return name.split(",")[0].split(" and ")[0]


def row_height(fonts: Fonts) -> int:
    return fonts.get("sans", 12).get_linesize() + 2


def draw_lot_table(
    surface: pygame.Surface,
    rect: pygame.Rect,
    rows: list[LotRow],
    rules: Rules,
    fonts: Fonts,
    *,
    bidders: tuple[int, ...],
    selected: int,
    first: int,
) -> tuple[pygame.Rect, list[tuple[pygame.Rect, LotRow]]]:
    """Draws the header and the rows from `first` on that fit in `rect`; returns the header's
    box and the rows' boxes."""
    placed = fitted(columns(rules, bidders), rect.width, fonts.scale)
    cols = [col for col, _, _ in placed]
    xs = [(rect.left + x, width) for _, x, width in placed]
    head_font = fonts.get("sans_bold", 11)
    step = row_height(fonts)
    pygame.draw.rect(surface, PAPER_LIGHT, rect)
    header = pygame.Rect(rect.left, rect.top, rect.width, head_font.get_linesize() + 6)
    pygame.draw.rect(surface, PAPER, header)
    for col, (cx, width) in zip(cols, xs, strict=True):
        text = ellipsize(head_font, col.title, width - 6)
        swatch = col.key.startswith("bid")
        if swatch:
            faction = rules.factions[int(col.key[3:])]
            size = head_font.get_ascent() - 3
            # The bidder's name if it fits, else its colour alone (the Holder column names the
            # colours): a name is not cut.
            fits = head_font.size(col.title)[0] <= width - size - 7
            text = col.title if fits else ""
            w = head_font.size(text)[0] + size + 3
            spot = pygame.Rect(cx + width - 3 - w, header.top + 5, size, size)
            pygame.draw.rect(surface, _colour(faction.id, faction.index), spot)
            blit_text(surface, head_font, text, (spot.right + 3, header.top + 3), INK_SOFT)
            continue
        _cell(surface, head_font, text, (cx, header.top + 3), width, col.align, INK_SOFT)
    pygame.draw.line(surface, RULE, header.bottomleft, (header.right - 1, header.bottom))
    hits = []
    y = header.bottom + 1
    for n in range(first, len(rows)):
        if y + step > rect.bottom:
            break
        row = rows[n]
        box = pygame.Rect(rect.left, y, rect.width, step)
        if row.lot.index == selected:
            pygame.draw.rect(surface, SELECTED, box)
            pygame.draw.rect(surface, ACCENT, box.inflate(0, 1), 1)
        elif n % 2:
            pygame.draw.rect(surface, PAPER, box)
        for col, (cx, width) in zip(cols, xs, strict=True):
            _draw_cell(surface, fonts, col, row, rules, (cx, y + 1), width, step)
        hits.append((box, row))
        y += step
    pygame.draw.rect(surface, RULE, rect, 1)
    return header, hits


def _cell(
    surface: pygame.Surface,
    font: pygame.font.Font,
    text: str,
    at: tuple[int, int],
    width: int,
    align: str,
    colour: Colour,
) -> None:
    x, y = at
    image = _image(font, text, colour, width - 6)
    if align == "right":
        x += width - 3 - image.get_width()
    elif align == "center":
        x += (width - image.get_width()) // 2
    else:
        x += 3
    surface.blit(image, (x, y))


def _draw_cell(
    surface: pygame.Surface,
    fonts: Fonts,
    col: Column,
    row: LotRow,
    rules: Rules,
    at: tuple[int, int],
    width: int,
    step: int,
) -> None:
    lot = row.lot
    cell = fonts.get("sans", 12)
    soft = fonts.get("sans_italic", 11)
    key = col.key
    if key == "holder":
        _draw_holder(surface, fonts, lot, rules, at, width, step)
        return
    font, colour, text = cell, INK, ""
    if key == "name":
        text, colour = short_lot(cell, lot.name, width - 6), INK if lot.on_offer else INK_SOFT
    elif key == "water":
        font, text = fonts.get("sans", 11), short_water(lot.water)
    elif key == "grounds":
        text = str(lot.grounds)
    elif key == "estimate":
        text = f"{lot.estimate:,}"
    elif key == "rent":
        text = f"{lot.rent:,}" if lot.holder is not None and lot.rent else "—"
    elif key == "catch":
        text, colour = (f"{lot.catch:,}", INK) if lot.catch else ("·", INK_SOFT)
    elif key == "offer":
        text = "yes" if lot.on_offer else "no"
        colour = INK if lot.on_offer else INK_SOFT
    elif key.startswith("bid"):
        faction = int(key[3:])
        amount = dict(lot.bids).get(faction, 0)
        text = f"{amount:,}" if amount else "·"
        colour = INK if amount and faction == lot.holder else INK_SOFT
        font = fonts.get("sans_bold", 12) if amount and faction == lot.holder else cell
    elif key == "mine":
        font, colour, text = _mine(fonts, row)
        if not text:
            font, colour = soft, INK_SOFT
    _cell(surface, font, text, at, width, col.align, colour)


def _mine(fonts: Fonts, row: LotRow) -> tuple[pygame.font.Font, Colour, str]:
    if row.mine:
        return fonts.get("sans_bold", 12), ACCENT, f"{row.mine:,}"
    if row.withheld:
        return fonts.get("sans_italic", 11), ACCENT, "withheld"
    if row.tender:
        return fonts.get("sans_italic", 12), INK_SOFT, f"{row.tender:,}"
    return fonts.get("sans", 12), INK_SOFT, ""


def _draw_holder(
    surface: pygame.Surface,
    fonts: Fonts,
    lot: LotView,
    rules: Rules,
    at: tuple[int, int],
    width: int,
    step: int,
) -> None:
    x, y = at
    cell = fonts.get("sans", 12)
    size = max(6, step - 7)
    spot = pygame.Rect(x + 3, y + (step - size) // 2 - 1, size, size)
    if lot.holder is not None:
        faction = rules.factions[lot.holder]
        pygame.draw.rect(surface, _colour(faction.id, faction.index), spot)
        text, colour = short_faction(rules, lot.holder), INK
    elif lot.open:
        pygame.draw.rect(surface, INK_SOFT, spot, 1)
        text, colour = _("idle"), INK_SOFT
    else:
        surface.blit(
            _image(fonts.get("sans_italic", 11), _("not let"), INK_SOFT, width), (x + 3, y + 1)
        )
        return
    surface.blit(_image(cell, text, colour, width - size - 9), (spot.right + 4, y))


COLUMN_HELP = N_(
    "Gr.: grounds in the lot. Est.: the public estimate of a season's rent. Holder: who works the "
    "lot (idle: let to nobody; not let: kept off the auctions). Rent: what the holder pays each "
    "season. Catch: the lot's catch last season, in {catch_unit}. Offer: whether the lot is put "
    "up at this auction. The faction columns: the bids published after the last auction (bold: "
    "the holder's). Yours: your bid of this turn (italic: what your tender bids). Prices in "
    "{unit}. A narrow table leaves out some columns; hover over a lot for all of it."
)
"""The table's header tooltip (translated where shown)."""


def lot_tooltip(rules: Rules, lot: LotView, unit: str, catch_unit: str = "", why: str = "") -> str:
    """Returns the hover text of a lot: where it is, its size and estimate, who holds it and who
    held it last season, the last bids, its story, and why the viewer cannot bid on it."""

    def name(f: int | None) -> str:
        return rules.factions[f].name if f is not None else _("nobody")

    if lot.holder is not None:
        held = _("Held by {side} at a rent of {rent}").format(
            side=name(lot.holder), rent=f"{lot.rent:,}"
        )
    else:
        held = _("Lies idle") if lot.open else _("Not let at auction")
    parts = [
        _("{lot} — {water}: {grounds} grounds, estimate {estimate} {unit}.").format(
            lot=lot.name,
            water=lot.water,
            grounds=lot.grounds,
            estimate=f"{lot.estimate:,}",
            unit=unit,
        ),
        _("{held}; last season: {side}.").format(held=held, side=name(lot.last_holder)),
    ]
    if lot.catch:
        catch = _("Its catch last season: {catch} {unit}.")
        parts.append(catch.format(catch=f"{lot.catch:,}", unit=catch_unit).replace(" .", "."))
    bids = [f"{name(f)} {amount:,}" for f, amount in lot.bids if amount]
    if bids:
        parts.append(_("Bids at the last auction: {bids}.").format(bids=", ".join(bids)))
    if lot.text:
        parts.append("\n" + lot.text)
    if why:
        parts.append("\n" + _("You cannot bid: {why}.").format(why=why))
    return " ".join(parts)
