"""A tournament's summary as Markdown: readable in a terminal as it is, and pasted as it is into
a report or the README (the numbers in the text are the numbers of the summary file)."""

from __future__ import annotations

from typing import Any

SHOWN_CLASSES = 3
"""Outcome classes shown per agent in the table; the rest are summed as "other"."""


def _score(value: float, low: float | None, high: float | None, *, sign: bool = False) -> str:
    fmt = "{:+.1f}" if sign else "{:.1f}"
    if low is None or high is None:
        return fmt.format(value)
    return f"{fmt.format(value)} ({fmt.format(low)} – {fmt.format(high)})"


def _pct(share: float) -> str:
    return f"{100 * share:.1f} %"


def _outcomes(row: dict[str, Any]) -> str:
    shown = row["outcomes"][:SHOWN_CLASSES]
    parts = [f"{c['label']} {_pct(c['share'])}" for c in shown]
    rest = row["outcomes"][SHOWN_CLASSES:]
    if rest:
        parts.append(f"{len(rest)} other {_pct(sum(c['share'] for c in rest))}")
    return ", ".join(parts)


def md_cell(text: str) -> str:
    """Returns text safe inside a Markdown table cell."""
    return text.replace("|", "\\|").replace("\n", " ")


def _level_table(summary: dict[str, Any], conf: str) -> list[str]:
    """Returns the table of victory levels (`--levels`): each agent's mean margin over its par
    and its share of each level; none without levels."""
    rows = [(cell, row) for cell in summary["cells"] for row in cell["rows"] if "levels" in row]
    if not rows:
        return []
    names = [e["level"] for e in rows[0][1]["levels"]]
    lines = [
        "",
        f"| seat | opponents | agent | margin over par ({conf} CI) | " + " | ".join(names) + " |",
        "|---|---|---|---|" + "---|" * len(names),
    ]
    for cell, row in rows:
        m = row["margin"]
        shares = " | ".join(_pct(e["share"]) for e in row["levels"])
        lines.append(
            f"| {cell['seat']} | {cell['opponents']} | {row['agent']} | "
            f"{_score(m['mean'], m['low'], m['high'], sign=True)} | {shares} |"
        )
    return lines


def tables(summary: dict[str, Any]) -> str:
    """Returns the two tables: each agent's score and outcomes, and each pair's difference."""
    conf = f"{100 * summary['confidence']:g} %"
    where = summary["scenario"] + (f", variant {summary['variant']}" if summary["variant"] else "")
    lines = [
        f"Tournament: {where}, {summary['games_per_cell']} paired seeds per agent, seat and "
        f"opponents (seed {summary['seed']}, {summary['games']} games)",
        "",
        f"| seat | opponents | agent | mean score ({conf} CI) | outcomes |",
        "|---|---|---|---|---|",
    ]
    for cell in summary["cells"]:
        for row in cell["rows"]:
            mean = _score(row["mean"], row["low"], row["high"])
            lines.append(
                f"| {cell['seat']} | {cell['opponents']} | {row['agent']} | {mean} | "
                f"{md_cell(_outcomes(row))} |"
            )
    lines += _level_table(summary, conf)
    pairs = [(cell, pair) for cell in summary["cells"] for pair in cell["pairs"]]
    if pairs:
        lines += [
            "",
            f"| seat | opponents | comparison | mean difference ({conf} CI) | higher | "
            "equal | lower |",
            "|---|---|---|---|---|---|---|",
        ]
    for cell, pair in pairs:
        n = pair["games"]
        diff = _score(pair["diff"], pair["low"], pair["high"], sign=True)
        lines.append(
            f"| {cell['seat']} | {cell['opponents']} | {pair['agent']} − {pair['against']} | "
            f"{diff} | {_pct(pair['wins'] / n)} | {_pct(pair['ties'] / n)} | "
            f"{_pct(pair['losses'] / n)} |"
        )
    return "\n".join(lines) + "\n"


def report(summary: dict[str, Any]) -> str:
    """Returns the strategy report: per seat and agent, against each opponent, the outcome
    classes it reaches and its most frequent orders with the dates they were given."""
    lines = [f"Strategy report: {summary['scenario']}"]
    for seat in summary["seats"]:
        for agent in summary["agents"]:
            lines += ["", f"## {seat} played by {agent}"]
            for cell in summary["cells"]:
                if cell["seat"] != seat:
                    continue
                row = next(r for r in cell["rows"] if r["agent"] == agent)
                lines += _agent_report(cell["opponents"], row)
    return "\n".join(lines) + "\n"


def _agent_report(rival: str, row: dict[str, Any]) -> list[str]:
    lines = [
        "",
        f"Against {rival} ({row['games']} games): {md_cell(_outcomes(row))}. "
        f"{row['distinct_orders']} distinct order{'' if row['distinct_orders'] == 1 else 's'}.",
    ]
    if not row["orders"]:
        return [*lines, "", "No orders: it only ended its turns."]
    lines += [
        "",
        "| order | what it is | games | per game | median date (middle half) | first – last |",
        "|---|---|---|---|---|---|",
    ]
    for order in row["orders"]:
        lines.append(
            f"| `{order['order']}` | {md_cell(order['label'])} | {_pct(order['share'])} | "
            f"{order['per_game']:.2f} | {order['median']} ({order['q1']} – {order['q3']}) | "
            f"{order['first']} – {order['last']} |"
        )
    return lines
