"""Opening a scenario or variant file: pygame_gui's file dialog, modal, limited to existing
.yaml/.yml files, and without its delete button (a dialog that opens files never deletes one).

A scene keeps one `FilePicker`, opens it from a button, and asks `picked(event)` for the path
the player chose (pygame_gui posts `UI_FILE_DIALOG_PATH_PICKED`); it closes the picker when it
is hidden or torn down, so no dialog outlives the scene that opened it.
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

    def picked(self, event: pygame.event.Event) -> Path | None:
        """Returns the file chosen in this picker's dialog if `event` says so, else None."""
        if event.type != pygame_gui.UI_FILE_DIALOG_PATH_PICKED or self.dialog is None:
            return None
        if getattr(event, "ui_element", None) is not self.dialog:
            return None
        path = Path(event.text)
        self.ctx.folder = path.parent
        return path
