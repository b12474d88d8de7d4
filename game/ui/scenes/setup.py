"""Starting a game: the variant (installed, or a variant file), who plays each side (a person,
or an AI: its kind and, for kinds that have them, its level), the game number."""

from __future__ import annotations

import random
from pathlib import Path
from typing import Any

import pygame
import pygame_gui
from pygame_gui.elements import UIButton, UILabel, UITextBox

from game.agents.base import AGENTS, DEFAULT_AI, split_agent
from game.scenario.changes import change_lines
from game.scenario.errors import ScenarioError
from game.scenario.loader import read_scenario, read_variant, source_for, variants_of
from game.scenario.schema import VariantSpec
from game.ui import gui
from game.ui import scene as sc
from game.ui.catalog import game_of, rules_of, scenario_files
from game.ui.i18n import N_, _, ngettext
from game.ui.session import HUMAN, SEAT_KINDS, Session
from game.ui.settings import autosave_path
from game.ui.theme import ACCENT, INK, INK_SOFT, faction_colour
from game.ui.widgets.file_dialog import SUFFIXES, FilePicker
from game.ui.widgets.text import blit_text, draw_error, esc

HUMAN_TIP = N_("Played at this screen. Several human sides take turns (hot seat).")
HISTORY = (None, N_("As in history"), N_("The scenario as it happened, with no changes."))
"""History as the first choice of variant (its texts translated where shown)."""
OPEN_TIP = N_(
    "A variant file of your own (.yaml) that changes this scenario. The file you open is the "
    "one that runs, and the game's saves name it."
)

STRENGTH = ("easy", "normal", "hard")
"""The order in which levels are offered, weakest first (`AgentKind.levels` puts the default
first); a level not named here comes after these."""

Entry = tuple[str | None, str, str]
"""A variant to choose: its id or file (None: history), its title, what it changes."""


def seat_label(kind: str) -> str:
    """Returns the text of a seat button: "Human", or "AI: " and the agent's name."""
    return _("Human") if kind == HUMAN else _("AI: {agent}").format(agent=kind)


def seat_tip(kind: str) -> str:
    """Returns the tooltip of a seat button: the agent's one-line description (`AGENTS`)."""
    return _(HUMAN_TIP) if kind == HUMAN else AGENTS[kind].description


def split_seat(seat: str) -> tuple[str, str]:
    """Returns a seat's kind and level (`mcts:hard` → mcts, hard; "" for kinds without)."""
    if seat == HUMAN:
        return HUMAN, ""
    level = split_agent(seat)[1]
    return seat.partition(":")[0], level


def seat_of(kind: str, level: str = "") -> str:
    """Returns the seat's name, as sessions and saves keep it: the kind, at its default level
    unless `level` is given (`mcts:normal`); the kind alone for kinds without levels."""
    if kind == HUMAN:
        return HUMAN
    levels = AGENTS[kind].levels
    return f"{kind}:{level or levels[0]}" if levels else kind


def levels_offered(kind: str) -> list[str]:
    """Returns a kind's levels in the order the screen offers them, weakest first."""
    levels = AGENTS[kind].levels if kind != HUMAN else ()
    return sorted(levels, key=lambda v: STRENGTH.index(v) if v in STRENGTH else len(STRENGTH))


def level_note(kind: str, level: str) -> str:
    """Returns what a level costs, for players (`normal: about a second a move`), or ""."""
    agent = AGENTS[kind]
    i = agent.levels.index(level) if level in agent.levels else len(agent.level_notes)
    return agent.level_notes[i] if i < len(agent.level_notes) else ""


def choice_lines() -> list[str]:
    """Returns one line on each kind of player the seats offer (`Human: …`, `AI: mcts: …`)."""
    return [f"{seat_label(kind)}: {seat_tip(kind)}" for kind in SEAT_KINDS]


def seat_line(faction: str, seat: str) -> str:
    """Returns the line under the seats that says what plays a side: its agent, its level
    and what that costs, and the agent's one-line description; "" for a human side."""
    kind, level = split_seat(seat)
    if kind == HUMAN:
        return ""
    note = level_note(kind, level) if level else ""
    head = _("{side} — AI: {agent}").format(side=faction, agent=kind)
    head += f", {note}" if note else f", {level}" if level else ""
    return f"{head}. {AGENTS[kind].description}"


class SetupScene(sc.Scene):
    """Variant, seats (human or AI for each faction) and the game number (seed)."""

    name = "setup"

    def __init__(
        self,
        ctx: sc.Context,
        scenario: str,
        *,
        seed: int | None = None,
        variant: str | None = None,
    ) -> None:
        """`scenario` is an installed scenario's id or a scenario file's path; `variant`, if
        given, the variant chosen first (an id, or a variant file's path)."""
        super().__init__(ctx)
        self.scenario = scenario
        self.rules = rules_of(scenario)
        source = source_for(self.rules)
        self.file = Path(source.scenario_file) if source and source.scenario_file else None
        """The scenario file that runs, when it is not an installed scenario."""
        self.error = ""
        self.variants: list[Entry] = [(HISTORY[0], _(HISTORY[1]), _(HISTORY[2]))]
        path = scenario_files().get(scenario) or Path(scenario)
        self.data: dict[str, Any] = {}
        """The scenario file's data, to put a variant's changes in words."""
        try:
            self.data = read_scenario(path)[0]
            self.variants += _variant_entries(path, self.rules.id, self.data)
        except ScenarioError as exc:
            self.error = str(exc)
        self.variant = 0
        self.seats = [HUMAN if f.index == 0 else seat_of(DEFAULT_AI) for f in self.rules.factions]
        """Each faction's seat: `human`, or an agent's name with its level (`mcts:normal`)."""
        self.seed = seed if seed is not None else random.SystemRandom().randrange(1, 1_000_000)
        self.picker = FilePicker(ctx, _("Open a variant file"))
        self.variant_first = 0
        """The first variant listed, where they page (a small window, large text)."""
        self.variant_pages: dict[UIButton, int] = {}
        if variant is not None:
            self.choose_variant(variant)

    def build_widgets(self, root: pygame_gui.core.UIContainer) -> None:
        px = self.ctx.px
        w = self.ctx.size[0]
        m = self.ctx.manager
        self.variant_buttons: dict[UIButton, int] = {}
        col = int(w * 0.42)
        h = self.ctx.size[1]
        self._variant_list(root, col, h)
        self.seat_buttons: dict[UIButton, tuple[int, str]] = {}
        self.level_buttons: dict[UIButton, tuple[int, str, str]] = {}
        per_row, seat_w = self._seat_grid(col)
        right = col + per_row * seat_w - px(6)
        for f in self.rules.factions:
            y = self._seat_top(f.index)
            for j, kind in enumerate(SEAT_KINDS):
                row, place = divmod(j, per_row)
                button = UIButton(
                    pygame.Rect(
                        col + place * seat_w, y + px(26) + row * px(42), seat_w - px(6), px(36)
                    ),
                    seat_label(kind),
                    m,
                    container=root,
                    object_id="#seat",
                    tool_tip_text=seat_tip(kind),
                )
                self.seat_buttons[button] = (f.index, kind)
            for kind in SEAT_KINDS:  # on the faction's line, shown while the kind is chosen
                levels = levels_offered(kind)
                for j, level in enumerate(levels):
                    level_w = px(74)
                    x = right - (len(levels) - j) * level_w
                    button = UIButton(
                        pygame.Rect(x, y - px(3), level_w - px(4), px(25)),
                        level,
                        m,
                        container=root,
                        object_id="#seat",
                        tool_tip_text=_("Level {level}.").format(
                            level=level_note(kind, level) or level
                        ),
                    )
                    self.level_buttons[button] = (f.index, kind, level)
        y = self._seat_top(len(self.rules.factions)) + px(20)
        label_w, reroll_w, top = px(260), px(150), y + px(44)
        x = col
        if y + px(32) > h - px(74):  # no room under the seats: at the top right, by the title
            font = self.ctx.fonts.get("sans", 14)
            label_w = font.size(_("Game number: {number}").format(number=999_999))[0] + px(12)
            reroll_w = px(110)
            x, y, top = w - px(40) - px(10) - reroll_w - label_w, px(30), y
        self.seed_label = UILabel(pygame.Rect(x, y, label_w, px(32)), "", m, container=root)
        self.reroll = UIButton(
            pygame.Rect(x + label_w + px(10), y, reroll_w, px(32)),
            _("Another"),
            m,
            container=root,
            tool_tip_text=_(
                "The game number fixes every roll of the dice: "
                "the same number and moves give the same game."
            ),
        )
        # What the seats add up to and what each AI does: a text box that scrolls, so that nothing
        # is cut at a large text size (with no room at all, the seat and level buttons' tooltips
        # still say what each AI does).
        room = h - px(82) - top
        self.seat_box = UITextBox(
            "",
            pygame.Rect(col, top, w - col - px(40), max(px(36), room)),
            m,
            container=root,
            object_id="#seat_notes",
        )
        if room < px(36):
            gui.set_visible(self.seat_box, False)
        self.back = self.back_button(root)
        self.open_file_button = self.open_button(root, _("Open a variant file…"), _(OPEN_TIP))
        self.start = self.next_button(root, _("Start the game  →"))
        self._sync()

    def _variant_list(self, root: pygame_gui.core.UIContainer, col: int, h: int) -> None:
        """Makes the variants' buttons and the box saying what the chosen one changes. Where
        they do not all fit above a box of useful height, they page (▲ / ▼, PageUp / PageDown,
        the wheel); a title too long for its button is set a size smaller, never cut."""
        px, m = self.ctx.px, self.ctx.manager
        n = len(self.variants)
        top, bottom, width = px(130), h - px(82), col - px(60)
        step = max(px(34), min(px(46), (bottom - px(10) - top) // max(1, n)))
        per_page = n
        box_min = px(100)
        if top + n * step + px(20) + box_min > bottom:  # page them
            step = px(40)
            per_page = max(1, (bottom - top - px(20) - box_min - px(36)) // step)
        self.variant_first = max(0, min(self.variant_first, n - per_page))
        first = self.variant_first
        font = self.ctx.fonts.get("sans", 15)
        for i in range(first, min(n, first + per_page)):
            title = self.variants[i][1]
            wide = font.size(title)[0] > width - px(12)
            button = UIButton(
                pygame.Rect(px(40), top + (i - first) * step, width, step - px(8)),
                title,
                m,
                container=root,
                object_id="#seat_small" if wide else "#seat",
            )
            self.variant_buttons[button] = i
        y = top + min(n, per_page) * step
        self.variant_pages = {}
        if per_page < n:
            half = (width - px(6)) // 2
            for j, (text, move, left) in enumerate(
                (
                    (N_("▲ {n} more"), -per_page, first),
                    (N_("▼ {n} more"), per_page, n - first - per_page),
                )
            ):
                button = UIButton(
                    pygame.Rect(px(40) + j * (half + px(6)), y, half, px(30)),
                    _(text).format(n=left),
                    m,
                    container=root,
                    tool_tip_text=_("More variants (PageUp / PageDown, or the wheel)"),
                )
                gui.set_enabled(button, left > 0)
                self.variant_pages[button] = move
            y += px(36)
        y += px(12)
        box_h = min(px(150), bottom - y)  # the error line stays clear above the footer
        self.variant_box = UITextBox(
            "", pygame.Rect(px(40), y, width, max(px(48), box_h)), m, container=root
        )
        if box_h < px(40):  # no room at all (a very large text size)
            gui.set_visible(self.variant_box, False)

    def page_variants(self, move: int) -> None:
        """Shows the variants `move` places on (back when negative), when they page."""
        if self.variant_pages:
            self.variant_first = max(0, self.variant_first + move)
            self.rebuild()

    def _seat_grid(self, col: int) -> tuple[int, int]:
        """Returns how many seat buttons go on a row and their pitch: all on one row when their
        names fit ("AI: historical" at 1024 × 700 or 130 % text does not), else fewer."""
        px, w = self.ctx.px, self.ctx.size[0]
        font = self.ctx.fonts.get("sans", 15)
        need = max(font.size(seat_label(kind))[0] for kind in SEAT_KINDS) + px(24)
        room = w - col - px(60)
        per_row = max(1, min(len(SEAT_KINDS), room // need))
        rows = -(-len(SEAT_KINDS) // per_row)
        per_row = -(-len(SEAT_KINDS) // rows)  # rows as even as they can be
        return per_row, room // per_row

    def _seat_top(self, index: int) -> int:
        """Returns the top of the `index`-th side's seats (the end of the last, for the number
        of sides)."""
        px = self.ctx.px
        per_row = self._seat_grid(int(self.ctx.size[0] * 0.42))[0]
        rows = -(-len(SEAT_KINDS) // per_row)
        if rows == 1:
            return px(130) + index * px(82)
        return px(130) + index * (px(72) + (rows - 1) * px(42))  # closer: the footer is near

    def _sync(self) -> None:
        for button, i in self.variant_buttons.items():
            gui.set_selected(button, i == self.variant)
        for button, (f, kind) in self.seat_buttons.items():
            gui.set_selected(button, split_seat(self.seats[f])[0] == kind)
        for button, (f, kind, level) in self.level_buttons.items():
            chosen, chosen_level = split_seat(self.seats[f])
            gui.set_visible(button, chosen == kind)
            gui.set_selected(button, (chosen, chosen_level) == (kind, level))
        _vid, title, body = self.variants[self.variant]
        if self.error:  # its first line as the heading, the loader's message below
            title, _nl, body = self.error.partition("\n")
        self.variant_box.set_text(f"<b>{esc(title)}</b><br>{esc(body)}".replace("\n", "<br>"))
        self.seed_label.set_text(_("Game number: {number}").format(number=self.seed))
        self.seat_box.set_text(self._seats_html())

    def choose_variant(self, variant: str) -> None:
        """Chooses a listed variant by id, or opens a variant file given by path."""
        ids = [vid for vid, _title, _body in self.variants]
        if variant in ids:
            self.variant = ids.index(variant)
        elif Path(variant).suffix in SUFFIXES:
            self.open_variant(Path(variant))
        else:
            self.error = _("{variant} is not a variant of {scenario}").format(
                variant=repr(variant), scenario=self.rules.id
            )

    def open_variant(self, path: Path) -> None:
        """Adds the variant file `path` to the choices and chooses it, or shows why it cannot
        change this scenario (the loader's own message: file, line and field)."""
        text = str(path.resolve())
        try:
            rules = rules_of(self.scenario, text)
            spec = read_variant(path)[0]
        except (ValueError, OSError) as exc:  # a ScenarioError is a ValueError
            self.error = _("{file} cannot be used.").format(file=path.name) + f"\n\n{exc}"
        else:
            self.error = ""
            source = source_for(rules)
            ids = [vid for vid, _title, _body in self.variants]
            if (source is None or source.variant_file is None) and rules.variant in ids:
                self.variant = ids.index(rules.variant)  # the installed variant's own file
            else:
                body = f"{_body(spec, self.data)}\n\n" + _("From the file {path}").format(path=text)
                entry = (text, _("{title} (file)").format(title=spec.title), body)
                self.variants = [v for v in self.variants if v[0] != text] + [entry]
                self.variant = len(self.variants) - 1
        if self.root is not None:
            self.rebuild()

    def handle(self, event: pygame.event.Event) -> sc.Transition:
        path = self.picker.picked(event)
        if path is not None:
            self.open_variant(path)
            return None
        if self.picker.is_open:
            if event.type == pygame.KEYDOWN and event.key == pygame.K_ESCAPE:
                self.picker.close()
            self.picker.key(event)
            return None
        if event.type == pygame_gui.UI_BUTTON_PRESSED:
            el = event.ui_element
            if el is self.back:
                return sc.Pop()
            if el is self.start:
                return self.start_game()
            if el is self.open_file_button:
                self.picker.open(self.file.parent if self.file else None)
            elif el is self.reroll:
                self.seed = random.SystemRandom().randrange(1, 1_000_000)
            elif el in self.variant_buttons:
                self.variant = self.variant_buttons[el]
                self.error = ""
            elif el in self.variant_pages:
                self.page_variants(self.variant_pages[el])
                return None
            elif el in self.seat_buttons:
                f, kind = self.seat_buttons[el]
                if split_seat(self.seats[f])[0] != kind:  # a kind chosen again keeps its level
                    self.seats[f] = seat_of(kind)
            elif el in self.level_buttons:
                f, kind, level = self.level_buttons[el]
                self.seats[f] = seat_of(kind, level)
            self._sync()
        if event.type == pygame.KEYDOWN:
            if event.key == pygame.K_ESCAPE:
                return sc.Pop()
            if event.key in (pygame.K_RETURN, pygame.K_KP_ENTER):
                return self.start_game()
            if event.key == pygame.K_o:
                self.picker.open(self.file.parent if self.file else None)
            if event.key in (pygame.K_PAGEUP, pygame.K_PAGEDOWN) and self.variant_pages:
                moves = sorted(self.variant_pages.values())
                self.page_variants(moves[0] if event.key == pygame.K_PAGEUP else moves[-1])
        if event.type == pygame.MOUSEWHEEL and self.variant_pages:
            x = pygame.mouse.get_pos()[0]
            if x < int(self.ctx.size[0] * 0.42):  # over the variants' column
                self.page_variants(-event.y)
        return None

    def hide(self) -> None:
        self.picker.close()
        super().hide()

    def teardown(self) -> None:
        self.picker.close()
        super().teardown()

    def start_game(self) -> sc.Transition:
        vid = self.variants[self.variant][0]
        try:
            game = game_of(self.scenario, vid)
        except (ValueError, OSError) as exc:  # a file edited or removed since it was opened
            self.error = str(exc)
            self._sync()
            return None
        seats = {f.id: self.seats[f.index] for f in self.rules.factions}
        session = Session(game, self.seed, seats, autosave=autosave_path())
        return sc.Reset("game", session=session)

    def draw(self, surface: pygame.Surface) -> None:
        fonts, px = self.ctx.fonts, self.ctx.px
        w = self.ctx.size[0]
        col = int(w * 0.42)
        blit_text(surface, fonts.get("serif_bold", 30), self.rules.title, (px(40), px(36)), ACCENT)
        blit_text(
            surface, fonts.get("serif_italic", 15), self.rules.period, (px(42), px(76)), INK_SOFT
        )
        if self.file is not None:
            blit_text(
                surface,
                fonts.get("sans", 12),
                _("From the file {file} in {folder}").format(
                    file=self.file.name, folder=self.file.parent
                ),
                (w - px(40), px(80)),
                INK_SOFT,
                width=int(w * 0.5),
                align="right",
            )
        head = fonts.get("serif_bold", 17)
        blit_text(surface, head, _("History, or a variant?"), (px(40), px(100)), INK)
        blit_text(surface, head, _("Who plays each side?"), (col, px(100)), INK)
        self._draw_seats(surface, col)
        draw_error(surface, fonts, self.error.split("\n", 1)[0], px)

    def _draw_seats(self, surface: pygame.Surface, col: int) -> None:
        """Draws each side's name (and "Level" before its level buttons)."""
        fonts, px = self.ctx.fonts, self.ctx.px
        w = self.ctx.size[0]
        small = fonts.get("sans", 13)
        for f in self.rules.factions:
            y = self._seat_top(f.index)
            pygame.draw.rect(
                surface, faction_colour(f.id, f.index), pygame.Rect(col, y + px(4), px(14), px(14))
            )
            lefts = [
                b.rect.left
                for b, (g, _kind, _level) in self.level_buttons.items()
                if g == f.index and b.visible
            ]
            end = w - px(40)
            name = fonts.get("sans_bold", 14)
            if lefts:
                end = min(lefts) - px(8)
                level = _("Level")
                with_level = end - small.size(level)[0] - px(12)
                if name.size(f.name)[0] <= with_level - col - px(22):  # else the name has it
                    blit_text(surface, small, level, (end, y + px(1)), INK_SOFT, align="right")
                    end = with_level
            room = max(px(40), end - col - px(22))
            blit_text(surface, name, f.name, (col + px(22), y), INK, width=room)

    def _seats_html(self) -> str:
        """Returns what the seats add up to and what each AI does (in `seat_box`)."""
        humans = sum(1 for s in self.seats if s == HUMAN)
        if humans == 0:
            note = _("No human side: you will watch the AIs play.")
        else:
            note = ngettext(
                "One human side against the AI.",
                "{n} human sides: hot seat, the screen is covered between them.",
                humans,
            ).format(n=humans)
        lines = [seat_line(f.name, self.seats[f.index]) for f in self.rules.factions]
        heading = "<b>" + esc(_("The choices")) + "</b>"
        choices = [heading, *(esc(line) for line in choice_lines())]
        return "<br>".join([*(esc(line) for line in (note, *lines) if line), *choices])

    def describe(self) -> dict[str, Any]:
        return {
            "scene": self.name,
            "scenario": self.scenario,
            "seats": list(self.seats),
            "seat_lines": [seat_line(f.name, self.seats[f.index]) for f in self.rules.factions],
            "choices": choice_lines(),
            "title": self.rules.title,
            "file": str(self.file) if self.file else None,
            "variants": [title for _vid, title, _body in self.variants],
            "variants_shown": sorted(self.variant_buttons.values()),
            "variant": self.variants[self.variant][0],
            "variant_text": self.variants[self.variant][2],
            "seed": self.seed,
            "error": self.error,
        }


def _body(spec: VariantSpec, data: dict[str, Any]) -> str:
    """Returns what the variant box says of a variant: what it changes, field by field, then
    its question and what the sources say."""
    changes = "".join(f"\n• {line}" for line in change_lines(spec, data))
    view = "\n\n" + spec.sources_view if spec.sources_view else ""
    return _("What it changes:") + f"{changes}\n\n{spec.question}{view}"


def _variant_entries(path: Path, scenario_id: str, data: dict[str, Any]) -> list[Entry]:
    """Returns the variants kept for a scenario file (`variants_of`) that are variants of this
    scenario: a copy of a scenario under another id is not offered the original's variants."""
    out: list[Entry] = []
    for vid, vpath in variants_of(path).items():
        try:
            spec = read_variant(vpath)[0]
        except ScenarioError as exc:
            out.append((vid, _("{variant} (damaged)").format(variant=vid), str(exc)))
            continue
        if spec.scenario == scenario_id:
            out.append((vid, spec.title, _body(spec, data)))
    return out
