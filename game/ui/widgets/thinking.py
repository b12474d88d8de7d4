"""While an AI thinks: who, for how long (the top bar and the orders column say it), and the
button that stops it (Esc does the same)."""

from __future__ import annotations

import pygame
import pygame_gui
from pygame_gui.elements import UIButton

from game.ui import gui
from game.ui.i18n import N_, _
from game.ui.scene import Context
from game.ui.session import Session

SPINNER = "◐◓◑◒"
"""The frames of the thinking indicator's animation (four a second)."""
STOP_TIP = N_(
    "Stop the AI's search now: it plays the best move it has found so far, and the game goes on "
    "(Esc)."
)


def thinking_text(s: Session, clock: float) -> str:
    """Returns who is thinking, with an animated sign and the whole seconds it has taken
    (`◐ Japan is thinking… 3 s`); "" while no AI has a move to make."""
    if s.thinking:
        f = s.thinker.faction
    elif s.human_to_act() < 0 and not s.is_over():
        f = s.state.to_act
    else:
        return ""
    if f < 0:
        return ""
    sign = SPINNER[int(clock * 4) % len(SPINNER)]
    text = _("{side} is thinking… {seconds} s").format(
        side=s.rules.factions[f].name, seconds=int(s.thinker.seconds())
    )
    return f"{sign} {text}"


class StopButton:
    """ "Stop thinking (Esc)", shown in the orders column while an AI that can stop thinks."""

    def __init__(self, ctx: Context, root: pygame_gui.core.UIContainer, rect: pygame.Rect) -> None:
        self.button = UIButton(
            rect, _("Stop thinking (Esc)"), ctx.manager, container=root, tool_tip_text=_(STOP_TIP)
        )
        gui.set_visible(self.button, False)

    @property
    def shown(self) -> bool:
        return bool(self.button.visible)

    def sync(self, s: Session) -> None:
        """Shows the button while an AI that can stop is thinking, and hides it otherwise."""
        want = s.thinker.can_stop() and not s.thinker.stopping
        if want != self.shown:
            gui.set_visible(self.button, want)

    def show(self, s: Session) -> None:
        """Hides the button again if it is not wanted (showing the scene shows every widget)."""
        gui.set_visible(self.button, False)
        self.sync(s)

    def pressed(self, event: pygame.event.Event) -> bool:
        return event.type == pygame_gui.UI_BUTTON_PRESSED and event.ui_element is self.button
