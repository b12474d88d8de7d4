"""The guided first game (issue 15, item 2): the guide followed to the end of the first turn with
its own buttons only, dismissed, shown again from Help; the events that set the scene told in the
briefing; the scenario chooser's and the set-up screen's texts."""

from __future__ import annotations

import pygame
import pytest

from game.ui import guide
from game.ui.opening import opening_events
from game.ui.scenes.play import GameScene
from game.ui.session import SEAT_KINDS
from tests.ui.driver import Driver
from tests.ui.helpers import choose_sides

SEED = 7


@pytest.fixture
def first_game(driver: Driver, monkeypatch: pytest.MonkeyPatch) -> GameScene:
    """The first game, from the main menu, at a fixed game number, its briefing read."""
    monkeypatch.setattr("game.ui.scenes.menu.first_session", lambda: guide.first_session(SEED))
    driver.press("First game")
    assert driver.describe()["opening"] == ["talks_open_in_tokyo"]  # the briefing
    driver.key(pygame.K_RETURN)
    scene = driver.scene
    assert isinstance(scene, GameScene)
    assert driver.describe()["guide"] == guide.FIRST_GAME[0].title
    return scene


def test_steps_are_data_in_plain_words() -> None:
    assert [s.title for s in guide.FIRST_GAME][:2] == ["You are the Soviet Union", "What you want"]
    for step in guide.FIRST_GAME:
        assert step.target in guide.TARGETS
        assert step.act in ("", *GameScene.COMMANDS)
        assert step.text.strip()
        assert "  " not in step.text
    assert {"offer", "end"} <= {s.act for s in guide.FIRST_GAME}


def test_the_guide_leads_through_the_first_turn_with_its_own_buttons(
    driver: Driver, first_game: GameScene
) -> None:
    scene, session = first_game, first_game.session
    titles = []
    for _ in range(len(guide.FIRST_GAME) + 1):
        driver.until(lambda: bool(driver.describe().get("guide")))
        card = scene.guide
        assert card is not None
        titles.append(card.step.title)
        target = scene.guide_target(card.step.target)
        assert target is not None, card.step
        assert target.width > 0, card.step
        assert target.height > 0, card.step
        assert not target.colliderect(card.panel.rect), "the card hides what it explains"
        driver.click(card.next)
        if scene.guide is None:
            break
    assert titles == [s.title for s in guide.FIRST_GAME]
    assert driver.name == "game"
    assert driver.describe()["guide"] == ""
    assert driver.describe()["date"] == "July 1933"
    assert session.state.turn == 1
    assert any(a.startswith("ussr:offer:") for a in session.actions)  # the offer step's offer


def test_enter_goes_on_and_esc_dismisses_the_guide(driver: Driver, first_game: GameScene) -> None:
    driver.key(pygame.K_RETURN)
    assert driver.describe()["guide"] == guide.FIRST_GAME[1].title
    driver.press("Back")
    assert driver.describe()["guide"] == guide.FIRST_GAME[0].title
    driver.key(pygame.K_ESCAPE)
    assert first_game.guide is None
    assert driver.describe()["guide"] == ""
    assert first_game.session.state.turn == 0  # Enter went to the guide, not to End turn
    driver.key(pygame.K_ESCAPE)  # without the guide, Esc is the pause menu again
    assert driver.name == "pause"


def test_skip_guide_then_replay_it_from_help(driver: Driver, first_game: GameScene) -> None:
    driver.press("Skip guide")
    assert first_game.guide is None
    driver.key(pygame.K_F1)
    assert driver.name == "help"
    driver.press("Show the first-game guide")
    assert driver.name == "game"
    assert driver.describe()["guide"] == guide.FIRST_GAME[0].title
    driver.key(pygame.K_ESCAPE)
    driver.key(pygame.K_ESCAPE)  # the pause menu, then its Help
    driver.press("How to play")
    driver.key(pygame.K_g)
    assert driver.describe()["guide"] == guide.FIRST_GAME[0].title


def test_help_from_the_main_menu_starts_the_guided_first_game(driver: Driver) -> None:
    driver.press("How to play")
    driver.press("Show the first-game guide")
    assert driver.name == "briefing"
    driver.key(pygame.K_RETURN)
    assert driver.describe()["guide"] == guide.FIRST_GAME[0].title
    assert guide.fits(driver.scene.session)  # type: ignore[attr-defined]


def test_the_guide_is_not_offered_in_a_game_it_does_not_explain(driver: Driver) -> None:
    choose_sides(driver, "The Fishery Auctions", ["AI: historical", "Human"], seed=SEED)
    driver.key(pygame.K_RETURN)
    driver.until(lambda: driver.name == "game")
    assert driver.describe()["guide"] == ""
    driver.key(pygame.K_F1)
    assert driver.name == "help"
    assert not driver.button("Show the first-game guide").is_enabled
    driver.key(pygame.K_g)
    assert driver.name == "help"


def test_events_that_set_the_scene_are_in_the_briefing_not_after_the_first_turn(
    driver: Driver,
) -> None:
    choose_sides(driver, "The Railway Sale", ["Human", "AI: historical"], seed=SEED)
    assert driver.describe()["opening"] == ["talks_open_in_tokyo"]
    driver.key(pygame.K_RETURN)
    driver.press("End turn")
    for _ in range(400):  # to July, answering whatever asks
        if driver.name == "game" and driver.scene.session.state.turn >= 1:  # type: ignore[attr-defined]
            break
        if driver.name == "event":
            assert "talks_open_in_tokyo" not in driver.describe()["events"]
            driver.key(pygame.K_1 if driver.describe()["options"] else pygame.K_RETURN)
        driver.frames(1)
    assert driver.scene.session.state.turn == 1  # type: ignore[attr-defined]


def test_opening_events_keep_their_secrets() -> None:
    from game.ui.catalog import rules_of

    rules = rules_of("august-1945")
    ids = {f.id: f.index for f in rules.factions}
    assert [e.id for e in opening_events(rules, ids["ussr"])] == ["yalta_agreement"]
    assert opening_events(rules, ids["japan"]) == []  # Japan knows nothing of it
    fishery = [e.id for e in opening_events(rules_of("fishery-auctions"), 0)]
    assert fishery == ["basic_convention_1925", "convention_1928"]


def test_scenarios_are_listed_in_the_order_of_history_with_length_sides_difficulty(
    driver: Driver,
) -> None:
    driver.press("New game")
    described = driver.describe()
    assert described["scenarios"] == ["fishery-auctions", "railway-sale", "august-1945"]
    assert described["lines"] == [
        "14 turns · 2 sides · middling",
        "31 turns · 2 sides · easiest",
        "87 turns · 3 sides · hardest",
    ]
    assert described["details"] == [  # the first game's scenario is shown first
        "Length: 31 turns, monthly, June 1933 to December 1935",
        "Sides: Soviet Union, Japan–Manchukuo",
        "Difficulty: Easiest: two sides at one bargaining table. Start here (First game).",
    ]
    driver.press("The August 1945 Race")
    assert driver.describe()["details"][0] == (
        "Length: 87 turns, weekly, then daily, February 1945 to September 1945"
    )


def test_every_choice_of_player_has_a_line_and_a_variant_says_what_it_changes(
    driver: Driver,
) -> None:
    driver.press("New game")
    driver.press("Choose sides")
    choices = driver.describe()["choices"]
    assert len(choices) == len(SEAT_KINDS)
    for kind, line in zip(SEAT_KINDS, choices, strict=True):
        assert kind in line.lower()
        assert len(line.split(": ", 1)[-1]) > 10
    driver.press("The army has its way")
    text = driver.describe()["variant_text"]
    assert text.startswith("What it changes:\n• The army's weight in Tokyo: starts at 70 instead")
    assert "seizure preparations: starts, drawn each game, between 40 and 60 instead of" in text
    driver.press("No American recognition")
    assert (
        "The United States recognises the USSR: chance each turn 0 instead of 0.5"
        in (driver.describe()["variant_text"])
    )
