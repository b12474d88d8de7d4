"""The game screen's commands: what each key (`game.ui.keymap`) and each button of its top bar
does. `GameScene` (`game.ui.scenes.play`) takes them from `GameCommands`, with the screen's
parts they act on.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import ClassVar

import pygame

from game.core.actions import Action
from game.ui import guide as first
from game.ui import scene as sc
from game.ui.keymap import game_command
from game.ui.panels import CentrePanel
from game.ui.panels.orders import Command, OrdersPanel
from game.ui.session import Session
from game.ui.widgets.log import LogPanel
from game.ui.widgets.map_view import MapPainter, MapView, RegionMark, modes_of


class GameCommands:
    """The commands of the game screen, for `GameScene` to inherit."""

    session: Session
    orders: OrdersPanel | None
    panel: CentrePanel | None
    painter: MapPainter
    map_view: MapView
    log: LogPanel | None
    region_hits: list[tuple[pygame.Rect, RegionMark]]
    region_at: int

    def _do(self, what: Action | Command) -> sc.Transition:
        raise NotImplementedError

    def _save(self) -> sc.Transition:
        raise NotImplementedError

    def _advance(self) -> sc.Transition:
        raise NotImplementedError

    def _stop(self) -> bool:
        raise NotImplementedError

    def _key(self, event: pygame.event.Event) -> sc.Transition:
        command = game_command(event)
        return self.COMMANDS[command](self, event) if command else None

    def _nudge(self, event: pygame.event.Event) -> sc.Transition:
        if self.orders is not None:
            step = (10 if event.mod & pygame.KMOD_SHIFT else 1) * (
                1 if event.key == pygame.K_RIGHT else -1
            )
            if self.panel is None or not self.panel.nudge(step):
                self.orders.nudge(self.session, step)
        return None

    def _move_lot(self, event: pygame.event.Event) -> sc.Transition:
        if self.panel is not None and self.panel.covers_map():
            self.panel.move(1 if event.key == pygame.K_DOWN else -1)
        return None

    def _switch_view(self, event: pygame.event.Event) -> sc.Transition:
        """M: the table of lots or their map; on a campaign's map, the next map mode."""
        if self.panel is not None:
            self.panel.toggle()
        elif len(modes_of(self.map_view)) > 1:
            self.painter.next_mode(modes_of(self.map_view))
        return None

    def _offer(self, event: pygame.event.Event) -> sc.Transition:
        if self.orders is None:
            return None
        offer = self.orders.current_offer()
        if offer is None and self.panel is not None:
            offer = self.panel.current_action()
        return None if offer is None else self._do(offer)

    def _card(self, event: pygame.event.Event) -> sc.Transition:
        number = (event.key - pygame.K_0) or 10  # 0 gives the tenth card
        action = None if self.orders is None else self.orders.card_action(number)
        return None if action is None else self._do(action)

    def _page_log(self, event: pygame.event.Event) -> sc.Transition:
        if self.log is not None:
            self.log.page(-1 if event.key == pygame.K_PAGEUP else 1)
        return None

    def _next_region(self, event: pygame.event.Event) -> sc.Transition:
        """Selects the next region of the map (Shift: the previous) for the keyboard: it is
        ringed, its details shown as on hover, and the orders turn to the attacks on it."""
        if not self.region_hits:
            return None
        step = -1 if event.mod & pygame.KMOD_SHIFT else 1
        start = self.region_at if self.region_at >= 0 else (-1 if step > 0 else 0)
        self.region_at = (start + step) % len(self.region_hits)
        region = self.region_hits[self.region_at][1]
        if self.orders is not None:
            self.orders.show_target(self.session, region.index)
        return None

    COMMANDS: ClassVar[dict[str, Callable[[GameCommands, pygame.event.Event], sc.Transition]]] = {
        "pause": lambda scene, event: scene._pause(event),
        "help": lambda scene, event: sc.Push("help", guide=first.fits(scene.session)),
        "save": lambda scene, event: scene._save(),
        "brief": lambda scene, event: sc.Push(
            "briefing", session=scene.session, faction=scene.session.viewer
        ),
        "end": lambda scene, event: scene._do(Command("end")),
        "advance": lambda scene, event: scene._advance(),
        "undo": lambda scene, event: scene._do(Command("undo")),
        "advise": lambda scene, event: scene._do(Command("advise")),
        "nudge": _nudge,
        "lot": _move_lot,
        "view": _switch_view,
        "offer": _offer,
        "card": _card,
        "chronicle": _page_log,
        "region": _next_region,
    }
    """What each command of the game screen does, run by its keys (`game.ui.keymap`) or by the
    top bar's buttons."""

    def _pause(self, event: pygame.event.Event) -> sc.Transition:
        """Esc stops an AI that is thinking (`_stop`); otherwise, and from the Menu button
        always, it opens the pause menu."""
        if event.type == pygame.KEYDOWN and self._stop():
            return None
        return sc.Push("pause")
