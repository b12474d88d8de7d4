"""The chronicle, its turning points and key figures read the engine's records and the typed
baseline, never the chronicle's prose."""

from __future__ import annotations

from collections.abc import Iterator

import pytest

from game.agents import make_agents
from game.core.log import entries
from game.core.records import EventFired, OptionChosen
from game.sim.play import play
from game.ui.catalog import game_of
from game.ui.chronicle import chronicle_markdown, figure_rows, turning_points
from game.ui.session import Session
from game.ui.view import month

GAMES = (("railway-sale", 1), ("fishery-auctions", 3), ("august-1945", 1))


def _session(scenario: str, seed: int) -> Iterator[Session]:
    game = game_of(scenario)
    agents = make_agents(game, {f.id: "historical" for f in game.rules.factions})
    record, _ = play(game, agents, seed)
    seats = {f.id: "historical" for f in game.rules.factions}
    session = Session(game, seed, seats, actions=record.actions)
    yield session
    session.close()


@pytest.fixture(params=GAMES, ids=[s for s, _ in GAMES])
def session(request: pytest.FixtureRequest) -> Iterator[Session]:
    """A whole game played by historical agents."""
    yield from _session(*request.param)


def _prose_turning_points(session: Session) -> list[tuple[str, str]]:
    """The turning points as they were found before the records: by a line's first sentence
    being a one-off event's title, or by " chose: " in its text. (Kept as the oracle; it misses
    events whose title holds ". ", such as "General Order No. 1".)"""
    rules = session.rules
    titles = {e.title: e for e in rules.events if not e.repeat}
    out: list[tuple[str, str]] = []
    for entry in entries(session.state.log):
        head = entry.text.split(". ")[0]
        if head in titles or " chose: " in entry.text:
            what = head if head in titles else entry.text.rstrip(".")
            # An answer is told under the date of the event it answers (issue 14 item 6).
            own = titles[head].date if head in titles else entry.date
            when = f"{own.day} {own:%b %Y}" if own is not None else month(rules, entry.turn)
            if (when, what) not in out:
                out.append((when, what))
    return out


def test_turning_points_are_what_the_prose_gave(session: Session) -> None:
    """The same points as the old prose reading, plus the events it could not find."""
    points = turning_points(session, limit=10**6)
    titled = {e.title for e in session.rules.events if ". " in e.title}
    assert [p for p in points if p[1] not in titled] == _prose_turning_points(session)


def test_turning_points_show_each_one_off_event_once_on_its_date(session: Session) -> None:
    rules, state = session.rules, session.state
    points = turning_points(session, limit=10**6)
    for event in rules.events:
        if event.repeat or not state.fired >> event.index & 1:
            assert all(what != event.title for _, what in points), event.id
            continue
        turn = next(e.turn for e in entries(state.log) if e.record == EventFired(event.index))
        own = event.date
        when = f"{own.day} {own:%b %Y}" if own is not None else month(rules, turn)
        assert points.count((when, event.title)) == 1, event.id


def test_turning_points_show_each_choice_with_its_chooser(session: Session) -> None:
    rules = session.rules
    points = turning_points(session, limit=10**6)
    chosen = [
        (e.turn, e.record) for e in entries(session.state.log) if isinstance(e.record, OptionChosen)
    ]
    assert chosen, "the historical agents answer some event"
    for turn, record in chosen:
        who = rules.factions[record.faction].name
        label = rules.events[record.event].options[record.option].label
        own = rules.events[record.event].date  # an answer is dated as the event it answers
        when = f"{own.day} {own:%b %Y}" if own is not None else month(rules, turn)
        assert (when, f"{who} chose: {label}") in points


def test_an_event_whose_title_has_a_full_stop_is_a_turning_point() -> None:
    """The prose reading cut titles at their first ". "; the records keep them whole."""
    for session in _session("august-1945", 1):
        points = [what for _, what in turning_points(session, limit=10**6)]
        assert "General Order No. 1" in points
        assert "T.V. Soong in Moscow" in points


def test_figures_and_history_come_from_the_typed_baseline(session: Session) -> None:
    baseline = session.rules.baseline
    rows = figure_rows(session)
    assert len(rows) == len(session.rules.figures)
    for fig, (label, _, history) in zip(session.rules.figures, rows, strict=True):
        assert label == fig.label
        assert (history == "—") == (baseline.figure(fig.id) is None)
    text = chronicle_markdown(session)
    assert baseline.summary in text
    for item in baseline.timeline:
        assert f"- **{item.date.isoformat()}** {item.text} — *{item.cite}*" in text


def test_dated_events_keep_their_own_date_in_the_chronicle() -> None:
    """Issue 14 item 6: year-long turns told every event under 15 January. A dated event, and
    the answer to it, are told under the event's own date; an auction under its turn's."""
    for session in _session("fishery-auctions", 1):
        text = chronicle_markdown(session)
        assert "- **29 Jul 1938** Fighting at Changkufeng (Lake Khasan)." in text
        assert "- **25 Nov 1936** The Anti-Comintern Pact." in text
        assert "- **2 Apr 1939** The April 1939 compromise." in text
        assert "- **2 Apr 1939** Japan chose: Accept the compromise." in text
        assert "- **15 Jan 1938** Fighting at Changkufeng" not in text
        assert "- **13 Mar 1939** Auction: 1 lot let (4 grounds;" in text
        assert ("2 Apr 1939", "Japan chose: Accept the compromise") in turning_points(
            session, limit=10**6
        )
