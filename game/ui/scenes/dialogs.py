"""Dialogs over the game screen: the hot-seat cover, event pop-ups, the briefing, the pause menu."""

from __future__ import annotations

from typing import Any

import pygame
import pygame_gui
from pygame_gui.elements import UIButton, UILabel, UITextBox

from game.core.actions import Action
from game.ui import scene as sc
from game.ui.bibliography import cite_html
from game.ui.debates import briefing_html
from game.ui.i18n import N_, _
from game.ui.opening import opening_events, opening_html
from game.ui.personas import aims_html
from game.ui.session import Session
from game.ui.theme import ACCENT, INK, INK_SOFT, PAPER, faction_colour
from game.ui.view import describe_action, month, reader
from game.ui.why import key_decision
from game.ui.widgets.dialog_panel import centred, draw_panel
from game.ui.widgets.text import blit_text, ellipsize, esc, fit, wrap


class Dialog(sc.Scene):
    """A panel in the middle of the window, over the dimmed scene below."""

    opaque = False
    width = 720
    height = 520

    def panel(self) -> pygame.Rect:
        return centred(self.ctx.size, self.ctx.px(self.width), self.ctx.px(self.height))

    def draw(self, surface: pygame.Surface) -> None:
        draw_panel(surface, self.panel())

    def button(
        self, rect: pygame.Rect, text: str, *, primary: bool = False, tip: str | None = None
    ) -> UIButton:
        assert self.root is not None
        return UIButton(
            rect,
            text,
            self.ctx.manager,
            container=self.root,
            object_id="#primary" if primary else None,
            tool_tip_text=tip,
        )

    def label(self, rect: pygame.Rect, text: str, object_id: str | None = None) -> UILabel:
        assert self.root is not None
        return UILabel(rect, text, self.ctx.manager, container=self.root, object_id=object_id)

    def textbox(self, rect: pygame.Rect, html: str) -> UITextBox:
        assert self.root is not None
        return UITextBox(html, rect, self.ctx.manager, container=self.root)


class CoverScene(sc.Scene):
    """Hot seat: covers the screen until the next human faction's player is at it."""

    name = "cover"

    def __init__(self, ctx: sc.Context, session: Session, faction: int) -> None:
        super().__init__(ctx)
        self.session = session
        self.faction = faction

    def build_widgets(self, root: pygame_gui.core.UIContainer) -> None:
        w, h = self.ctx.size
        px = self.ctx.px
        self.go = UIButton(
            pygame.Rect(w // 2 - px(160), h // 2 + px(70), px(320), px(48)),
            _("Show my view (Enter)"),
            self.ctx.manager,
            container=root,
            object_id="#primary",
        )

    def handle(self, event: pygame.event.Event) -> sc.Transition:
        if event.type == pygame_gui.UI_BUTTON_PRESSED and event.ui_element is self.go:
            return sc.Pop(self.faction)
        if event.type == pygame.KEYDOWN and event.key in (pygame.K_RETURN, pygame.K_KP_ENTER):
            return sc.Pop(self.faction)
        return None

    def draw(self, surface: pygame.Surface) -> None:
        fac = self.session.rules.factions[self.faction]
        w, h = self.ctx.size
        surface.fill(PAPER)
        band = pygame.Rect(0, h // 2 - self.ctx.px(110), w, self.ctx.px(8))
        pygame.draw.rect(surface, faction_colour(fac.id, fac.index), band)
        big = self.ctx.fonts.get("serif_bold", 34)
        small = self.ctx.fonts.get("serif_italic", 17)
        blit_text(
            surface,
            big,
            _("Pass the screen to {side}").format(side=fac.name),
            (w // 2, h // 2 - 70),
            INK,
            align="center",
        )
        blit_text(
            surface,
            small,
            fac.leader,
            (w // 2, h // 2 - 20),
            INK_SOFT,
            align="center",
            width=w - 80,
        )
        blit_text(
            surface,
            small,
            _("Other players, please look away: what follows is secret."),
            (w // 2, h // 2 + 14),
            INK_SOFT,
            align="center",
        )

    def describe(self) -> dict[str, Any]:
        return {"scene": self.name, "faction": self.faction}


class EventScene(Dialog):
    """An event pop-up: the historical text and citation, and the options if it asks a choice."""

    name = "event"

    def __init__(
        self, ctx: sc.Context, session: Session, events: list[int], *, choice: bool = False
    ) -> None:
        super().__init__(ctx)
        self.session = session
        self.events = events
        self.choice = choice
        self.options: dict[UIButton, Action] = {}
        self.effects: dict[Action, str] = {}
        """Each option's effects in words, as shown under its button (see `describe_action`)."""
        self.ok: UIButton | None = None
        self.asked: Action | None = None
        """The option the "why?" prompt is asking about (None when it is not open)."""

    def build_widgets(self, root: pygame_gui.core.UIContainer) -> None:
        rules = self.session.rules
        px = self.ctx.px
        r = self.panel()
        self.options.clear()
        self.effects.clear()
        self.ok = None
        date = month(rules, self.session.state.turn)
        if self.choice:
            event = rules.events[self.events[0]]
            title = event.title
        else:
            title = _("News") if len(self.events) > 1 else rules.events[self.events[0]].title
        self.label(
            pygame.Rect(r.left + px(24), r.top + px(18), r.width - px(48), px(30)),
            title,
            "#heading",
        )
        self.label(
            pygame.Rect(r.left + px(24), r.top + px(48), r.width - px(48), px(22)), date, "#subtle"
        )
        parts = []
        for index in self.events:
            event = rules.events[index]
            head = "" if len(self.events) == 1 else f"<b>{esc(event.title)}</b><br>"
            parts.append(f"{head}{esc(event.text)}<br>— {cite_html(event.cite)}")
        legal = self.session.legal() if self.choice else []
        bottom = r.bottom - px(20)
        width = r.width - px(54)
        options: list[tuple[Action, list[str], int]] = []
        for most in (3, 2, 1):  # fewer lines of effects if the event's text would lose its room
            options = self._options(legal, width - px(12), most) if self.choice else []
            if bottom - sum(h for *_, h in options) - r.top - px(84) >= px(90):
                break
        text_bottom = bottom - (sum(h for *_, h in options) if self.choice else px(52))
        self.textbox(
            pygame.Rect(
                r.left + px(24), r.top + px(76), r.width - px(48), text_bottom - r.top - px(84)
            ),
            "<br><br>".join(parts),
        )
        y = text_bottom + px(6)
        for i, (action, lines, height) in enumerate(options):
            option = rules.events[action.ref].options[action.amount]
            mark = "   " + _("(the historical choice)") if option.historical else ""
            effects = _("Effects: {effects}").format(effects=self.effects[action])
            tip = "\n".join(t for t in (option.text, effects) if t)
            button = self.button(
                pygame.Rect(r.left + px(24), y, r.width - px(48), px(30)),
                f"{i + 1}. {option.label}{mark}",
                tip=tip,
            )
            # The effects are what decides: they wrap (see `_options`); the text is cut.
            for n, line in enumerate(lines):
                rect = pygame.Rect(r.left + px(30), y + px(30) + n * px(18), width, px(18))
                self.label(rect, line, "#effects")
            top = y + px(30) + len(lines) * px(18)
            note = self.label(
                pygame.Rect(r.left + px(30), top, width, px(20)), option.text or " ", "#subtle"
            )
            fit(note, option.text or " ", width - px(8))
            self.options[button] = action
            y += height
        if not self.choice:
            self.ok = self.button(
                pygame.Rect(r.right - px(204), bottom - px(40), px(180), px(40)),
                _("Continue"),
                primary=True,
                tip=_("Enter"),
            )

    def _options(
        self, legal: list[Action], width: int, most: int
    ) -> list[tuple[Action, list[str], int]]:
        """Returns each option with its effects in words, wrapped to `width` in at most `most`
        lines (the last cut if need be; the tooltip has them whole), and the height its button
        and lines take."""
        px = self.ctx.px
        obs = self.session.observation(self.session.human_to_act())
        words = reader(self.session.game, obs)
        font = self.ctx.fonts.get("sans", 13)
        out = []
        for action in legal:
            effects = describe_action(self.session.game, obs, action, words).effects
            self.effects[action] = effects
            lines = wrap(font, _("Effects: {effects}").format(effects=effects), width)
            if len(lines) > most:
                lines = [*lines[: most - 1], ellipsize(font, " ".join(lines[most - 1 :]), width)]
            out.append((action, lines, px(30) + len(lines) * px(18) + px(28)))
        return out

    def _choose(self, action: Action) -> sc.Transition:
        if self.ctx.settings.ask_why and key_decision(self.session.game, action):
            self.asked = action
            return sc.Push("why", session=self.session, action=action)
        self.session.give(action)
        return sc.Pop(action)

    def resume(self, result: Any) -> sc.Transition:
        """Back from the "why?" prompt: the answer was given with its reason (or not)."""
        if result == "given" and self.asked is not None:
            return sc.Pop(self.asked)
        self.asked = None
        return None

    def handle(self, event: pygame.event.Event) -> sc.Transition:
        if event.type == pygame_gui.UI_BUTTON_PRESSED:
            if event.ui_element is self.ok:
                return sc.Pop()
            action = self.options.get(event.ui_element)
            if action is not None:
                return self._choose(action)
        if event.type == pygame.KEYDOWN:
            if not self.choice and event.key in (
                pygame.K_RETURN,
                pygame.K_KP_ENTER,
                pygame.K_ESCAPE,
                pygame.K_SPACE,
            ):
                return sc.Pop()
            if self.choice and pygame.K_1 <= event.key <= pygame.K_9:
                actions = list(self.options.values())
                i = event.key - pygame.K_1
                if i < len(actions):
                    return self._choose(actions[i])
            if self.choice and event.key == pygame.K_a:
                self.session.advise()
                return sc.Pop()
        return None

    def update(self, dt: float) -> sc.Transition:
        if self.choice and self.session.human_to_act() < 0:
            return sc.Pop()
        return None

    def describe(self) -> dict[str, Any]:
        return {
            "scene": self.name,
            "events": [self.session.rules.events[e].id for e in self.events],
            "options": [b.text for b in self.options],
            "effects": [self.effects[a] for a in self.options.values()],
        }


class BriefingScene(Dialog):
    """A faction's briefing and goals (at its first turn, and on demand)."""

    name = "briefing"

    def __init__(self, ctx: sc.Context, session: Session, faction: int) -> None:
        super().__init__(ctx)
        self.session = session
        self.faction = faction

    def build_widgets(self, root: pygame_gui.core.UIContainer) -> None:
        fac = self.session.rules.factions[self.faction]
        px = self.ctx.px
        r = self.panel()
        self.label(
            pygame.Rect(r.left + px(24), r.top + px(18), r.width - px(48), px(30)),
            _("Briefing: {side}").format(side=fac.name),
            "#heading",
        )
        goals = "".join(f"• {esc(g)}<br>" for g in fac.goals)
        heading = esc(_("Your goals"))
        html = (
            f"<i>{esc(fac.leader)}</i><br><br>{esc(fac.briefing)}<br><br>"
            f"<b>{heading}</b><br>{goals}<br>"
            f"{opening_html(self.session.rules, self.faction)}"
            f"{aims_html(self.session.rules, self.faction)}"
            f"{briefing_html(self.session.rules)}"
            "<i>"
            + esc(
                _(
                    "Your tracks, orders and some events are secret: the other side sees only "
                    "what it would have known."
                )
            )
            + "</i>"
        )
        self.body = self.textbox(
            pygame.Rect(r.left + px(24), r.top + px(56), r.width - px(48), r.height - px(130)), html
        )
        self.ok = self.button(
            pygame.Rect(r.right - px(204), r.bottom - px(60), px(180), px(40)),
            _("Begin"),
            primary=True,
            tip=_("Enter"),
        )

    def describe(self) -> dict[str, Any]:
        rules = self.session.rules
        fac = rules.factions[self.faction]
        return {
            "scene": self.name,
            "faction": fac.id,
            "text": fac.briefing,
            "opening": [e.id for e in opening_events(rules, self.faction)],
            "debates": {d.id: d.school.id for d in rules.debates},
            "aims": {
                rules.factions[f].id: p.summary
                for f, p in enumerate(rules.personas)
                if p is not None
            },
        }

    def handle(self, event: pygame.event.Event) -> sc.Transition:
        if event.type == pygame_gui.UI_BUTTON_PRESSED and event.ui_element is self.ok:
            return sc.Pop()
        if event.type == pygame.KEYDOWN and event.key in (
            pygame.K_RETURN,
            pygame.K_KP_ENTER,
            pygame.K_ESCAPE,
            pygame.K_SPACE,
        ):
            return sc.Pop()
        return None


class PauseScene(Dialog):
    """The in-game menu: resume, save, load, settings, help, main menu, quit."""

    name = "pause"
    width = 380
    height = 470
    ITEMS = (
        ("resume", N_("Resume (Esc)")),
        ("save", N_("Save game (Ctrl+S)")),
        ("load", N_("Load game")),
        ("settings", N_("Settings")),
        ("help", N_("How to play (F1)")),
        ("menu", N_("Main menu")),
        ("quit", N_("Quit")),
    )

    def build_widgets(self, root: pygame_gui.core.UIContainer) -> None:
        px = self.ctx.px
        r = self.panel()
        self.label(
            pygame.Rect(r.left + px(24), r.top + px(16), r.width - px(48), px(30)),
            _("Paused"),
            "#heading",
        )
        self.items: dict[UIButton, str] = {}
        for i, (key, text) in enumerate(self.ITEMS):
            rect = pygame.Rect(
                r.left + px(40), r.top + px(60) + i * px(54), r.width - px(80), px(44)
            )
            self.items[self.button(rect, _(text), primary=key == "resume")] = key

    def handle(self, event: pygame.event.Event) -> sc.Transition:
        if event.type == pygame_gui.UI_BUTTON_PRESSED and event.ui_element in self.items:
            key = self.items[event.ui_element]
            return sc.Pop(None if key == "resume" else key)
        if event.type == pygame.KEYDOWN and event.key == pygame.K_ESCAPE:
            return sc.Pop()
        return None

    def draw(self, surface: pygame.Surface) -> None:
        super().draw(surface)
        r = self.panel()
        pygame.draw.line(
            surface,
            ACCENT,
            (r.left + 24, r.top + self.ctx.px(50)),
            (r.right - 24, r.top + self.ctx.px(50)),
            2,
        )
