"""The summary of a batch of games (`simulate`): outcome shares, mean scores and key figures,
each with its 95 % interval, and victory levels against par where the results hold them."""

from __future__ import annotations

import bisect
import datetime as dt
import math
import statistics
from collections import Counter
from typing import Any

from game.core.dates import precision
from game.core.rules import Rules
from game.core.victory import Level
from game.sim.stats import mean_ci, median_ci, quartiles, share_ci


def summarise(results: list[dict[str, Any]], rules: Rules) -> dict[str, Any]:
    """Returns outcome classes (counts, shares with their 95 % Wilson intervals), mean scores
    (with t intervals), and each figure's mean, median (with its distribution-free interval) and
    middle half over the games where it is set (a date figure is unset when it never happened).

    Date figures are a turn's date: their median, quartiles and interval are turns of the
    calendar (never a day between two turns), with the calendar's `precision` there."""
    n = len(results)
    counts = Counter(r["outcome"] for r in results)
    labels = {c.id: c.label for c in rules.outcome_classes}
    classes = []
    for cid in sorted(counts, key=lambda c: (-counts[c], c)):
        ci = share_ci(counts[cid], n)
        row = {"id": cid, "label": labels.get(cid, cid), "count": counts[cid], "share": ci.value}
        classes.append(row | {"low": ci.low, "high": ci.high})
    scores: dict[str, float] = {}
    score_ci: dict[str, list[float | None]] = {}
    for f in rules.factions if n else ():
        ci = mean_ci([r["scores"][f.id] for r in results])
        scores[f.id], score_ci[f.id] = ci.value, [ci.low, ci.high]
    means: dict[str, float | None] = {}
    spread: dict[str, dict[str, Any]] = {}
    for fig in rules.figures:
        values = [r["figures"][fig.id] for r in results if r["figures"][fig.id] is not None]
        entry: dict[str, Any] = {"label": fig.label, "kind": fig.kind, "set_in": len(values)}
        if fig.kind == "value":
            means[fig.id] = statistics.fmean(values) if values else None
            entry.update(_spread([float(v) for v in values]))
        elif values:
            entry.update(_spread(turn_numbers(rules, values)))
            for key in ("median", "q1", "q3", "low", "high"):
                if entry[key] is not None:
                    entry[key] = turn_date(rules, entry[key])
            day = dt.date.fromisoformat(entry["median"])
            entry["precision"] = precision(rules.calendar, day)
        spread[fig.id] = entry
    return {
        "games": n,
        "classes": classes,
        "mean_scores": scores,
        "score_ci": score_ci,
        "mean_figures": means,
        "figures": spread,
        "baseline": rules.baseline.to_dict(),
    } | level_summary(results, rules)


def turn_numbers(rules: Rules, days: list[str]) -> list[float]:
    """Returns the turn of each ISO date (the turn it falls in), to take medians of turns."""
    return [float(bisect.bisect_right(rules.calendar, dt.date.fromisoformat(d)) - 1) for d in days]


def turn_date(rules: Rules, turn: float) -> str:
    """Returns the ISO date of the turn nearest `turn` (a median between two turns is the later)."""
    return rules.date(math.floor(turn + 0.5)).isoformat()


def _spread(numbers: list[float]) -> dict[str, Any]:
    """Returns the median with its 95 % interval (`low`, `high`: None for five values or fewer)
    and the quartiles of a figure's values; {} for none."""
    if not numbers:
        return {}
    q1, _, q3 = quartiles(numbers)
    ci = median_ci(numbers)
    return {"median": ci.value, "q1": q1, "q3": q3, "low": ci.low, "high": ci.high}


def level_summary(results: list[dict[str, Any]], rules: Rules) -> dict[str, Any]:
    """Returns, when the results hold victory levels (`simulate --levels`), per side the mean
    par and margin and each level's count and share (every level, best first); else {}."""
    kept = [r for r in results if "levels" in r]
    if not kept or rules.victory is None:
        return {}
    order = [level.value for level in reversed(Level)]
    out: dict[str, Any] = {}
    for f in rules.factions:
        counts = Counter(r["levels"][f.id] for r in kept)
        out[f.id] = {
            "mean_par": statistics.fmean(r["par"][f.id] for r in kept),
            "mean_margin": statistics.fmean(r["margin"][f.id] for r in kept),
            "levels": [
                {"level": lv, "count": counts[lv], "share": counts[lv] / len(kept)} for lv in order
            ],
        }
    margins = rules.victory
    return {
        "victory": {"unit": margins.unit, "draw": margins.draw, "decisive": margins.decisive},
        "levels": out,
    }
