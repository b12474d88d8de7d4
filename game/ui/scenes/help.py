"""How to play, and every keyboard shortcut (from the keymap)."""

from __future__ import annotations

import pygame
import pygame_gui
from pygame_gui.elements import UITextBox

from game.ui import gui
from game.ui import scene as sc
from game.ui.i18n import N_, _
from game.ui.keymap import KEYMAP
from game.ui.theme import ACCENT
from game.ui.widgets.text import blit_text, esc

HOW_TO_PLAY = (
    N_(
        "New to the game? First game, in the main menu, starts the railway sale as the Soviet "
        "Union against the AI, with a guide over the game screen: what you are, what you want, how "
        "an offer works, what the chronicle tells you and how the turn ends. The button at the "
        "bottom right shows the guide again."
    ),
    N_(
        "Each turn is a date on the calendar (a month in the railway sale). Every side with a "
        "decision gives its orders in secret; when all have, the orders resolve together, the "
        "turn's events fire, and the calendar moves on."
    ),
    N_(
        "On the left are your side's numbers, as your side knows them: tracks marked 'secret' only "
        "you can see. In the middle are the map and the chronicle of what you have learned, each "
        "line dated and, for history, cited. On the right are your orders: each card says what it "
        "does, its chance of success where chance is involved, and one line of the history behind "
        "it with its source. The percentage on a card is its chance of success. Hover over a card, "
        "a meter or a region for more; click a region to find the orders that attack it. Arrows on "
        "the map show where fronts moved in the last turn."
    ),
    N_(
        "Orders are not final until you end the turn: Undo takes them back. Space ends the turn "
        "and passes the quiet days after it (no new order, no news) up to your next decision. In "
        "talks, the slider picks a price among the offers the rules allow; the three buttons under "
        "it jump to the smallest step from your price, halfway, or the price nearest theirs. At an "
        "auction, the middle shows the table of lots: click a lot, pick a price on the slider "
        "among the bids the rules allow (with what it costs you), and press Bid. When an event "
        "asks your side to choose, a pop-up shows its historical text, the options and the source; "
        "under each option, its effects on the tracks your side can see (what you cannot see is "
        "only mentioned); the option taken in history is marked. Orders you cannot give now stay "
        "in the orders column, greyed, with the reason (a condition not met, or a cost you cannot "
        "pay)."
    ),
    N_(
        "With several human sides (hot seat), the screen is covered between them so no one sees "
        "another side's secrets. The AI opponents see only their own side's view too."
    ),
    N_(
        "While an AI thinks, the top bar and the orders column say which side and for how long. "
        "Esc (or Stop thinking) ends its search at once: it plays the best move it has found so "
        "far and the game goes on; the next AI move is thought in full. The adviser (A) says why "
        "it gives each order, in the chronicle. An opposing AI's reasons stay hidden until the "
        "game is over (they rest on its secrets); the saved chronicle lists them all."
    ),
    N_(
        "The game saves itself every turn (Continue in the main menu). At the end, the debrief "
        "compares your game with what happened, and can save the chronicle as a Markdown file."
    ),
)


def help_html() -> str:
    parts = ["<b>" + esc(_("How to play")) + "</b><br>"]
    parts += [esc(_(p)) + "<br><br>" for p in HOW_TO_PLAY]
    parts.append("<b>" + esc(_("Keyboard shortcuts")) + "</b><br>")
    for shortcut in KEYMAP:
        where, keys, what = _(shortcut.context), _(shortcut.keys), _(shortcut.text)
        parts.append(f"<i>{esc(where)}</i> — <b>{esc(keys)}</b>: {esc(what)}<br>")
    return "".join(parts)


GUIDE_TIP = N_(
    "The guide of the first game: the railway sale as the Soviet Union, step by step over the "
    "game screen."
)
NO_GUIDE_TIP = N_(
    "The guide explains the first game (the railway sale as the Soviet Union): start it from "
    "the main menu, First game."
)


class HelpScene(sc.Scene):
    """How to play, the shortcuts, and the button that shows the first game's guide again: over
    the game it explains, or in a new first game when opened from the main menu."""

    name = "help"

    def __init__(self, ctx: sc.Context, *, guide: bool = True) -> None:
        """`guide`: the guide can be shown from here (False in a game it does not explain)."""
        super().__init__(ctx)
        self.can_guide = guide

    def build_widgets(self, root: pygame_gui.core.UIContainer) -> None:
        px = self.ctx.px
        w, h = self.ctx.size
        self.guide = pygame_gui.elements.UIButton(
            pygame.Rect(w - px(340), h - px(70), px(300), px(44)),
            _("Show the first-game guide (G)"),
            self.ctx.manager,
            container=root,
            tool_tip_text=_(GUIDE_TIP if self.can_guide else NO_GUIDE_TIP),
        )
        gui.set_enabled(self.guide, self.can_guide)
        UITextBox(
            help_html(),
            pygame.Rect(px(40), px(90), w - px(80), h - px(180)),
            self.ctx.manager,
            container=root,
        )
        self.back = self.back_button(root)

    def handle(self, event: pygame.event.Event) -> sc.Transition:
        if event.type == pygame_gui.UI_BUTTON_PRESSED and event.ui_element is self.back:
            return sc.Pop()
        if self.can_guide and (
            (event.type == pygame_gui.UI_BUTTON_PRESSED and event.ui_element is self.guide)
            or (event.type == pygame.KEYDOWN and event.key == pygame.K_g)
        ):
            return sc.Pop("guide")
        if event.type == pygame.KEYDOWN and event.key in (pygame.K_ESCAPE, pygame.K_F1):
            return sc.Pop()
        return None

    def draw(self, surface: pygame.Surface) -> None:
        px = self.ctx.px
        blit_text(
            surface,
            self.ctx.fonts.get("serif_bold", 30),
            _("How to play"),
            (px(40), px(36)),
            ACCENT,
        )
