"""The comparison report's plots, drawn with matplotlib and returned as inline SVG text.

No pyplot: each plot is a `matplotlib.figure.Figure` saved through the SVG backend, so no GUI
backend is ever chosen and nothing global changes. The SVG is deterministic: glyphs are paths (no
font is needed to read it), the ids are salted by the plot's own id (`svg.hashsalt`) and then
prefixed with it (so several plots in one page never share an id), and the metadata that would
carry a date or the tool's web address is left out.
"""

from __future__ import annotations

import bisect
import datetime as dt
import io
import itertools
import re
from collections.abc import Callable, Sequence
from typing import Any, Literal, cast

import matplotlib
from matplotlib.figure import Figure
from matplotlib.ticker import FuncFormatter, MaxNLocator, PercentFormatter

from game.core.dates import date_text
from game.core.rules import Figure as KeyFigure
from game.report.comparison import HISTORY, Comparison, Run, number
from game.report.words import diff_unit, history_number

HISTORY_MARK = "#c0392b"
"""The colour of history's value on every plot (no run is drawn in it)."""
RUN_COLOURS = ("#555555", "#1f77b4", "#ff7f0e", "#2ca02c", "#9467bd", "#8c564b", "#17becf")
"""History's run in grey, then one colour per variant (in the order given)."""
WIDTH = 7.2
"""Inches: the page's text width."""
MAX_BARS = 40
"""A figure with more distinct values than this is drawn as a histogram of that many bins."""

_STYLE: dict[str, Any] = {
    "font.size": 9,
    "axes.titlesize": 9,
    "axes.spines.top": False,
    "axes.spines.right": False,
    "svg.fonttype": "path",
}
_METADATA: dict[str, str | None] = {"Date": None, "Creator": None, "Format": None, "Type": None}


def _style(extra: dict[str, Any] | None = None) -> Any:
    """Returns a context in which matplotlib draws in the report's style."""
    return matplotlib.rc_context(cast(Any, _STYLE | (extra or {})))


def colour(index: int) -> str:
    """Returns the colour of run `index` (0: history)."""
    return RUN_COLOURS[index % len(RUN_COLOURS)]


def to_svg(fig: Figure, plot_id: str) -> str:
    """Returns the figure as an `<svg>` element for an HTML page, every id prefixed by `plot_id`."""
    buffer = io.StringIO()
    with _style({"svg.hashsalt": f"amur:{plot_id}"}):
        fig.savefig(buffer, format="svg", metadata=_METADATA)
    text = buffer.getvalue()
    text = text[text.index("<svg") :]
    ids = set(re.findall(r'\bid="([^"]+)"', text))

    def prefix(match: re.Match[str]) -> str:
        name = match.group(2)
        return f"{match.group(1)}{plot_id}-{name}" if name in ids else match.group(0)

    text = re.sub(r'(\bid="|href="#|url\(#)([^")]+)', prefix, text)
    return text.replace("<svg ", f'<svg id="{plot_id}" role="img" ', 1).strip() + "\n"


def _figure(height: float, *, layout: Literal["constrained"] | None = "constrained") -> Figure:
    with _style():
        return Figure(figsize=(WIDTH, height), layout=layout)


def outcomes_plot(comparison: Comparison) -> str:
    """Returns the outcome shares of every run, with their 95 % intervals, as grouped bars."""
    classes = _class_order(comparison)
    runs = comparison.runs
    with _style():
        fig = _figure(
            1.1 + 0.16 * len(classes) * len(runs) + 0.25 * len(classes) + 0.15 * len(runs)
        )
        ax = fig.add_subplot()
        step = 0.8 / len(runs)
        for r, run in enumerate(runs):
            rows = {c["id"]: c for c in run.summary["classes"]}
            ys = [i + (r - (len(runs) - 1) / 2) * step for i in range(len(classes))]
            shares = [100 * rows[c]["share"] if c in rows else 0.0 for c, _ in classes]
            lows = [100 * rows[c]["low"] if c in rows else 0.0 for c, _ in classes]
            highs = [100 * rows[c]["high"] if c in rows else 0.0 for c, _ in classes]
            err = [[s - lo for s, lo in zip(shares, lows, strict=True)],
                   [h - s for s, h in zip(shares, highs, strict=True)]]  # fmt: skip
            ax.barh(ys, shares, height=step * 0.9, color=colour(r), label=_run_label(run))
            ax.errorbar(shares, ys, xerr=err, fmt="none", ecolor="#222222", elinewidth=0.8,
                        capsize=2)  # fmt: skip
        ax.set_yticks(range(len(classes)), [label for _, label in classes])
        ax.invert_yaxis()
        ax.set_xlim(0, 100)
        ax.set_axisbelow(True)
        ax.grid(axis="x", color="#dddddd", linewidth=0.6)
        ax.xaxis.set_major_formatter(PercentFormatter())
        ax.set_xlabel("share of games (bars: 95 % interval)")
        fig.legend(loc="outside upper left", fontsize=8, frameon=False)
    return to_svg(fig, "plot-outcomes")


def _class_order(comparison: Comparison) -> list[tuple[str, str]]:
    """Returns (id, label) of the outcome classes any run reached, in the scenario's order;
    history's class is labelled so."""
    reached = {c["id"] for run in comparison.runs for c in run.summary["classes"]}
    history = comparison.base.rules.baseline.outcome_class
    out = []
    for cls in comparison.base.rules.outcome_classes:
        if cls.id in reached or cls.id == history:
            mark = " (what happened)" if cls.id == history else ""
            out.append((cls.id, cls.label + mark))
    known = {c for c, _ in out}
    labels = {c["id"]: c["label"] for run in comparison.runs for c in run.summary["classes"]}
    out += [(c, labels[c]) for c in sorted(reached - known)]
    return [(c, _wrap(label, 34)) for c, label in out]


def figure_plot(comparison: Comparison, fig_def: KeyFigure) -> str:
    """Returns the distribution of one key figure in every run (a panel per run, the share of
    games at each value), history's value marked; a panel says in how many games it was unset."""
    kind = fig_def.kind
    values = [
        [v for r in run.results if (v := number(r["figures"].get(fig_def.id), kind)) is not None]
        for run in comparison.runs
    ]
    history = history_number(comparison.history_figures.get(fig_def.id), kind)
    everything = sorted({v for vs in values for v in vs})
    level = comparison.base.summary["figures"][fig_def.id].get("precision", "day")
    with _style():
        # Fixed margins, not constrained layout: the panels' labels are short and alike, and
        # laying out each of a report's many panels costs more than drawing it.
        height = 0.85 + 1.0 * len(comparison.runs)
        fig = _figure(height, layout=None)
        fig.subplots_adjust(
            left=0.8 / WIDTH, right=1 - 0.45 / WIDTH, bottom=0.5 / height, top=1 - 0.3 / height,
            hspace=0.55,
        )  # fmt: skip
        axes = fig.subplots(len(comparison.runs), 1, sharex=True, sharey=True, squeeze=False)[:, 0]
        centres, width = _bins(everything)
        top = 0.0
        for r, (ax, run, vs) in enumerate(zip(axes, comparison.runs, values, strict=True)):
            games = len(run.results)
            shares = _shares(vs, centres, games)
            ax.bar(centres, shares, width=width * 0.9, color=colour(r))
            if history is not None:
                ax.axvline(history, color=HISTORY_MARK, linestyle="--", linewidth=1.2)
            unset = games - len(vs)
            never = "never came" if kind == "date" else "not set"
            note = f"{never} in {unset} of {games} games" if unset else f"{games} games"
            ax.set_title(f"{_run_label(run)} — {note}", loc="left", fontsize=8.5)
            ax.yaxis.set_major_formatter(PercentFormatter(decimals=0))
            top = max(top, max(shares, default=0.0))
        axes[0].set_ylim(0, max(top * 1.15, 1.0))
        _x_axis(axes[-1], kind, level, everything, history, width)
        if history is not None:
            axes[0].plot([], [], color=HISTORY_MARK, linestyle="--", label="history")
            axes[0].legend(loc="upper right", fontsize=8, frameon=False)
        fig.supylabel("share of games", fontsize=8.5, x=0.12 / WIDTH)
    return to_svg(fig, f"plot-figure-{fig_def.id}")


def _x_axis(
    ax: Any, kind: str, level: str, values: Sequence[float], history: float | None, width: float
) -> None:
    """Sets a distribution's x axis: whole numbers for counts and dates, dates at the calendar's
    precision (`7 Aug` and the year once when all fall in one year), history's value in view."""
    shown = [*values, *([history] if history is not None else [])]
    whole = kind == "date" or all(v == int(v) for v in shown)
    ax.xaxis.set_major_locator(MaxNLocator(nbins=6 if kind == "date" else 8, integer=whole))
    years = {dt.date.fromordinal(round(v)).year for v in shown} if kind == "date" else set()
    if len(years) == 1 and level == "day":
        ax.xaxis.set_major_formatter(FuncFormatter(_day_month))
        ax.set_xlabel(str(years.pop()))
    else:
        ax.xaxis.set_major_formatter(FuncFormatter(_tick(kind, level)))
    if history is not None:
        lo, hi = min(shown), max(shown)
        pad = max(width, (hi - lo) * 0.04)
        ax.set_xlim(lo - pad, hi + pad)


def _bins(values: Sequence[float]) -> tuple[list[float], float]:
    """Returns the bars' centres and width: one bar per distinct value, or MAX_BARS bins."""
    if not values:
        return [], 1.0
    if len(values) <= MAX_BARS:
        gaps = [b - a for a, b in itertools.pairwise(values)]
        return list(values), min(gaps, default=1.0)
    lo, hi = values[0], values[-1]
    width = (hi - lo) / MAX_BARS
    return [lo + width * (i + 0.5) for i in range(MAX_BARS)], width


def _shares(values: Sequence[float], centres: Sequence[float], games: int) -> list[float]:
    """Returns the % of all `games` whose value falls in each bar (the nearest centre)."""
    counts = [0] * len(centres)
    bounds = [(a + b) / 2 for a, b in itertools.pairwise(centres)]
    for v in values:
        counts[bisect.bisect_left(bounds, v)] += 1
    return [100.0 * c / games for c in counts]


def _day_month(x: float, _pos: Any) -> str:
    day = dt.date.fromordinal(max(1, round(x)))
    return f"{day.day} {day:%b}"


def _tick(kind: str, level: str) -> Callable[[float, Any], str]:
    if kind == "date":
        return lambda x, _pos: date_text(dt.date.fromordinal(max(1, round(x))), level)
    return lambda x, _pos: f"{x:g}"


def headline_plot(comparison: Comparison, kind: str) -> str:
    """Returns the headline figures of one kind (share, date or value) as a forest plot: each
    variant's paired difference from history with its 95 % interval, and the zero line."""
    rows = [h for h in comparison.headlines if h["kind"] == kind]
    scale = 100.0 if kind == "share" else 1.0
    with _style():
        fig = _figure(0.8 + 0.42 * len(rows))
        ax = fig.add_subplot()
        keys = [run.key for run in comparison.runs]
        for i, row in enumerate(rows):
            c = colour(keys.index(row["variant"]))
            mid = scale * row["diff"]
            if row["low"] is not None and row["high"] is not None:
                ax.plot([scale * row["low"], scale * row["high"]], [i, i], color=c, linewidth=2)
            ax.plot([mid], [i], marker="o", color=c)
        ax.axvline(0.0, color="#222222", linewidth=0.8)
        ax.set_yticks(range(len(rows)), [_wrap(f"{h['variant']}: {h['label']}", 44) for h in rows])
        ax.invert_yaxis()
        ax.set_ylim(len(rows) - 0.5, -0.5)
        ax.set_xlabel(f"variant minus history, {diff_unit(kind)} (line: 95 % interval)")
    return to_svg(fig, f"plot-headlines-{kind}")


def _run_label(run: Run) -> str:
    return "As in history" if run.key == HISTORY else f"{run.key}: {run.title}"


def _wrap(text: str, width: int) -> str:
    """Returns `text` broken into lines of about `width` characters (for axis labels)."""
    lines: list[str] = []
    for word in text.split():
        if lines and len(lines[-1]) + 1 + len(word) <= width:
            lines[-1] += " " + word
        else:
            lines.append(word)
    return "\n".join(lines)
