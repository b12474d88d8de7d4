"""The game window: the one loop, the scene stack, settings applied to the window.

Each frame: `dt = clock.tick(fps) / 1000`; each event goes to pygame_gui first (a consumed event
stops there), then to the top scene's `handle`; then the top scene's `update(dt)`; then the
scenes are drawn from the topmost opaque one up, the widgets over them, and the frame flipped.

A quiet idle (issue 15): a turn-based game waiting for its player must not burn a core. Once
nothing has happened for `IDLE_FRAMES` frames — no input, and the top scene not `busy()` (an AI
thinking, days passing, a message fading) — the loop sleeps on the event queue
(`pygame.event.wait`) for up to `IDLE_WAIT_MS` instead of drawing at the frame rate: any input
wakes it at once, and the window is still redrawn a few times a second. Tests drive frames with
`idle=False` (the default for `App`; the real window turns it on).
"""

from __future__ import annotations

import os
import sys
import warnings
from collections.abc import Mapping
from dataclasses import replace
from typing import Any

from game.ui import i18n
from game.ui.i18n import _
from game.ui.settings import MIN_SIZE, Settings, load_settings, save_settings


class NoDisplayError(RuntimeError):
    """No screen to open a window on."""


def _has_display() -> bool:
    if os.environ.get("SDL_VIDEODRIVER") in {"dummy", "offscreen"}:
        return True
    if sys.platform.startswith("linux"):
        return bool(os.environ.get("DISPLAY") or os.environ.get("WAYLAND_DISPLAY"))
    return True


os.environ.setdefault("PYGAME_HIDE_SUPPORT_PROMPT", "1")

import pygame  # noqa: E402  (after the prompt is hidden)
import pygame_gui  # noqa: E402

from game.ui import gui, registry  # noqa: E402
from game.ui import scene as sc  # noqa: E402
from game.ui.bibliography import cited_in, rules_shown  # noqa: E402
from game.ui.focus import FocusRing  # noqa: E402
from game.ui.sound import Sounds  # noqa: E402
from game.ui.theme import PAPER, Fonts, gui_theme, register_fonts, use_palette  # noqa: E402
from game.ui.widgets.map_view import forget_backgrounds  # noqa: E402

IDLE_FRAMES = 30
"""Quiet frames (half a second at 60 fps) before the loop sleeps on the event queue."""

IDLE_WAIT_MS = 250
"""The longest sleep of an idle frame: the window is redrawn at least four times a second."""


class App:
    """The window and its scene stack. `step()` runs one frame (tests drive it directly)."""

    def __init__(
        self,
        settings: Settings | None = None,
        *,
        fps: int = 60,
        persist: bool = True,
        idle: bool = False,
    ) -> None:
        """Opens the window; NoDisplayError when there is no screen.

        Args:
            settings: the settings to start with (default: the saved ones).
            fps: frame cap (0: none, for tests).
            persist: save settings the player changes (tests turn it off).
            idle: sleep on the event queue when nothing happens (the module docstring).
        """
        if not _has_display():
            raise NoDisplayError("No display found (DISPLAY is not set), so no window can open.")
        # pygame_gui warns of text cut to fit a widget; our texts are shortened on purpose.
        warnings.filterwarnings("ignore", category=UserWarning, module=r"pygame_gui\..*")
        self.settings = settings or load_settings()
        i18n.install(self.settings.language)
        self.persist = persist
        self.fps = fps
        try:
            pygame.display.init()
            pygame.font.init()
            self.screen = self._open_window()
        except pygame.error as exc:
            raise NoDisplayError(f"Cannot open a window: {exc}") from None
        pygame.display.set_caption(_("Amur — the Far East, 1928–1945"))
        pygame.key.set_repeat(350, 40)
        self.sounds = Sounds(enabled=self.settings.sound, volume=self.settings.volume)
        use_palette(high_contrast=self.settings.high_contrast)
        self.clock = pygame.time.Clock()
        self.manager = self._make_manager()
        self.ctx = sc.Context(
            self.manager,
            self.settings,
            Fonts(self.settings.ui_scale),
            self.screen.get_size(),
            apply_settings=self.apply_settings,
            play_sound=self.sounds.play,
        )
        self.stack: list[sc.Scene] = []
        self.running = True
        self.frames = 0
        self.idle = idle
        self.quiet = 0
        """Frames in a row with no input while the top scene was not busy."""
        self.slept = 0
        """Frames that slept on the event queue (for tests and the benchmark)."""
        self.backdrop: tuple[tuple[object, ...], pygame.Surface] | None = None
        """The scenes under a dialog, dimmed, and what they were drawn for (see `_backdrop`)."""
        self.focus = FocusRing()
        """Tab / Shift+Tab move the keyboard among the top scene's buttons (`game.ui.focus`)."""

    # ------------------------------------------------------------- window

    def _open_window(self) -> pygame.Surface:
        s = self.settings
        if s.fullscreen:
            return pygame.display.set_mode((0, 0), pygame.FULLSCREEN)
        return pygame.display.set_mode(s.size, pygame.RESIZABLE)

    def _make_manager(self) -> pygame_gui.UIManager:
        manager = pygame_gui.UIManager(
            self.screen.get_size(),
            gui_theme(self.settings.ui_scale, high_contrast=self.settings.high_contrast),
            enable_live_theme_updates=False,
        )
        register_fonts(manager, self.settings.ui_scale)
        return manager

    def _save_settings(self, settings: Settings) -> None:
        """Saves the settings; a read-only or full folder is told, never a crash (the
        settings still hold for this session)."""
        try:
            save_settings(settings)
            self.ctx.notice = ""
        except OSError as exc:
            self.ctx.notice = _("Settings apply now but could not be saved: {why}").format(
                why=exc.strerror or exc
            )

    def apply_settings(self, new: Settings) -> None:
        """Applies new settings (window, scale, sound, contrast), saves them, and rebuilds the
        scenes."""
        old = self.settings
        self.settings = new
        self.sounds.enabled, self.sounds.volume = new.sound, new.volume
        repaint = use_palette(high_contrast=new.high_contrast)
        repaint = repaint or new.high_contrast != old.high_contrast
        if self.persist:
            self._save_settings(new)
        if (new.size, new.fullscreen) != (old.size, old.fullscreen):
            self.screen = self._open_window()
        if new.ui_scale != old.ui_scale or repaint:
            forget_backgrounds()  # drawn in the old palette
            for scene in self.stack:
                scene.teardown()
            gui.reset_manager(self.manager)
            self.manager = self._make_manager()
            self.ctx.manager = self.manager
            self.ctx.fonts = Fonts(new.ui_scale)
        if new.language != old.language:
            i18n.install(new.language)  # the scenes are rebuilt below, in the new language
        self.ctx.settings = new
        self._resized(self.screen.get_size())

    def _resized(self, size: tuple[int, int]) -> None:
        size = (max(MIN_SIZE[0], size[0]), max(MIN_SIZE[1], size[1]))
        if size != self.screen.get_size() and not self.settings.fullscreen:
            self.screen = pygame.display.set_mode(size, pygame.RESIZABLE)
        self.ctx.size = self.screen.get_size()
        self.manager.set_window_resolution(self.ctx.size)
        for i, scene in enumerate(self.stack):
            scene.rebuild()
            if i < len(self.stack) - 1:
                scene.hide()

    def _toggle_fullscreen(self) -> None:
        s = self.settings
        self.apply_settings(replace(s, fullscreen=not s.fullscreen))

    # ------------------------------------------------------------- the stack

    @property
    def top(self) -> sc.Scene:
        return self.stack[-1]

    def push(self, scene: sc.Scene) -> None:
        if self.stack:
            self.top.hide()
        self.stack.append(scene)
        scene.build()

    def _pop(self, result: Any = None) -> None:
        scene = self.stack.pop()
        scene.teardown()
        scene.close()
        if not self.stack:
            self.running = False
            return
        self.top.show()
        self._apply(self.top.resume(result))

    def make(self, scene: str | sc.Scene, args: Mapping[str, Any] | None = None) -> sc.Scene:
        """Returns `scene`, built from the registry with `args` when it is a scene's name."""
        if isinstance(scene, str):
            return registry.build(self.ctx, scene, **(args or {}))
        return scene

    def _apply(self, transition: sc.Transition) -> None:
        match transition:
            case None:
                return
            case sc.Push(scene, args):
                self.push(self.make(scene, args))
            case sc.Pop(result):
                self._pop(result)
            case sc.Replace(scene, args):
                new = self.make(scene, args)
                old = self.stack.pop()
                old.teardown()
                old.close()
                if self.stack:
                    self.top.hide()
                self.stack.append(new)
                new.build()
            case sc.Reset(scene, args, then):
                first = self.make(scene, args)
                over = None if then is None else self.make(then)
                while self.stack:
                    old = self.stack.pop()
                    old.teardown()
                    old.close()
                self.push(first)
                if over is not None:
                    self.push(over)
            case sc.Quit():
                self.running = False

    # ------------------------------------------------------------- the loop

    def step(self) -> bool:
        """Runs one frame; returns False once the app should stop."""
        if self.idle and self.quiet >= IDLE_FRAMES:
            first = pygame.event.wait(IDLE_WAIT_MS)
            events = [] if first.type == pygame.NOEVENT else [first]
            events += pygame.event.get()
            self.slept += 1
            dt = min(self.clock.tick() / 1000, IDLE_WAIT_MS / 1000)
        else:
            dt = self.clock.tick(self.fps) / 1000 if self.fps else 1 / 60
            events = pygame.event.get()
        for event in events:
            if not self.running:
                break
            self._event(event)
        busy = bool(events) or (bool(self.stack) and self.top.busy())
        self.quiet = 0 if busy else self.quiet + 1
        if self.running and self.stack:
            self.manager.update(dt)
            self._apply(self.top.update(dt))
        if self.running and self.stack:
            self.draw()
            pygame.display.flip()
        self.frames += 1
        return self.running

    def _event(self, event: pygame.event.Event) -> None:
        if event.type == pygame.QUIT:
            self.running = False
            return
        if event.type == pygame.VIDEORESIZE and not self.settings.fullscreen:
            self._resized(event.size)
            resized = self.settings.with_size(self.ctx.size)
            if resized != self.settings:
                self.settings = self.ctx.settings = resized
                if self.persist:
                    self._save_settings(resized)
            return
        if self.manager.process_events(event):
            return
        cite = cited_in(event)
        if cite is not None and self.stack:  # every citation opens the bibliography
            self._apply(sc.Push("sources", rules=rules_shown(self.top), cite=cite))
            return
        if self.focus.handle(event, self.manager, self.top if self.stack else None):
            return
        if event.type == pygame.KEYDOWN and event.key == pygame.K_F11:
            self._toggle_fullscreen()
            return
        if event.type == pygame_gui.UI_BUTTON_PRESSED:
            self.sounds.play("click")
        if self.stack:
            self._apply(self.top.handle(event))

    def draw(self) -> None:
        """Draws the scenes from the topmost opaque one up, then the widgets, the keyboard
        ring, and last the top scene's overlay (its hover texts)."""
        first = len(self.stack) - 1
        while first > 0 and not self.stack[first].opaque:
            first -= 1
        if first < len(self.stack) - 1:
            self.screen.blit(self._backdrop(first), (0, 0))
        else:
            self.backdrop = None
            self.screen.fill(PAPER)
        self.top.draw(self.screen)
        self.manager.draw_ui(self.screen)
        self.focus.draw(self.screen)
        self.top.overlay(self.screen)  # hover texts over everything (issue 15, item 4)

    def _backdrop(self, first: int) -> pygame.Surface:
        """Returns the scenes under the top one, dimmed. Only the top scene updates, so they are
        drawn once for each scene put on top (and window size)."""
        key = (*self.stack[first:], self.screen.get_size(), self.ctx.fonts)
        if self.backdrop is None or self.backdrop[0] != key:
            size = self.screen.get_size()
            shade = pygame.Surface(size, pygame.SRCALPHA)
            shade.fill((30, 22, 14, 150))
            surface = pygame.Surface(size)
            surface.fill(PAPER)
            for i in range(first, len(self.stack) - 1):
                if i > first:
                    surface.blit(shade, (0, 0))
                self.stack[i].draw(surface)
            surface.blit(shade, (0, 0))
            self.backdrop = (key, surface)
        return self.backdrop[1]

    def run(self, max_frames: int = 0) -> None:
        """Runs until the window is closed (or for `max_frames` frames when > 0)."""
        while self.step():
            if max_frames and self.frames >= max_frames:
                break
        self.close()

    def close(self) -> None:
        while self.stack:
            scene = self.stack.pop()
            scene.teardown()
            scene.close()
        pygame.quit()


def run(
    max_frames: int = 0,
    size: tuple[int, int] | None = None,
    *,
    scenario: str | None = None,
    variant: str | None = None,
) -> None:
    """Opens the window at the main menu and runs until closed (or for `max_frames` frames).

    With `scenario` (an id or a file's path), it opens at that scenario's set-up screen over
    the menu, with `variant` (an id or a file's path) chosen first."""
    settings = load_settings()
    if size is not None:
        settings = settings.with_size(size)
    app = App(settings, idle=True)
    app.push(app.make("menu"))
    if scenario is not None:
        app.push(app.make("setup", {"scenario": scenario, "variant": variant}))
    app.run(max_frames)
