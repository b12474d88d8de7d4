"""Loading a saved game: the autosave and the saves folder, newest first."""

from __future__ import annotations

import datetime as dt
from pathlib import Path
from typing import Any

import pygame
import pygame_gui
from pygame_gui.elements import UIButton

from game.scenario.loader import Source
from game.sim.record import GameRecord, game_of_saved, load_record, source_fault
from game.ui import scene as sc
from game.ui.catalog import rules_of
from game.ui.saves import open_saved
from game.ui.settings import autosave_path, saves_dir
from game.ui.theme import ACCENT, INK_SOFT
from game.ui.widgets.text import blit_text, draw_error


def _mtime(path: Path) -> float:
    """Returns when a file was last written, 0 for one that cannot be looked at (a link to a
    file that is gone)."""
    try:
        return path.stat().st_mtime
    except OSError:
        return 0.0


def list_saves() -> list[tuple[Path, str]]:
    """Returns (file, description) of each save, the autosave first, then newest first."""
    try:
        found = list(saves_dir().glob("*.json"))
    except OSError:
        found = []
    files = sorted(found, key=_mtime, reverse=True)
    if autosave_path().exists():
        files.insert(0, autosave_path())
    out = []
    for path in files[:40]:
        stamp = _mtime(path)
        when = dt.datetime.fromtimestamp(stamp).strftime("%d %b %Y %H:%M") if stamp else "?"
        try:
            record = load_record(path)
            text = f"{_title(record, path)} — {len(record.actions)} moves — {when}"
        except (ValueError, OSError):  # ScenarioError and RecordError are ValueErrors
            text = f"{path.name} — cannot be read"
        if path == autosave_path():
            text = "Autosave: " + text
        out.append((path, text))
    return out


def _title(record: GameRecord, path: Path) -> str:
    """Returns what a save is a game of: the scenario's title (read from the scenario file a
    game was played from, when it is there unchanged) and the variant, or why the file it was
    played from cannot open it ("my_railway.yaml — scenario file changed")."""
    variant = f" ({record.variant})" if record.variant else ""
    fault = source_fault(record)
    if fault is not None:
        return f"{Path(fault.file).name}{variant} — {fault.short}"
    if record.source is not None:
        rules = game_of_saved(record, str(path)).rules
        return f"{rules.title}{variant} — from {_files(record.source)}"
    return f"{rules_of(record.scenario, record.variant).title}{variant}"


def _files(source: Source) -> str:
    names = (source.scenario_file, source.variant_file)
    return ", ".join(Path(name).name for name in names if name)


class LoadScene(sc.Scene):
    name = "load"

    def __init__(self, ctx: sc.Context) -> None:
        super().__init__(ctx)
        self.saves = list_saves()
        self.error = ""
        self.items: dict[UIButton, Path] = {}

    def build_widgets(self, root: pygame_gui.core.UIContainer) -> None:
        px = self.ctx.px
        w, h = self.ctx.size
        self.items = {}
        per_page = max(1, (h - px(220)) // px(50))
        for i, (path, text) in enumerate(self.saves[:per_page]):
            button = UIButton(
                pygame.Rect(px(40), px(100) + i * px(50), w - px(80), px(42)),
                text,
                self.ctx.manager,
                container=root,
                object_id="#action",
                tool_tip_text=str(path),
            )
            self.items[button] = path
        self.back = self.back_button(root)

    def handle(self, event: pygame.event.Event) -> sc.Transition:
        if event.type == pygame_gui.UI_BUTTON_PRESSED:
            if event.ui_element is self.back:
                return sc.Pop()
            path = self.items.get(event.ui_element)
            if path is not None:
                return self.load(path)
        if event.type == pygame.KEYDOWN and event.key == pygame.K_ESCAPE:
            return sc.Pop()
        return None

    def load(self, path: Path) -> sc.Transition:
        opened, why = open_saved(path)
        if why:
            self.error = f"{path.name}: {why}"
        return opened

    def draw(self, surface: pygame.Surface) -> None:
        fonts, px = self.ctx.fonts, self.ctx.px
        w, h = self.ctx.size
        blit_text(surface, fonts.get("serif_bold", 30), "Load a game", (px(40), px(36)), ACCENT)
        if not self.saves:
            blit_text(
                surface, fonts.get("sans", 15), "No saved games yet.", (px(40), px(100)), INK_SOFT
            )
        blit_text(
            surface,
            fonts.get("sans", 12),
            f"Saves are kept in {saves_dir()}",
            (px(220), h - px(56)),
            INK_SOFT,
            width=w - px(260),
        )
        draw_error(surface, fonts, self.error, px)

    def describe(self) -> dict[str, Any]:
        return {"scene": self.name, "saves": [str(p) for p, _ in self.saves]}
