"""What a mechanic's panel in the game screen's centre does (the `PANELS` table's entries).

The game screen shows the map in its centre; a mechanic whose view needs more (an auction's
table of lots) has a panel there, built from its view type through `PANELS`. The screen talks
to the panel only through this protocol: no mechanic is special-cased in the screen.
"""

from __future__ import annotations

from typing import Any, Protocol

import pygame
import pygame_gui

from game.core.actions import Action
from game.core.observation import Observation
from game.ui.scene import Context
from game.ui.session import Session
from game.ui.widgets.map_view import MapPainter


class CentrePanel(Protocol):
    """A mechanic's panel in the centre of the game screen."""

    wide: bool
    """The panel needs the centre wider (and taller) than the map does."""

    def __init__(
        self,
        ctx: Context,
        root: pygame_gui.core.UIContainer,
        rect: pygame.Rect,
        view: Any,
        *,
        memo: Any = None,
    ) -> None:
        """Makes the widgets; `memo` is what `memo()` returned before the widgets were made
        again (after a resize): what the player had chosen in the panel."""

    def memo(self) -> Any:
        """Returns what to keep when the widgets are made again."""

    def build(self, session: Session, obs: Observation, legal: list[Action]) -> None:
        """Updates the panel for the viewer's observation and legal actions."""

    def show(self) -> None: ...

    def kill(self) -> None: ...

    def covers_map(self) -> bool:
        """True while the panel, not the map, fills the centre."""

    def toggle(self) -> None:
        """Switches between the panel and the map (the `view` command)."""

    def handle(self, event: pygame.event.Event) -> Action | None:
        """Handles the panel's widgets' events; returns an order to give, if one was chosen."""

    def move(self, step: int) -> None:
        """Moves the panel's selection (the `lot` command: Up/Down)."""

    def nudge(self, step: int) -> bool:
        """Moves the panel's amount slider; False if it has none shown (the orders' slider
        moves instead)."""

    def current_action(self) -> Action | None:
        """Returns the order on the panel's slider (the `offer` command), if any."""

    def click_map(self, pos: tuple[int, int], painter: MapPainter) -> bool:
        """Handles a click on the map (e.g. on a lot); True if it was the panel's."""

    def draw(self, surface: pygame.Surface, session: Session) -> None: ...

    def tooltip(self, pos: tuple[int, int], session: Session, painter: MapPainter) -> str:
        """Returns the hover text of what lies under `pos` in the panel (or on the map while
        the map shows the panel's marks), or ""."""

    def describe(self, session: Session) -> dict[str, Any]:
        """Returns what the panel shows, for tests and screen readers."""
