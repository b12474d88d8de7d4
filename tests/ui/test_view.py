"""What the screen shows of actions, taken from the engine's API (no pygame needed)."""

from __future__ import annotations

import pytest

from game.agents import make_agents
from game.core.game import Game
from game.core.log import LogEntry
from game.core.records import EventFired
from game.core.state import State
from game.sim.play import play
from game.ui.catalog import game_of
from game.ui.chronicle import turning_points
from game.ui.session import Session
from game.ui.view import describe_action, log_html, meters


@pytest.fixture(scope="module")
def railway() -> Game:
    return game_of("railway-sale")


def test_explain_gives_the_line_of_each_kind_of_action(railway: Game) -> None:
    game, rules = railway, railway.rules
    court = game.parse_action("ussr:court_us")
    assert game.explain(court) == rules.actions[court.ref].text
    assert game.explain(court).startswith("Secret talks with Roosevelt's envoys")
    event = next(e for e in rules.events if e.id == "us_recognition")
    calm = game.parse_action(f"japan:choose:{event.id}:stay_calm")
    assert game.explain(calm) == event.options[calm.amount].text
    cash = game.parse_action("ussr:terms:cash")
    assert game.explain(cash) == "Paid in cash. Worth most to Moscow, dearest for Japan."
    assert game.explain(game.parse_action("ussr:offer:5")) == ""  # no line of its own
    assert game.explain(game.parse_action("ussr:end")) == ""


def test_cards_take_their_line_from_the_engine(
    railway: Game, monkeypatch: pytest.MonkeyPatch
) -> None:
    obs = railway.observe(railway.initial_state(1), 0)
    cash = railway.parse_action("ussr:terms:cash")
    assert describe_action(railway, obs, cash).explain == railway.explain(cash)
    monkeypatch.setattr(railway, "explain", lambda action: "from the engine")
    for text in ("ussr:court_us", "ussr:terms:cash", "japan:choose:us_recognition:stay_calm"):
        info = describe_action(railway, obs, railway.parse_action(text))
        assert info.explain == "from the engine", text


def test_turning_points_show_an_event_on_its_own_date() -> None:
    """The fishery's turns are a year long: the Manchurian Incident fires on the turn of
    15 Jan 1931 but is shown on 18 Sep 1931, its date; a choice answering a dated event shows
    that event's date (issue 14 item 6), others keep their turn's date."""

    game = game_of("fishery-auctions")
    agents = make_agents(game, {"ussr": "historical", "japan": "historical"})
    record, _ = play(game, agents, 3)
    session = Session(game, 3, {"ussr": "human", "japan": "historical"}, actions=record.actions)
    points = dict((what, when) for when, what in turning_points(session, limit=40))
    assert points["The Manchurian Incident"] == "18 Sep 1931"
    assert points["Soviet Union chose: Ask Tokyo for compensation"] == "1 Dec 1931"
    assert points["Japan chose: Refuse; threaten self-defence and naval escorts"] == "15 Jan 1938"


def test_a_long_line_repeated_in_the_log_shows_only_its_first_sentence(railway: Game) -> None:
    report = "A report from the field. " + "Details that run on and on. " * 4
    log = (
        LogEntry(0, -1, report, "[003 ¶8]"),
        LogEntry(1, -1, report, "[003 ¶8]"),
        LogEntry(1, -1, "Short line.", ""),
        LogEntry(2, -1, "Short line.", ""),
    )
    seen: set[str] = set()
    first, turn = log_html(railway.rules, log[:1], seen=seen)
    assert "Details that run on" in first
    assert "[003 ¶8]" in first
    later, _ = log_html(railway.rules, log[1:], turn, seen)
    assert "Details that run on" not in later
    assert "A report from the field <i>" in later
    assert "(again)" in later
    assert later.count("Short line.") == 2  # short lines repeat as they are


def test_a_repeated_event_is_shortened_to_its_title_from_its_record() -> None:
    """An event's title may hold ". " ("T.V. Soong in Moscow"): the record names the event, so
    the repeat shows the whole title, not the text up to the first full stop."""
    game = game_of("august-1945")
    event = next(e for e in game.rules.events if ". " in e.title)
    text = f"{event.title}. {event.text}"
    assert len(text) >= 80
    line = LogEntry(0, -1, text, event.cite, EventFired(event.index))
    seen: set[str] = set()
    log_html(game.rules, (line,), seen=seen)
    again, _ = log_html(game.rules, (line,), seen=seen)
    assert f"{event.title} <i>" in again
    assert "(again)" in again


def test_a_record_not_yet_set_shows_a_dash() -> None:
    game = game_of("fishery-auctions")
    obs = game.observe(game.initial_state(1), 1)
    shown = {m.track.id: m.text for m in meters(game.rules, obs)}
    assert shown["share_1931"] == "—"
    assert shown["tension"] == "20"


def _agreed_on_first_offer(game: Game) -> State:
    """The railway's state once Japan accepted Moscow's first ask (250 M, in instalments)."""
    state = game.initial_state(1)
    for text in ("ussr:offer:250", "ussr:end", "japan:end"):
        state = game.apply(state, game.parse_action(text))
    while state.to_act != 1 or state.phase != 0:
        state = game.apply(state, game.legal_actions(state, state.to_act)[0])
    for text in ("japan:accept", "japan:end"):
        state = game.apply(state, game.parse_action(text))
    return state


def test_a_deal_not_yet_made_shows_dashes_not_cash(railway: Game) -> None:
    """Before any agreement the deal's tracks hold 0, which would read as a price of 0 on
    cash terms (`Bargaining.not_yet`); once a price is agreed they show it."""
    before = {
        m.track.id: m.text
        for m in meters(railway.rules, railway.observe(railway.initial_state(1), 0))
    }
    assert before["deal_terms"] == "—"
    assert before["deal_price"] == "—"
    assert before["ussr_terms"] == "four half-yearly instalments"  # a standing proposal shows
    state = _agreed_on_first_offer(railway)
    rules = railway.rules
    assert state.tracks[rules.track_index("agreed")] == 1
    after = {m.track.id: m.text for m in meters(rules, railway.observe(state, 0))}
    terms = state.tracks[rules.track_index("deal_terms")]
    assert after["deal_terms"] == rules.mechanics[0].value_text(
        rules.track_index("deal_terms"), terms
    )
    assert after["deal_price"] == "250 M gold rubles"


def test_a_dated_line_in_a_long_turn_gets_a_heading_of_its_own() -> None:
    """Issue 14 item 6: a dated event is told under its own date, not its turn's 15 January."""
    game = game_of("fishery-auctions")
    rules = game.rules
    event = next(e for e in rules.events if e.id == "changkufeng")
    turn = next(i for i, day in enumerate(rules.calendar) if day.year == 1938)
    log = (
        LogEntry(turn, -1, "Auction: 1 lot let (4 grounds; 0 to their holders).", ""),
        LogEntry(
            turn,
            -1,
            f"{event.title}. {event.text}",
            event.cite,
            EventFired(event.index),
            event.date,
        ),
        LogEntry(turn + 1, -1, "Short line.", ""),
    )
    html, last = log_html(rules, log)
    assert html.index("15 Jan 1938") < html.index("Auction") < html.index("29 Jul 1938")
    assert html.index("29 Jul 1938") < html.index("Fighting at") < html.index("15 Jan 1939")
    assert last == "15 Jan 1939"
