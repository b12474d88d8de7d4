"""A bargaining table's part of the orders column: the chart of the offers so far (the price
slider is the orders panel's, over the legal `Offer`s)."""

from __future__ import annotations

import pygame

from game.core.mechanics.bargaining_view import BargainingView
from game.core.observation import Observation
from game.ui.scene import Context
from game.ui.session import Session
from game.ui.theme import faction_colour
from game.ui.view import offer_history
from game.ui.widgets.chart import draw_chart

History = list[tuple[int, float | None, float | None]]


def offers_so_far(session: Session, obs: Observation) -> History:
    """Returns (turn, seller's price, buyer's price) at the start of each turn so far and now,
    as the viewer saw them."""
    seen = [session.game.observe(st, session.viewer) for st in session.turn_states]
    if session.turn_states[-1] is not (session.preview if session.staged else session.state):
        seen.append(obs)
    return offer_history(session.game, seen)


def draw_offers(
    surface: pygame.Surface,
    rect: pygame.Rect,
    talks: BargainingView,
    history: History,
    session: Session,
    ctx: Context,
) -> None:
    """Draws each side's standing offer over the turns, in its faction's colour."""
    rules = session.rules
    series = []
    for side, pick in ((talks.seller, 1), (talks.buyer, 2)):
        fac = rules.factions[side.faction]
        pts = [(h[0], h[pick]) for h in history]
        series.append((fac.name, faction_colour(fac.id, fac.index), pts))
    draw_chart(surface, rect, series, ctx.fonts, turns=len(rules.calendar) - 1, unit=talks.unit)
