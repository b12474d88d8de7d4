"""Every keyboard shortcut, in one table: the game screen runs its commands from it and the help
screen lists it.

A row is one line of the help: where it applies, the keys as the help writes them, what they
do; and, for the game screen's keys, the command they run and the key presses that run it.
Rows without a command are handled by the screen they name (the main menu, the debrief, …).
"""

from __future__ import annotations

from dataclasses import dataclass

import pygame


@dataclass(frozen=True, slots=True)
class Chord:
    """A key, with or without Ctrl held."""

    key: int
    ctrl: bool | None = None
    """True: only with Ctrl held; False: only without it; None: either."""

    def matches(self, event: pygame.event.Event) -> bool:
        if event.key != self.key:
            return False
        return self.ctrl is None or self.ctrl == bool(event.mod & pygame.KMOD_CTRL)


@dataclass(frozen=True, slots=True)
class Shortcut:
    context: str
    """Where the keys work, as the help heads the line ("Game", "Auction", …)."""
    keys: str
    """The keys, as the help writes them."""
    text: str
    """What they do, as the help says it."""
    command: str = ""
    """The game screen's command the keys run ("" when another screen handles them)."""
    chords: tuple[Chord, ...] = ()
    """The key presses that run `command`."""


def _keys(*keys: int, ctrl: bool | None = None) -> tuple[Chord, ...]:
    return tuple(Chord(key, ctrl) for key in keys)


KEYMAP: tuple[Shortcut, ...] = (
    Shortcut("Everywhere", "F11", "full screen on / off"),
    Shortcut(
        "Everywhere",
        "Esc",
        "back; in a game, the pause menu (while an AI thinks: stop it, it plays its best move "
        "so far)",
        "pause",
        _keys(pygame.K_ESCAPE),
    ),
    Shortcut(
        "Main menu",
        "F / N / C / L / S / H / Q",
        "first game (guided), new game, continue, load, settings, help, quit",
    ),
    Shortcut(
        "Guide",
        "Enter / Esc",
        "next step (or the step's own button: make the offer, end the turn) / close the guide",
    ),
    Shortcut("Help", "G", "show the first game's guide again"),
    Shortcut("Choosing", "Up / Down, Enter", "pick a scenario; go on"),
    Shortcut("Choosing", "O", "open a scenario file (on the set-up screen: a variant file)"),
    Shortcut(
        "Everywhere",
        "Tab / Shift+Tab, Enter",
        "move the keyboard ring among the buttons shown; Enter or Space presses the one in it "
        "(Esc puts the ring away)",
    ),
    Shortcut(
        "Game",
        "1 – 9, 0",
        "give the order on that card (0: the tenth; Tab reaches any card)",
        "card",
        _keys(*range(pygame.K_0, pygame.K_9 + 1)),
    ),
    Shortcut(
        "Game",
        "PageUp / PageDown",
        "scroll the chronicle a page back or on",
        "chronicle",
        _keys(pygame.K_PAGEUP, pygame.K_PAGEDOWN),
    ),
    Shortcut(
        "Game",
        "R / Shift+R",
        "select the next (previous) region on the map: its details, and the orders turned to "
        "the attacks on it",
        "region",
        _keys(pygame.K_r),
    ),
    Shortcut(
        "Game",
        "Left / Right (Shift: ×10)",
        "move the price slider (in an auction: the bid's)",
        "nudge",
        _keys(pygame.K_LEFT, pygame.K_RIGHT),
    ),
    Shortcut(
        "Game",
        "O",
        "make the offer on the slider (in an auction: give the bid)",
        "offer",
        _keys(pygame.K_o),
    ),
    Shortcut(
        "Auction",
        "Up / Down",
        "select the lot above or below in the table of lots",
        "lot",
        _keys(pygame.K_UP, pygame.K_DOWN),
    ),
    Shortcut(
        "Auction",
        "M",
        "switch between the table of lots and the map",
        "view",
        _keys(pygame.K_m),
    ),
    Shortcut(
        "Game",
        "Enter",
        "end the turn (confirm your orders)",
        "end",
        _keys(pygame.K_RETURN, pygame.K_KP_ENTER),
    ),
    Shortcut(
        "Game",
        "Space",
        "end the turn and pass quiet days up to your next decision; never over an auction "
        "(a key stops)",
        "advance",
        _keys(pygame.K_SPACE),
    ),
    Shortcut(
        "Game",
        "Ctrl+Z or Backspace",
        "undo the last order of this turn",
        "undo",
        (Chord(pygame.K_z, ctrl=True), Chord(pygame.K_BACKSPACE)),
    ),
    Shortcut(
        "Game",
        "A",
        "let the historical adviser give this turn's orders (or answer an event); "
        "its reasons go in the chronicle",
        "advise",
        _keys(pygame.K_a, ctrl=False),
    ),
    Shortcut("Game", "B", "your faction's briefing and goals", "brief", _keys(pygame.K_b)),
    Shortcut("Game", "Ctrl+S", "save the game", "save", _keys(pygame.K_s, ctrl=True)),
    Shortcut("Game", "F1", "this help", "help", _keys(pygame.K_F1)),
    Shortcut("Event", "1 – 9", "choose that option; Enter closes news"),
    Shortcut("Debrief", "Ctrl+S / N / Esc", "save the chronicle, new game, main menu"),
    Shortcut("Debrief", "1 / 2 / 3 / B", "result, charts, the two chronicles; the sources"),
)
"""Every shortcut, in the order the help lists them."""


def game_command(event: pygame.event.Event) -> str:
    """Returns the game screen's command a key press runs, or "" if none."""
    for shortcut in KEYMAP:
        if any(chord.matches(event) for chord in shortcut.chords):
            return shortcut.command
    return ""
