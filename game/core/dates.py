"""Dates at the calendar's precision: a turn that lasts a year is a year, a turn that lasts a
month is a month, anything shorter is a day. A figure recorded as a turn's date (the railway's
agreement, a monthly turn) means "that month", and a median or interval of such dates is a turn
of the calendar, never a day between two turns."""

from __future__ import annotations

import bisect
import datetime as dt
from collections.abc import Sequence

YEAR_DAYS = 360
"""A turn at least this long is told as its year (a fishery season)."""
MONTH_DAYS = 28
"""A turn at least this long (and shorter than a year) is told as its month."""


def precision(calendar: Sequence[dt.date], day: dt.date) -> str:
    """Returns `year`, `month` or `day`: how precisely `day` is known when it is a turn's date
    (by the turn's length: to the next turn, or from the previous one for the last); `day` for
    a date that is no turn's (a dated event's own)."""
    i = bisect.bisect_left(calendar, day)
    if i == len(calendar) or calendar[i] != day or len(calendar) < 2:
        return "day"
    length = (calendar[i + 1] - day if i + 1 < len(calendar) else day - calendar[i - 1]).days
    return "year" if length >= YEAR_DAYS else "month" if length >= MONTH_DAYS else "day"


def date_text(day: dt.date, level: str) -> str:
    """Returns `day` for people at a precision: `1939`, `Jun 1933`, `15 Aug 1945`."""
    if level == "year":
        return str(day.year)
    if level == "month":
        return f"{day:%b %Y}"
    return f"{day.day} {day:%b %Y}"
