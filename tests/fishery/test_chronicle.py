"""Issue 14 item 6, the fishery's chronicle: a dated event is told under its own date though
the turn lasts a year, and the first auction of 1939 reads against the sources' "four lots"."""

from __future__ import annotations

import datetime as dt
import functools

from game import State, load_game
from game.agents import make_agents
from game.core.log import LogEntry, entries
from game.core.records import AuctionCleared, EventFired, OptionChosen
from game.sim.play import play
from tests.fishery.runs import SCENARIO

GAME = load_game(SCENARIO)


@functools.cache
def historical(seed: int = 1) -> State:
    """The final state of a game with every side played by the historical agent."""
    agents = make_agents(GAME, {f.id: "historical" for f in GAME.rules.factions})
    return play(GAME, agents, seed)[1]


def _event(event_id: str) -> int:
    return next(e.index for e in GAME.rules.events if e.id == event_id)


def _line_of(record: object) -> LogEntry:
    return next(e for e in entries(historical().log) if e.record == record)


def test_dated_events_are_told_under_their_own_date_in_year_long_turns() -> None:
    rules = GAME.rules
    for event_id, day in (
        ("anti_comintern_pact", dt.date(1936, 11, 25)),
        ("changkufeng", dt.date(1938, 7, 29)),
        ("settlement_april_1939", dt.date(1939, 4, 2)),
    ):
        line = _line_of(EventFired(_event(event_id)))
        assert rules.date(line.turn) < day  # the turn began earlier (15 January, 13 March)
        assert rules.line_date(line) == day, event_id


def test_an_answer_to_a_dated_event_is_told_under_the_events_date() -> None:
    compromise = _event("settlement_april_1939")
    answer = next(
        e
        for e in entries(historical().log)
        if isinstance(e.record, OptionChosen) and e.record.event == compromise
    )
    assert answer.text == "Japan chose: Accept the compromise."
    assert GAME.rules.line_date(answer) == dt.date(1939, 4, 2)


def test_undated_lines_keep_their_turns_date() -> None:
    rules = GAME.rules
    for e in entries(historical().log):
        if isinstance(e.record, AuctionCleared) or e.text.startswith("Fishing season"):
            assert rules.line_date(e) == rules.date(e.turn)
    ultimatum = _line_of(EventFired(_event("ultimatum_1938")))  # no date of its own
    assert rules.line_date(ultimatum) == dt.date(1938, 1, 15)


def test_the_end_is_not_told_before_the_last_event_of_its_turn() -> None:
    """Nomonhan (11 May 1939) fires on the last turn (3 April 1939); the end comes after it."""
    log = entries(historical().log)
    assert log[-2].record == EventFired(_event("nomonhan"))
    assert GAME.rules.line_date(log[-1]) == dt.date(1939, 5, 11)


def test_the_first_1939_auction_counts_its_lot_and_grounds_as_the_text_does() -> None:
    """The trust bought "only four lots" [001 L9]; the game's lots are blocks of grounds, and its
    Vladimir Bay lot (4 grounds) stands for them (FACTS.md §1.5). The line says "1 lot", not
    "1 lots", and gives the 4 grounds that match the text's four."""
    rules = GAME.rules
    (march,) = [
        e
        for e in entries(historical().log)
        if isinstance(e.record, AuctionCleared) and rules.date(e.turn) == dt.date(1939, 3, 13)
    ]
    assert march.text.startswith("Auction: 1 lot let (4 grounds;")
    assert march.record == AuctionCleared(1, 0, 10, -1, 100, 4)
    text = rules.events[_event("auction_march_1939")].text
    assert "four lots" in text
    assert "four grounds" in text
    assert not any(" 1 lots " in e.text for e in entries(historical().log))
