"""The report part of `bench/search.py`: its section of bench/RESULTS.md, as Markdown tables."""

from __future__ import annotations

import math
import os
import statistics
from collections.abc import Sequence
from typing import TYPE_CHECKING

from run import code_version, cpu_model

from game.agents.mcts import LEVELS

if TYPE_CHECKING:
    from search import Config, ScenarioSearch

HEADING = "## Search (issue 12)"
TARGET_S = {"normal": 1.0, "hard": 5.0}
"""Issue 12's targets: seconds per move on one core."""
TARGET_RATE = 1000.0
"""Issue 12's target: a normal move does at least 1,000 iterations in its second."""


def p90(values: Sequence[float]) -> float:
    """The nearest-rank 90th percentile."""
    ordered = sorted(values)
    return ordered[max(0, math.ceil(0.9 * len(ordered)) - 1)]


def rate_table(results: list[ScenarioSearch]) -> list[str]:
    out = [
        "### MCTS iterations per second (normal budget: 1,000 iterations, depth "
        f"{LEVELS['normal'].depth})",
        "",
        "At the first decision of a historical game and at decisions a third and two thirds "
        "of the way through it (every side historical, the acting side's belief kept up to "
        "date); a fresh agent, so no subtree is reused. Search seconds leave out the belief "
        "update (shown apart). Median of the repeats.",
        "",
        "| scenario | decision | iterations run | search CPU s | iterations/s | vs 1,000/s "
        "| µs/iteration ÷ µs/random step | update ms | sample µs |",
        "| --- | --- | ---: | ---: | ---: | ---: | ---: | ---: | ---: |",
    ]
    for r in results:
        for rate in r.rates:
            per_iter = 1e6 / rate.per_s
            out.append(
                f"| `{r.name}` | {rate.label} | {rate.iterations:,} | {rate.search_s:.2f} | "
                f"{rate.per_s:,.0f} | {rate.per_s / TARGET_RATE:.2f}× | "
                f"{per_iter / r.base.step_us:.0f} | {rate.update_ms:.1f} | {rate.sample_us:.1f} |"
            )
    return [*out, ""]


def move_table(results: list[ScenarioSearch]) -> list[str]:
    out = [
        "### Time to choose a move, per seat (the other sides historical)",
        "",
        "Over the seat's searched decisions (decisions with one legal move are answered at "
        "once and left out: `forced`). `game`: the seat played the whole game at that level, "
        "reusing its subtree between orders of the same turn as the agent does. `spread`: "
        "fresh hard searches at decisions spread evenly over the seat's normal game, not "
        "played (no subtree reused, so a little above what a hard game would show). "
        "`iterations` is the mean actually run (an agent stops early once its choice is "
        "settled, and a kept subtree counts toward its budget). Targets: normal ≤ 1 s, hard "
        "≤ 5 s on one core.",
        "",
        "| scenario | seat | level | how | moves (forced) | mean s | p90 s | max s | over target "
        "| iterations | update ms | mean ÷ random playout |",
        "| --- | --- | --- | --- | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: |",
    ]
    for r in results:
        for s in r.seats:
            if not s.moves:
                out.append(f"| `{r.name}` | {s.seat} | {s.level} | {s.how} | 0 | | | | | | | |")
                continue
            secs = [m.seconds for m in s.moves]
            target = TARGET_S.get(s.level)
            over = f"{sum(x > target for x in secs)}/{len(secs)}" if target else "—"
            mean = statistics.fmean(secs)
            forced = f" ({s.forced})" if s.how != "spread" else ""
            out.append(
                f"| `{r.name}` | {s.seat} | {s.level} | {s.how} | {len(secs)}{forced} | "
                f"{mean:.3f} | {p90(secs):.3f} | {max(secs):.3f} | {over} | "
                f"{statistics.fmean(m.iterations for m in s.moves):,.0f} | "
                f"{statistics.fmean(m.update_s for m in s.moves) * 1e3:.1f} | "
                f"{mean * 1e3 / r.base.playout_ms:.1f} |"
            )
    return [*out, ""]


def belief_table(results: list[ScenarioSearch]) -> list[str]:
    out = [
        "### Beliefs' cost per move (normal level, every seat's game pooled)",
        "",
        "`Belief.update` (advancing the particles to the decision and filtering them) once a "
        "move, then one `Belief.sample` per iteration (µs per sample from the decision points "
        "above).",
        "",
        "| scenario | update ms (mean / max) | update ÷ apply | samples/move | sample µs | "
        "belief ms/move | share of the move |",
        "| --- | ---: | ---: | ---: | ---: | ---: | ---: |",
    ]
    for r in results:
        moves = [m for s in r.seats if s.level == "normal" and s.how != "spread" for m in s.moves]
        if not moves or not r.rates:
            continue
        update = [m.update_s * 1e3 for m in moves]
        samples = statistics.fmean(m.iterations for m in moves)
        sample_us = statistics.fmean(rate.sample_us for rate in r.rates)
        belief_ms = statistics.fmean(update) + samples * sample_us / 1e3
        move_ms = statistics.fmean(m.seconds for m in moves) * 1e3
        out.append(
            f"| `{r.name}` | {statistics.fmean(update):.1f} / {max(update):.1f} | "
            f"{statistics.fmean(update) * 1e3 / r.base.apply_us:.0f} | {samples:,.0f} | "
            f"{sample_us:.1f} | {belief_ms:.1f} | {belief_ms / move_ms:.1%} |"
        )
    return [*out, ""]


def base_table(results: list[ScenarioSearch]) -> list[str]:
    out = [
        "### Baselines, same run",
        "",
        "| scenario | `Game.apply` µs | random playout: µs/step | ms/game |",
        "| --- | ---: | ---: | ---: |",
    ]
    out += [
        f"| `{r.name}` | {r.base.apply_us:.1f} | {r.base.step_us:.1f} | {r.base.playout_ms:.1f} |"
        for r in results
    ]
    return [*out, ""]


def section(
    cfg: Config, results: list[ScenarioSearch], profile: list[str], meta: dict[str, str]
) -> str:
    levels = ", ".join(
        f"{k} = {v.iterations:,} iterations, depth {v.depth}" for k, v in LEVELS.items()
    )
    lines = [
        HEADING,
        "",
        f"- Run: {meta['started']} to {meta['ended']}; code: amur {code_version()}",
        f"- Command: `{meta['command']}`",
        f"- Machine: {cpu_model()}, os.cpu_count() = {os.cpu_count()}; one process, "
        f"{meta['pinned']}; load average {meta['load_start']} at the start, "
        f"{meta['load_end']} at the end (other work shared the machine: the figures are CPU "
        "time, `time.process_time`)",
        f"- Games: seed {cfg.seed}; levels: {levels}",
        "",
        *base_table(results),
        *rate_table(results),
        *move_table(results),
        *belief_table(results),
        *profile,
    ]
    return "\n".join(lines).rstrip("\n") + "\n"
