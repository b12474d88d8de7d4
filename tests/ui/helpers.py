"""Shared steps of the UI tests."""

from __future__ import annotations

from typing import Any

import pygame

from game.core.serial import state_hash
from game.ui import scene as sc
from game.ui.scenes.play import GameScene
from game.ui.session import Session
from tests.ui.driver import Driver

UI_SEED = 1
"""The game number the UI tests start with. The window draws a fresh one for every new game, and
the course of a game depends on it (on some railway seeds tension closes the talks within a few
turns), so a test that kept the window's draw would pass or fail by chance."""


def choose_sides(
    d: Driver, title: str, seats: list[str] | tuple[str, ...], seed: int = UI_SEED
) -> None:
    """From the main menu, picks the scenario with this title and the seat buttons of the first
    sides (by label), sets the game number, and starts the game."""
    d.press("New game")
    d.press(title)
    d.press("Choose sides")
    for faction, label in enumerate(seats):
        buttons = [b for b, (f, _) in d.scene.seat_buttons.items() if f == faction]  # type: ignore[attr-defined]
        d.click(next(b for b in buttons if b.text == label))
    d.scene.seed = seed  # type: ignore[attr-defined]
    d.press("Start the game")


def start_railway(d: Driver, seats: tuple[str, str] = ("Human", "AI: historical")) -> Session:
    """From the main menu, starts the railway sale with these seat buttons; returns the session
    once the first briefing is dismissed."""
    choose_sides(d, "The Railway Sale", seats)
    if d.name == "cover":  # hot seat: the first side is asked to the screen too
        d.key(pygame.K_RETURN)
    assert d.name == "briefing"
    d.key(pygame.K_RETURN)
    assert isinstance(d.scene, GameScene)
    return d.scene.session


def show_game(d: Driver, session: Session) -> GameScene:
    """Shows the game screen of `session` (its briefings taken as read)."""
    scene = GameScene(d.app.ctx, session)
    scene.briefed = set(range(len(session.rules.factions)))
    d.app._apply(sc.Reset(scene))
    d.frames(3)
    return scene


def game_scene(d: Driver) -> GameScene:
    scene = d.app.stack[0] if d.app.stack else None
    assert isinstance(scene, GameScene), d.name
    return scene


def play_turn(d: Driver) -> None:
    """Lets the adviser give the human's orders and confirms them; answers pop-ups."""
    if d.name == "event":
        d.key(pygame.K_1 if d.describe()["options"] else pygame.K_RETURN)
    elif d.name in {"briefing", "cover"}:
        d.key(pygame.K_RETURN)
    elif d.name == "game":
        session = game_scene(d).session
        if session.human_to_act() >= 0:
            d.key(pygame.K_a)
            d.key(pygame.K_RETURN)
        else:
            d.frames(2)


def play_to_debrief(d: Driver, limit: int = 6000) -> dict[str, Any]:
    """Plays on (the adviser giving the human's orders) until the debrief; returns what it shows."""
    for _ in range(limit):
        if d.name == "debrief":
            break
        play_turn(d)
    assert d.name == "debrief"
    described = d.describe()
    assert described["outcome"]
    return described


def until_human(d: Driver, limit: int = 400) -> Session:
    """Steps until a human is to give orders on the game screen (answering pop-ups)."""
    for _ in range(limit):
        if d.name == "game":
            session = game_scene(d).session
            if session.human_to_act() >= 0 and session.state.phase == 0:
                return session
            d.frames(1)
        elif d.name == "event":
            d.key(pygame.K_1 if d.describe()["options"] else pygame.K_RETURN)
        else:
            d.key(pygame.K_RETURN)
    raise AssertionError(f"no human turn came ({d.name})")


def digest(session: Session) -> str:
    return state_hash(session.state)
