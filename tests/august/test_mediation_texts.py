"""Issue 14 item 6: in June 1945 Hirota sounded Ambassador Malik on an alliance, a non-aggression
pact or at least a renewal of the Neutrality Pact; Tokyo asked Moscow to mediate, through Prince
Konoe, only from 12 July [003 ¶18; ¶22]. The chronicle of the historical game says so."""

from __future__ import annotations

import datetime as dt

import pytest

from game import Game, load_game
from game.core.log import entries
from game.core.records import EventFired
from tests.august.runs import SCENARIO
from tests.august.test_intelligence import historical_until
from tests.august.test_model import track

JULY_12 = dt.date(1945, 7, 12)


@pytest.fixture(scope="module")
def game() -> Game:
    return load_game(SCENARIO)


def _event(game: Game, event_id: str) -> int:
    return next(e.index for e in game.rules.events if e.id == event_id)


def test_june_sounds_moscow_on_a_pact_and_mediation_is_asked_from_12_july(game: Game) -> None:
    state = historical_until(game, 1, dt.date(1945, 7, 20))
    rules = game.rules
    sounding = EventFired(_event(game, "pact_sounding_answer"))
    request = EventFired(_event(game, "mediation_request_answer"))
    lines = [(rules.line_date(e), e) for e in entries(state.log)]
    soundings = [day for day, e in lines if e.record == sounding]
    requests = [day for day, e in lines if e.record == request]
    assert soundings, "the historical Japan sounds Malik in June [003 ¶18]"
    assert all(dt.date(1945, 6, 1) <= day < JULY_12 for day in soundings)
    assert requests[0] == JULY_12  # Tōgō's telegram [003 ¶22]
    assert all(day >= JULY_12 for day in requests)
    for day, e in lines:
        if day < JULY_12:
            assert not e.text.startswith("Tokyo asks Moscow to mediate"), e.text
            assert "Konoe" not in e.text, e.text
    june = next(e for day, e in lines if e.record == sounding)
    assert "alliance" in june.text
    assert "non-aggression pact" in june.text
    assert "Neutrality Pact" in june.text


def test_the_june_sounding_is_not_a_request_for_mediation(game: Game) -> None:
    """`mediation_asked` (Stalin shows Truman the request on 18 July [003 ¶32]) is set by the
    request of 12 July, not by the sounding of June."""
    before = historical_until(game, 1, dt.date(1945, 7, 1))
    assert any(
        e.record == EventFired(_event(game, "pact_sounding_answer")) for e in entries(before.log)
    )
    assert track(game, before, "mediation_asked") == 0
    after = historical_until(game, 1, dt.date(1945, 7, 13))
    assert track(game, after, "mediation_asked") == 1
