"""The game screen driven through its widgets and keys, as a player would."""

from __future__ import annotations

import json
import threading
from pathlib import Path

import pygame
import pytest

from game import load_game
from game.core.actions import EndTurn
from game.core.serial import state_hash
from game.core.state import ORDERS, State
from game.ui.catalog import game_of
from game.ui.scenes.play import GameScene
from game.ui.session import Session
from tests.ui.driver import Driver
from tests.ui.helpers import (
    choose_sides,
    game_scene,
    play_to_debrief,
    play_turn,
    show_game,
    start_railway,
    until_human,
)


def test_orders_go_through_the_widgets_and_end_the_turn(driver: Driver) -> None:
    session = start_railway(driver)
    scene = game_scene(driver)
    assert driver.describe()["viewer"] == "ussr"
    texts = driver.describe()["actions"]
    assert any("Court American recognition" in t and t.endswith("· 70 %") for t in texts), texts
    # a card: a scenario action with its odds
    driver.press("1. Court American recognition")
    assert [session.game.notation(a) for a in session.staged] == ["ussr:court_us"]
    # the price slider, then its button: an offer among the legal prices only
    driver.key(pygame.K_LEFT, pygame.KMOD_SHIFT)
    offer = scene.orders.current_offer() if scene.orders else None
    assert offer is not None
    assert offer in session.game.legal_actions(session.preview, 0)
    driver.click(scene.orders.offer_button if scene.orders else None)
    assert session.staged[-1] == offer
    assert scene.orders is not None
    assert "2 of 3 given" not in scene.orders.card_texts()  # the header is drawn, not a widget
    assert len(scene.orders.staged) == 2  # both orders are listed on the panel
    driver.press("Undo")
    assert [session.game.notation(a) for a in session.staged] == ["ussr:court_us"]
    before = len(session.actions)
    driver.press("End turn")
    assert session.actions[before : before + 2] == ["ussr:court_us", "ussr:end"]
    session = until_human(driver)
    assert session.state.turn == 1
    lines = [e.text for e in session.observation(0).log]
    # The order has odds: its line says how it came out.
    assert any(
        t.startswith(
            (
                "Soviet Union: Court American recognition — succeeded",
                "Soviet Union: Court American recognition — failed",
            )
        )
        for t in lines
    ), lines


def test_the_orders_panel_keeps_its_widgets_while_orders_are_given(driver: Driver) -> None:
    start_railway(driver)
    panel = game_scene(driver).orders
    assert panel is not None
    sprites = driver.app.manager.get_sprite_group().sprites
    # A card that moves up into view is made the first time it is shown (since 752c018 the
    # railway USSR has one more order, so giving the first brings a card with a note into
    # view): one round first, then nothing may be made again.
    driver.key(pygame.K_1)
    driver.key(pygame.K_z, pygame.KMOD_CTRL)
    made = len(sprites())
    first = {info.action: button for button, info in panel.cards}
    (given, _), (second, info) = panel.cards[:2]
    slider, end = panel.slider, panel.end_button
    driver.key(pygame.K_1)  # the other cards move up, keep their numbers, are not made again
    assert not given.visible
    assert panel.cards[0][0] is second
    assert second.text.startswith(f"2. {info.label}")
    assert all(first[i.action] is button for button, i in panel.cards if i.action in first)
    assert panel.slider is slider
    assert panel.end_button is end
    driver.key(pygame.K_z, pygame.KMOD_CTRL)
    assert {i.action: button for button, i in panel.cards} == first
    assert given.visible
    assert given.text.startswith("1. ")
    assert len(sprites()) == made


def test_cards_keep_their_keys_when_others_are_given(driver: Driver) -> None:
    """Issue 15, item 4: giving (or undoing) an order does not renumber the other cards, so
    the key a player read on a card still gives that card."""
    seats = {"ussr": "human", "japan": "historical", "usa": "historical"}
    session = Session(game_of("august-1945"), 3, seats)
    show_game(driver, session)
    until_human(driver)
    panel = game_scene(driver).orders
    assert panel is not None
    before = {info.action: button.text.split(".")[0] for button, info in panel.cards}
    assert len(before) >= 3
    third = panel.card_action(3)
    driver.key(pygame.K_2)
    assert len(session.staged) == 1
    after = {info.action: button.text.split(".")[0] for button, info in panel.cards}
    assert all(before[a] == key for a, key in after.items() if a in before)
    assert "2" not in after.values()
    driver.key(pygame.K_3)
    assert session.staged[-1] == third
    driver.key(pygame.K_z, pygame.KMOD_CTRL)
    driver.key(pygame.K_z, pygame.KMOD_CTRL)
    assert {info.action: b.text.split(".")[0] for b, info in panel.cards} == before


def test_undo_returns_to_the_state_at_the_start_of_the_orders(driver: Driver) -> None:
    session = start_railway(driver)
    start = session.state
    legal = session.legal()
    driver.key(pygame.K_1)
    driver.key(pygame.K_2)
    assert len(session.staged) == 2
    driver.key(pygame.K_z, pygame.KMOD_CTRL)
    driver.key(pygame.K_BACKSPACE)
    assert session.staged == []
    assert session.state is start
    assert session.preview is start
    assert session.legal() == legal
    assert session.actions == []


def test_a_whole_game_reaches_the_debrief_and_saves_its_chronicle(driver: Driver) -> None:
    start_railway(driver)
    described = play_to_debrief(driver, 600)
    assert set(described["scores"]) == {"ussr", "japan"}
    driver.press("Save the chronicle")
    path = Path(driver.describe()["saved"])
    text = path.read_text(encoding="utf-8")
    assert "## What actually happened" in text
    assert "[001 L26]" in text  # the historical timeline keeps its citations
    assert f"## Result: {described['class_label']}" in text
    driver.key(pygame.K_ESCAPE)
    assert driver.name == "menu"


def test_save_quit_load_gives_the_same_game(private_dirs: Path) -> None:
    d = Driver()
    session = start_railway(d)
    for _ in range(3):
        until_human(d)
        play_turn(d)
    until_human(d)
    d.key(pygame.K_s, pygame.KMOD_CTRL)
    assert d.name == "save"  # asks for a name, and suggests one
    d.key(pygame.K_RETURN)
    assert d.name == "game"
    saved = state_hash(session.state)
    actions = list(session.actions)
    files = list((private_dirs / "data" / "saves").glob("*.json"))
    assert len(files) == 1
    assert json.loads(files[0].read_text())["actions"] == actions
    d.close()

    d = Driver()
    try:
        d.press("Load game")
        buttons = [b for b, p in d.scene.items.items() if p == files[0]]  # type: ignore[attr-defined]
        d.click(buttons[0])
        assert isinstance(d.app.stack[0], GameScene)
        loaded = d.app.stack[0].session
        assert state_hash(loaded.state) == saved
        assert loaded.actions == actions
        assert loaded.seats == ("human", "historical")
    finally:
        d.close()


def test_continue_loads_the_autosave(private_dirs: Path) -> None:
    d = Driver()
    start_railway(d)
    until_human(d)
    play_turn(d)
    session = until_human(d)
    turn = session.state.turn
    d.close()
    (newest,) = (private_dirs / "data" / "autosaves").glob("autosave-*.json")  # one game
    autosave = json.loads(newest.read_text())
    assert autosave["actions"] == session.actions[: len(autosave["actions"])]
    d = Driver()
    try:
        d.press("Continue")
        loaded = game_scene(d).session
        assert loaded.state.turn == turn
        assert loaded.actions == autosave["actions"]
    finally:
        d.close()


def test_hot_seat_covers_the_screen_between_human_sides(driver: Driver) -> None:
    session = start_railway(driver, ("Human", "Human"))
    driver.key(pygame.K_1)
    driver.key(pygame.K_RETURN)
    driver.until(lambda: driver.name == "cover")
    assert driver.describe()["faction"] == 1
    # the cover is opaque: nothing of the game screen is drawn under it
    assert driver.app.top.opaque
    corner = driver.app.screen.get_at((5, 5))
    assert tuple(corner)[:3] == (239, 230, 208)
    driver.key(pygame.K_RETURN)
    assert driver.name == "briefing"  # Japan's own briefing, now that Japan is at the screen
    assert "Manchukuo is the nominal buyer" in driver.app.top.describe().get("text", "")
    driver.key(pygame.K_RETURN)
    assert driver.name == "game"
    meters = driver.describe()["meters"]
    assert driver.describe()["viewer"] == "japan"
    assert "japan_value" in meters  # Japan's own secret
    assert "railway_value" not in meters  # Moscow's secret stays hidden
    assert session.observation().own_orders == ()  # the Soviet orders are not shown to Japan


def test_an_event_asks_its_chooser_with_text_options_and_source(driver: Driver) -> None:
    start_railway(driver)
    for _ in range(400):
        if driver.name == "event" and driver.describe()["options"]:
            break
        play_turn(driver)
    described = driver.describe()
    assert described["events"]
    assert any("(the historical choice)" in o for o in described["options"])
    scene = game_scene(driver)
    event = scene.session.rules.events[scene.session.observation().choice]
    boxes = [
        w
        for w in driver.app.manager.get_sprite_group().sprites()
        if type(w).__name__ == "UITextBox" and w.visible
    ]
    assert any(event.cite.split(";")[0] in getattr(b, "html_text", "") for b in boxes)
    before = len(scene.session.actions)
    driver.key(pygame.K_1)
    assert scene.session.actions[before].split(":")[1] == "choose"
    assert driver.name != "event" or driver.describe()["events"] != described["events"]


class _GatedAgent:
    """An agent that thinks until the test lets it answer."""

    name = "gated"

    def __init__(self) -> None:
        self.thinking = threading.Event()
        self.gate = threading.Event()

    def act(self, obs, legal, rng):  # type: ignore[no-untyped-def]
        self.thinking.set()
        self.gate.wait(timeout=60)
        return next(a for a in legal if isinstance(a, EndTurn))


def test_agents_think_off_the_window_thread(driver: Driver, monkeypatch) -> None:  # type: ignore[no-untyped-def]
    """Frames go on while an agent thinks: the agent is held until the frames are drawn (no
    clock: were the window waiting for the agent, the frames could not be drawn first). How
    long frames take meanwhile is a benchmark figure (`bench/ui.py`)."""
    agent = _GatedAgent()
    monkeypatch.setattr("game.ui.thinker.make_agent", lambda name, game, f: agent)
    session = start_railway(driver)
    driver.press("End turn")
    assert agent.thinking.wait(timeout=30)
    driver.frames(5)
    assert not agent.gate.is_set()
    assert session.thinking
    assert driver.describe()["thinking"]
    agent.gate.set()
    driver.until(lambda: session.human_to_act() == 0 and not session.thinking, limit=20000)
    assert session.state.turn == 1


def _days_of(session: Session, faction: int) -> list[State]:
    """Returns the states in which `faction` began to give orders, replayed from the record."""
    game = session.game
    states = [game.initial_state(session.seed)]
    for text in session.actions:
        states.append(game.apply(states[-1], game.parse_action(text)))
    days: list[State] = []
    for state in states:
        starts = not days or days[-1].turn != state.turn
        if state.to_act == faction and state.phase == ORDERS and starts:
            days.append(state)
    return days


def test_space_passes_quiet_days_up_to_the_next_decision(driver: Driver) -> None:
    seats = {"ussr": "human", "japan": "historical", "usa": "historical"}
    session = Session(game_of("august-1945"), 3, seats)
    scene = show_game(driver, session)
    until_human(driver)
    longest, stops = 0, set()
    for _ in range(15):
        before, toast = len(session.actions), scene.toast
        driver.key(pygame.K_SPACE)
        driver.until(
            lambda: not scene.advancing and (session.human_to_act() >= 0 or driver.name != "game")
        )
        own = [a for a in session.actions[before:] if a.startswith("ussr:")]
        assert set(own) == {"ussr:end"}  # ended the turn, and gave no order on the way
        longest = max(longest, len(own))
        stop = driver.name
        if driver.name == "game" and scene.toast is not toast:
            stop = "toast"  # short news, told in a toast (tests/ui/test_news.py)
        elif driver.name == "game":  # no news and no event: an order the last day did not offer
            *_, last, now = _days_of(session, 0)
            assert now == session.state
            assert not set(session.game.legal_actions(now, 0)) <= set(
                session.game.legal_actions(last, 0)
            )
        else:
            assert driver.name == "event"  # news, or an event asks
        stops.add(stop)
        if {"game", "event"} <= stops:
            break
        until_human(driver)
    assert {"game", "event"} <= stops
    assert longest >= 3  # several quiet days went by on one key


@pytest.mark.parametrize("scenario", ["august-1945", "fishery-auctions"])
def test_every_other_scenario_plays_from_the_menu_to_its_debrief(
    driver: Driver, scenario: str
) -> None:
    """The railway sale is played through above; the other scenarios too, started from the main
    menu with the first side human (orders by the adviser, confirmed with Enter)."""
    rules = load_game(scenario).rules
    others = ["AI: greedy"] * (len(rules.factions) - 1)  # explicit: the default AI searches
    choose_sides(driver, rules.title, ["Human", *others])
    described = play_to_debrief(driver)
    factions = {f.id for f in rules.factions}
    assert set(described["scores"]) == factions
    session = driver.scene.session  # type: ignore[attr-defined]
    assert session.game.is_terminal(session.state)
