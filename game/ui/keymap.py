"""Every keyboard shortcut, in one table: the game screen runs its commands from it and the help
screen lists it.

A row is one line of the help: where it applies, the keys as the help writes them, what they
do; and, for the game screen's keys, the command they run and the key presses that run it.
Rows without a command are handled by the screen they name (the main menu, the debrief, …).
"""

from __future__ import annotations

from dataclasses import dataclass

import pygame

from game.ui.i18n import N_


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
    Shortcut(N_("Everywhere"), "F11", N_("full screen on / off")),
    Shortcut(
        N_("Everywhere"),
        "Esc",
        N_(
            "back; in a game, the pause menu (while an AI thinks: stop it, it plays its best move "
            "so far)"
        ),
        "pause",
        _keys(pygame.K_ESCAPE),
    ),
    Shortcut(
        N_("Main menu"),
        N_("F / N / C / L / S / H / Q"),
        N_("first game (guided), new game, continue, load, settings, help, quit"),
    ),
    Shortcut(
        N_("Guide"),
        N_("Enter / Esc"),
        N_("next step (or the step's own button: make the offer, end the turn) / close the guide"),
    ),
    Shortcut(N_("Help"), "G", N_("show the first game's guide again")),
    Shortcut(N_("Choosing"), N_("Up / Down, Enter"), N_("pick a scenario; go on")),
    Shortcut(
        N_("Choosing"), "O", N_("open a scenario file (on the set-up screen: a variant file)")
    ),
    Shortcut(
        N_("Everywhere"),
        N_("Tab / Shift+Tab, Enter"),
        N_(
            "move the keyboard ring among the buttons shown; Enter or Space presses the one in it "
            "(Esc puts the ring away)"
        ),
    ),
    Shortcut(
        N_("Game"),
        "1 – 9, 0",
        N_("give the order on that card (0: the tenth; Tab reaches any card)"),
        "card",
        _keys(*range(pygame.K_0, pygame.K_9 + 1)),
    ),
    Shortcut(
        N_("Game"),
        N_("PageUp / PageDown"),
        N_("scroll the chronicle a page back or on"),
        "chronicle",
        _keys(pygame.K_PAGEUP, pygame.K_PAGEDOWN),
    ),
    Shortcut(
        N_("Game"),
        N_("R / Shift+R"),
        N_(
            "select the next (previous) region on the map: its details, and the orders turned to "
            "the attacks on it"
        ),
        "region",
        _keys(pygame.K_r),
    ),
    Shortcut(
        N_("Game"),
        N_("Left / Right (Shift: ×10)"),
        N_("move the price slider (in an auction: the bid's)"),
        "nudge",
        _keys(pygame.K_LEFT, pygame.K_RIGHT),
    ),
    Shortcut(
        N_("Game"),
        "O",
        N_("make the offer on the slider (in an auction: give the bid)"),
        "offer",
        _keys(pygame.K_o),
    ),
    Shortcut(
        N_("Auction"),
        N_("Up / Down"),
        N_("select the lot above or below in the table of lots"),
        "lot",
        _keys(pygame.K_UP, pygame.K_DOWN),
    ),
    Shortcut(
        N_("Map"),
        "M",
        N_(
            "the map's next mode: who holds each region, then the garrisons (August 1945); the "
            "borders of 1933, then the tension map (the railway sale); at an auction, the table "
            "of lots or their map"
        ),
        "view",
        _keys(pygame.K_m),
    ),
    Shortcut(
        N_("Map"),
        N_("mouse wheel, + / -"),
        N_("zoom in or out (the wheel on the spot under the pointer)"),
    ),
    Shortcut(
        N_("Map"),
        N_("drag, arrows"),
        N_(
            "move the zoomed map; the arrows while the pointer is over the map or after a click "
            "on it (elsewhere they move the price slider)"
        ),
    ),
    Shortcut(
        N_("Map"),
        N_("Home"),
        N_("back to the whole map (the pointer over the map, or after a click on it)"),
    ),
    Shortcut(
        N_("Game"),
        N_("Enter"),
        N_("end the turn (confirm your orders)"),
        "end",
        _keys(pygame.K_RETURN, pygame.K_KP_ENTER),
    ),
    Shortcut(
        N_("Game"),
        N_("Space"),
        N_(
            "end the turn and pass quiet days up to your next decision; never over an auction "
            "(a key stops)"
        ),
        "advance",
        _keys(pygame.K_SPACE),
    ),
    Shortcut(
        N_("Game"),
        N_("Ctrl+Z or Backspace"),
        N_("undo the last order of this turn"),
        "undo",
        (Chord(pygame.K_z, ctrl=True), Chord(pygame.K_BACKSPACE)),
    ),
    Shortcut(
        N_("Game"),
        "A",
        N_(
            "let the historical adviser give this turn's orders (or answer an event); "
            "its reasons go in the chronicle"
        ),
        "advise",
        _keys(pygame.K_a, ctrl=False),
    ),
    Shortcut(N_("Game"), "B", N_("your faction's briefing and goals"), "brief", _keys(pygame.K_b)),
    Shortcut(N_("Game"), N_("Ctrl+S"), N_("save the game"), "save", _keys(pygame.K_s, ctrl=True)),
    Shortcut(N_("Game"), "F1", N_("this help"), "help", _keys(pygame.K_F1)),
    Shortcut(N_("Event"), "1 – 9", N_("choose that option; Enter closes news")),
    Shortcut(N_("Debrief"), N_("Ctrl+S / N / Esc"), N_("save the chronicle, new game, main menu")),
    Shortcut(
        N_("Debrief"),
        "W",
        N_("what if it had gone otherwise? Play the game on from a turning point, many times"),
    ),
    Shortcut(
        N_("Debrief"), N_("1 / 2 / 3 / B"), N_("result, charts, the two chronicles; the sources")
    ),
    Shortcut(
        N_("Debrief"),
        N_("PageUp / PageDown"),
        N_("scroll the scores and figures (page 1) or the two chronicles (page 3); or the wheel"),
    ),
)
"""Every shortcut, in the order the help lists them."""


def game_command(event: pygame.event.Event) -> str:
    """Returns the game screen's command a key press runs, or "" if none."""
    for shortcut in KEYMAP:
        if any(chord.matches(event) for chord in shortcut.chords):
            return shortcut.command
    return ""
