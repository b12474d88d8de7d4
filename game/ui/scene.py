"""Scenes and the transitions between them (a stack: menus push, back pops).

A scene owns the widgets in its `root` container; the app builds them when the scene is shown
(and again when the window is resized) and hides them while another scene covers it. Each frame
the app calls `handle` for each event (after pygame_gui has seen it), then `update`, then `draw`.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import pygame
import pygame_gui

from game.ui import gui
from game.ui.i18n import _
from game.ui.settings import Settings
from game.ui.theme import Fonts


@dataclass(frozen=True, slots=True, init=False)
class _Goto:
    """A move to a scene: by its name, which the app builds with `args` from the registry
    (`game.ui.registry`), so scenes name each other and never import each other; or, for the
    app and tests, a scene already built."""

    scene: str | Scene
    args: dict[str, Any]
    """Keyword arguments for the named scene's constructor (after the context)."""

    def __init__(self, scene: str | Scene, /, **args: Any) -> None:
        object.__setattr__(self, "scene", scene)
        object.__setattr__(self, "args", args)


class Push(_Goto):
    """Covers the top scene with another (`Push("event", session=s, events=[3])`)."""

    __slots__ = ()


@dataclass(frozen=True, slots=True)
class Pop:
    result: Any = None
    """Handed to the uncovered scene's `resume`."""


class Replace(_Goto):
    """Pops the top scene and pushes another (the game screen becoming the debrief)."""

    __slots__ = ()


@dataclass(frozen=True, slots=True, init=False)
class Reset(_Goto):
    """Clears the stack and shows `scene` (back to the main menu), then `then` over it (built
    without arguments when named): `Reset("menu", "scenarios")`."""

    then: str | Scene | None

    def __init__(self, scene: str | Scene, then: str | Scene | None = None, /, **args: Any) -> None:
        _Goto.__init__(self, scene, **args)
        object.__setattr__(self, "then", then)


@dataclass(frozen=True, slots=True)
class Quit:
    pass


Transition = Push | Pop | Replace | Reset | Quit | None


@dataclass
class Context:
    """What every scene may use: the widget manager, settings, fonts, the window's size."""

    manager: pygame_gui.UIManager
    settings: Settings
    fonts: Fonts
    size: tuple[int, int]
    apply_settings: Callable[[Settings], None] = field(default=lambda s: None)
    """Asks the app to apply (and save) new settings: window size, full screen, scale."""
    play_sound: Callable[[str], None] = field(default=lambda name: None)
    notice: str = ""
    """A problem of the app's own folders to tell the player (settings that could not be
    saved); empty when there is none."""
    folder: Path | None = None
    """The folder of the file last opened in a file dialog, where the next one opens."""

    def px(self, n: float) -> int:
        """Returns `n` layout pixels at the current UI scale."""
        return round(n * self.settings.ui_scale)


class Scene:
    """Base scene: no widgets, ignores input. Subclasses override what they need."""

    opaque: bool = True
    """False for dialogs drawn over the scene below (which is shown dimmed)."""
    name: str = "scene"

    def __init__(self, ctx: Context) -> None:
        self.ctx = ctx
        self.root: pygame_gui.core.UIContainer | None = None

    # -- widgets
    def build(self) -> None:
        """Creates this scene's widgets for the window's current size."""
        w, h = self.ctx.size
        self.root = pygame_gui.core.UIContainer(
            pygame.Rect(0, 0, w, h), self.ctx.manager, starting_height=self.layer()
        )
        self.build_widgets(self.root)

    def layer(self) -> int:
        return 1

    def back_button(self, root: pygame_gui.core.UIContainer) -> pygame_gui.elements.UIButton:
        """Returns the "Back (Esc)" button at the bottom left, as every full-screen menu has it."""
        px, h = self.ctx.px, self.ctx.size[1]
        return pygame_gui.elements.UIButton(
            pygame.Rect(px(40), h - px(70), px(160), px(44)),
            _("Back (Esc)"),
            self.ctx.manager,
            container=root,
        )

    def next_button(
        self, root: pygame_gui.core.UIContainer, text: str
    ) -> pygame_gui.elements.UIButton:
        """Returns the button that goes on ("Start the game  →") at the bottom right."""
        px, (w, h) = self.ctx.px, self.ctx.size
        return pygame_gui.elements.UIButton(
            pygame.Rect(w - px(300), h - px(70), px(260), px(44)),
            text,
            self.ctx.manager,
            container=root,
            object_id="#primary",
        )

    def open_button(
        self, root: pygame_gui.core.UIContainer, text: str, tip: str
    ) -> pygame_gui.elements.UIButton:
        """Returns an "Open a … file" button at the bottom, beside "Back"."""
        px, h = self.ctx.px, self.ctx.size[1]
        return pygame_gui.elements.UIButton(
            pygame.Rect(px(216), h - px(70), px(260), px(44)),
            text,
            self.ctx.manager,
            container=root,
            tool_tip_text=tip,
        )

    def build_widgets(self, root: pygame_gui.core.UIContainer) -> None:
        """Subclasses create their widgets here, as children of `root`."""

    def teardown(self) -> None:
        if self.root is not None:
            gui.kill(self.root)
            self.root = None

    def rebuild(self) -> None:
        self.teardown()
        self.build()

    def show(self) -> None:
        if self.root is not None:
            self.root.show()

    def hide(self) -> None:
        if self.root is not None:
            self.root.hide()

    # -- the frame
    def handle(self, event: pygame.event.Event) -> Transition:
        return None

    def update(self, dt: float) -> Transition:
        return None

    def busy(self) -> bool:
        """True while the scene changes by itself (an AI thinking, days passing, a message
        fading): the window then keeps its frame rate instead of idling (`game.ui.app`)."""
        return False

    def draw(self, surface: pygame.Surface) -> None:
        """Draws what the widgets do not (backgrounds, maps, charts); reads only."""

    def overlay(self, surface: pygame.Surface) -> None:
        """Draws what goes over everything, widgets included (the hover texts): called after
        the widgets and the keyboard ring, for the top scene only; reads only."""

    def resume(self, result: Any) -> Transition:
        """Called when the scene above was popped, with that scene's result."""
        return None

    def close(self) -> None:
        """Called once when the scene leaves the stack for good."""

    def describe(self) -> dict[str, Any]:
        """Returns what the scene shows, for tests and screen readers: its name and texts."""
        return {"scene": self.name}
