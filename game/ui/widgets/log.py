"""The game screen's chronicle: the viewer's log, dated, new lines appended as they come, with
the notes of the viewer's own adviser or AI (`game.ui.notes`) among them where they were said."""

from __future__ import annotations

from collections.abc import Sequence

import pygame
import pygame_gui
from pygame_gui.elements import UITextBox

from game.core.log import LogEntry
from game.core.rules import Rules
from game.ui.notes import Note, note_text
from game.ui.theme import html_colour
from game.ui.view import heading_html, log_html, month
from game.ui.widgets.text import esc

LOG_LINES = 100
"""How many of the latest chronicle lines the log shows when it is rebuilt (the debrief and
the saved chronicle have them all). New lines are appended until the box holds twice as many,
then it is rebuilt: pygame_gui lays the whole box out again on every append, so a box that
grew all game long made each turn slower."""

NOTE_LINK = "note:"
"""The start of a note's link (`note:3`): its line is a link when it has a hover text."""


class LogPanel:
    """A text box with one faction's chronicle; a new viewer starts it afresh."""

    def __init__(
        self,
        manager: pygame_gui.UIManager,
        container: pygame_gui.core.UIContainer,
        rect: pygame.Rect,
    ) -> None:
        self.box = UITextBox("", rect, manager, container=container, object_id="#log")
        self.key: tuple[int, int, int] = (-1, -1, -1)
        """(viewer, number of log lines shown, number of notes shown)."""
        self.when = ""
        """The date shown for the last line (a line told under another date gets a heading)."""
        self.seen: set[str] = set()
        """Texts of the chronicle lines shown so far (repeats are shortened)."""
        self.notes: Sequence[Note] = ()
        """The viewer's notes; a note's link names its index here."""
        self.first = 0
        """The first log line in the box."""
        self.turn = -1
        """The newest turn whose news the box holds."""
        self.turn_top = 0
        """Where that turn's news begins in the box's text (pixels from its top)."""

    def update(
        self,
        rules: Rules,
        viewer: int,
        log: tuple[LogEntry, ...],
        notes: Sequence[Note] = (),
    ) -> None:
        """Shows `viewer`'s chronicle and notes: new lines are appended, a new viewer starts
        afresh."""
        box = self.box
        shown_to, shown, said = self.key
        self.notes = notes
        if (shown_to, shown, said) == (viewer, len(log), len(notes)):
            return
        same = shown_to == viewer and shown <= len(log) and said <= len(notes)
        # The first line of the newest turn's news, where the box scrolls to (`_scroll`).
        newest = log[-1].turn if log else 0
        turn_start = next((i for i, e in enumerate(log) if e.turn == newest), len(log))
        if same and len(log) - self.first <= 2 * LOG_LINES:
            self._append(rules, log, notes, shown, said, turn_start)
        else:
            start = self.first = max(0, len(log) - LOG_LINES)
            self.seen = {entry.text for entry in log[:start]}
            self.when = ""
            self.turn_top = 0
            first = next((i for i, n in enumerate(notes) if n.at >= start), len(notes))
            upto = max(start, turn_start)
            upto_note = next((i for i, n in enumerate(notes) if n.at >= upto), len(notes))
            box.set_text(self._html(rules, log[:upto], start, first, upto_note) or " ")
            box.rebuild()
            self.turn_top = self._height() if upto > start else 0
            self.turn = newest
            if upto < len(log) or upto_note < len(notes):
                box.append_html_text("<br>" + self._html(rules, log, upto, upto_note))
        self._scroll()
        self.key = (viewer, len(log), len(notes))

    def page(self, step: int) -> None:
        """Scrolls the chronicle by `step` pages (PageUp: -1, PageDown: 1)."""
        bar = self.box.scroll_bar
        if bar is None:
            return
        room = max(0.0, 1.0 - bar.visible_percentage)
        at = bar.start_percentage + step * bar.visible_percentage * 0.9
        bar.set_scroll_from_start_percentage(min(room, max(0.0, at)))

    def _append(
        self,
        rules: Rules,
        log: tuple[LogEntry, ...],
        notes: Sequence[Note],
        shown: int,
        said: int,
        turn_start: int,
    ) -> None:
        """Appends the lines and notes after `shown` and `said`; marks where a new turn's news
        begins."""
        if log and log[-1].turn != self.turn and turn_start >= shown:
            before = next((i for i, n in enumerate(notes) if n.at >= turn_start), len(notes))
            if turn_start > shown or before > said:
                part = self._html(rules, log[:turn_start], shown, said, before)
                self.box.append_html_text("<br>" + part)
                shown, said = turn_start, before
            self.turn_top, self.turn = self._height(), log[-1].turn
        self.box.append_html_text("<br>" + self._html(rules, log, shown, said))

    def _height(self) -> int:
        """Returns the height of the box's text as laid out now."""
        layout = self.box.text_box_layout
        return 0 if layout is None else int(layout.layout_rect.height)

    def _scroll(self) -> None:
        """Scrolls so that the newest turn's news begins at the top of the box (or to the end,
        when all of it fits below what came before): the player reads this turn's news from
        its start, not its last lines."""
        bar, height = self.box.scroll_bar, self._height()
        if bar is not None and height > 0:
            bar.set_scroll_from_start_percentage(self.turn_top / height)

    def _html(
        self, rules: Rules, log: tuple[LogEntry, ...], line: int, note: int, upto: int = -1
    ) -> str:
        """Returns the chronicle from log line `line` and note `note` on (to note `upto`, all
        by default), each note after the lines that came before it."""
        parts = []
        for i in range(note, len(self.notes) if upto < 0 else upto):
            said = self.notes[i]
            upto = max(line, min(said.at, len(log)))
            if upto > line:
                html, self.when = log_html(rules, log[line:upto], self.when, self.seen)
                parts.append(html)
                line = upto
            when = month(rules, said.turn)
            if when != self.when:
                parts.append(heading_html(when))
                self.when = when
            parts.append(_note_html(rules, said, i))
        if line < len(log):
            html, self.when = log_html(rules, log[line:], self.when, self.seen)
            parts.append(html)
        return "<br>".join(parts)

    @property
    def html(self) -> str:
        """The chronicle's text as shown (pygame_gui HTML), appended lines included."""
        return str(self.box.html_text) + str(self.box.appended_text)

    def hovered_note(self) -> Note | None:
        """Returns the note whose line the mouse is over (only lines with a hover text)."""
        for chunk in self.box.link_hover_chunks:
            href = str(chunk.href)
            if chunk.is_hovered and href.startswith(NOTE_LINK):
                index = int(href.removeprefix(NOTE_LINK))
                return self.notes[index] if index < len(self.notes) else None
        return None


def _note_html(rules: Rules, note: Note, index: int) -> str:
    """Returns a note's line: in italics, and a link (hover: what it weighed) when it weighed
    alternatives."""
    text = f"<i>{esc(note_text(rules, note))}</i>"
    if note.reason.weighed:
        return f"◦ <a href='{NOTE_LINK}{index}'>{text}</a>"
    return f"◦ <font color='{html_colour('#6B5A48')}'>{text}</font>"
