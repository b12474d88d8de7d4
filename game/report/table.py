"""The comparison report's numbers as one CSV table, long format: a row per statistic, with its
95 % interval where it has one, for a spreadsheet or pandas.

Columns: `section` (outcome, figure, history, outcome_difference, figure_difference, headline),
`run` (`history` or a variant's id), `item` (an outcome class, a key figure or a headline
figure's id), `label`, `stat`, `value`, `low`, `high`, `n` (the games the statistic is over),
`unit` (`share` 0–1, `date` ISO, `days`, `value` in the figure's unit) and `verdict` (headline
rows). Shares are fractions (0.42), dates ISO dates, differences of dates days.
"""

from __future__ import annotations

import csv
import datetime as dt
import io
from collections.abc import Iterator
from typing import Any

from game.report.comparison import Comparison

COLUMNS = (
    "section",
    "run",
    "item",
    "label",
    "stat",
    "value",
    "low",
    "high",
    "n",
    "unit",
    "verdict",
)


def _cell(x: Any) -> str:
    if x is None:
        return ""
    if isinstance(x, float):
        return f"{x:.6g}"
    return str(x)


def rows(comparison: Comparison) -> Iterator[tuple[str, ...]]:
    """Yields the table's rows (without the header), in a fixed order."""
    c = comparison

    def row(*cells: Any) -> tuple[str, ...]:
        padded = [*cells, *([None] * (len(COLUMNS) - len(cells)))]
        return tuple(_cell(x) for x in padded)

    for run in c.runs:
        for cls in run.summary["classes"]:
            yield row("outcome", run.key, cls["id"], cls["label"], "share", cls["share"],
                      cls["low"], cls["high"], run.summary["games"], "share")  # fmt: skip
    for run in c.runs:
        for fid, fig in run.summary["figures"].items():
            if not fig["set_in"]:
                continue
            unit = "date" if fig["kind"] == "date" else "value"
            yield row("figure", run.key, fid, fig["label"], "median", fig["median"], fig["low"],
                      fig["high"], fig["set_in"], unit)  # fmt: skip
            yield row("figure", run.key, fid, fig["label"], "quartiles", None, fig["q1"],
                      fig["q3"], fig["set_in"], unit)  # fmt: skip
    labels = {f.id: f.label for f in c.base.rules.figures}
    for fid, past in c.history_figures.items():
        yield row("history", "", fid, labels.get(fid, fid), "value", past)
    for d in c.outcome_diffs:
        yield row("outcome_difference", d["variant"], d["outcome"], d["label"], "mean_diff",
                  d["diff"], d["low"], d["high"], d["n"], "share")  # fmt: skip
    for d in c.figure_diffs:
        unit = "days" if d["kind"] == "date" else "value"
        yield row("figure_difference", d["variant"], d["figure"], d["label"], "mean_diff",
                  d["diff"], d["low"], d["high"], d["n"], unit)  # fmt: skip
    for h in c.headlines:
        unit = {"share": "share", "date": "days"}.get(h["kind"], "value")
        base = ("headline", h["variant"], h["id"], h["label"])
        yield row(*base, "mean_diff", h["diff"], h["low"], h["high"], h["games"], unit,
                  h["verdict"])  # fmt: skip
        for stat in ("history_mean", "variant_mean"):
            mean = h[stat]
            if h["kind"] == "date":  # a mean of days, to the nearest day
                yield row(*base, stat, dt.date.fromordinal(round(mean)).isoformat(), None, None,
                          h["games"], "date")  # fmt: skip
            else:
                yield row(*base, stat, mean, None, None, h["games"], unit)


def render(comparison: Comparison) -> str:
    """Returns the CSV text (header first; `\\n` line ends)."""
    buffer = io.StringIO()
    writer = csv.writer(buffer, lineterminator="\n")
    writer.writerow(COLUMNS)
    writer.writerows(rows(comparison))
    return buffer.getvalue()
