"""How the comparison report writes its numbers: shares in %, dates at the calendar's
precision, differences in points, days or the figure's unit, intervals in brackets."""

from __future__ import annotations

import datetime as dt
from typing import Any

from game.core.dates import date_text
from game.sim.counterfactual import shown_diff


def share(value: float) -> str:
    """Returns a share as people read it: `42.0 %`."""
    return f"{100 * value:.1f} %"


def share_with(row: dict[str, Any]) -> str:
    """Returns a share with its interval: `42.0 % (38.9 – 45.1 %)`."""
    return f"{share(row['share'])} ({100 * row['low']:.1f} – {100 * row['high']:.1f} %)"


def value(number: float) -> str:
    """Returns a figure's value: whole numbers as they are, others to two decimals."""
    return f"{round(number, 2):g}"


def figure_stat(stat: Any, kind: str, level: str = "day") -> str:
    """Returns one statistic of a figure (an ISO date for a date figure, a number otherwise)."""
    if stat is None:
        return "–"
    if kind == "date":
        return date_text(dt.date.fromisoformat(stat), level)
    return value(float(stat))


def history_text(past: Any, kind: str, level: str = "day") -> str:
    """Returns history's value of a figure, as the scenario gives it (`1934-09` is a month)."""
    if past is None:
        return "–"
    if kind == "date" and isinstance(past, str):
        try:
            if len(past) == 7:
                return date_text(dt.date.fromisoformat(f"{past}-01"), "month")
            return date_text(dt.date.fromisoformat(past), level)
        except ValueError:
            return past
    return value(float(past)) if isinstance(past, int | float) else str(past)


def history_number(past: Any, kind: str) -> float | None:
    """Returns history's value as a plot's number (a date as its day's ordinal), or None."""
    if past is None:
        return None
    if kind == "date":
        try:
            text = f"{past}-01" if len(str(past)) == 7 else str(past)
            return float(dt.date.fromisoformat(text).toordinal())
        except ValueError:
            return None
    return float(past) if isinstance(past, int | float) else None


def diff_unit(kind: str) -> str:
    """Returns the unit of a difference of this kind of figure."""
    return {"share": "points of %", "date": "days"}.get(kind, "in the figure's unit")


def diff(number: float | None, kind: str) -> str:
    """Returns a difference: `+7.4 pts`, `-3.0 days`, `+1.50`; `–` for none."""
    return shown_diff(number, kind, digits=2)


def diff_with(row: dict[str, Any]) -> str:
    """Returns a difference with its interval: `+7.4 days (+6.0 to +8.8)`."""
    kind = row["kind"]
    if row["diff"] is None:
        return "–"
    if row["low"] is None or row["high"] is None:
        return f"{diff(row['diff'], kind)} (too few games for an interval)"
    return f"{diff(row['diff'], kind)} ({diff(row['low'], kind)} to {diff(row['high'], kind)})"
