"""The profile part of `bench/search.py`: where a normal MCTS move in the fishery spends its time.

cProfile runs the same normal moves (same seeds, so the same iterations) as an unprofiled run
just before, at the search benchmark's decision points; the overhead factor is printed, and
since cProfile's cost is per call, the shares over-weight code that makes many small calls.
"""

from __future__ import annotations

import cProfile
import pstats
import re
from collections.abc import Callable, Sequence
from pathlib import Path
from typing import Any

from game import Game

Key = tuple[str, int, str]
TOP = 15
ROOT = Path(__file__).resolve().parent.parent


def _keys(stats: dict[Key, Any], file_end: str, name: str) -> list[Key]:
    return [k for k in stats if k[0].endswith(file_end) and k[2] == name]


def _cum(stats: dict[Key, Any], file_end: str, name: str) -> float:
    return sum(stats[k][3] for k in _keys(stats, file_end, name))


def _own(stats: dict[Key, Any], file_end: str, name: str) -> float:
    return sum(stats[k][2] for k in _keys(stats, file_end, name))


def _via(stats: dict[Key, Any], callee: tuple[str, str], caller: tuple[str, str]) -> float:
    """Cumulative time of `callee` when called directly from `caller`."""
    total = 0.0
    for k in _keys(stats, *callee):
        for c, edge in stats[k][4].items():
            if c[0].endswith(caller[0]) and c[2] == caller[1]:
                total += edge[3]
    return total


def _where(key: Key) -> str:
    file, line, name = key
    if file == "~":  # a built-in; its repr may carry a memory address, which varies by run
        return re.sub(r" at 0x[0-9a-f]+", "", name)
    try:
        file = str(Path(file).resolve().relative_to(ROOT))
    except ValueError:
        file = Path(file).name
    return f"{file}:{line}({name})"


LEGAL = ("core/game.py", "legal_actions")
BREAKDOWN: tuple[tuple[str, Callable[[dict[Key, Any]], float]], ...] = (
    (
        "`MctsAgent._iterate` itself: UCT selection, expansion, backup",
        lambda s: _own(s, "agents/mcts.py", "_iterate"),
    ),
    ("`candidates` (a node's moves), all", lambda s: _cum(s, "agents/mcts.py", "candidates")),
    (
        "… of which `Game.legal_actions`",
        lambda s: _via(s, LEGAL, ("agents/mcts.py", "candidates")),
    ),
    ("`rollout_action` (default policy), all", lambda s: _cum(s, "rollout.py", "rollout_action")),
    (
        "… of which `Game.legal_actions`",
        lambda s: _via(s, LEGAL, ("agents/rollout.py", "rollout_action")),
    ),
    ("`Game.apply`, all", lambda s: _cum(s, "core/game.py", "apply")),
    (
        "… of which `Auction.settle` (clearing: `clear`, `fish`, `tally`)",
        lambda s: _cum(s, "mechanics/auction.py", "settle"),
    ),
    (
        "… of which `_has_decision` (does the next side have a move?)",
        lambda s: _cum(s, "core/game.py", "_has_decision"),
    ),
    ("`Game.legal_actions`, every caller", lambda s: _cum(s, *LEGAL)),
    (
        "`Auction.actions` (the bids on offer), every caller",
        lambda s: _cum(s, "mechanics/auction.py", "actions"),
    ),
    (
        "… of which `_still_legal` (filtering by the turn's orders)",
        lambda s: _cum(s, "mechanics/auction.py", "_still_legal"),
    ),
    (
        "… of which `_all_actions` (building a list: cache misses)",
        lambda s: _cum(s, "mechanics/auction.py", "_all_actions"),
    ),
    ("`Game.score` and `is_terminal`", lambda s: _cum(s, "core/game.py", "score")),
    ("`Belief.update`", lambda s: _cum(s, "agents/beliefs.py", "update")),
    ("`Belief.sample`", lambda s: _cum(s, "agents/beliefs.py", "sample")),
)


def report(game: Game, points: Sequence[Any], searched: Callable[..., Any]) -> list[str]:
    """Profiles one normal move at each point; returns the report's lines."""
    profiler = cProfile.Profile()
    plain = profiled_iterations = 0.0
    for i, point in enumerate(points):
        _, cpu, _ = searched(game, point, "normal", f"profile:{i}")
        plain += cpu
        profiler.enable()
        agent, _, _ = searched(game, point, "normal", f"profile:{i}")
        profiler.disable()
        profiled_iterations += agent.iterations
    stats: dict[Key, Any] = pstats.Stats(profiler).stats  # type: ignore[attr-defined]
    total = _cum(stats, "agents/mcts.py", "act")
    score = _cum(stats, "core/game.py", "score") + _cum(stats, "core/game.py", "is_terminal")
    lines = [
        "### Profile: normal moves in the fishery (cProfile)",
        "",
        f"One normal move at each decision point of `fishery-auctions` above "
        f"({len(points)} moves, {profiled_iterations:,.0f} iterations): {plain:.2f} CPU s "
        f"unprofiled, {total:.2f} s under cProfile ({total / plain:.1f}× overhead; shares "
        "over-weight code that makes many small calls).",
        "",
        "Where the time goes (cumulative time, share of the moves' profiled time; the rows "
        "overlap: `legal_actions` is called from `candidates`, `rollout_action` and the "
        "belief; `Auction.actions` from `legal_actions` and `_has_decision`):",
        "",
        "| part | s | share |",
        "| --- | ---: | ---: |",
    ]
    for label, measure in BREAKDOWN:
        value = score if label.startswith("`Game.score`") else measure(stats)
        lines.append(f"| {label} | {value:.2f} | {value / total:.0%} |")
    lines += [
        "",
        f"Top {TOP} functions by own time:",
        "",
        "| function | calls | own s | own share | cumulative s |",
        "| --- | ---: | ---: | ---: | ---: |",
    ]
    top = sorted(stats.items(), key=lambda kv: kv[1][2], reverse=True)[:TOP]
    for key, (_, calls, own, cum, _) in top:
        lines.append(f"| `{_where(key)}` | {calls:,} | {own:.2f} | {own / total:.0%} | {cum:.2f} |")
    return [*lines, ""]
