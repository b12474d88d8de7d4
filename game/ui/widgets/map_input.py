"""Zoom and pan of the game screen's map by mouse and keyboard: the wheel over it, a drag, and
while it has the keyboard (a click on it gives it) or the pointer is over it, the arrows (pan)
and Home (home view); + and - zoom whenever the map is shown. A pygame_gui widget that has the
keyboard keeps its arrows. Each change redraws the map once from its vector data (`MapPainter`);
nothing animates, so the screen stays idle in between."""

from __future__ import annotations

import pygame
import pygame_gui

from game.ui.widgets.map_view import MapPainter

ARROWS = (pygame.K_LEFT, pygame.K_RIGHT, pygame.K_UP, pygame.K_DOWN)
KEYED = (
    pygame_gui.elements.UITextEntryLine,
    pygame_gui.elements.UISelectionList,
    pygame_gui.elements.UIDropDownMenu,
)
"""pygame_gui widgets that use the arrows while they have the keyboard."""


class MapInput:
    """The map's share of the game screen's input, and whether the map has the keyboard."""

    def __init__(self) -> None:
        self.focus = False
        """The map has the keyboard (after a click on it): the arrows pan, Home resets."""
        self.drag: tuple[int, int] | None = None
        """Where the mouse last was while dragging the map (None: not dragging)."""

    def handle(
        self,
        event: pygame.event.Event,
        painter: MapPainter,
        area: pygame.Rect,
        *,
        shown: bool,
        manager: pygame_gui.UIManager,
        step: int,
    ) -> bool:
        """Returns True if the event was the map's (it zoomed or panned it)."""
        if not shown:
            self.focus, self.drag = False, None
            return False
        if event.type == pygame.MOUSEBUTTONDOWN and event.button == 1:
            self.focus = area.collidepoint(event.pos)
            self.drag = event.pos if self.focus else None
            return False  # a click still selects what lies under it
        if event.type == pygame.MOUSEBUTTONUP and event.button == 1:
            self.drag = None
            return False
        if event.type == pygame.MOUSEMOTION and self.drag is not None:
            if not event.buttons[0]:
                self.drag = None
                return False
            dx, dy = event.pos[0] - self.drag[0], event.pos[1] - self.drag[1]
            self.drag = event.pos
            return painter.pan_by(dx, dy)
        if event.type == pygame.MOUSEWHEEL and area.collidepoint(pygame.mouse.get_pos()):
            painter.zoom_by(1.25**event.y, pygame.mouse.get_pos())
            return True
        if event.type != pygame.KEYDOWN:
            return False
        key = event.key
        if key in (pygame.K_PLUS, pygame.K_EQUALS, pygame.K_KP_PLUS):
            painter.zoom_by(1.5)
        elif key in (pygame.K_MINUS, pygame.K_KP_MINUS):
            painter.zoom_by(1 / 1.5)
        elif key == pygame.K_HOME and self.keys(area, manager):
            painter.reset_zoom()
        elif key in ARROWS and self.keys(area, manager):
            dx = {pygame.K_LEFT: step, pygame.K_RIGHT: -step}.get(key, 0)
            dy = {pygame.K_UP: step, pygame.K_DOWN: -step}.get(key, 0)
            painter.pan_by(dx, dy)
        else:
            return False
        return True

    def keys(self, area: pygame.Rect, manager: pygame_gui.UIManager) -> bool:
        """Do the arrows and Home go to the map: it has the keyboard, or the pointer is over it
        and no widget that takes keys (a text field, a list) has the keyboard?"""
        if self.focus:
            return True
        focused = manager.get_focus_set()  # type: ignore[no-untyped-call]
        if any(isinstance(e, KEYED) for e in focused or ()):
            return False
        return bool(pygame.mouse.get_focused()) and area.collidepoint(pygame.mouse.get_pos())
