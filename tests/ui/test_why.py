"""The student's reasons (issue 16 item 6): with "Ask “why?”" on, a key decision opens a
one-line prompt; the answer goes with the move into the save and `main.py chronicle` prints it.
Routine orders are not asked about; Esc gives the order without a reason; off, nothing asks."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pygame
import pytest

from game.sim.chronicle import chronicle
from game.sim.record import load_record
from game.ui.session import Session
from game.ui.settings import Settings
from tests.ui.driver import Driver
from tests.ui.helpers import start_railway
from tests.ui.test_consequences import to_first_choice


@pytest.fixture
def asking() -> Iterator[Driver]:
    d = Driver(Settings(sound=False, ask_why=True))
    yield d
    d.close()


def _card(session: Session, start: str) -> int:
    """Returns the number key of the order card whose label starts so (1-9)."""
    labels = [session.game.label(a) for a in session.legal()]
    orders = [label for label in labels if not label.startswith(("Offer", "Propose", "End"))]
    return pygame.K_1 + orders.index(next(x for x in orders if x.startswith(start)))


def test_an_order_left_to_chance_asks_why_and_the_save_keeps_the_answer(
    asking: Driver, tmp_path: Path
) -> None:
    session = start_railway(asking)
    asking.key(pygame.K_1)  # 1. Court American recognition · 70 % (an order with odds)
    assert asking.name == "why"
    assert asking.describe()["action"].endswith("court_us")
    asking.scene.entry.set_text("Washington can hold Japan back")  # type: ignore[attr-defined]
    asking.key(pygame.K_RETURN)
    assert asking.name == "game"
    assert [session.game.notation(a) for a in session.staged] == ["ussr:court_us"]
    move = len(session.actions)
    asking.key(pygame.K_RETURN)  # end the turn: the order becomes final with its reason
    asking.until(lambda: session.state.turn > 0 and session.human_to_act() >= 0)
    assert session.reasons == {move: "Washington can hold Japan back"}
    path = session.save(tmp_path / "why.json")
    record = load_record(path)
    assert record.reasons == {move: "Washington can hold Japan back"}
    story = chronicle(session.game, record)
    told = [e for row in story.rows for e in row.game if e.kind == "decision"]
    assert any(e.reason == "Washington can hold Japan back" for e in told)
    again = Session.load(path)
    assert again.reasons == session.reasons


def test_a_routine_order_is_not_asked_about_and_esc_gives_without_a_reason(
    asking: Driver,
) -> None:
    session = start_railway(asking)
    asking.key(_card(session, "Reinforce the Far East"))  # a sure effect: no prompt
    assert asking.name == "game"
    assert len(session.staged) == 1
    asking.key(pygame.K_1)  # Court American recognition: asked
    assert asking.name == "why"
    asking.key(pygame.K_ESCAPE)
    assert asking.name == "game"
    assert len(session.staged) == 2
    asking.key(pygame.K_RETURN)
    asking.until(lambda: session.state.turn > 0 and session.human_to_act() >= 0)
    assert session.reasons == {}


def test_with_the_switch_off_nothing_asks(driver: Driver) -> None:
    session = start_railway(driver)
    driver.key(pygame.K_1)
    assert driver.name == "game"
    assert len(session.staged) == 1


def test_an_answer_to_an_event_is_asked_about_too(asking: Driver) -> None:
    to_first_choice(asking)  # Japan, at the US recognition's choice
    scene = asking.scene
    session = scene.session  # type: ignore[attr-defined]
    move = len(session.actions)
    asking.key(pygame.K_1)
    assert asking.name == "why"
    asking.scene.entry.set_text("keep calm: Washington is watching")  # type: ignore[attr-defined]
    asking.key(pygame.K_RETURN)
    assert asking.name != "why"
    assert asking.scene is not scene  # the event pop-up closed with the answer given
    assert session.reasons[move] == "keep calm: Washington is watching"
    assert session.actions[move].startswith("japan:choose:us_recognition")
