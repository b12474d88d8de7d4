"""The game screen: date bar, the faction's meters, the map (or a mechanic's centre panel, such
as an auction's table of lots, from `game.ui.panels.PANELS`), the chronicle, and the orders.

It shows one faction's view (the human whose turn it is, or was last): its observation's tracks,
log and events, never the full state, and the notes of its own adviser (`game.ui.notes`).
Agents move on the session's worker thread, polled here each frame; while one thinks, the bar and
the orders column say who and for how long, and Esc (or "Stop thinking") ends its search: it
plays its best move so far and the game goes on. The screen passes to the next human behind a
cover in hot-seat games.
"""

from __future__ import annotations

from typing import Any

import pygame
import pygame_gui
from pygame_gui.elements import UIButton

from game.core.actions import Action
from game.core.errors import IllegalActionError
from game.core.game import State
from game.core.mechanics.auction_view import Bid, Tender
from game.core.observation import Observation
from game.core.phase import ORDERS
from game.ui import guide as first
from game.ui import scene as sc
from game.ui.game_commands import GameCommands
from game.ui.i18n import _
from game.ui.notes import note_text, weighed_text
from game.ui.opening import opening_mask
from game.ui.panels import PANELS, CentrePanel
from game.ui.panels.orders import Command, OrdersPanel
from game.ui.saves import Flash
from game.ui.score_words import score_explanation
from game.ui.session import Session
from game.ui.staged import staged_values, with_pending
from game.ui.theme import FOCUS, INK_SOFT, faction_colour
from game.ui.view import Meter, live_line, meters, month
from game.ui.why import key_decision
from game.ui.widgets.guide import GuideCard, GuideInput, target_rect
from game.ui.widgets.hover import hover_text
from game.ui.widgets.hud import SidePanel, bar_buttons, draw_bar, layout
from game.ui.widgets.log import LogPanel
from game.ui.widgets.map_input import MapInput
from game.ui.widgets.map_view import MapPainter, MapView, RegionMark, build_map_view
from game.ui.widgets.text import blit_text, draw_tooltip
from game.ui.widgets.thinking import StopButton, thinking_text
from game.ui.widgets.toast import TOAST_SECONDS, Toast, draw_toast, fits, toast_of

_STOPS = (pygame.KEYDOWN, pygame.MOUSEBUTTONDOWN, pygame_gui.UI_BUTTON_PRESSED)
"""Input that stops advancing to the next decision."""


class GameScene(GameCommands, sc.Scene):
    name = "game"

    def __init__(self, ctx: sc.Context, session: Session, *, guide: bool = False) -> None:
        """`guide`: show the first game's guide (`game.ui.guide`) once the briefing is read."""
        super().__init__(ctx)
        self.session = session
        self.guide_step = 0 if guide else -1
        """The guide's step shown (-1: no guide)."""
        self.guide: GuideCard | None = None
        self.painter = MapPainter()
        self.unlocked = -1
        """The human faction the screen was last shown to (hot seat)."""
        self.briefed: set[int] = set()
        self.shown = -1
        self.clock = 0.0
        self.flash = ("", 0.0)
        self.toast: Toast | None = None
        """Short news shown over the map for a few seconds instead of a pop-up."""
        self.meters: list[Meter] = []
        self.map_view = MapView((), ())
        self.before: tuple[State | None, int, Observation | None] = (None, -1, None)
        """A state, the viewer, and what the viewer saw in it: the start of the last turn
        resolved (the map draws the moves of the fronts since then)."""
        self.side = SidePanel()
        self.region_hits: list[tuple[pygame.Rect, RegionMark]] = []
        self.region_at = -1
        """The region selected with the keyboard (R), as an index of `region_hits`; -1: none
        (a click on the map puts it away)."""
        self.map_input = MapInput()
        """The map's zoom and pan by mouse and keys, and whether it has the keyboard."""
        self.orders: OrdersPanel | None = None
        views = session.game.views(session.observation())
        self.centre = next(((v, PANELS[type(v)]) for v in views if type(v) in PANELS), None)
        """The first mechanic view that has a centre panel, and that panel's class."""
        self.panel: CentrePanel | None = None
        """The centre panel (its widgets), if a mechanic has one."""
        self.panel_memo: Any = None
        """What the panel keeps while its widgets are made again."""
        self.log: LogPanel | None = None
        self.stop: StopButton | None = None
        self.top_buttons: dict[UIButton, str] = {}
        self.tip: tuple[str, tuple[int, int], pygame.Rect] | None = None
        """The hover text drawn last: its text, where the mouse was, and its box."""
        self.advancing: tuple[int, frozenset[Action]] | None = None
        """While advancing to the next decision (Space): the human faction, and the orders it
        could give on the last day passed."""

    @property
    def meter_hits(self) -> list[tuple[pygame.Rect, Meter]]:
        """The meters' hit boxes, as last drawn."""
        return self.side.hits

    # ------------------------------------------------------------- layout

    def _layout(self) -> dict[str, pygame.Rect]:
        wide = self.centre is not None and self.centre[1].wide
        return layout(self.ctx.size, self.ctx.px, wide=wide)

    def build_widgets(self, root: pygame_gui.core.UIContainer) -> None:
        lay = self._layout()
        self.top_buttons = bar_buttons(self.ctx, root, lay["bar"])
        self.log = LogPanel(self.ctx.manager, root, lay["log"])
        self.orders = OrdersPanel(self.ctx, root, lay["orders"])
        r, px = lay["orders"], self.ctx.px
        self.stop = StopButton(
            self.ctx, root, pygame.Rect(r.left, r.bottom - px(92), r.width, px(40))
        )
        if self.centre is not None:
            view, panel = self.centre
            self.panel = panel(self.ctx, root, lay["map"], view, memo=self.panel_memo)
        if self.guide_step >= 0:
            self.guide = GuideCard(self.ctx, root, lay["map"], first.FIRST_GAME)
            self.guide.show_step(self.guide_step)
        self.shown = -1
        self._refresh()

    def show(self) -> None:
        super().show()
        if self.orders is not None:
            self.orders.show()
        if self.panel is not None:
            self.panel.show()
        if self.stop is not None:
            self.stop.show(self.session)

    def teardown(self) -> None:
        if self.orders is not None:
            self.orders.kill()
        if self.panel is not None:
            self.panel_memo = self.panel.memo()
            self.panel.kill()
        self.orders = None
        self.panel = None
        self.log = None
        self.stop = None
        self.guide = None
        super().teardown()

    def _refresh(self) -> None:
        """Rebuilds what depends on the view after the session changed."""
        s = self.session
        self.shown = s.version
        obs = s.observation()
        legal = s.legal()
        self.meters = meters(s.rules, obs)
        if s.staged:  # the turn's start, previewing what the staged orders change
            start = meters(s.rules, s.game.observe(s.state, s.viewer))
            pending = staged_values(s.rules, obs, s.staged)
            self.meters = with_pending(s.rules, start, pending)
        self.map_view = build_map_view(s.game, obs, legal, self._before())
        if self.orders is not None:
            self.orders.build(s)
        if self.panel is not None:
            self.panel.build(s, obs, legal)
        if self.log is not None:
            self.log.update(s.rules, s.viewer, obs.log, s.notes_for(s.viewer))

    def _before(self) -> Observation | None:
        """Returns what the viewer saw at the start of the turn resolved last, or None before
        the first resolution."""
        s = self.session
        starts = s.turn_states
        i = len(starts) - (2 if s.state.phase == ORDERS else 1)
        if i < 0:
            return None
        if self.before[0] is not starts[i] or self.before[1] != s.viewer:
            self.before = (starts[i], s.viewer, s.game.observe(starts[i], s.viewer))
        return self.before[2]

    # ------------------------------------------------------------- the frame

    def update(self, dt: float) -> sc.Transition:
        self.clock += dt
        s = self.session
        s.poll()
        if self.stop is not None:
            self.stop.sync(s)
        if self.guide is not None:
            self.guide.set_shown(s.human_to_act() >= 0 and self.advancing is None)
        if s.is_over():
            s.close()
            self.ctx.play_sound("end")
            return sc.Replace("debrief", session=s)
        f = s.human_to_act()
        if f >= 0 and self.advancing is not None and self._pass_quiet_day(f):
            return None
        if f >= 0:
            if len(s.humans()) > 1 and f != self.unlocked:
                return sc.Push("cover", session=s, faction=f)
            self.unlocked = f
            if s.version != self.shown:
                self._refresh()
            if f not in self.briefed:
                self.briefed.add(f)
                s.seen_fired[f] |= opening_mask(s.rules, f)  # told in the briefing
                return sc.Push("briefing", session=s, faction=f)
            obs = s.observation(f)
            news = obs.fired & ~s.seen_fired[f]
            if obs.choice >= 0:
                s.seen_fired[f] |= news
                self.ctx.play_sound("bell")
                return sc.Push("event", session=s, events=[obs.choice], choice=True)
            if news:
                s.seen_fired[f] |= news
                events = [e.index for e in s.rules.events if news >> e.index & 1]
                self.ctx.play_sound("bell")
                when = month(s.rules, s.state.turn)
                toast = toast_of(s.rules, events, when, self.clock + TOAST_SECONDS)
                if toast is not None and fits(toast, self.ctx.fonts, self._layout()["map"]):
                    self.toast = toast  # short news: a toast, not a pop-up
                    return None
                return sc.Push("event", session=s, events=events)
        elif s.version != self.shown:
            self._refresh()
        return None

    def busy(self) -> bool:
        """Busy while agents play or think, days pass to the next decision, a message is
        shown."""
        s = self.session
        return (
            s.thinking
            or self.advancing is not None
            or self.clock < self.flash[1]
            or (self.toast is not None and self.clock < self.toast.until)
            or (not s.is_over() and s.human_to_act() < 0)
        )

    def _pass_quiet_day(self, f: int) -> bool:
        """Ends `f`'s orders if nothing is new for it since the last day passed; else stops
        advancing (a new order is possible, news came, an event asks, or another side is to
        act) and returns False."""
        s = self.session
        assert self.advancing is not None
        faction, known = self.advancing
        legal = frozenset(s.game.legal_actions(s.state, f))
        news = s.observation(f).fired & ~s.seen_fired[f]
        decision = news or not legal <= known or self._auction_open(f)
        if f != faction or s.state.phase != ORDERS or s.staged or decision:
            self.advancing = None
            return False
        self.advancing = (f, legal)
        self.flash = (_("Passing quiet days to your next decision (any key stops)"), self.clock + 1)
        s.confirm()
        return True

    def resume(self, result: Any) -> sc.Transition:
        self.advancing = None
        if isinstance(result, int) and not isinstance(result, bool):
            self.unlocked = result
        if isinstance(result, Flash):  # the save dialog's message
            self.flash = (result.text, self.clock + result.seconds)
        if result == "save":
            return self._save()
        elif result == "guide":  # chosen in Help
            self.start_guide()
        elif result == "help":  # chosen in the pause menu
            return sc.Push("help", guide=first.fits(self.session))
        elif result in ("load", "settings"):  # chosen in the pause menu
            return sc.Push(result)
        elif result == "menu":
            return sc.Reset("menu")
        elif result == "quit":
            return sc.Quit()
        self._refresh()
        return None

    def close(self) -> None:
        self.session.close()

    # ------------------------------------------------------------- input

    def handle(self, event: pygame.event.Event) -> sc.Transition:
        if self.advancing is not None and event.type in _STOPS:
            self.advancing = None  # any key or click stops the advance, Space included
            if event.type == pygame.KEYDOWN and event.key == pygame.K_SPACE:
                return None
        if self.stop is not None and self.stop.pressed(event):
            self._stop()
            return None
        asked = self.guide.handle(event) if self.guide is not None else None
        if asked is not None:
            return self._follow_guide(asked)
        if event.type == pygame_gui.UI_BUTTON_PRESSED and event.ui_element in self.top_buttons:
            return self.COMMANDS[self.top_buttons[event.ui_element]](self, event)
        if self.orders is not None:
            picked = self.orders.handle(event, self.session)
            if picked is not None:
                return self._do(picked)
        if self.panel is not None:
            given = self.panel.handle(event)
            if given is not None:
                return self._do(given)
        area = self._layout()["map"]
        if self.map_input.handle(
            event,
            self.painter,
            area,
            shown=self._map_shown(),
            manager=self.ctx.manager,
            step=self.ctx.px(60),
        ):
            return None
        if event.type == pygame.KEYDOWN:
            return self._key(event)
        if event.type == pygame.MOUSEBUTTONDOWN:
            self.region_at = -1
        if event.type == pygame.MOUSEBUTTONDOWN and event.button == 1 and self.orders:
            for rect, region in self.region_hits:
                if rect.collidepoint(event.pos):
                    self.orders.show_target(self.session, region.index)
            if self.panel is not None:
                self.panel.click_map(event.pos, self.painter)
        if event.type == pygame.MOUSEWHEEL:  # over the map: zoom (`MapInput`)
            side = self._layout()["side"]
            if side.collidepoint(pygame.mouse.get_pos()):
                self.side.scroll = max(0, self.side.scroll - event.y * self.ctx.px(30))
        return None

    def _map_shown(self) -> bool:
        return self.panel is None or not self.panel.covers_map()

    def _stop(self) -> bool:
        """Asks the AI thinking to play its best move so far now; the game goes on (the next AI
        move is thought in full). Returns False if no AI that can stop is thinking."""
        s = self.session
        who = s.thinker.faction
        if not s.stop_thinking():
            return False
        name = s.rules.factions[who].name
        text = _("Stopped: {side}'s AI plays its best move so far").format(side=name)
        self.flash = (text, self.clock + 3)
        if self.stop is not None:
            self.stop.sync(s)
        return True

    def _advance(self) -> sc.Transition:
        """Ends the human's orders, then passes its quiet days until its next decision."""
        s = self.session
        f = s.human_to_act()
        if f < 0 or s.state.phase != ORDERS:
            return None
        if not s.staged and self._auction_open(f):  # Space never skips an auction
            text = _("An auction is open: bid, or press Enter to end the turn without bidding")
            self.flash = (text, self.clock + 4)
            return None
        self.advancing = (f, frozenset(s.game.legal_actions(s.state, f)))
        return self._do(Command("end"))

    def _auction_open(self, f: int) -> bool:
        """True when `f` may bid in an auction today: a decision Space does not pass over."""
        s = self.session
        return any(isinstance(a, Bid | Tender) for a in s.game.legal_actions(s.state, f))

    def _do(self, what: Action | Command) -> sc.Transition:
        s = self.session
        if s.human_to_act() < 0:
            return None
        try:
            if isinstance(what, Command):
                if what.name == "undo":
                    s.undo()
                elif what.name == "advise":
                    silent = s.advise()
                    if silent:
                        self.flash = (_("Adviser: {why}").format(why=silent), self.clock + 4)
                elif what.name == "end":
                    s.confirm()
            elif self.ctx.settings.ask_why and key_decision(s.game, what) and what in s.legal():
                return sc.Push("why", session=s, action=what)
            else:
                s.give(what)
        except IllegalActionError as exc:
            self.flash = (_("Not possible: {why}").format(why=exc), self.clock + 4)
        if s.version != self.shown:
            self._refresh()
        return None

    def _save(self) -> sc.Transition:
        """Asks for the save's name (`game.ui.scenes.save_dialog`)."""
        return sc.Push("save", session=self.session)

    # ------------------------------------------------------------- drawing

    def draw(self, surface: pygame.Surface) -> None:
        lay = self._layout()
        s = self.session
        viewer = s.rules.factions[s.viewer]
        colour = faction_colour(viewer.id, viewer.index)
        self.side.draw(surface, lay, s, self.ctx, self.meters, colour, self.shown)
        if self.panel is not None and self.panel.covers_map():
            self.region_hits = []
            self.panel.draw(surface, s)
        else:
            self._draw_map(surface, lay["map"])
        if self.orders is not None:
            self.orders.draw(surface, s, self.clock)
        # The bar after the columns: a message too long for it is drawn in a box over them.
        draw_bar(surface, lay["bar"], s, self.ctx, colour, self.clock, self.flash)
        if self.guide is not None:
            self.guide.draw_outline(surface, self.guide_target(self.guide.step.target))
        if self.toast is not None and self.clock < self.toast.until:
            draw_toast(surface, self.toast, self.ctx.fonts, lay["map"])

    def overlay(self, surface: pygame.Surface) -> None:
        """The hover text, over the widgets (order cards, chronicle) and the keyboard ring."""
        self.tip = None
        self._draw_tooltip(surface)

    def _draw_map(self, surface: pygame.Surface, area: pygame.Rect) -> None:
        s = self.session
        self.region_hits = self.painter.draw(
            surface,
            area,
            self.map_view,
            s.rules,
            self.ctx.fonts,
            scale=self.ctx.settings.ui_scale,
            pulse=self.clock,
        )
        if self.map_input.focus:
            pygame.draw.rect(surface, FOCUS, area, 2)
        blit_text(
            surface,
            self.ctx.fonts.get("serif_italic", 13),
            s.rules.period,
            (area.left + self.ctx.px(8), area.top + self.ctx.px(6)),
            INK_SOFT,
        )

    def _draw_tooltip(self, surface: pygame.Surface) -> None:
        pos = pygame.mouse.get_pos()
        if 0 <= self.region_at < len(self.region_hits):  # chosen with the keyboard
            box = self.region_hits[self.region_at][0]
            pygame.draw.rect(surface, FOCUS, box.inflate(10, 10), 3)
            pos = box.center
        elif not pygame.mouse.get_focused():
            return
        tip = hover_text(self.session.rules, pos, self.side.hits, self.region_hits)
        if self.side.score_rect.collidepoint(pos):
            s = self.session
            tip = score_explanation(s.game, s.preview if s.staged else s.state, s.viewer)
        note = self.log.hovered_note() if self.log is not None else None
        if note is not None:
            tip = weighed_text(self.session.game, note)
        if self.panel is not None:
            tip = self.panel.tooltip(pos, self.session, self.painter) or tip
        if tip:
            font = self.ctx.fonts.get("sans", 13)
            self.tip = (tip, pos, draw_tooltip(surface, font, tip, pos))

    def describe(self) -> dict[str, Any]:
        s = self.session
        extra = self.panel.describe(s) if self.panel is not None else {}
        return {
            **extra,
            "scene": self.name,
            "viewer": s.rules.factions[s.viewer].id,
            "date": month(s.rules, s.state.turn),
            "actions": self.orders.card_texts() if self.orders else [],
            "meters": [m.track.id for m in self.meters],
            "regions": [r.name for r in self.map_view.regions],
            "map": {**self.painter.describe(), "focus": self.map_input.focus},
            "region": self.region_hits[self.region_at][1].name
            if 0 <= self.region_at < len(self.region_hits)
            else None,
            "thinking": s.thinking,
            "status": thinking_text(s, self.clock),
            "stop_button": self.stop is not None and self.stop.shown,
            "notes": [note_text(s.rules, n) for n in s.notes_for(s.viewer)],
            "advancing": self.advancing is not None,
            "toast": self.toast.title if self.toast and self.clock < self.toast.until else "",
            "verdict": live_line(s.rules, s.live_verdict()),
            "guide": self.guide.step.title if self.guide is not None and self.guide.shown else "",
        }

    # ------------------------------------------------------------- the guide

    def start_guide(self) -> None:
        """Shows the first game's guide from its first step."""
        if self.guide is not None:
            self.guide.kill()
            self.guide = None
        self.guide_step = 0
        if self.root is not None:
            self.guide = GuideCard(self.ctx, self.root, self._layout()["map"], first.FIRST_GAME)

    def _follow_guide(self, asked: GuideInput) -> sc.Transition:
        """Moves the guide on (running its step's command first), back, or closes it."""
        assert self.guide is not None
        step = self.guide.step
        index = self.guide_step + {"next": 1, "back": -1, "skip": len(first.FIRST_GAME)}[asked]
        self.guide_step = max(0, index)
        if self.guide_step >= len(first.FIRST_GAME):
            self.guide.kill()
            self.guide, self.guide_step = None, -1
        else:
            self.guide.show_step(self.guide_step)
        if asked == "next" and step.act:
            return self.COMMANDS[step.act](self, pygame.event.Event(pygame.USEREVENT))
        return None

    def guide_target(self, target: str) -> pygame.Rect | None:
        """Returns where the part of the screen a guide step names is, or None."""
        return target_rect(target, self._layout(), self.orders, self.ctx.px)
