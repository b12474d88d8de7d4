"""The debrief: result, scores, each side's victory level against its par (what the historical
path of the same seed scored for it), outcome class, this game's timeline beside history's, the
distance from history, and a button to save the chronicle."""

from __future__ import annotations

from typing import Any

import pygame
import pygame_gui
from pygame_gui.elements import UIButton, UITextBox

from game.core.log import entries
from game.core.victory import Verdict
from game.ui import scene as sc
from game.ui.chronicle import figure_rows, save_chronicle, turning_points
from game.ui.debates import debrief_html
from game.ui.session import Session
from game.ui.settings import chronicles_dir
from game.ui.theme import ACCENT, BAD, GOOD, INK, INK_SOFT, RULE, Colour, faction_colour
from game.ui.view import line_when, month
from game.ui.widgets.text import blit_text, blit_wrapped, esc, wrap


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

    def _layout(self) -> dict[str, pygame.Rect]:
        w, h = self.ctx.size
        px = self.ctx.px
        head = px(150)
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
        }

    def build_widgets(self, root: pygame_gui.core.UIContainer) -> None:
        lay = self._layout()
        px = self.ctx.px
        rules, state = self.session.rules, self.session.state
        game_lines = []
        last = ""
        for entry in entries(state.log):
            when = line_when(rules, entry)
            if when != last:
                game_lines.append(f"<b><font color='#5E1A12'>{esc(when)}</font></b>")
                last = when
            cite = f" <i>{esc(entry.cite)}</i>" if entry.cite else ""
            game_lines.append(f"• {esc(entry.text)}{cite}")
        UITextBox("<br>".join(game_lines), lay["game"], self.ctx.manager, container=root)
        hist = [debrief_html(rules) + esc(rules.baseline.summary), ""]
        for item in rules.baseline.timeline:
            hist.append(
                f"<b><font color='#5E1A12'>{esc(item.date.isoformat())}</font></b> "
                f"{esc(item.text)} <i>{esc(item.cite)}</i>"
            )
        UITextBox("<br>".join(hist), lay["history"], self.ctx.manager, container=root)
        b = lay["buttons"]
        self.buttons: dict[UIButton, str] = {}
        for i, (key, text) in enumerate(
            (
                ("save", "Save the chronicle (Ctrl+S)"),
                ("new", "New game (N)"),
                ("menu", "Main menu (Esc)"),
            )
        ):
            width = px(260)
            rect = pygame.Rect(b.right - (3 - i) * (width + px(10)), b.top, width, b.height)
            button = UIButton(
                rect,
                text,
                self.ctx.manager,
                container=root,
                object_id="#primary" if key == "save" else None,
            )
            self.buttons[button] = key

    def handle(self, event: pygame.event.Event) -> sc.Transition:
        key = ""
        if event.type == pygame_gui.UI_BUTTON_PRESSED and event.ui_element in self.buttons:
            key = self.buttons[event.ui_element]
        elif event.type == pygame.KEYDOWN:
            if event.key == pygame.K_s and event.mod & pygame.KMOD_CTRL:
                key = "save"
            elif event.key == pygame.K_n:
                key = "new"
            elif event.key == pygame.K_ESCAPE:
                key = "menu"
        if key == "save":
            try:
                path = save_chronicle(self.session, chronicles_dir())
                self.saved = str(path)
                self.flash = f"Chronicle saved: {path}"
            except OSError as exc:
                self.flash = f"Could not save the chronicle: {exc.strerror}"
        elif key in {"new", "menu"}:
            return sc.Reset("menu", "scenarios" if key == "new" else None)
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
            f"{rules.title} — the game is over, {month(rules, self.session.state.turn)}",
            (px(20), px(16)),
            INK_SOFT,
        )
        title = out.class_label if out else "Unfinished"
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
        self._draw_scores(surface, lay["scores"])
        head = fonts.get("serif_bold", 16)
        blit_text(surface, head, "This game", (lay["game"].left, lay["game"].top - px(24)), INK)
        blit_text(
            surface,
            head,
            "What actually happened",
            (lay["history"].left, lay["history"].top - px(24)),
            INK,
        )
        if self.flash:
            blit_text(
                surface,
                fonts.get("sans", 13),
                self.flash,
                (px(20), lay["buttons"].top - px(4)),
                ACCENT,
                width=lay["buttons"].width - 3 * px(270),
            )

    def _draw_scores(self, surface: pygame.Surface, r: pygame.Rect) -> None:
        fonts, px = self.ctx.fonts, self.ctx.px
        rules = self.session.rules
        head = fonts.get("serif_bold", 16)
        body = fonts.get("sans", 14)
        bold = fonts.get("sans_bold", 14)
        y = r.top
        blit_text(surface, head, "Scores", (r.left, y), INK)
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
                "Par: what the historical path (every side as in history, same seed) "
                f"scored for that side; the level is the score's margin over it, in {unit}.",
                pygame.Rect(r.left, y, r.width, px(64)),
                INK_SOFT,
            )
        y += px(10)
        distance = self.session.game.distance(self.session.state)
        blit_text(surface, head, "Distance from history", (r.left, y), INK)
        blit_text(surface, bold, f"{distance:.2f}", (r.right, y), ACCENT, align="right")
        y += px(22)
        y += blit_wrapped(
            surface,
            fonts.get("sans", 12),
            "0 means the game followed history's dates and figures; each term "
            "counts how far one fact moved.",
            pygame.Rect(r.left, y, r.width, px(48)),
            INK_SOFT,
        ) + px(12)
        rows = figure_rows(self.session)
        if rows:
            blit_text(surface, head, "Key figures", (r.left, y), INK)
            y += px(26)
            small = fonts.get("sans", 12)
            blit_text(
                surface,
                small,
                "this game / history",
                (r.right, y - px(22)),
                INK_SOFT,
                align="right",
            )
            value_font = fonts.get("sans_bold", 12)
            for label, mine, theirs in rows:
                value = f"{mine} / {theirs}"
                room = r.width - min(px(150), value_font.size(value)[0]) - px(10)
                lines = wrap(small, label, room)  # a long label wraps; its words are not cut
                for n, line in enumerate(lines):
                    blit_text(surface, small, line, (r.left, y + n * px(16)), INK)
                blit_text(
                    surface, value_font, value, (r.right, y), INK, align="right", width=px(150)
                )
                y += px(20) + (len(lines) - 1) * px(16)
            y += px(12)
        points = turning_points(self.session)
        if points and y + px(60) < r.bottom:
            blit_text(surface, head, "Turning points", (r.left, y), INK)
            y += px(26)
            small = fonts.get("sans", 12)
            for when, what in points:
                if y + px(18) > r.bottom:
                    break
                blit_text(surface, fonts.get("sans_bold", 12), when, (r.left, y), ACCENT)
                blit_text(surface, small, what, (r.left + px(110), y), INK, width=r.width - px(110))
                y += px(18)

    def level_text(self, verdict: Verdict) -> str:
        """Returns a side's line under its score: `marginal victory: +7 against par 63.5`."""
        return f"{verdict.level.value}: {verdict.margin_text()} against par {verdict.par:g}"

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
        }


def _level_colour(verdict: Verdict) -> Colour:
    """Returns the colour of a level: blue for a victory, orange for a defeat (Okabe–Ito)."""
    rank = verdict.level.rank
    return GOOD if rank > 0 else (BAD if rank < 0 else INK)
