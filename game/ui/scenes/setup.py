"""Starting a game: choose the scenario, then the variant and who plays each side."""

from __future__ import annotations

import random
from typing import Any

import pygame
import pygame_gui
from pygame_gui.elements import UIButton, UILabel, UITextBox

from game.agents.base import AGENTS
from game.core.rules import Rules
from game.scenario.errors import ScenarioError
from game.scenario.loader import read_variant, variants_of
from game.ui import gui
from game.ui import scene as sc
from game.ui.catalog import game_of, rules_of, scenario_files
from game.ui.session import HUMAN, SEAT_KINDS, Session
from game.ui.settings import autosave_path
from game.ui.theme import ACCENT, INK, INK_SOFT, RULE, faction_colour
from game.ui.widgets.text import blit_text, blit_wrapped, draw_error, esc

HUMAN_TIP = "Played at this screen. Several human sides take turns (hot seat)."


def seat_label(kind: str) -> str:
    """Returns the text of a seat button: "Human", or "AI: " and the agent's name."""
    return "Human" if kind == HUMAN else f"AI: {kind}"


def seat_tip(kind: str) -> str:
    """Returns the tooltip of a seat button: the agent's one-line description (`AGENTS`)."""
    return HUMAN_TIP if kind == HUMAN else AGENTS[kind].description


def _footer(
    scene: sc.Scene, root: pygame_gui.core.UIContainer, next_text: str
) -> tuple[UIButton, UIButton]:
    w, h = scene.ctx.size
    px = scene.ctx.px
    back = scene.back_button(root)
    nxt = UIButton(
        pygame.Rect(w - px(300), h - px(70), px(260), px(44)),
        next_text,
        scene.ctx.manager,
        container=root,
        object_id="#primary",
    )
    return back, nxt


class ScenarioScene(sc.Scene):
    """Lists each scenario with its period, summary and factions."""

    name = "scenarios"

    def __init__(self, ctx: sc.Context) -> None:
        super().__init__(ctx)
        self.entries: list[tuple[str, Rules | None, str]] = []
        for sid in scenario_files():
            try:
                self.entries.append((sid, rules_of(sid), ""))
            except ScenarioError as exc:
                self.entries.append((sid, None, str(exc)))
        self.selected = 0
        self.items: dict[UIButton, int] = {}

    def build_widgets(self, root: pygame_gui.core.UIContainer) -> None:
        px = self.ctx.px
        w, _ = self.ctx.size
        self.items = {}
        for i, (sid, rules, _err) in enumerate(self.entries):
            text = rules.title if rules else f"{sid} (cannot be loaded)"
            button = UIButton(
                pygame.Rect(px(40), px(110) + i * px(64), int(w * 0.3), px(54)),
                text,
                self.ctx.manager,
                container=root,
                object_id="#menu_button",
                tool_tip_text=rules.period if rules else None,
            )
            gui.set_enabled(button, rules is not None)
            self.items[button] = i
        self.back, self.next = _footer(self, root, "Choose sides  →")
        if not self.entries or self.entries[self.selected][1] is None:
            gui.set_enabled(self.next, False)
        self._mark()

    def _mark(self) -> None:
        for button, i in self.items.items():
            gui.set_selected(button, i == self.selected)

    def handle(self, event: pygame.event.Event) -> sc.Transition:
        if event.type == pygame_gui.UI_BUTTON_PRESSED:
            if event.ui_element is self.back:
                return sc.Pop()
            if event.ui_element is self.next:
                return self._next()
            if event.ui_element in self.items:
                self.selected = self.items[event.ui_element]
                self._mark()
        if event.type == pygame.KEYDOWN:
            if event.key == pygame.K_ESCAPE:
                return sc.Pop()
            if event.key in (pygame.K_RETURN, pygame.K_KP_ENTER):
                return self._next()
            if event.key in (pygame.K_UP, pygame.K_DOWN) and self.entries:
                step = 1 if event.key == pygame.K_DOWN else -1
                self.selected = (self.selected + step) % len(self.entries)
                self._mark()
        return None

    def _next(self) -> sc.Transition:
        if not self.entries or self.entries[self.selected][1] is None:
            return None
        return sc.Push("setup", scenario=self.entries[self.selected][0])

    def draw(self, surface: pygame.Surface) -> None:
        fonts, px = self.ctx.fonts, self.ctx.px
        w, h = self.ctx.size
        blit_text(
            surface, fonts.get("serif_bold", 30), "Choose a scenario", (px(40), px(36)), ACCENT
        )
        if not self.entries:
            blit_text(surface, fonts.get("sans", 15), "No scenarios found.", (px(40), px(110)))
            return
        _sid, rules, err = self.entries[self.selected]
        x = px(60) + int(w * 0.3)
        area = pygame.Rect(x, px(110), w - x - px(40), h - px(200))
        pygame.draw.rect(surface, (246, 240, 226), area.inflate(px(24), px(24)))
        pygame.draw.rect(surface, RULE, area.inflate(px(24), px(24)), 1)
        if rules is None:
            _wrapped(surface, fonts.get("sans", 14), err, area, ACCENT)
            return
        y = area.top
        y += _wrapped(surface, fonts.get("serif_bold", 24), rules.title, area, INK)
        y += _wrapped(
            surface,
            fonts.get("serif_italic", 16),
            rules.period,
            area.move(0, y - area.top),
            INK_SOFT,
        ) + px(10)
        y += _wrapped(
            surface,
            fonts.get("serif", 15),
            rules.summary,
            pygame.Rect(area.left, y, area.width, area.bottom - y),
            INK,
        ) + px(14)
        blit_text(surface, fonts.get("serif_bold", 16), "The sides", (area.left, y), INK)
        y += px(28)
        for f in rules.factions:
            pygame.draw.rect(
                surface,
                faction_colour(f.id, f.index),
                pygame.Rect(area.left, y + px(3), px(14), px(14)),
            )
            blit_text(surface, fonts.get("sans_bold", 14), f.name, (area.left + px(22), y), INK)
            y += px(20)
            y += _wrapped(
                surface,
                fonts.get("sans", 13),
                f.leader,
                pygame.Rect(area.left + px(22), y, area.width - px(22), area.bottom - y),
                INK_SOFT,
            ) + px(6)
        turns = len(rules.calendar)
        blit_text(
            surface,
            fonts.get("sans", 13),
            f"{turns} turns, {rules.calendar[0]:%B %Y} to {rules.calendar[-1]:%B %Y}",
            (area.left, area.bottom - px(20)),
            INK_SOFT,
        )

    def describe(self) -> dict[str, Any]:
        return {"scene": self.name, "scenarios": [e[0] for e in self.entries]}


def _wrapped(
    surface: pygame.Surface,
    font: pygame.font.Font,
    text: str,
    rect: pygame.Rect,
    colour: tuple[int, int, int],
) -> int:
    return blit_wrapped(surface, font, text, rect, colour)


class SetupScene(sc.Scene):
    """Variant, seats (human or AI for each faction) and the game number (seed)."""

    name = "setup"

    def __init__(self, ctx: sc.Context, scenario: str, *, seed: int | None = None) -> None:
        super().__init__(ctx)
        self.scenario = scenario
        self.rules = rules_of(scenario)
        self.variants: list[tuple[str | None, str, str]] = [
            (None, "As in history", "The scenario as it happened, with no changes.")
        ]
        path = scenario_files()[scenario]
        for vid, vpath in variants_of(path).items():
            try:
                spec, _ = read_variant(vpath)
                body = spec.question + ("\n\n" + spec.sources_view if spec.sources_view else "")
                self.variants.append((vid, spec.title, body))
            except ScenarioError as exc:
                self.variants.append((vid, f"{vid} (damaged)", str(exc)))
        self.variant = 0
        self.seats = ["human" if f.index == 0 else "greedy" for f in self.rules.factions]
        self.seed = seed if seed is not None else random.SystemRandom().randrange(1, 1_000_000)
        self.error = ""

    def build_widgets(self, root: pygame_gui.core.UIContainer) -> None:
        px = self.ctx.px
        w, _ = self.ctx.size
        m = self.ctx.manager
        self.variant_buttons: dict[UIButton, int] = {}
        col = int(w * 0.42)
        for i, (_vid, title, _body) in enumerate(self.variants):
            button = UIButton(
                pygame.Rect(px(40), px(130) + i * px(46), col - px(60), px(38)),
                title,
                m,
                container=root,
                object_id="#seat",
            )
            self.variant_buttons[button] = i
        top = px(130) + len(self.variants) * px(46) + px(20)
        self.variant_box = UITextBox(
            "", pygame.Rect(px(40), top, col - px(60), px(150)), m, container=root
        )
        self.seat_buttons: dict[UIButton, tuple[int, str]] = {}
        seat_w = (w - col - px(60)) // len(SEAT_KINDS)
        for f in self.rules.factions:
            y = px(130) + f.index * px(82) + px(26)
            for j, kind in enumerate(SEAT_KINDS):
                button = UIButton(
                    pygame.Rect(col + j * seat_w, y, seat_w - px(6), px(36)),
                    seat_label(kind),
                    m,
                    container=root,
                    object_id="#seat",
                    tool_tip_text=seat_tip(kind),
                )
                self.seat_buttons[button] = (f.index, kind)
        y = px(130) + len(self.rules.factions) * px(82) + px(20)
        self.seed_label = UILabel(pygame.Rect(col, y, px(260), px(32)), "", m, container=root)
        self.reroll = UIButton(
            pygame.Rect(col + px(270), y, px(150), px(32)),
            "Another",
            m,
            container=root,
            tool_tip_text="The game number fixes every roll of the dice: "
            "the same number and moves give the same game.",
        )
        self.back, self.start = _footer(self, root, "Start the game  →")
        self._sync()

    def _sync(self) -> None:
        for button, i in self.variant_buttons.items():
            gui.set_selected(button, i == self.variant)
        for button, (f, kind) in self.seat_buttons.items():
            gui.set_selected(button, self.seats[f] == kind)
        _vid, title, body = self.variants[self.variant]
        self.variant_box.set_text(f"<b>{esc(title)}</b><br>{esc(body)}".replace("\n", "<br>"))
        self.seed_label.set_text(f"Game number: {self.seed}")

    def handle(self, event: pygame.event.Event) -> sc.Transition:
        if event.type == pygame_gui.UI_BUTTON_PRESSED:
            el = event.ui_element
            if el is self.back:
                return sc.Pop()
            if el is self.start:
                return self.start_game()
            if el is self.reroll:
                self.seed = random.SystemRandom().randrange(1, 1_000_000)
            elif el in self.variant_buttons:
                self.variant = self.variant_buttons[el]
            elif el in self.seat_buttons:
                f, kind = self.seat_buttons[el]
                self.seats[f] = kind
            self._sync()
        if event.type == pygame.KEYDOWN:
            if event.key == pygame.K_ESCAPE:
                return sc.Pop()
            if event.key in (pygame.K_RETURN, pygame.K_KP_ENTER):
                return self.start_game()
        return None

    def start_game(self) -> sc.Transition:
        vid = self.variants[self.variant][0]
        try:
            game = game_of(self.scenario, vid)
        except ScenarioError as exc:
            self.error = str(exc)
            return None
        seats = {f.id: self.seats[f.index] for f in self.rules.factions}
        session = Session(game, self.seed, seats, autosave=autosave_path())
        return sc.Reset("game", session=session)

    def draw(self, surface: pygame.Surface) -> None:
        fonts, px = self.ctx.fonts, self.ctx.px
        w, _ = self.ctx.size
        col = int(w * 0.42)
        blit_text(surface, fonts.get("serif_bold", 30), self.rules.title, (px(40), px(36)), ACCENT)
        blit_text(
            surface, fonts.get("serif_italic", 15), self.rules.period, (px(42), px(76)), INK_SOFT
        )
        head = fonts.get("serif_bold", 17)
        blit_text(surface, head, "History, or a variant?", (px(40), px(100)), INK)
        blit_text(surface, head, "Who plays each side?", (col, px(100)), INK)
        for f in self.rules.factions:
            y = px(130) + f.index * px(82)
            pygame.draw.rect(
                surface, faction_colour(f.id, f.index), pygame.Rect(col, y + px(4), px(14), px(14))
            )
            blit_text(
                surface,
                fonts.get("sans_bold", 14),
                f.name,
                (col + px(22), y),
                INK,
                width=w - col - px(80),
            )
        humans = sum(1 for s in self.seats if s == "human")
        note = {
            0: "No human side: you will watch the AIs play.",
            1: "One human side against the AI.",
        }.get(humans, f"{humans} human sides: hot seat, the screen is covered between them.")
        y = px(130) + len(self.rules.factions) * px(82) + px(64)
        blit_text(surface, fonts.get("sans", 13), note, (col, y), INK_SOFT, width=w - col - px(40))
        draw_error(surface, fonts, self.error, px)

    def describe(self) -> dict[str, Any]:
        return {
            "scene": self.name,
            "scenario": self.scenario,
            "seats": list(self.seats),
            "variant": self.variants[self.variant][0],
            "seed": self.seed,
        }
