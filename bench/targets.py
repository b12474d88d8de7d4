"""Issue 12's strength targets read off tournament results files (`tournament --out`).

    python bench/targets.py bench/tournament/*.jsonl

For every (scenario, seat, opponents) cell it pairs the games by seed, cuts the cell to the games
every agent has finished (a run still going, or stopped, counts what it has), and prints one
Markdown row: games, the searching agent's mean score, the share of seeds on which it beat
`random`, and its mean difference from `greedy` with the paired t 95 % interval. Target: beat
random on at least 90 % of the seeds, and the interval of the difference from greedy above zero.
"""

from __future__ import annotations

import collections
import json
import sys
from pathlib import Path
from typing import Any

from game.sim.stats import mean_ci, paired_diff

SEARCH = "mcts"


def _fmt(low: float | None, value: float, high: float | None) -> str:
    if low is None or high is None:
        return f"{value:+.1f}"
    return f"{value:+.1f} ({low:+.1f} – {high:+.1f})"


def rows(files: list[Path]) -> list[str]:
    cells: dict[tuple[str, str, str], dict[str, list[dict[str, Any]]]] = collections.defaultdict(
        lambda: collections.defaultdict(list)
    )
    for path in files:
        with path.open(encoding="utf-8") as handle:
            for line in handle:
                if line.strip():
                    r = json.loads(line)
                    cells[(r["scenario"], r["seat"], r["opponents"])][r["agent"]].append(r)
    out = [
        "| scenario | seat | opponents | games | mcts mean (95 % CI) | beats random | "
        "mcts − greedy (95 % CI) | mcts − historical (95 % CI) | targets |",
        "|---|---|---|---|---|---|---|---|---|",
    ]
    for (scenario, seat, opponents), by_agent in sorted(cells.items()):
        needed = (SEARCH, "random", "greedy", "historical")
        if any(not by_agent.get(a) for a in needed):
            continue
        n = min(len(by_agent[a]) for a in needed)
        score = {a: [r["scores"][seat] for r in by_agent[a][:n]] for a in needed}
        for a in needed:  # paired by seed: game i of a cell is seed i for every agent
            assert [r["game"] for r in by_agent[a][:n]] == list(range(n))
        mine = mean_ci(score[SEARCH])
        vs_random = paired_diff(score[SEARCH], score["random"])
        vs_greedy = paired_diff(score[SEARCH], score["greedy"])
        vs_hist = paired_diff(score[SEARCH], score["historical"])
        beat = vs_random.wins / n
        low = vs_greedy.diff.low
        met = beat >= 0.9 and low is not None and low > 0
        out.append(
            f"| {scenario} | {seat} | {opponents} | {n} | "
            f"{mine.value:.1f} ({mine.low:.1f} – {mine.high:.1f}) | {beat:.0%} | "
            f"{_fmt(vs_greedy.diff.low, vs_greedy.diff.value, vs_greedy.diff.high)} | "
            f"{_fmt(vs_hist.diff.low, vs_hist.diff.value, vs_hist.diff.high)} | "
            f"{'met' if met else 'missed'} |"
        )
    return out


if __name__ == "__main__":
    print("\n".join(rows([Path(p) for p in sys.argv[1:]])))
