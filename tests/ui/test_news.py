"""News on the game screen (issue 15, item 4): the chronicle opens on this turn's news, short news
is a toast, and Space never passes over an auction."""

from __future__ import annotations

import dataclasses

import pygame

from game.core.mechanics.auction_view import Bid, Tender
from game.ui.catalog import game_of
from game.ui.session import Session
from game.ui.widgets.toast import toast_of
from tests.ui.driver import Driver
from tests.ui.helpers import show_game, until_human


def _august(driver: Driver) -> Session:
    seats = {"ussr": "human", "japan": "historical", "usa": "historical"}
    session = Session(game_of("august-1945"), 3, seats)
    show_game(driver, session)
    return session


def test_the_chronicle_shows_the_start_of_this_turns_news(driver: Driver) -> None:
    """At each of the human's turns, the first line of the newest turn's news is in view (the
    box scrolls to it, not to the end, when the news is longer than the box)."""
    session = _august(driver)
    scene = driver.app.top
    log = scene.log  # type: ignore[attr-defined]
    for _ in range(12):
        until_human(driver)
        driver.frames(2)
        box, height = log.box, log._height()
        if box.scroll_bar is not None:
            view = box.text_wrap_rect[3]
            top = box.scroll_bar.start_percentage * height
            assert top - 2 <= log.turn_top < top + view, (session.state.turn, top, log.turn_top)
        driver.key(pygame.K_RETURN)
    assert log.turn_top > 0


def test_short_news_is_a_toast_and_long_news_a_pop_up(driver: Driver) -> None:
    rules = game_of("august-1945").rules
    seen = [e for e in rules.events if not e.options and e.mask & 1]  # the USSR sees them
    short = next(e for e in seen if len(e.text) < 80)
    long = next(e for e in seen if len(e.text) > 400)
    session = _august(driver)
    scene = driver.app.top
    # The news arrives as the game screen finds it: one short event is a toast over the map.
    for event, name in ((short, "game"), (long, "event")):
        session.state = dataclasses.replace(
            session.state, fired=session.state.fired | 1 << event.index
        )
        session.preview = session.state
        driver.frames(3)
        assert driver.name == name, event.title
        if name == "game":
            toast = driver.describe()["toast"]
            assert toast.startswith(short.title)
            assert scene.busy()  # the screen redraws while the toast fades
        else:
            driver.key(pygame.K_RETURN)
    several = toast_of(rules, [short.index, short.index], "1945", 1.0)
    assert several is None  # news of several events at once is a pop-up
    choice = next(e for e in rules.events if e.options)
    assert toast_of(rules, [choice.index], "1945", 1.0) is None


def test_space_never_skips_an_auction(driver: Driver) -> None:
    seats = {"ussr": "historical", "japan": "human"}
    session = Session(game_of("fishery-auctions"), 7, seats)
    show_game(driver, session)
    until_human(driver)
    legal = session.game.legal_actions(session.state, 1)
    assert any(isinstance(a, Bid | Tender) for a in legal)  # an auction is open
    before = list(session.actions)
    state = session.state
    driver.key(pygame.K_SPACE)
    driver.frames(3)
    assert session.actions == before
    assert session.state is state
    assert "auction is open" in driver.describe()["status"] + driver.app.top.flash[0]  # type: ignore[attr-defined]
    driver.key(pygame.K_RETURN)  # Enter still ends the turn without bids, as the player says
    driver.frames(3)
    assert session.actions[len(before) :]
