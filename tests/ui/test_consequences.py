"""Consequences shown before a choice (issue 15, item 1): an event's options list their effects
in words, and the orders a side cannot give now stay on the panel, greyed, with the reason.
Driven through the real app on the dummy display."""

from __future__ import annotations

import random

import pygame
import pytest
from pygame_gui.elements import UIButton, UILabel

from game.agents.base import make_agents
from game.core.actions import CHOOSE, Choose
from game.scenario.loader import available_scenarios
from game.ui.catalog import game_of
from game.ui.unavailable import unavailable
from game.ui.view import describe_action, reader
from tests.ui.driver import Driver
from tests.ui.helpers import choose_sides, game_scene, start_railway
from tests.ui.shots import SEED, advance


def labels(d: Driver) -> list[str]:
    return [
        s.text
        for s in d.app.manager.get_sprite_group().sprites()
        if isinstance(s, UILabel) and s.visible
    ]


def hover(d: Driver, button: UIButton) -> str:
    """Rests the mouse on a button until its tooltip shows; returns the tooltip's text."""
    pygame.mouse.set_pos(button.rect.center)
    for _ in range(40):
        motion = pygame.event.Event(
            pygame.MOUSEMOTION, pos=button.rect.center, rel=(0, 0), buttons=(0, 0, 0)
        )
        pygame.event.post(motion)
        d.frames(1)
        d.app.manager.update(0.1)
        if button.tool_tip is not None:
            return str(button.tool_tip.text_block.html_text)
    raise AssertionError(f"no tooltip over {button.text!r}")


def to_first_choice(d: Driver) -> None:
    """Plays Japan in the railway sale (the adviser giving its orders) to its first choice."""
    choose_sides(d, "The Railway Sale", ["AI: historical", "Human"], seed=7)
    d.key(pygame.K_RETURN)
    advance(d, lambda: d.name == "event" and bool(d.describe()["options"]))


def test_event_options_list_their_effects_under_the_button_and_on_hover(driver: Driver) -> None:
    to_first_choice(driver)
    described = driver.describe()
    assert described["events"] == ["us_recognition"]
    calm, force = described["effects"]
    assert calm == "Tension −2"
    # the chance reads the Soviet Far East forces, which Japan sees: its odds are given
    assert force.startswith("Tension +8; The army's weight in Tokyo +5; a ")
    assert force.endswith("% chance of: Side terms won +6 M gold rubles; otherwise: Tension +8")
    shown = labels(driver)
    assert "Effects: Tension −2" in shown
    # the longer one wraps under its button rather than losing its end
    lines = [t for t in shown if t.startswith("Effects: Tension +8")]
    assert len(lines) == 1
    rest = shown[shown.index(lines[0]) + 1]
    assert f"{lines[0]} {rest}" == f"Effects: {force}"
    buttons = [b for b in driver.scene.options]  # type: ignore[attr-defined]
    assert all(isinstance(b, UIButton) for b in buttons)
    assert buttons[0].tool_tip_text.endswith("\nEffects: Tension −2")
    assert f"Effects: {force}" in buttons[1].tool_tip_text
    # hovering the button shows its tooltip, effects included
    assert "Effects: Tension −2" in hover(driver, buttons[0])
    # choosing still works as before
    driver.key(pygame.K_1)
    assert driver.name != "event" or driver.describe()["events"] != ["us_recognition"]


def test_the_other_side_never_reads_what_it_cannot_see(driver: Driver) -> None:
    """The USSR's choice on the yen rate: its odds and one outcome read Japan's secret track."""
    session = start_railway(driver)
    event = next(e for e in session.rules.events if e.id == "yen_ruble_dispute")
    obs = session.observation(0)
    hold = describe_action(session.game, obs, Choose(0, CHOOSE, event.index, 1))
    assert hold.effects.endswith("; and effects you cannot see")
    assert "army" not in hold.effects
    assert "a chance of" in hold.effects  # no odds: they read what the USSR cannot see


def test_orders_it_cannot_give_stay_greyed_with_the_reason(driver: Driver) -> None:
    session = start_railway(driver)
    scene = game_scene(driver)
    panel = scene.orders
    assert panel is not None
    why = {i.label: i.why for i in panel.infos}
    # legal first, then the others with the failing part of their condition, in words
    playable = [i for i in panel.infos if not i.why]
    assert panel.infos[: len(playable)] == playable
    assert why["Offer to resume the talks"] == "Only when Talks open is no"
    assert why["Warn Tokyo that a seizure means war"] == (
        "Only when Intelligence on the army's seizure plans at least 70"
    )
    # Spending the political capital greys the orders that need more of it.
    driver.key(pygame.K_2)  # reinforce the Far East: 2 of the 3 political capital
    driver.key(pygame.K_1)  # court the Americans: the last one
    why = {i.label: i.why for i in panel.infos}
    assert why["Search for the Kwantung Army's plans"] == (
        "Needs 1 Soviet political capital, you have 0 left after this turn's orders"
    )
    assert why["Break off the talks"] == ""  # free: still possible
    # page to the greyed cards: greyed buttons, unnumbered, with the reason below
    for _ in range(len(panel.infos)):
        if any(info.why for _, info in panel.cards):
            break
        panel.scroll(session, 1)
    driver.frames(2)
    greyed = [(b, i) for b, i in panel.cards if i.why]
    assert greyed
    for button, info in greyed:
        assert "#greyed" in button.object_ids  # greyed, yet its tooltip still shows on hover
        assert not button.text[0].isdigit()
        assert button not in panel.buttons  # clicking it gives no order
        assert info.why in button.tool_tip_text
    assert any(t.startswith("Needs 1 Soviet political capital") for t in labels(driver))
    tip = hover(driver, greyed[0][0])
    assert "Not possible now: Needs 1 Soviet political capital" in tip
    assert "Effects: " in tip
    driver.click(greyed[0][0])  # clicking it gives no order
    assert len(session.staged) == 2
    # a number key never gives an order that is not possible
    for info in panel.infos:  # (a card keeps the number it had while it could be given)
        if info.why:
            assert panel.card_action(panel.numbers.get(info.action, 0)) is None
    assert panel.card_action(panel.numbers[panel.infos[0].action]) == panel.infos[0].action


@pytest.mark.parametrize("sid", sorted(available_scenarios()))
def test_no_side_reads_the_name_of_a_track_it_cannot_see(sid: str) -> None:
    """Every side, through the first 300 moves of a historical game: its orders' effects and
    reasons, and its event options' effects, name only tracks it observes."""
    game = game_of(sid)
    state = game.initial_state(SEED)
    agents = make_agents(game, dict.fromkeys((f.id for f in game.rules.factions), "historical"))
    rng = random.Random(SEED)
    checked = 0
    for _ in range(300):
        if game.is_terminal(state):
            break
        f = state.to_act
        obs = game.observe(state, f)
        legal = game.legal_actions(state, f)
        bit = 1 << f
        seen = [t.name for t in game.rules.tracks if t.mask & bit]
        secret = [
            t.name
            for t in game.rules.tracks
            if not t.mask & bit and not any(t.name in name for name in seen)
        ]
        words = reader(game, obs)
        infos = [describe_action(game, obs, a, words) for a in legal]
        infos += unavailable(game, obs, legal)
        for info in infos:
            for name in secret:
                assert name not in info.effects, (info.label, name)
                assert name not in info.why, (info.label, name)
            assert not info.why or info.why.startswith(("Only ", "Needs ")), info.why
            checked += bool(info.effects or info.why)
        state = game.apply(state, agents[f].act(obs, legal, rng))
    assert checked
