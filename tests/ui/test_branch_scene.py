""" "What if I had chosen otherwise here?" in the window (issue 16 item 3): a finished game's
turning points listed, one picked with the mouse, the continuations run in the background with a
progress bar, and the chart of their outcomes drawn beside this game's and history's."""

from __future__ import annotations

from pathlib import Path

import pygame
import pytest

from game.scenario.loader import load_game
from game.sim.branch import historical_trunk
from game.ui import branching
from game.ui import scene as sc
from game.ui.scenes.branch_scene import BranchScene
from game.ui.session import Session
from tests.ui.driver import Driver

SHOTS = Path(__file__).resolve().parents[2] / "docs" / "screenshots"


def finished_railway() -> Session:
    game = load_game("railway-sale")
    record = historical_trunk(game, 2)
    session = Session(game, 2, {"ussr": "human", "japan": "historical"}, actions=record.actions)
    assert session.is_over()
    return session


def test_a_turning_point_is_played_on_and_charted(
    driver: Driver, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(branching, "GAMES", 4)
    session = finished_railway()
    scene = BranchScene(driver.app.ctx, session)
    driver.app._apply(sc.Reset(scene))
    driver.frames(2)
    assert driver.describe()["mode"] == "choose"
    assert driver.describe()["points"] == len(branching.fork_points(session)) > 3
    listing = scene.listing
    assert listing is not None
    third = listing.item_list[2]["button_element"]
    driver.click(third)
    assert scene.mode in ("running", "done")
    assert scene.busy() or scene.mode == "done"  # the window keeps drawing the progress
    driver.until(lambda: scene.mode == "done", limit=20000)
    driver.frames(3)
    described = driver.describe()
    assert described["done"] == described["total"] == 4
    assert described["fork"] == branching.fork_points(session)[2].date.isoformat()
    assert abs(sum(described["shares"].values()) - 1.0) < 1e-9
    # the chart: a bar in the outcome colour for the classes that happened
    screen = driver.app.screen
    w, h = screen.get_size()
    blue = sum(
        tuple(screen.get_at((x, y)))[:3] == (0, 114, 178)
        for x in range(0, w, 4)
        for y in range(0, h, 4)
    )
    assert blue > 20
    driver.shot(SHOTS / "49-debrief-what-if.png")
    driver.key(pygame.K_ESCAPE)


def test_the_debrief_opens_it_and_saves_the_html_chronicle(driver: Driver) -> None:
    session = finished_railway()
    driver.app._apply(sc.Reset("debrief", session=session))
    driver.frames(2)
    assert driver.name == "debrief"
    driver.key(pygame.K_w)
    assert driver.name == "branch"
    assert driver.describe()["mode"] == "choose"
    driver.key(pygame.K_ESCAPE)
    assert driver.name == "debrief"
    driver.key(pygame.K_s, pygame.KMOD_CTRL)  # the chronicle: Markdown, and the HTML story
    saved = Path(driver.scene.saved)  # type: ignore[attr-defined]
    page = saved.with_suffix(".html").read_text()
    assert "the chronicle of game 2" in page
    assert "<script" not in page
