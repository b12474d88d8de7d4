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
from game.ui.chronicle import save_chronicle, turning_points
from game.ui.debates import debrief_html
from game.ui.debrief_data import aligned_chronicles, hidden_values, key_series
from game.ui.debrief_scores import level_text, score_blocks
from game.ui.i18n import N_, _
from game.ui.session import Session
from game.ui.settings import chronicles_dir
from game.ui.theme import (
    ACCENT,
    INK,
    INK_SOFT,
    RULE,
    Colour,
    faction_colour,
    html_colour,
)
from game.ui.view import month
from game.ui.widgets.aligned import AlignedTable
from game.ui.widgets.block_column import BlockColumn
from game.ui.widgets.text import blit_text, blit_wrapped, esc, wrap
from game.ui.widgets.track_chart import Drawn, draw_series

PAGES = (("result", N_("1 Result")), ("charts", N_("2 Charts")), ("chronicles", N_("3 Chronicles")))
"""The debrief's pages: (key, tab label); keys 1–3 switch to them."""
HEADINGS = (N_("How it went"), N_("The secrets, and what history says"))
"""The headings of the first page's two text columns."""


SHORT = {
    "save": (N_("Save the chronicle"), N_("Save")),
    "whatif": (N_("What if…?"),),
    "sources": (N_("Sources"),),
}
"""Each button's shorter labels, tried in turn when the longer does not fit its width."""


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
        self.column = BlockColumn()
        """The scores and figures of the first page, which scroll a block at a time."""
        self._laid: tuple[object, dict[str, pygame.Rect]] | None = None

    def _outcome_text(self) -> str:
        """Returns the outcome's words under the title: its label, class and end."""
        rules, out = self.session.rules, self.outcome
        cls = next((c for c in rules.outcome_classes if out and c.id == out.outcome_class), None)
        text = (out.label + ". " if out else "") + (cls.text if cls else "")
        end = next((r for r in rules.end_rules if out and r.id == out.reason), None)
        if end and end.text:
            text += " " + end.text
        return text

    def _head(self) -> list[tuple[pygame.font.Font, str, Colour, int]]:
        """Returns the header's paragraphs, top to bottom: (font, text, colour, gap after)."""
        rules, fonts, px = self.session.rules, self.ctx.fonts, self.ctx.px
        when = _("{title} — the game is over, {date}").format(
            title=rules.title, date=month(rules, self.session.state.turn)
        )
        title = self.outcome.class_label if self.outcome else _("Unfinished")
        return [
            (fonts.get("serif_italic", 15), when, INK_SOFT, px(2)),
            (fonts.get("serif_bold", 30), title, ACCENT, 0),
            (fonts.get("serif", 15), self._outcome_text(), INK, 0),
        ]

    def _heading_height(self, width: int) -> int:
        """Returns the height of the result page's column headings (they wrap, never cut)."""
        font = self.ctx.fonts.get("serif_bold", 16)
        lines = max(len(wrap(font, _(text), width)) for text in HEADINGS)
        return max(self.ctx.px(26), lines * font.get_linesize() + self.ctx.px(4))

    def _layout(self) -> dict[str, pygame.Rect]:
        key = (self.ctx.size, self.ctx.fonts)
        if self._laid is not None and self._laid[0] == key:
            return self._laid[1]
        w, h = self.ctx.size
        px = self.ctx.px
        y = px(16)
        for font, text, _colour, gap in self._head():
            y += len(wrap(font, text, w - px(40))) * font.get_linesize() + gap
        rule = max(px(140), y + px(8))  # a long outcome, or large text: the header grows
        head = rule + px(44)
        left_w = max(px(300), int(w * 0.28))
        body = pygame.Rect(px(20), head, w - px(40), h - head - px(84))
        half = (body.width - left_w - px(20)) // 2
        top = self._heading_height(half - px(5))
        lay = {
            "scores": pygame.Rect(body.left, body.top, left_w, body.height),
            "game": pygame.Rect(
                body.left + left_w + px(10), body.top + top, half - px(5), body.height - top
            ),
            "history": pygame.Rect(
                body.left + left_w + half + px(20), body.top + top, half - px(5), body.height - top
            ),
            "buttons": pygame.Rect(px(20), h - px(60), w - px(40), px(44)),
            "tabs": pygame.Rect(px(20), rule + px(6), w - px(40), px(30)),
            "rule": pygame.Rect(px(20), rule, w - px(40), 2),
            "flash": pygame.Rect(px(20), body.bottom + px(2), w - px(40), px(20)),
            "body": body,
        }
        self._laid = (key, lay)
        return lay

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
        items = (
            ("sources", _("Sources (B)")),
            ("whatif", _("What if…? (W)")),
            ("save", _("Save the chronicle (Ctrl+S)")),
            ("new", _("New game (N)")),
            ("menu", _("Main menu (Esc)")),
        )
        n = len(items)
        for i, (key, text) in enumerate(items):
            # The buttons from the right, narrower when the window is (1024 px at 130 %).
            fit = (b.width - (n - 1) * px(10)) // n
            width = min(px(200) if key in ("sources", "whatif") else px(260), fit)
            right = b.right - (n - 1 - i) * (min(px(260), fit) + px(10))
            rect = pygame.Rect(right - width, b.top, width, b.height)
            button = UIButton(
                rect,
                text,
                self.ctx.manager,
                container=root,
                object_id="#primary" if key == "save" else None,
            )
            # A narrow window: shorter words (the keys are in Help).
            for shorter in SHORT.get(key, ()):
                if not button.font or button.font.size(button.text)[0] <= width - px(16):
                    break
                button.set_text(_(shorter))
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
        elif event.type == pygame.MOUSEWHEEL and self.page == "result":
            if self._layout()["scores"].collidepoint(pygame.mouse.get_pos()):
                self.column.scroll(-event.y)
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
        elif key == "whatif":  # "what if I had chosen otherwise here?" (game.ui.branching)
            return sc.Push("branch", session=self.session)
        elif key in {"new", "menu"}:
            return sc.Reset("menu", "scenarios" if key == "new" else None)
        return None

    def _key(self, event: pygame.event.Event) -> str:
        """Returns the command of a key (scrolling the chronicles itself); "" for none."""
        pages = {pygame.K_1: "result", pygame.K_2: "charts", pygame.K_3: "chronicles"}
        if event.key in pages:
            self.show_page(pages[event.key])
        elif event.key in {pygame.K_PAGEUP, pygame.K_PAGEDOWN}:
            sign = -1 if event.key == pygame.K_PAGEUP else 1
            if self.table is not None:
                height = self._layout()["body"].height
                self.table.scroll_by(sign * (height - self.ctx.px(40)), height)
            elif self.page == "result":  # the scores and figures, when they do not all fit
                self.column.scroll(sign * self.column.page)
        elif event.key == pygame.K_s and event.mod & pygame.KMOD_CTRL:
            return "save"
        elif event.key == pygame.K_b:
            return "sources"
        elif event.key == pygame.K_w:
            return "whatif"
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
        w = self.ctx.size[0]
        y = px(16)
        for font, text, colour, gap in self._head():
            height = len(wrap(font, text, w - px(40))) * font.get_linesize()
            blit_wrapped(surface, font, text, pygame.Rect(px(20), y, w - px(40), height), colour)
            y += height + gap
        rule = lay["rule"]
        pygame.draw.line(surface, RULE, rule.topleft, rule.topright, 2)
        if self.page == "result":
            self._draw_scores(surface, lay["scores"])
            head = fonts.get("serif_bold", 16)
            for text, box in zip(HEADINGS, (lay["game"], lay["history"]), strict=True):
                top = lay["body"].top
                blit_wrapped(
                    surface, head, _(text), pygame.Rect(box.left, top, box.width, box.top - top)
                )
        elif self.page == "charts":
            self._draw_charts(surface, lay["body"])
        elif self.table is not None:
            self.table.draw(surface, lay["body"])
        if self.flash:
            flash = lay["flash"]
            blit_text(
                surface, fonts.get("sans", 13), self.flash, flash.topleft, ACCENT, width=flash.width
            )

    def _draw_charts(self, surface: pygame.Surface, body: pygame.Rect) -> None:
        """Draws the charts in a grid of two columns."""
        px = self.ctx.px
        n = len(self.series)
        gap = px(10)
        cols = 2 if n > 1 else 1
        rows = (n + cols - 1) // cols
        if n > 4 and (body.height - gap * (rows - 1)) // rows < px(140):  # short: three across
            cols = 3
            rows = (n + cols - 1) // cols
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
        """Draws the scores, levels, distance and key figures from the column's scroll place."""
        scores = self.outcome.scores if self.outcome else {}
        fonts, px = self.ctx.fonts, self.ctx.px
        blocks = score_blocks(self.session, scores, self.verdicts, fonts, px, r)
        self.column.draw(surface, r, blocks, fonts.get("sans", 12))

    def level_text(self, verdict: Verdict) -> str:
        """Returns a side's line under its score: `marginal victory: +7 against par 63.5`."""
        return level_text(verdict)

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
            "column": {
                "first": self.column.first,
                "shown": list(self.column.shown),
                "blocks": list(self.column.keys),
            },
        }
