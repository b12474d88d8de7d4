"""The game window. For now a title scene listing the scenarios (the full front end is issue 5)."""

from __future__ import annotations

import os
import sys

from game.scenario.loader import available_scenarios, load_rules


class NoDisplayError(RuntimeError):
    """No screen to open a window on."""


def _has_display() -> bool:
    if os.environ.get("SDL_VIDEODRIVER") in {"dummy", "offscreen"}:
        return True
    if sys.platform.startswith("linux"):
        return bool(os.environ.get("DISPLAY") or os.environ.get("WAYLAND_DISPLAY"))
    return True


def run(max_frames: int = 0, size: tuple[int, int] = (1280, 800)) -> None:
    """Opens the window and runs until closed (or for `max_frames` frames when > 0)."""
    if not _has_display():
        raise NoDisplayError("No display found (DISPLAY is not set), so no window can open.")
    os.environ.setdefault("PYGAME_HIDE_SUPPORT_PROMPT", "1")
    import pygame

    try:
        pygame.display.init()
        pygame.font.init()
        screen = pygame.display.set_mode(size, pygame.RESIZABLE)
    except pygame.error as exc:
        raise NoDisplayError(f"Cannot open a window: {exc}") from None
    pygame.display.set_caption("Amur — the Far East, 1928–1945")
    lines = [(r.title, f"{r.period}: {r.summary}") for r in map(load_rules, available_scenarios())]
    clock = pygame.time.Clock()
    title_font = pygame.font.Font(None, 72)
    font = pygame.font.Font(None, 26)
    frames = 0
    running = True
    while running:
        for event in pygame.event.get():
            if event.type == pygame.QUIT or (
                event.type == pygame.KEYDOWN and event.key == pygame.K_ESCAPE
            ):
                running = False
        screen.fill((235, 226, 204))
        screen.blit(title_font.render("Amur", True, (90, 30, 20)), (60, 50))
        y = 150
        for title, text in lines:
            screen.blit(font.render(title, True, (30, 30, 30)), (60, y))
            screen.blit(font.render(text[:140], True, (70, 70, 70)), (60, y + 28))
            y += 80
        hint = "The full game screen is coming; play headless with `python main.py simulate`."
        screen.blit(font.render(hint, True, (70, 70, 70)), (60, size[1] - 80))
        screen.blit(font.render("Esc: quit", True, (70, 70, 70)), (60, size[1] - 50))
        pygame.display.flip()
        clock.tick(60)
        frames += 1
        if max_frames and frames >= max_frames:
            running = False
    pygame.quit()
