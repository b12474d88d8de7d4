"""The dominance audit's findings: per seat, the options always or never best, the decisions
that change nothing, and the best simple policy against the par; as data and as Markdown."""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Collection, Sequence
from typing import Any, Final

from game.core.rules import Rules
from game.core.victory import level_of
from game.sim.audit import AuditSpec, Point, is_wait
from game.sim.audit_policy import Policy
from game.sim.stats import mean_ci

DOMINANT: Final = 0.95
"""An option best by a margin at more than this share of the points where it was offered is
*dominant* (the audit's test fails on one the scenario does not mark as intended)."""
MIN_POINTS: Final = 5
"""Options offered at fewer points are listed but never judged always or never best."""


def option_stats(points: Sequence[Point], epsilon: float) -> dict[str, dict[str, Any]]:
    """Returns per option: points offered, points where it was best by a margin (`wins`),
    points where it was as good as the best (`top`), and its mean shortfall from the best."""
    out: dict[str, dict[str, Any]] = defaultdict(
        lambda: {"offered": 0, "wins": 0, "top": 0, "regret": 0.0}
    )
    for point in points:
        means = point.means()
        best = max(means.values())
        for option, value in means.items():
            row = out[option]
            row["offered"] += 1
            row["regret"] += best - value
            others = [v for k, v in means.items() if k != option]
            if others and value > max(others) + epsilon:
                row["wins"] += 1
            if value >= best - epsilon:
                row["top"] += 1
    for row in out.values():
        row["regret"] = round(row["regret"] / row["offered"], 3)
        row["win_share"] = round(row["wins"] / row["offered"], 3)
    return dict(sorted(out.items()))


def _spread(values: Collection[float]) -> float:
    return max(values) - min(values)


def decisions_per_game(points: Sequence[Point], games: int, epsilon: float) -> dict[str, float]:
    """Returns one seat's decisions per game (means over the audit's `games`: a game in which
    the seat had no choice counts as none), and an estimate of how many of them matter: the
    events answered times the share of event points where an option changes the score, plus
    the turns with orders times that share among the orders points (an orders point is one
    order; a turn's orders are taken as one decision)."""
    per_game = {p.game: p.in_game for p in points if p.in_game}
    total = {
        k: sum(c.get(k, 0) for c in per_game.values()) for k in ("events", "orders", "order_turns")
    }

    def mattering(phase: str) -> float:
        mine = [p for p in points if p.phase == phase]
        moved = [p for p in mine if _spread(p.means().values()) > epsilon]
        return len(moved) / len(mine) if mine else 0.0

    n = max(games, 1)
    events, turns = total["events"] / n, total["order_turns"] / n
    return {
        "events": round(events, 2),
        "orders": round(total["orders"] / n, 2),
        "order_turns": round(turns, 2),
        "that_matter": round(events * mattering("choice") + turns * mattering("orders"), 1),
    }


def summarise_audit(
    spec: AuditSpec,
    rules: Rules,
    points: Sequence[Point],
    policies: dict[str, tuple[list[float], list[Policy]]],
) -> dict[str, Any]:
    """Returns the audit's findings per seat (see the module's text)."""
    intended = dict(rules.intended)
    seats: dict[str, Any] = {}
    for f in rules.factions:
        mine = [p for p in points if p.seat == f.id]
        flat = [p for p in mine if _spread(p.means().values()) <= spec.epsilon]
        stats = option_stats(mine, spec.epsilon)
        dominant = [
            {"option": k, **v, "intended": intended.get(k)}
            for k, v in stats.items()
            if v["offered"] >= MIN_POINTS and v["win_share"] > DOMINANT
        ]
        never = [k for k, v in stats.items() if v["offered"] >= MIN_POINTS and v["top"] == 0]
        entry: dict[str, Any] = {
            "name": f.name,
            "points": len(mine),
            "changes_nothing": len(flat),
            "changes_nothing_share": round(len(flat) / len(mine), 3) if mine else None,
            "options": stats,
            "dominant": dominant,
            "never_best": never,
            "per_game": decisions_per_game(mine, spec.games, spec.epsilon),
        }
        if f.id in policies:
            par, tried = policies[f.id]
            ci = mean_ci(par)
            entry["par"] = {"mean": round(ci.value, 3), "low": ci.low, "high": ci.high}
            entry["policies_tried"] = len(tried)
            entry["best_policies"] = [p.to_dict() for p in tried[:5]]
            margins = rules.victory
            if margins is not None and _historical_par(spec, rules):
                for p in entry["best_policies"]:
                    p["level"] = level_of(p["minus_par"], margins).value
        seats[f.id] = entry
    return {
        "scenario": rules.id,
        "variant": rules.variant,
        "agents": dict(spec.agents),
        "games": spec.games,
        "sample": list(spec.sample),
        "points_per_game": spec.points_per_game,
        "rollouts": spec.rollouts,
        "seed": spec.seed,
        "epsilon": spec.epsilon,
        "seats": seats,
    }


def _historical_par(spec: AuditSpec, rules: Rules) -> bool:
    """True when the audit's par is the victory levels' own (every side `historical`), so that
    a policy's mean margin over it has a level."""
    names = dict(spec.agents)
    return all(names.get(f.id, "historical") == "historical" for f in rules.factions)


def unintended_dominant(summary: dict[str, Any]) -> list[str]:
    """Returns the dominant options the scenario does not mark as intended, as `seat: option`."""
    return [
        f"{seat}: {row['option']} (best by a margin at {row['wins']} of {row['offered']} points)"
        for seat, entry in summary["seats"].items()
        for row in entry["dominant"]
        if not row["intended"]
    ]


def _num(x: float | None) -> str:
    return "—" if x is None else f"{x:+.1f}"


def audit_markdown(summary: dict[str, Any]) -> str:
    """Returns the audit's findings as Markdown."""
    title = summary["scenario"] + (f" ({summary['variant']})" if summary["variant"] else "")
    agents = ", ".join(f"{k} {v}" for k, v in summary["agents"].items())
    lines = [
        f"# Dominance audit: {title}",
        "",
        f"Decision points from {summary['games']} games (every side played by "
        f"{' / '.join(summary['sample'])} in turn): each event a side answered and "
        f"{summary['points_per_game']} orders decisions per side and game; "
        f"{summary['rollouts']} rollouts per option, seed {summary['seed']}; default agents "
        f"(continuations, par): {agents}. "
        f"Options count as equal within {summary['epsilon']} points; *dominant* = best "
        f"by more than that at over {DOMINANT:.0%} of the points where it was offered "
        f"(at least {MIN_POINTS}).",
    ]
    unread = summary.get("unread_tracks")
    if unread is not None:
        lines += ["", "## Tracks nothing reads", ""]
        lines += [f"- {w}" for w in unread] or ["None: every track is read by some rule."]
    for entry in summary["seats"].values():
        n = entry["points"]
        lines += ["", f"## {entry['name']}", ""]
        if not n:
            lines.append("No decision points (this side never had a choice).")
            continue
        share = entry["changes_nothing_share"]
        lines.append(
            f"- Decision points: {n}; where no option changes the score by more than "
            f"{summary['epsilon']}: {entry['changes_nothing']} ({share:.0%})."
        )
        per = entry.get("per_game")
        if per:
            lines.append(
                f"- Decisions per game: {per['events']:.1f} events answered, "
                f"{per['orders']:.1f} orders given with a choice in "
                f"{per['order_turns']:.1f} turns; "
                f"that matter (estimated: the turns and events times the share of their points "
                f"where an option moves the score): **{per['that_matter']:.1f}**."
            )
        dominant = entry["dominant"]
        if dominant:
            for row in dominant:
                mark = f" — intended: {row['intended']}" if row["intended"] else ""
                lines.append(
                    f"- **Dominant**: `{row['option']}`, best at {row['wins']} of "
                    f"{row['offered']} points{mark}."
                )
        else:
            lines.append("- No dominant option.")
        never = [o for o in entry["never_best"] if not is_wait(o)]
        if never:
            shown = ", ".join(f"`{o}`" for o in never[:12])
            more = f" and {len(never) - 12} more" if len(never) > 12 else ""
            lines.append(f"- Never best (offered at {MIN_POINTS}+ points): {shown}{more}.")
        if "par" in entry:
            par = entry["par"]
            lines.append(
                f"- Par (every side its default agent): {par['mean']:.1f}; "
                f"{entry['policies_tried']} simple policies tried, the best:"
            )
            judged = all("level" in p for p in entry["best_policies"])
            level_head = (" level of the mean |", "---|") if judged else ("", "")
            lines += [
                "",
                "| policy | mean | − par (95 % CI) | beats par |" + level_head[0],
                "|---|---:|---:|---:|" + level_head[1],
            ]
            for p in entry["best_policies"]:
                ci = f"{_num(p['low'])} – {_num(p['high'])}"
                level = f" {p['level']} |" if judged else ""
                lines.append(
                    f"| {'; '.join(p['policy'])} | {p['mean']:.1f} | {p['minus_par']:+.1f} "
                    f"({ci}) | {p['beats_par']}/{p['games']} |{level}"
                )
        rows = sorted(entry["options"].items(), key=lambda kv: (-kv[1]["win_share"], kv[0]))
        lines += [
            "",
            "| option | offered | best by a margin | as good as the best | mean shortfall |",
            "|---|---:|---:|---:|---:|",
        ]
        for option, row in rows[:25]:
            lines.append(
                f"| `{option}` | {row['offered']} | {row['wins']} | {row['top']} | "
                f"{row['regret']:.1f} |"
            )
        if len(rows) > 25:
            lines.append(f"| … {len(rows) - 25} more options | | | | |")
    return "\n".join(lines) + "\n"
