"""Turn calendars: segments of days, weeks, months, seasons or years, expanded to dates."""

from __future__ import annotations

import bisect
import datetime as dt

from game.scenario.schema import CalendarSegment

MAX_TURNS = 5000


def _add_months(day: dt.date, months: int) -> dt.date:
    month = day.month - 1 + months
    year = day.year + month // 12
    return dt.date(year, month % 12 + 1, min(day.day, 28))


def expand(segments: list[CalendarSegment]) -> tuple[dt.date, ...]:
    """Returns the date of every turn; ValueError if segments overlap or run backwards."""
    try:
        return _expand(segments)
    except OverflowError:
        raise ValueError("the calendar runs past the year 9999") from None


def _expand(segments: list[CalendarSegment]) -> tuple[dt.date, ...]:
    dates: list[dt.date] = []
    for seg in segments:
        if seg.end < seg.start:
            raise ValueError(f"segment ends ({seg.end}) before it starts ({seg.start})")
        if dates and seg.start < dates[-1]:
            raise ValueError(f"segment starting {seg.start} overlaps the previous one")
        day, n = seg.start, 0
        while day <= seg.end:
            if not dates or day > dates[-1]:
                dates.append(day)
            if len(dates) > MAX_TURNS:
                raise ValueError(f"more than {MAX_TURNS} turns")
            n += 1
            if seg.step == "day":
                day = seg.start + dt.timedelta(days=n)
            elif seg.step == "week":
                day = seg.start + dt.timedelta(weeks=n)
            else:
                months = {"month": 1, "season": 3, "year": 12}[seg.step]
                day = _add_months(seg.start, months * n)
    return tuple(dates)


def turn_containing(calendar: tuple[dt.date, ...], day: dt.date) -> int:
    """Returns the turn whose period contains `day` (-1 if before the first turn)."""
    return bisect.bisect_right(calendar, day) - 1


def first_turn_on_or_after(calendar: tuple[dt.date, ...], day: dt.date) -> int:
    """Returns the first turn dated on or after `day` (len(calendar) if none)."""
    return bisect.bisect_left(calendar, day)
