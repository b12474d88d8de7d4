"""A quiet idle (issue 15, item 10): a window waiting for its player sleeps on the event queue
instead of redrawing at the frame rate, wakes at once on input, and keeps its frame rate while
something moves by itself (an AI to play). The CPU share this saves is measured by `make bench`
(bench/ui.py), never timed here."""

from __future__ import annotations

from typing import Any

import pygame
import pytest

from game.ui import app as app_module
from game.ui.app import IDLE_FRAMES
from tests.ui.driver import Driver
from tests.ui.helpers import show_game
from tests.ui.test_thinking import WaitingAgent, railway


def _waits(monkeypatch: pytest.MonkeyPatch) -> list[int]:
    """Records each sleep on the event queue (its timeout) and returns at once."""
    calls: list[int] = []

    def wait(timeout: int = 0) -> Any:
        calls.append(timeout)
        return pygame.event.Event(pygame.NOEVENT)

    monkeypatch.setattr(app_module.pygame.event, "wait", wait)
    return calls


def test_the_menu_sleeps_once_nothing_happens_and_input_wakes_it(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    d = Driver()
    d.app.idle = True
    d.app.quiet = 0
    calls = _waits(monkeypatch)
    d.frames(IDLE_FRAMES)
    assert calls == [], "slept before the window had been quiet for IDLE_FRAMES frames"
    d.frames(5)
    assert calls == [app_module.IDLE_WAIT_MS] * 5
    assert d.app.slept == 5
    # a key wakes it: the next frames run at the frame rate again
    pygame.event.post(pygame.event.Event(pygame.KEYDOWN, key=pygame.K_DOWN, mod=0, unicode=""))
    d.frames(1)
    assert d.app.quiet == 0
    d.frames(3)
    assert len(calls) == 6  # the frame that took the key, then none until quiet again
    # and it still draws while idle: a sleeping frame redraws the window
    drawn: list[int] = []
    monkeypatch.setattr(app_module.pygame.display, "flip", lambda: drawn.append(1))
    d.frames(IDLE_FRAMES + 2)
    assert len(drawn) == IDLE_FRAMES + 2


def test_a_game_keeps_its_frame_rate_while_an_ai_thinks(monkeypatch: pytest.MonkeyPatch) -> None:
    d = Driver()
    session = railway({"ussr": "human", "japan": "random"})
    agent = WaitingAgent()
    session.thinker.agents[1] = agent  # type: ignore[assignment]
    scene = show_game(d, session)
    d.app.idle = True
    calls = _waits(monkeypatch)
    assert not scene.busy(), "the human's own turn is quiet"
    d.frames(IDLE_FRAMES + 3)
    assert calls, "a game waiting for its player should sleep"
    # the human ends the turn (the sleeping frame takes the key): while Japan's AI thinks the
    # window stays awake
    d.key(pygame.K_RETURN)
    d.until(lambda: session.thinking, limit=200)
    before = len(calls)
    d.frames(IDLE_FRAMES + 3)
    assert scene.busy()
    assert len(calls) == before, "slept while an AI was thinking"
    agent.stop = True
    d.until(lambda: session.human_to_act() >= 0, limit=400)
