"""Dates told at the calendar's precision (game.core.dates)."""

from __future__ import annotations

import datetime as dt

from game.core.dates import date_text, precision
from game.scenario.loader import load_game


def test_each_scenario_tells_its_turns_at_their_length() -> None:
    railway = load_game("railway-sale").rules.calendar
    assert precision(railway, railway[3]) == "month"
    assert date_text(railway[3], precision(railway, railway[3])).count(" ") == 1  # `Sep 1934`
    fishery = load_game("fishery-auctions").rules.calendar
    levels = {precision(fishery, day) for day in fishery}
    assert "year" in levels or "month" in levels
    august = load_game("august-1945").rules.calendar
    assert precision(august, august[-1]) == "day"


def test_a_date_that_is_no_turn_is_a_day() -> None:
    cal = (dt.date(1933, 6, 1), dt.date(1933, 7, 1), dt.date(1933, 8, 1))
    assert precision(cal, dt.date(1933, 6, 26)) == "day"
    assert (
        precision(cal, dt.date(1933, 8, 1)) == "month"
    )  # the last turn: as long as the one before
    assert precision((dt.date(1939, 1, 15),), dt.date(1939, 1, 15)) == "day"


def test_date_text_at_each_precision() -> None:
    day = dt.date(1945, 8, 9)
    assert date_text(day, "year") == "1945"
    assert date_text(day, "month") == "Aug 1945"
    assert date_text(day, "day") == "9 Aug 1945"
