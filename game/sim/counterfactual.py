"""Counterfactuals measured: does a variant move its headline figures the way the sources
argue? (A variant's `expect:`; `python main.py variants`.)

The scenario as in history and the variant are played on the same seeds with the same agents;
each expectation reads one number of every game's result line (`reading`), and the comparison is
the paired difference, variant minus history, with its 95 % t interval (`compare`). A variant
*moves* a figure when the whole interval lies on the side the sources argue; it moves it the
*wrong way* when the whole interval lies on the other side; otherwise the runs cannot tell.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence
from typing import Any

from game.core.rules import Expectation
from game.sim.stats import CONFIDENCE, paired_diff
from game.sim.tables import md_cell

MOVES = "moves"
WRONG_WAY = "wrong way"
UNCLEAR = "cannot tell"


def reading(expect: Expectation, result: dict[str, Any]) -> float:
    """Returns what `expect` reads of one result line: 0 or 1 for a share, a figure's value
    (a date as its ordinal; `unset` where it never happened) for a mean."""
    if expect.ends:
        return float(result["end"] in expect.ends)
    if expect.outcomes:
        return float(result["outcome"] in expect.outcomes)
    raw = result["figures"][expect.figure]
    value: float | None = None
    if raw is not None:
        value = float(dt.date.fromisoformat(raw).toordinal()) if expect.kind == "date" else raw
    if expect.reads == "share":
        return float(
            value is not None
            and (expect.low is None or value >= expect.low)
            and (expect.high is None or value <= expect.high)
        )
    assert expect.unset is not None
    return expect.unset if value is None else float(value)


def compare(
    expect: Expectation, base: Sequence[dict[str, Any]], variant: Sequence[dict[str, Any]]
) -> dict[str, Any]:
    """Returns the paired comparison of one expectation over games played on the same seeds
    (results in game order): both means, the difference with its interval, and the verdict."""
    if [r["seed"] for r in base] != [r["seed"] for r in variant]:
        raise ValueError("the history and variant runs were not played on the same seeds")
    a = [reading(expect, r) for r in variant]
    b = [reading(expect, r) for r in base]
    diff = paired_diff(a, b).diff
    low, high = diff.low, diff.high
    if expect.reads == "share" and low is not None and high is not None:
        low, high = max(low, -1.0), min(high, 1.0)  # a difference of shares lies in [-1, 1]
    verdict = UNCLEAR
    if low is not None and high is not None:
        if (expect.direction > 0 and low > 0) or (expect.direction < 0 and high < 0):
            verdict = MOVES
        elif (expect.direction > 0 and high < 0) or (expect.direction < 0 and low > 0):
            verdict = WRONG_WAY
    return {
        "id": expect.id,
        "label": expect.label,
        "reads": expect.source,
        "kind": "share" if expect.reads == "share" else expect.kind,
        "direction": "up" if expect.direction > 0 else "down",
        "cite": expect.cite,
        "games": len(a),
        "history_mean": sum(b) / len(b),
        "variant_mean": sum(a) / len(a),
        "diff": diff.value,
        "low": low,
        "high": high,
        "confidence": CONFIDENCE,
        "verdict": verdict,
    }


def shown(value: float, kind: str) -> str:
    """Returns a mean as people read it: a share in %, a date as a day, a value as a number."""
    if kind == "share":
        return f"{100 * value:.1f} %"
    if kind == "date":
        day = dt.date.fromordinal(round(value))
        return f"{day.day} {day:%b %Y}"
    return f"{value:.1f}"


def shown_diff(value: float | None, kind: str, digits: int = 1) -> str:
    """Returns a difference as people read it: points of %, days, or units (a value of the
    figure's own unit to `digits` decimals)."""
    if value is None:
        return "–"
    if kind == "share":
        return f"{100 * value:+.1f} pts"
    if kind == "date":
        return f"{value:+.1f} days"
    return f"{value:+.{digits}f}"


def difference_text(row: dict[str, Any]) -> str:
    """Returns a row's difference with its interval (`+7.4 days (+6.0 days to +8.8 days)`)."""
    kind = row["kind"]
    interval = f"{shown_diff(row['low'], kind)} to {shown_diff(row['high'], kind)}"
    return f"{shown_diff(row['diff'], kind)} ({interval})"


def variants_markdown(rows: Sequence[dict[str, Any]], *, title: str, command: str) -> str:
    """Returns one scenario's comparison table: a row per expectation of each variant."""
    lines = [
        f"## Counterfactuals: {title}",
        "",
        f"`{command}`",
        "",
        "| variant | headline figure (reads) | expected | as in history | variant | "
        "difference (95 % CI) | verdict | source |",
        "|---|---|---|---|---|---|---|---|",
    ]
    for row in rows:
        kind = row["kind"]
        cells = [
            f"`{row['variant']}`",
            f"{md_cell(row['label'])} (`{row['reads']}`)",
            row["direction"],
            shown(row["history_mean"], kind),
            shown(row["variant_mean"], kind),
            difference_text(row),
            row["verdict"],
            md_cell(row["cite"]),
        ]
        lines.append("| " + " | ".join(cells) + " |")
    return "\n".join(lines) + "\n"
