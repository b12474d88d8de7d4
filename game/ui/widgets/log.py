"""The game screen's chronicle: the viewer's log, dated, new lines appended as they come."""

from __future__ import annotations

import pygame
import pygame_gui
from pygame_gui.elements import UITextBox

from game.core.log import LogEntry
from game.core.rules import Rules
from game.ui.view import log_html

LOG_LINES = 150
"""How many of the latest chronicle lines the log shows when it is rebuilt (the debrief and
the saved chronicle have them all)."""


class LogPanel:
    """A text box with one faction's chronicle; a new viewer starts it afresh."""

    def __init__(
        self,
        manager: pygame_gui.UIManager,
        container: pygame_gui.core.UIContainer,
        rect: pygame.Rect,
    ) -> None:
        self.box = UITextBox("", rect, manager, container=container, object_id="#log")
        self.key: tuple[int, int] = (-1, -1)
        """(viewer, number of log lines shown)."""
        self.turn = -1
        """The turn of the last line shown (a new turn gets a dated heading)."""
        self.seen: set[str] = set()
        """Texts of the chronicle lines shown so far (repeats are shortened)."""

    def update(self, rules: Rules, viewer: int, log: tuple[LogEntry, ...]) -> None:
        """Shows `viewer`'s chronicle: new lines are appended, a new viewer starts afresh."""
        box = self.box
        shown_to, shown = self.key
        if shown_to == viewer and shown == len(log):
            return
        if shown_to == viewer and shown < len(log):
            html, self.turn = log_html(rules, log[shown:], self.turn, self.seen)
            box.append_html_text("<br>" + html)
        else:
            start = max(0, len(log) - LOG_LINES)
            self.seen = {entry.text for entry in log[:start]}
            html, self.turn = log_html(rules, log[start:], seen=self.seen)
            box.set_text(html)
            box.rebuild()
            if box.scroll_bar is not None:
                box.scroll_bar.set_scroll_from_start_percentage(1.0)
        self.key = (viewer, len(log))
