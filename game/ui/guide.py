"""The guided first game: the railway sale as the Soviet Union against the default AI, with a
guide over the real game screen. The guide is data: a list of steps, each pointing at one part
of the screen (`GuideStep.target`, resolved by the game screen) and, for some, doing one thing
for the player when its button is pressed (`GuideStep.act`, a game-screen command).

The history in the texts comes from the scenario file (scenarios/railway_sale.yaml), with its
citations; the rest explains the screen.
"""

from __future__ import annotations

import random
from dataclasses import dataclass

from game.agents.base import DEFAULT_AI
from game.ui.catalog import game_of
from game.ui.i18n import N_
from game.ui.session import HUMAN, Session
from game.ui.settings import autosave_path

SCENARIO = "railway-sale"
"""The first game's scenario: two sides, one bargaining table, no map to manage."""
SIDE = "ussr"
"""The side the player takes in the first game."""

TARGETS = ("side", "score", "orders", "offer", "chronicle", "end", "bar")
"""The parts of the game screen a step can point at (see `GameScene.guide_target`)."""


@dataclass(frozen=True, slots=True)
class GuideStep:
    """One step of the guide."""

    title: str
    text: str
    target: str
    """The part of the screen the step points at (one of `TARGETS`)."""
    button: str = N_("Next")
    """The text of the step's main button (Enter presses it)."""
    act: str = ""
    """A game-screen command the main button runs before the guide moves on (`offer`, `end`);
    empty for none."""


FIRST_GAME: tuple[GuideStep, ...] = (
    GuideStep(
        N_("You are the Soviet Union"),
        N_(
            "It is June 1933. Japan holds Manchuria, and the Soviet-owned Chinese Eastern Railway "
            "runs straight through it. Moscow offers to sell the line to Manchukuo, with Japan as "
            "mediator and real buyer. On the left are your numbers as Moscow knows them; the ones "
            "marked 'secret' only you can see."
        ),
        "side",
    ),
    GuideStep(
        N_("What you want"),
        N_(
            "Sell the railway for as much as you can, and be paid; avoid a war in the Far East "
            "before you are ready; win American recognition. Your score counts these. The line "
            "under it says how your game compares with history at this date."
        ),
        "score",
    ),
    GuideStep(
        N_("Your orders"),
        N_(
            "Each card on the right is an order you can give: what it does, what it costs, its "
            "chance of success where chance is involved, and the history behind it. You may give "
            "up to three orders a month. Orders are not final until the turn ends: Undo takes "
            "them back."
        ),
        "orders",
    ),
    GuideStep(
        N_("How an offer works"),
        N_(
            "The talks are a bargaining table. The slider picks your asking price, in million gold "
            "rubles; the Offer button beside it puts that price on the table. In history Moscow "
            "opened at 250 million and Manchukuo answered with 20 million [001 L26]. Japan answers "
            "when the turn resolves. Press the button below to make the offer now shown, or move "
            "the slider first."
        ),
        "offer",
        button=N_("Make this offer"),
        act="offer",
    ),
    GuideStep(
        N_("What the chronicle tells you"),
        N_(
            "The chronicle, under the map, is what your side has learned: each line dated, and "
            "history cited. Offers, news and the results of your orders appear here as the months "
            "pass; this month's news is at the bottom."
        ),
        "chronicle",
    ),
    GuideStep(
        N_("How the turn ends"),
        N_(
            "When your orders are given, End turn (Enter) makes them final. Japan gives its orders "
            "in secret, then all orders resolve together, the month's events happen, and the "
            "calendar moves on to July."
        ),
        "end",
        button=N_("End the turn"),
        act="end",
    ),
    GuideStep(
        N_("A new month"),
        N_(
            "The turn has resolved and the date at the top has moved on. What happened is in the "
            "chronicle: Japan's answer to your offer, or its own moves (it may even walk out of "
            "the talks). Play on as you like: the game ends when the sale is signed, when the army "
            "seizes the line, in a border crisis, or in December 1935. Help (F1) explains the rest "
            "and can show this guide again."
        ),
        "chronicle",
        button=N_("Finish"),
    ),
)
"""The steps of the first game's guide, in order."""


def first_session(seed: int | None = None) -> Session:
    """Returns a new first game: the railway sale, the player as the Soviet Union, the other
    side played by the default AI, game number `seed` (a new one if None)."""
    game = game_of(SCENARIO)
    seats = {f.id: HUMAN if f.id == SIDE else DEFAULT_AI for f in game.rules.factions}
    if seed is None:
        seed = random.SystemRandom().randrange(1, 1_000_000)
    return Session(game, seed, seats, autosave=autosave_path())


def fits(session: Session) -> bool:
    """True when the guide explains this game: the railway sale, the Soviet Union played
    here (a variant of it too)."""
    ids = [f.id for f in session.rules.factions]
    return (
        session.rules.id == SCENARIO
        and SIDE in ids
        and session.seats[ids.index(SIDE)] == HUMAN
        and len(session.humans()) == 1
    )
