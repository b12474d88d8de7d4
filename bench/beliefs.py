"""Beliefs benchmark (issue 12, "Beliefs"): how close sampled hidden values come to the true
ones, the particle filter (`Belief`) against `Game.determinize`.

    python bench/beliefs.py [--games 30] [--quick] [--agents historical,random] [--workers N]
        [--out bench/BELIEFS_RESULTS.md] [--summary-into bench/RESULTS.md]

For each scenario and each kind of agent, seeded games (seeds 0, 1, …) with that agent on every
side. Each faction keeps a `Belief` as a searching agent does: updated at each of its decisions
with more than one legal move, told each move it makes. At each such decision, for every track
hidden from that faction, the mean absolute error against the true value of the belief's
samples (all its particles: `sample` draws one uniformly and keeps its hidden part) and of as
many `determinize` draws, each divided by the track's range (hi − lo) so that tracks compare.
A track's error in one game is its mean over the faction's decisions; the tables give the mean
over games with a 95 % t-interval, and the same for the paired difference (belief − determinize).
Accuracy, not speed: `--workers` may use several cores without changing a figure.
"""

from __future__ import annotations

import argparse
import datetime
import functools
import math
import random
import statistics
import sys
from collections.abc import Iterable, Sequence
from concurrent.futures import ProcessPoolExecutor
from dataclasses import dataclass
from pathlib import Path

from run import code_version, kept_section, write_section

from game import Game, load_game
from game.agents.base import make_agent
from game.agents.beliefs import PARTICLES, Belief
from game.sim.play import agent_rng

SCENARIOS = ("railway-sale", "fishery-auctions", "august-1945")
HEADING = "## Beliefs (issue 12)"
KEPT = "## Reading"
"""The hand-written reading of the figures at the end of the full report: kept on a rewrite."""

Pair = tuple[int, int]
"""(faction index, track index)."""


@dataclass(frozen=True, slots=True)
class GameErrors:
    """One game's errors: per (faction, hidden track), the mean over that faction's decisions
    of the belief's and determinize's scaled absolute errors."""

    seed: int
    errors: dict[Pair, tuple[float, float]]
    decisions: int
    exact: float
    """Mean share of the particles that agreed exactly with the observation."""
    lost: float
    """Share of the updates where no particle agreed exactly (the nearest were kept)."""


@functools.cache
def _game(scenario: str) -> Game:
    return load_game(scenario)


def play(job: tuple[str, str, int]) -> GameErrors:
    """Plays one game of `scenario` with `agent` on every side; returns its errors."""
    scenario, agent, seed = job
    game = _game(scenario)
    rules = game.rules
    spans = [max(1, t.hi - t.lo) for t in rules.tracks]
    agents = {f.index: make_agent(agent, game, f.index) for f in rules.factions}
    rngs = {f.index: agent_rng(seed, f.id) for f in rules.factions}
    beliefs = {
        f.index: Belief(game, f.index, random.Random(f"{seed}:belief:{f.id}"))
        for f in rules.factions
    }
    urng = {f.index: random.Random(f"{seed}:update:{f.id}") for f in rules.factions}
    drng = {f.index: random.Random(f"{seed}:determinize:{f.id}") for f in rules.factions}
    sums: dict[Pair, list[float]] = {}
    decisions = exact = lost = 0
    state = game.initial_state(seed)
    while not game.is_terminal(state):
        f = state.to_act
        legal = game.legal_actions(state, f)
        obs = game.observe(state, f)
        if len(legal) > 1:
            belief = beliefs[f]
            belief.update(obs, urng[f])
            decisions += 1
            exact += belief.exact
            lost += belief.exact == 0
            values = belief.hidden_values()
            drawn = [game.determinize(obs, drng[f]).tracks for _ in values]
            for j, t in enumerate(belief.hidden_tracks):
                true, span = state.tracks[t], spans[t]
                pf = sum(abs(v[j] - true) for v in values) / len(values) / span
                det = sum(abs(d[t] - true) for d in drawn) / len(drawn) / span
                acc = sums.setdefault((f, t), [0.0, 0.0, 0])
                acc[0] += pf
                acc[1] += det
                acc[2] += 1
        action = agents[f].act(obs, legal, rngs[f])
        beliefs[f].commit(action)
        state = game.apply(state, action)
    errors = {k: (a / n, d / n) for k, (a, d, n) in sums.items()}
    n = max(1, decisions)
    return GameErrors(seed, errors, decisions, exact / n / PARTICLES, lost / n)


# ------------------------------------------------------------------ statistics


_T975 = (12.706, 4.303, 3.182, 2.776, 2.571, 2.447, 2.365, 2.306, 2.262, 2.228)


def t975(df: int) -> float:
    """Student's t 97.5 % quantile (a table to 10 degrees of freedom, then Cornish–Fisher)."""
    if df <= len(_T975):
        return _T975[df - 1]
    z = 1.959964
    return z + (z**3 + z) / (4 * df) + (5 * z**5 + 16 * z**3 + 3 * z) / (96 * df**2)


@dataclass(frozen=True, slots=True)
class Ci:
    mean: float
    half: float
    """Half-width of the 95 % interval (nan with one game)."""
    n: int

    @classmethod
    def of(cls, values: Sequence[float]) -> Ci:
        n = len(values)
        mean = statistics.fmean(values)
        if n < 2:
            return cls(mean, math.nan, n)
        return cls(mean, t975(n - 1) * statistics.stdev(values) / math.sqrt(n), n)

    def pct(self) -> str:
        if math.isnan(self.half):
            return f"{100 * self.mean:.2f}"
        return f"{100 * self.mean:.2f} ± {100 * self.half:.2f}"


def verdict(diff: Ci, values: Iterable[float]) -> str:
    if all(v == 0 for v in values):
        return "same"
    if math.isnan(diff.half):
        return "?"
    if diff.mean - diff.half > 0:
        return "**belief worse**"
    if diff.mean + diff.half < 0:
        return "belief better"
    return "no clear difference"


# ------------------------------------------------------------------ aggregation


@dataclass(frozen=True, slots=True)
class Row:
    faction: str
    track: str
    span: str
    start: str
    pf: Ci
    det: Ci
    diff: Ci
    verdict: str


@dataclass(frozen=True, slots=True)
class Result:
    scenario: str
    agent: str
    games: list[GameErrors]
    rows: list[Row]
    exact_for_both: list[str]
    """Tracks that both methods got exactly right at every decision of every game."""
    overall: tuple[Ci, Ci, Ci]
    informative: tuple[Ci, Ci, Ci]
    """The same, over the tracks not in `exact_for_both`."""


def _overall(games: list[GameErrors], pairs: set[Pair]) -> tuple[Ci, Ci, Ci]:
    pf, det = [], []
    for g in games:
        keys = [k for k in g.errors if k in pairs]
        if keys:
            pf.append(statistics.fmean(g.errors[k][0] for k in keys))
            det.append(statistics.fmean(g.errors[k][1] for k in keys))
    if not pf:
        zero = Ci(0.0, 0.0, 0)
        return zero, zero, zero
    return Ci.of(pf), Ci.of(det), Ci.of([a - b for a, b in zip(pf, det, strict=True)])


def aggregate(scenario: str, agent: str, games: list[GameErrors]) -> Result:
    rules = _game(scenario).rules
    pairs = sorted({k for g in games for k in g.errors})
    rows, exact, exact_pairs = [], [], set()
    for f, t in pairs:
        seen = [g.errors[(f, t)] for g in games if (f, t) in g.errors]
        track, who = rules.tracks[t], rules.factions[f].id
        if all(a == 0 and d == 0 for a, d in seen):
            exact.append(f"{who}: `{track.id}`")
            exact_pairs.add((f, t))
            continue
        diffs = [a - d for a, d in seen]
        high = max(track.initial, track.initial_high)
        start = f"{track.initial}" if high == track.initial else f"{track.initial}–{high}"
        diff = Ci.of(diffs)
        rows.append(
            Row(
                who,
                track.id,
                f"{track.lo}–{track.hi}",
                start,
                Ci.of([a for a, _ in seen]),
                Ci.of([d for _, d in seen]),
                diff,
                verdict(diff, [abs(x) for pair in seen for x in pair]),
            )
        )
    informative = set(pairs) - exact_pairs
    return Result(
        scenario,
        agent,
        games,
        rows,
        exact,
        _overall(games, set(pairs)),
        _overall(games, informative),
    )


# ---------------------------------------------------------------------- report


def summary_table(results: list[Result]) -> list[str]:
    out = [
        "| scenario | agents | games | decisions/game | exact particles | no exact | "
        "belief MAE % | "
        "determinize MAE % | belief − determinize | … over tracks not always exact | "
        "tracks: belief better / worse / unclear / exact for both |",
        "| --- | --- | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | --- |",
    ]
    for r in results:
        pf, det, diff = r.overall
        better = sum(row.verdict == "belief better" for row in r.rows)
        worse = sum(row.verdict == "**belief worse**" for row in r.rows)
        unclear = len(r.rows) - better - worse
        out.append(
            f"| `{r.scenario}` | {r.agent} | {len(r.games)} | "
            f"{statistics.fmean(g.decisions for g in r.games):.0f} | "
            f"{statistics.fmean(g.exact for g in r.games):.0%} | "
            f"{statistics.fmean(g.lost for g in r.games):.0%} | {pf.pct()} | {det.pct()} | "
            f"{diff.pct()} | {r.informative[2].pct()} | {better} / {worse} / {unclear} / "
            f"{len(r.exact_for_both)} |"
        )
    return out


def worse_lines(results: list[Result]) -> list[str]:
    out = []
    for r in results:
        worse = [row for row in r.rows if row.verdict == "**belief worse**"]
        if worse:
            names = ", ".join(
                f"{row.faction}: `{row.track}` ({row.pf.pct()} vs {row.det.pct()})" for row in worse
            )
            out.append(f"- `{r.scenario}`, {r.agent}: {names}")
    return out or ["- none"]


def track_table(r: Result) -> list[str]:
    out = [
        f"### `{r.scenario}`, every side {r.agent} ({len(r.games)} games)",
        "",
        "| faction | hidden track | range | start | belief MAE % | determinize MAE % | "
        "belief − determinize | verdict |",
        "| --- | --- | --- | --- | ---: | ---: | ---: | --- |",
    ]
    for row in r.rows:
        out.append(
            f"| {row.faction} | `{row.track}` | {row.span} | {row.start} | {row.pf.pct()} | "
            f"{row.det.pct()} | {row.diff.pct()} | {row.verdict} |"
        )
    pf, det, diff = r.overall
    out.append(
        f"| **overall** (mean of all {len(r.rows) + len(r.exact_for_both)} hidden tracks) | | "
        f"| | {pf.pct()} | {det.pct()} | {diff.pct()} | |"
    )
    out.append("")
    if r.exact_for_both:
        out += [f"Exact for both at every decision: {', '.join(r.exact_for_both)}.", ""]
    return out


def header(args: argparse.Namespace, command: str, started: str) -> list[str]:
    return [
        f"- Run: {started}; code: amur {code_version()}",
        f"- Command: `{command}`",
        f"- {args.games} games per scenario and agent kind (seeds 0–{args.games - 1}); "
        f"{PARTICLES} particles per belief, as many determinize draws; errors in % of the "
        "track's range, mean over games ± the 95 % t-interval's half-width.",
    ]


def summary(results: list[Result], head: list[str], out: Path) -> str:
    return "\n".join(
        [
            HEADING,
            "",
            f"Particle filter (`Belief`) against `Game.determinize`: mean absolute error of "
            f"sampled hidden values; every hidden track per faction in `{out.as_posix()}`.",
            "",
            *head,
            "",
            *summary_table(results),
            "",
            "Tracks where the belief is worse than determinize (95 % interval of the paired "
            "difference above zero):",
            "",
            *worse_lines(results),
            "",
        ]
    )


def full_report(results: list[Result], head: list[str], kept: str) -> str:
    lines = [
        "# Beliefs: sampled hidden values against the true ones",
        "",
        __doc__.split("\n\n", 2)[2].strip(),
        "",
        *head,
        "",
        "## Summary",
        "",
        *summary_table(results),
        "",
        "`exact particles`: mean share of the particles that agreed exactly with the "
        "observation at an update (those are kept); `no exact`: share of the updates where "
        "none did, and the nearest quarter was kept instead.",
        "",
        "Tracks where the belief is worse than determinize:",
        "",
        *worse_lines(results),
        "",
        "## Every hidden track",
        "",
    ]
    for r in results:
        lines += track_table(r)
    return "\n".join(lines).rstrip("\n") + "\n" + kept


# ---------------------------------------------------------------------- main


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--games", type=int, default=30, help="games per scenario and agent")
    parser.add_argument("--quick", action="store_true", help="5 games each")
    parser.add_argument("--agents", default="historical,random", help="agent kinds, one run each")
    parser.add_argument("--scenarios", default=",".join(SCENARIOS))
    parser.add_argument("--workers", type=int, default=1, help="processes (figures unchanged)")
    parser.add_argument("--out", type=Path, default=Path("bench/BELIEFS_RESULTS.md"))
    parser.add_argument("--summary-into", type=Path, help="replace this file's beliefs section")
    args = parser.parse_args(argv)
    if args.quick:
        args.games = 5
    if args.games < 1 or args.workers < 1:
        parser.error("--games and --workers must be positive")
    command = "python bench/beliefs.py " + " ".join(sys.argv[1:] if argv is None else argv)
    started = datetime.datetime.now().astimezone().isoformat(timespec="seconds")
    results = []
    runs = [(s, a) for s in args.scenarios.split(",") if s for a in args.agents.split(",") if a]
    pool = ProcessPoolExecutor(args.workers) if args.workers > 1 else None
    for scenario, agent in runs:
        print(f"beliefs: {scenario}, {agent} ...", file=sys.stderr, flush=True)
        jobs = [(scenario, agent, seed) for seed in range(args.games)]
        games = list(pool.map(play, jobs)) if pool else [play(job) for job in jobs]
        results.append(aggregate(scenario, agent, games))
    if pool:
        pool.shutdown()
    head = header(args, command.strip(), started)
    text = full_report(results, head, kept_section(args.out, KEPT))
    args.out.write_text(text, encoding="utf-8")
    short = summary(results, head, args.out)
    print(short)
    if args.summary_into:
        write_section(args.summary_into, HEADING, short)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
