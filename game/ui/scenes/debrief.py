"""The debrief: result, scores, each side's victory level against its par (what the historical
path of the same seed scored for it), outcome class, the distance from history, and a button to
save the chronicle; in three pages (issue 15, item 5 "the debrief teaches"):

1. Result: the scores and key figures, every turning point with its date, and the values the
   players' sides could not see (the other side's valuation, the army's plans, the Emperor's
   threshold), with the debates.
2. Charts: each side's score beside its par, and the key figures over time beside the
   historical path and the value history gives.
3. Chronicles: this game's chronicle and history's aligned by date.

Every citation opens the bibliography (`Sources`, also the B key)."""

from __future__ import annotations

from typing import Any

import pygame
import pygame_gui
from pygame_gui.elements import UIButton, UITextBox

from game.core.victory import Verdict
from game.ui import scene as sc
from game.ui.bibliography import cite_html
from game.ui.chronicle import figure_rows, save_chronicle, turning_points
from game.ui.debates import debrief_html
from game.ui.debrief_data import aligned_chronicles, hidden_values, key_series
from game.ui.i18n import N_, _
from game.ui.session import Session
from game.ui.settings import chronicles_dir
from game.ui.theme import (
    ACCENT,
    BAD,
    GOOD,
    INK,
    INK_SOFT,
    RULE,
    Colour,
    faction_colour,
    html_colour,
)
from game.ui.view import month
from game.ui.widgets.aligned import AlignedTable
from game.ui.widgets.text import blit_text, blit_wrapped, esc, wrap
from game.ui.widgets.track_chart import Drawn, draw_series

PAGES = (("result", N_("1 Result")), ("charts", N_("2 Charts")), ("chronicles", N_("3 Chronicles")))
"""The debrief's pages: (key, tab label); keys 1–3 switch to them."""


class DebriefScene(sc.Scene):
    name = "debrief"

    def __init__(self, ctx: sc.Context, session: Session) -> None:
        super().__init__(ctx)
        self.session = session
        self.outcome = session.outcome()
        self.verdicts = session.verdicts()
        """Each side's final score against its par, by faction id (empty without margins)."""
        self.flash = ""
        self.saved: str = ""
        self.page = "result"
        self.series = key_series(session)
        """The charts' data (the historical path replayed once, cached by seed)."""
        self.hidden = hidden_values(session)
        self.points = turning_points(session, limit=1_000_000)
        """Every turning point (the chronicle's one-off events and the choices made)."""
        self.rows = aligned_chronicles(session)
        self.table: AlignedTable | None = None
        self.charts: list[Drawn] = []
        """What the charts drew last (titles, ticks, legends)."""

    def _layout(self) -> dict[str, pygame.Rect]:
        w, h = self.ctx.size
        px = self.ctx.px
        head = px(150) + px(34)
        left_w = max(px(300), int(w * 0.28))
        body = pygame.Rect(px(20), head, w - px(40), h - head - px(76))
        half = (body.width - left_w - px(20)) // 2
        return {
            "scores": pygame.Rect(body.left, body.top, left_w, body.height),
            "game": pygame.Rect(
                body.left + left_w + px(10), body.top + px(26), half - px(5), body.height - px(26)
            ),
            "history": pygame.Rect(
                body.left + left_w + half + px(20),
                body.top + px(26),
                half - px(5),
                body.height - px(26),
            ),
            "buttons": pygame.Rect(px(20), h - px(60), w - px(40), px(44)),
            "tabs": pygame.Rect(px(20), px(146), w - px(40), px(30)),
            "body": body,
        }

    def build_widgets(self, root: pygame_gui.core.UIContainer) -> None:
        lay = self._layout()
        px = self.ctx.px
        self.tabs: dict[UIButton, str] = {}
        t = lay["tabs"]
        for i, (key, label) in enumerate(PAGES):
            rect = pygame.Rect(t.left + i * (px(170) + px(6)), t.top, px(170), t.height)
            tab = UIButton(
                rect,
                _(label),
                self.ctx.manager,
                container=root,
                object_id="#primary" if key == self.page else None,
            )
            self.tabs[tab] = key
        self.boxes: list[UITextBox] = []
        if self.page == "result":
            self.boxes.append(
                UITextBox(self._points_html(), lay["game"], self.ctx.manager, container=root)
            )
            self.boxes.append(
                UITextBox(self._hidden_html(), lay["history"], self.ctx.manager, container=root)
            )
        elif self.page == "chronicles":
            self.table = AlignedTable(
                self.session.rules, self.rows, self.ctx.fonts, lay["body"].width
            )
        b = lay["buttons"]
        self.buttons: dict[UIButton, str] = {}
        for i, (key, text) in enumerate(
            (
                ("sources", _("Sources (B)")),
                ("save", _("Save the chronicle (Ctrl+S)")),
                ("new", _("New game (N)")),
                ("menu", _("Main menu (Esc)")),
            )
        ):
            # Four buttons from the right, narrower when the window is (1024 px at 130 %).
            fit = (b.width - 3 * px(10)) // 4
            width = min(px(200) if key == "sources" else px(260), fit)
            right = b.right - (3 - i) * (min(px(260), fit) + px(10))
            rect = pygame.Rect(right - width, b.top, width, b.height)
            button = UIButton(
                rect,
                text,
                self.ctx.manager,
                container=root,
                object_id="#primary" if key == "save" else None,
            )
            if key == "save" and button.font and button.font.size(text)[0] > width - px(16):
                button.set_text(_("Save the chronicle"))  # a narrow window: the key is in Help
            self.buttons[button] = key

    def _points_html(self) -> str:
        """Returns the turning points as pygame_gui HTML: every one, each with its date."""
        heading = _("Turning points ({n})").format(n=len(self.points))
        lines = [f"<b>{esc(heading)}</b>"]
        for when, what in self.points:
            lines.append(
                f"<b><font color='{html_colour('#5E1A12')}'>{esc(when)}</font></b>  {esc(what)}"
            )
        if not self.points:
            none = _("No one-off event happened and no choice was made.")
            lines.append(f"<i>{esc(none)}</i>")
        return "<br>".join(lines)

    def _hidden_html(self) -> str:
        """Returns the debates (if any), the values the players' sides could not see, and
        history's summary, as pygame_gui HTML."""
        rules = self.session.rules
        debates = debrief_html(rules)  # short, and the game's premise: first
        lines = [debates.removesuffix("<br>")] if debates else []
        lines.append("<b>" + esc(_("What you could not see")) + "</b>")
        if not self.hidden:
            lines.append("<i>" + esc(_("Nothing: your side saw every track of the game.")) + "</i>")
        for h in self.hidden:
            seen = esc(_("(seen by {sides})").format(sides=h.seen_by))
            lines.append(
                f"<b>{esc(h.track.name)}</b>: "
                f"<font color='{html_colour('#8E2A1E')}'><b>{esc(h.shown)}</b></font>"
                f" <i>{seen}</i>"
            )
            if h.track.description:
                first = h.track.description.split(". ")[0].rstrip(".")
                lines.append(f"<font color='{html_colour('#6B5A48')}'>{esc(first)}.</font>")
        lines += ["", "<b>" + esc(_("What happened")) + "</b>", esc(rules.baseline.summary)]
        if rules.baseline.timeline:
            lines.append(cite_html(rules.baseline.timeline[-1].cite))
        return "<br>".join(lines)

    def handle(self, event: pygame.event.Event) -> sc.Transition:
        key = ""
        if event.type == pygame_gui.UI_BUTTON_PRESSED and event.ui_element in self.buttons:
            key = self.buttons[event.ui_element]
        elif event.type == pygame_gui.UI_BUTTON_PRESSED and event.ui_element in self.tabs:
            return self.show_page(self.tabs[event.ui_element])
        elif event.type == pygame.KEYDOWN:
            key = self._key(event)
        elif event.type == pygame.MOUSEWHEEL and self.table is not None:
            self.table.scroll_by(-event.y * self.ctx.px(40), self._layout()["body"].height)
        elif event.type == pygame.MOUSEBUTTONDOWN and event.button == 1 and self.table:
            cite = self.table.cite_at(event.pos)
            if cite is not None:
                return sc.Push("sources", rules=self.session.rules, cite=cite)
        if key == "save":
            try:
                path = save_chronicle(self.session, chronicles_dir())
                self.saved = str(path)
                self.flash = _("Chronicle saved: {path}").format(path=path)
            except OSError as exc:
                self.flash = _("Could not save the chronicle: {why}").format(why=exc.strerror)
        elif key == "sources":
            return sc.Push("sources", rules=self.session.rules)
        elif key in {"new", "menu"}:
            return sc.Reset("menu", "scenarios" if key == "new" else None)
        return None

    def _key(self, event: pygame.event.Event) -> str:
        """Returns the command of a key (scrolling the chronicles itself); "" for none."""
        pages = {pygame.K_1: "result", pygame.K_2: "charts", pygame.K_3: "chronicles"}
        if event.key in pages:
            self.show_page(pages[event.key])
        elif event.key in {pygame.K_PAGEUP, pygame.K_PAGEDOWN} and self.table is not None:
            height = self._layout()["body"].height
            sign = -1 if event.key == pygame.K_PAGEUP else 1
            self.table.scroll_by(sign * (height - self.ctx.px(40)), height)
        elif event.key == pygame.K_s and event.mod & pygame.KMOD_CTRL:
            return "save"
        elif event.key == pygame.K_b:
            return "sources"
        elif event.key == pygame.K_n:
            return "new"
        elif event.key == pygame.K_ESCAPE:
            return "menu"
        return ""

    def show_page(self, page: str) -> sc.Transition:
        """Shows one of the debrief's pages (`PAGES`)."""
        if page != self.page:
            self.page = page
            self.table = None
            self.rebuild()
        return None

    def draw(self, surface: pygame.Surface) -> None:
        lay = self._layout()
        fonts, px = self.ctx.fonts, self.ctx.px
        rules = self.session.rules
        w = self.ctx.size[0]
        out = self.outcome
        big = fonts.get("serif_bold", 30)
        blit_text(
            surface,
            fonts.get("serif_italic", 15),
            _("{title} — the game is over, {date}").format(
                title=rules.title, date=month(rules, self.session.state.turn)
            ),
            (px(20), px(16)),
            INK_SOFT,
        )
        title = out.class_label if out else _("Unfinished")
        blit_text(surface, big, title, (px(20), px(40)), ACCENT, width=w - px(40))
        cls = next((c for c in rules.outcome_classes if out and c.id == out.outcome_class), None)
        text = (out.label + ". " if out else "") + (cls.text if cls else "")
        end = next((r for r in rules.end_rules if out and r.id == out.reason), None)
        if end and end.text:
            text += " " + end.text
        blit_wrapped(
            surface,
            fonts.get("serif", 15),
            text,
            pygame.Rect(px(20), px(86), w - px(40), px(60)),
            INK,
        )
        pygame.draw.line(surface, RULE, (px(20), px(140)), (w - px(20), px(140)), 2)
        if self.page == "result":
            self._draw_scores(surface, lay["scores"])
            head = fonts.get("serif_bold", 16)
            blit_text(
                surface, head, _("How it went"), (lay["game"].left, lay["game"].top - px(24)), INK
            )
            blit_text(
                surface,
                head,
                _("The secrets, and what history says"),
                (lay["history"].left, lay["history"].top - px(24)),
                INK,
                width=lay["history"].width,
            )
        elif self.page == "charts":
            self._draw_charts(surface, lay["body"])
        elif self.table is not None:
            self.table.draw(surface, lay["body"])
        if self.flash:
            blit_text(
                surface,
                fonts.get("sans", 13),
                self.flash,
                (px(20), lay["buttons"].top - px(4)),
                ACCENT,
                width=max(px(100), lay["buttons"].width - 3 * px(270) - px(210)),
            )

    def _draw_charts(self, surface: pygame.Surface, body: pygame.Rect) -> None:
        """Draws the charts in a grid of two columns."""
        px = self.ctx.px
        n = len(self.series)
        cols = 2 if n > 1 else 1
        rows = (n + cols - 1) // cols
        gap = px(10)
        cw = (body.width - gap * (cols - 1)) // cols
        ch = (body.height - gap * (rows - 1)) // max(1, rows)
        colours = {f.name: faction_colour(f.id, f.index) for f in self.session.rules.factions}
        self.charts = []
        for i, series in enumerate(self.series):
            r, c = divmod(i, cols)
            rect = pygame.Rect(body.left + c * (cw + gap), body.top + r * (ch + gap), cw, ch)
            self.charts.append(
                draw_series(surface, rect, series, self.session.rules, self.ctx.fonts, colours)
            )

    def _draw_scores(self, surface: pygame.Surface, r: pygame.Rect) -> None:
        fonts, px = self.ctx.fonts, self.ctx.px
        rules = self.session.rules
        head = fonts.get("serif_bold", 16)
        body = fonts.get("sans", 14)
        bold = fonts.get("sans_bold", 14)
        y = r.top
        blit_text(surface, head, _("Scores"), (r.left, y), INK)
        y += px(28)
        for f in rules.factions:
            colour = faction_colour(f.id, f.index)
            pygame.draw.rect(surface, colour, pygame.Rect(r.left, y + px(3), px(14), px(14)))
            score = self.outcome.scores[f.id] if self.outcome else 0.0
            seat = self.session.seats[f.index]
            blit_text(
                surface,
                body,
                f"{f.name} ({seat})",
                (r.left + px(22), y),
                INK,
                width=r.width - px(90),
            )
            blit_text(surface, bold, f"{score:g}", (r.right, y), INK, align="right")
            y += px(24)
            verdict = self.verdicts.get(f.id)
            if verdict is not None:
                blit_text(
                    surface,
                    fonts.get("sans_bold", 12),
                    self.level_text(verdict),
                    (r.left + px(22), y - px(4)),
                    _level_colour(verdict),
                    width=r.width - px(22),
                )
                y += px(20)
        margins = rules.victory
        if self.verdicts and margins is not None:
            unit = margins.unit
            y += blit_wrapped(
                surface,
                fonts.get("sans", 12),
                _(
                    "Par: what the historical path (every side as in history, same seed) "
                    "scored for that side; the level is the score's margin over it, in {unit}."
                ).format(unit=unit),
                pygame.Rect(r.left, y, r.width, px(64)),
                INK_SOFT,
            )
        y += px(10)
        distance = self.session.game.distance(self.session.state)
        blit_text(surface, head, _("Distance from history"), (r.left, y), INK)
        blit_text(surface, bold, f"{distance:.2f}", (r.right, y), ACCENT, align="right")
        y += px(22)
        y += blit_wrapped(
            surface,
            fonts.get("sans", 12),
            _(
                "0 means the game followed history's dates and figures; each term "
                "counts how far one fact moved."
            ),
            pygame.Rect(r.left, y, r.width, px(48)),
            INK_SOFT,
        ) + px(12)
        rows = figure_rows(self.session)
        if rows and y + px(48) < r.bottom:  # a short window: the chronicle has them
            blit_text(surface, head, _("Key figures"), (r.left, y), INK)
            y += px(26)
            small = fonts.get("sans", 12)
            blit_text(
                surface,
                small,
                _("this game / history"),
                (r.right, y - px(22)),
                INK_SOFT,
                align="right",
            )
            value_font = fonts.get("sans_bold", 12)
            for label, mine, theirs in rows:
                value = f"{mine} / {theirs}"
                value_w = min(value_font.size(value)[0], r.width * 3 // 5)
                room = r.width - value_w - px(8)
                lines = wrap(small, label, room)  # a long label wraps; its words are not cut
                if y + len(lines) * px(16) + px(2) > r.bottom:
                    break  # a short window: the saved chronicle has every figure
                for n, line in enumerate(lines):
                    blit_text(surface, small, line, (r.left, y + n * px(16)), INK)
                blit_text(
                    surface, value_font, value, (r.right, y), INK, align="right", width=value_w
                )
                y += px(20) + (len(lines) - 1) * px(16)
            y += px(12)

    def level_text(self, verdict: Verdict) -> str:
        """Returns a side's line under its score: `marginal victory: +7 against par 63.5`."""
        return _("{level}: {margin} against par {par}").format(
            level=verdict.level.value, margin=verdict.margin_text(), par=f"{verdict.par:g}"
        )

    def describe(self) -> dict[str, Any]:
        out = self.outcome
        return {
            "scene": self.name,
            "outcome": out.outcome_class if out else "",
            "class_label": out.class_label if out else "",
            "scores": dict(out.scores) if out else {},
            "saved": self.saved,
            "levels": {fid: self.level_text(v) for fid, v in self.verdicts.items()},
            "debates": {d.id: d.school.id for d in self.session.rules.debates},
            "page": self.page,
            "turning_points": list(self.points),
            "hidden": {h.track.id: (h.track.name, h.shown) for h in self.hidden},
            "charts": [c.title for c in self.series],
            "charts_drawn": [
                {"title": d.title, "y_ticks": d.y_ticks, "x": d.x_labels, "legend": d.legend}
                for d in self.charts
            ],
            "rows": len(self.rows),
        }


def _level_colour(verdict: Verdict) -> Colour:
    """Returns the colour of a level: blue for a victory, orange for a defeat (Okabe–Ito)."""
    rank = verdict.level.rank
    return GOOD if rank > 0 else (BAD if rank < 0 else INK)
