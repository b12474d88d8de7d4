"""Opening a scenario or variant file: pygame_gui's file dialog, modal, limited to existing
.yaml/.yml files, and without its delete button (a dialog that opens files never deletes one).

A scene keeps one `FilePicker`, opens it from a button, and asks `picked(event)` for the path
the player chose (pygame_gui posts `UI_FILE_DIALOG_PATH_PICKED`); it closes the picker when it
is hidden or torn down, so no dialog outlives the scene that opened it.

It works with the keyboard alone (`key`): Up / Down, PageUp / PageDown, Home / End move the
highlight in the list of folders and files, Enter opens the folder highlighted or picks the file,
Backspace goes to the parent folder, Esc closes the dialog (the scene's `handle`). While the path
line has the keyboard (after a click in it), the keys are its own: a path typed there and Enter
go to that folder or file, as pygame_gui does.
"""

from __future__ import annotations

import locale
from pathlib import Path
from typing import Any

import pygame
import pygame_gui
from pygame_gui.windows import UIFileDialog

from game.ui import gui
from game.ui.scene import Context

SUFFIXES = frozenset({".yaml", ".yml"})
"""The files a picker shows and accepts."""


class FilePicker:
    """One "Open a … file" dialog of a scene (see the module docstring)."""

    def __init__(self, ctx: Context, title: str) -> None:
        self.ctx = ctx
        self.title = title
        self.dialog: Any = None
        """The dialog last opened (kept after it closes: its pick arrives the next frame)."""

    @property
    def is_open(self) -> bool:
        return self.dialog is not None and bool(self.dialog.alive())

    def open(self, start: Path | None = None) -> None:
        """Opens the dialog in `start` (a folder or a file), else where the last file was
        picked, else the home folder."""
        self.close()
        w, h = self.ctx.size
        rect = pygame.Rect(0, 0, max(420, int(w * 0.6)), max(360, int(h * 0.7)))
        rect.center = (w // 2, h // 2)
        folder = start or self.ctx.folder or Path.home()
        # pygame_gui sets the process's locale from the environment; that would change how
        # the rest of the window writes dates (`%B`), so the locale is put back at once.
        kept = locale.setlocale(locale.LC_ALL)
        try:
            self.dialog = UIFileDialog(
                rect,
                self.ctx.manager,
                window_title=self.title,
                allowed_suffixes=set(SUFFIXES),
                initial_file_path=str(folder),
                allow_existing_files_only=True,
                always_on_top=True,
            )
        finally:
            locale.setlocale(locale.LC_ALL, kept)
        self.dialog.delete_button.hide()
        self.dialog.set_blocking(True)

    def close(self) -> None:
        if self.is_open:
            gui.kill(self.dialog)

    def key(self, event: pygame.event.Event) -> bool:
        """Moves the highlight, opens or picks with a key (see the module docstring); returns
        True if the key was the picker's."""
        if event.type != pygame.KEYDOWN or not self.is_open:
            return False
        dialog = self.dialog
        if dialog.file_path_text_line.is_focused:
            return False
        items = dialog.file_selection_list.item_list
        at = next((i for i, item in enumerate(items) if item["selected"]), -1)
        page = max(1, dialog.file_selection_list.rect.height // 24)
        moves = {
            pygame.K_UP: -1,
            pygame.K_DOWN: 1,
            pygame.K_PAGEUP: -page,
            pygame.K_PAGEDOWN: page,
            pygame.K_HOME: -len(items),
            pygame.K_END: len(items),
        }
        if event.key in moves and items:
            self.highlight(max(0, min(len(items) - 1, at + moves[event.key])))
        elif event.key in (pygame.K_RETURN, pygame.K_KP_ENTER):
            self._enter(items[at]["text"] if at >= 0 else None)
        elif event.key == pygame.K_BACKSPACE:
            _post(pygame_gui.UI_BUTTON_PRESSED, dialog.parent_directory_button)
        else:
            return False
        return True

    def highlight(self, index: int) -> None:
        """Highlights the list's row `index` (scrolled into view), as a click on it would."""
        listing = self.dialog.file_selection_list
        items = listing.item_list
        for i, item in enumerate(items):
            item["selected"] = i == index
            button = item["button_element"]
            if button is not None:
                if i == index:
                    button.select()
                else:
                    button.unselect()
        bar = listing.scroll_bar
        if bar is not None and listing.total_height_of_list:
            view = listing.item_list_container.relative_rect.height
            top = bar.start_percentage * listing.total_height_of_list
            row = index * listing.list_item_height
            if row < top or row + listing.list_item_height > top + view:
                start = max(0, row - view // 2) / listing.total_height_of_list
                bar.set_scroll_from_start_percentage(start)
        _post(pygame_gui.UI_SELECTION_LIST_NEW_SELECTION, listing, items[index]["text"])

    def _enter(self, name: str | None) -> None:
        """Opens the folder `name` of the folder shown, or picks the file highlighted."""
        dialog = self.dialog
        if name is not None and (Path(dialog.current_directory_path) / name).is_dir():
            listing = dialog.file_selection_list
            _post(pygame_gui.UI_SELECTION_LIST_DOUBLE_CLICKED_SELECTION, listing, name)
        elif dialog.ok_button.is_enabled:
            _post(pygame_gui.UI_BUTTON_PRESSED, dialog.ok_button)

    def picked(self, event: pygame.event.Event) -> Path | None:
        """Returns the file chosen in this picker's dialog if `event` says so, else None."""
        if event.type != pygame_gui.UI_FILE_DIALOG_PATH_PICKED or self.dialog is None:
            return None
        if getattr(event, "ui_element", None) is not self.dialog:
            return None
        path = Path(event.text)
        self.ctx.folder = path.parent
        return path


def _post(kind: int, element: Any, text: str = "") -> None:
    """Posts the event pygame_gui would for a click on `element` (the dialog answers it)."""
    event: dict[str, Any] = {
        "ui_element": element,
        "ui_object_id": element.most_specific_combined_id,
    }
    if text:
        event["text"] = text
    pygame.event.post(pygame.event.Event(kind, event))
