"""Calibration against history: the scenario's `calibration:` checks, on one finished game and
over a batch.

A game is "near history" when every check holds. Over a batch, the share of games near history
comes with its 95 % Wilson interval, and each check with its own share, so that any mix of agents
can be measured against the same definition (`python main.py calibrate`). The checks read only
the final state, its end rule and its outcome class: no clock, no order but the file's.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from game.core.game import Outcome
from game.core.rules import CalibrationCheck, Rules
from game.core.state import State
from game.sim.stats import CONFIDENCE, share_ci
from game.sim.tables import md_cell


def holds(check: CalibrationCheck, rules: Rules, state: State, outcome: Outcome) -> bool:
    """True if the finished game (`state`, ended with `outcome`) shows the check's fact."""
    match check.reads:
        case "end":
            return outcome.reason in check.names
        case "outcome":
            return outcome.outcome_class in check.names
        case "regions":
            return all(state.tracks[t] == check.holder for t in check.tracks)
        case "date":
            turn = state.tracks[check.tracks[0]]
            return turn >= 0 and _within(float(rules.date(turn).toordinal()), check)
        case "value":
            track = rules.tracks[check.tracks[0]]
            value = state.tracks[track.index]
            return not track.unset(value) and _within(value / check.scale, check)
    return False


def _within(value: float, check: CalibrationCheck) -> bool:
    return (check.low is None or value >= check.low) and (check.high is None or value <= check.high)


def verdicts(rules: Rules, state: State, outcome: Outcome) -> dict[str, bool]:
    """Returns check id → whether it holds, in the scenario's order."""
    return {c.id: holds(c, rules, state, outcome) for c in rules.calibration}


def is_near_history(rules: Rules, state: State, outcome: Outcome) -> bool:
    """True if every check of the scenario holds (and it has at least one)."""
    return bool(rules.calibration) and all(verdicts(rules, state, outcome).values())


def calibration_fields(rules: Rules, state: State, outcome: Outcome) -> dict[str, Any]:
    """Returns a result line's `calibration` (check id → held) and `near_history`."""
    found = verdicts(rules, state, outcome)
    return {"calibration": found, "near_history": bool(found) and all(found.values())}


def summarise_calibration(results: Sequence[dict[str, Any]], rules: Rules) -> dict[str, Any]:
    """Returns the batch's share of games near history with its Wilson interval, and each
    check's count and share, from result lines with `calibration_fields`."""
    n = len(results)
    if n == 0:
        raise ValueError("no games to summarise")
    near = sum(1 for r in results if r["near_history"])
    ci = share_ci(near, n)
    checks = []
    for check in rules.calibration:
        count = sum(1 for r in results if r["calibration"][check.id])
        checks.append(
            {
                "id": check.id,
                "label": check.label,
                "reads": check.source,
                "cite": check.cite,
                "count": count,
                "share": count / n,
            }
        )
    return {
        "games": n,
        "near_history": {
            "count": near,
            "share": ci.value,
            "low": ci.low,
            "high": ci.high,
            "confidence": CONFIDENCE,
        },
        "checks": checks,
    }


def _pct(share: float) -> str:
    return f"{100 * share:.1f} %"


def near_text(summary: dict[str, Any]) -> str:
    """Returns the share near history with its interval (`72.0 % (65.4 – 77.7 %)`)."""
    near = summary["near_history"]
    return (
        f"{_pct(near['share'])} ({100 * near['low']:.1f} – {100 * near['high']:.1f} %), "
        f"{near['count']} of {summary['games']}"
    )


def calibration_markdown(summary: dict[str, Any], *, command: str = "", wall: str = "") -> str:
    """Returns one scenario's calibration as a Markdown section: what was run, the share near
    history (95 % CI) and each check's share; `wall` (the run's time, which is not a result)
    is shown when given."""
    agents = ", ".join(f"{k}={v}" for k, v in summary["agents"].items())
    variant = summary["variant"] or "none"
    conf = f"{100 * summary['near_history']['confidence']:.0f} %"
    lines = [
        f"## Calibration: {summary['title']} (`{summary['scenario']}`)",
        "",
    ]
    if command:
        lines += [f"`{command}`", ""]
    lines += [
        "| scenario | variant | agents | games | seed | near history "
        f"({conf} CI) |" + (" wall time |" if wall else ""),
        "|---|---|---|---|---|---|" + ("---|" if wall else ""),
        f"| {summary['scenario']} | {variant} | {md_cell(agents)} | {summary['games']} | "
        f"{summary['seed']} | {near_text(summary)} |" + (f" {wall} |" if wall else ""),
        "",
        "| check | reads | share | source |",
        "|---|---|---|---|",
    ]
    for c in summary["checks"]:
        lines.append(
            f"| {md_cell(c['label'])} (`{c['id']}`) | {md_cell(c['reads'])} | {_pct(c['share'])} | "
            f"{md_cell(c['cite'])} |"
        )
    return "\n".join(lines) + "\n"
