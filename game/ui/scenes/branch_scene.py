""" "What if I had chosen otherwise here?" (`game.ui.branching`): pick a turning point of the
finished game; the game is forked at its turn and played on in the background by the default AI
on every side, with a progress bar; the result is a chart of how the continuations ended (each
outcome's share with its 95 % interval) beside how this game and history did."""

from __future__ import annotations

from typing import Any

import pygame
import pygame_gui
from pygame_gui.elements import UIButton, UISelectionList

from game.sim.stats import share_ci
from game.ui import gui
from game.ui import scene as sc
from game.ui.branching import BranchRun, Point, fork_points
from game.ui.i18n import _
from game.ui.session import Session
from game.ui.theme import ACCENT, GOOD, INK, INK_SOFT, PAPER, PAPER_DARK, RULE
from game.ui.widgets.text import blit_text, ellipsize


class BranchScene(sc.Scene):
    """Choose a turning point, watch the continuations run, read their spread."""

    name = "branch"

    def __init__(self, ctx: sc.Context, session: Session) -> None:
        super().__init__(ctx)
        self.session = session
        self.points = fork_points(session)
        self.run: BranchRun | None = None
        self.point: Point | None = None
        self.listing: UISelectionList | None = None
        self.back: UIButton | None = None
        self.again: UIButton | None = None
        self.error = ""

    @property
    def mode(self) -> str:
        if self.run is None:
            return "choose"
        return "done" if self.run.finished() else "running"

    def build_widgets(self, root: pygame_gui.core.UIContainer) -> None:
        w, h = self.ctx.size
        px = self.ctx.px
        self.listing = None
        self.again = None
        if self.mode == "choose":
            items: list[str | tuple[str, str]] = [
                f"{p.date:%d %b %Y} — {p.what}".removeprefix("0") for p in self.points
            ]
            self.listing = UISelectionList(
                pygame.Rect(px(40), px(120), w - px(80), h - px(230)),
                items,
                self.ctx.manager,
                container=root,
            )
            gui.focus(self.listing)
        elif self.mode == "done":
            self.again = UIButton(
                pygame.Rect(w - px(340), h - px(70), px(300), px(44)),
                _("Another turning point"),
                self.ctx.manager,
                container=root,
            )
        self.back = UIButton(
            pygame.Rect(px(40), h - px(70), px(260), px(44)),
            _("Back to the debrief (Esc)") if self.mode != "running" else _("Stop (Esc)"),
            self.ctx.manager,
            container=root,
            object_id="#primary" if self.mode == "done" else None,
        )

    def _choose(self, index: int) -> None:
        self.point = self.points[index]
        try:
            self.run = BranchRun(self.session, self.point.date).start()
        except ValueError as exc:
            self.error = str(exc)
            self.run = None
        self.rebuild()

    def _leave(self) -> sc.Transition:
        if self.run is not None:
            self.run.stop()
        return sc.Pop()

    def handle(self, event: pygame.event.Event) -> sc.Transition:
        if event.type == pygame_gui.UI_SELECTION_LIST_NEW_SELECTION and self.listing is not None:
            items = [i["text"] for i in self.listing.item_list]
            chosen = self.listing.get_single_selection()
            if chosen in items:
                self._choose(items.index(chosen))
        if event.type == pygame_gui.UI_BUTTON_PRESSED:
            if event.ui_element is self.back:
                return self._leave()
            if event.ui_element is self.again:
                self.run, self.point = None, None
                self.rebuild()
        if event.type == pygame.KEYDOWN and event.key == pygame.K_ESCAPE:
            return self._leave()
        return None

    def update(self, dt: float) -> sc.Transition:
        if self.run is not None and self.run.finished() and self.again is None:
            self.rebuild()  # the run ended: the chart's buttons
        return None

    def busy(self) -> bool:
        return self.mode == "running"

    def close(self) -> None:
        if self.run is not None:
            self.run.stop()

    # ------------------------------------------------------------- drawing

    def draw(self, surface: pygame.Surface) -> None:
        w, h = self.ctx.size
        px, fonts = self.ctx.px, self.ctx.fonts
        surface.fill(PAPER)
        head = fonts.get("serif_bold", 26)
        blit_text(surface, head, _("What if it had gone otherwise here?"), (px(40), px(24)), INK)
        small = fonts.get("serif_italic", 15)
        if self.mode == "choose":
            note = _(
                "Choose a turning point: the game goes back to the start of its turn and the "
                "computer plays every side on from there, many times, each with its own chance."
            )
            blit_text(
                surface, small, self.error or note, (px(40), px(68)), INK_SOFT, width=w - px(80)
            )
            return
        assert self.run is not None
        assert self.point is not None
        where = _("From {date}: {what}").format(
            date=f"{self.run.fork.date:%d %b %Y}".removeprefix("0"), what=self.point.what
        )
        blit_text(surface, small, where, (px(40), px(68)), INK_SOFT, width=w - px(80))
        if self.mode == "running":
            self._draw_progress(surface, pygame.Rect(px(40), h // 2 - px(20), w - px(80), px(28)))
        else:
            self._draw_chart(surface, pygame.Rect(px(40), px(110), w - px(80), h - px(200)))

    def _draw_progress(self, surface: pygame.Surface, box: pygame.Rect) -> None:
        assert self.run is not None
        pygame.draw.rect(surface, PAPER_DARK, box)
        done = box.copy()
        done.width = box.width * self.run.done // max(1, self.run.total)
        pygame.draw.rect(surface, GOOD, done)
        pygame.draw.rect(surface, RULE, box, 1)
        text = _("{done} of {total} games played").format(done=self.run.done, total=self.run.total)
        font = self.ctx.fonts.get("sans", 15)
        blit_text(surface, font, text, (box.left, box.bottom + self.ctx.px(10)), INK)

    def _draw_chart(self, surface: pygame.Surface, box: pygame.Rect) -> None:
        """One bar per outcome: its share of the continuations with its interval as a whisker,
        and which outcome this game and history had."""
        assert self.run is not None
        px, fonts = self.ctx.px, self.ctx.fonts
        font, small = fonts.get("sans", 15), fonts.get("sans", 13)
        if self.run.error or not self.run.results:
            message = self.run.error or _("No game was played.")
            blit_text(surface, font, message, box.topleft, ACCENT, width=box.width)
            return
        summary = self.run.summary()
        rules = self.session.rules
        labels = {c.id: c.label for c in rules.outcome_classes}
        shown = {c["id"]: c for c in summary["classes"]}
        ours, history = self.run.fork.outcome, rules.baseline.outcome_class
        order = list(shown)
        for cid in (ours, history):  # outcomes no continuation reached, still marked
            if cid and cid not in order:
                order.append(cid)
        label_w = min(box.width // 3, px(320))
        bar_x, bar_w = box.left + label_w + px(12), box.width - label_w - px(160)
        row = min(px(44), box.height // max(1, len(order) + 2))
        title = _("{n} continuations: how they ended (95 % intervals)").format(n=summary["games"])
        blit_text(surface, font, title, box.topleft, INK)
        for i, cid in enumerate(order):
            y = box.top + px(36) + i * row
            none = share_ci(0, summary["games"])
            cls = shown.get(cid, {"share": 0.0, "low": none.low, "high": none.high})
            name = ellipsize(font, labels.get(cid, cid), label_w)
            blit_text(surface, font, name, (box.left, y + px(4)), INK)
            pygame.draw.rect(surface, PAPER_DARK, (bar_x, y, bar_w, row - px(12)))
            fill = int(bar_w * cls["share"])
            pygame.draw.rect(surface, GOOD, (bar_x, y, fill, row - px(12)))
            mid = y + (row - px(12)) // 2
            low, high = bar_x + int(bar_w * cls["low"]), bar_x + int(bar_w * cls["high"])
            pygame.draw.line(surface, INK, (low, mid), (high, mid), 2)
            for x in (low, high):
                pygame.draw.line(surface, INK, (x, mid - px(5)), (x, mid + px(5)), 2)
            marks = [m for m, c in ((_("this game"), ours), (_("history"), history)) if c == cid]
            text = f"{cls['share']:.0%}" + (f"  ← {', '.join(marks)}" if marks else "")
            blit_text(surface, small, text, (bar_x + bar_w + px(8), y + px(6)), INK_SOFT)

    def describe(self) -> dict[str, Any]:
        out: dict[str, Any] = {"scene": self.name, "mode": self.mode, "points": len(self.points)}
        if self.run is not None:
            out |= {"done": self.run.done, "total": self.run.total}
            out["fork"] = self.run.fork.date.isoformat()
        if self.mode == "done" and self.run is not None and self.run.results:
            out["shares"] = {c["id"]: c["share"] for c in self.run.summary()["classes"]}
        return out
