"""Soak benchmark: many games per scenario in one process, resident memory sampled as they run.

    python bench/soak.py --games 100000 [--scenarios railway-sale,...] [--out bench/SOAK_RESULTS.md]

Random agents (seeded per game) play `--games` games of each scenario in this one process, as
a long `simulate --workers 1` would. Resident memory (Linux `/proc/self/statm`) is read after
the first tenth of the games (warm-up: caches fill) and at every further tenth; the report gives
the growth after warm-up, which should stay under 10 % (every cache in the engine is bounded).
"""

from __future__ import annotations

import argparse
import os
import random
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from game import load_game


def resident_mib() -> float:
    """Returns this process's resident memory in MiB (0 where /proc is not there)."""
    try:
        pages = int(Path("/proc/self/statm").read_text().split()[1])
    except (OSError, IndexError, ValueError):
        return 0.0
    return pages * os.sysconf("SC_PAGE_SIZE") / (1 << 20)


def soak(scenario: str, games: int) -> tuple[list[float], float]:
    """Plays `games` random games; returns the memory samples (MiB) and games per second."""
    game = load_game(scenario)
    samples = []
    tenth = max(1, games // 10)
    start = time.perf_counter()
    for i in range(games):
        rng = random.Random(f"soak:{i}")
        state = game.initial_state(i)
        while not game.is_terminal(state):
            state = game.apply(state, rng.choice(game.legal_actions(state, state.to_act)))
        game.observe(state, 0)
        if (i + 1) % tenth == 0:
            samples.append(resident_mib())
    return samples, games / (time.perf_counter() - start)


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--games", type=int, default=100_000)
    parser.add_argument("--scenarios", default="railway-sale,august-1945,fishery-auctions")
    parser.add_argument("--out", type=Path, default=None)
    args = parser.parse_args()
    lines = [
        "# Soak: memory over many games in one process",
        "",
        f"`python bench/soak.py --games {args.games} --scenarios {args.scenarios}` · "
        f"Python {sys.version.split()[0]} · {time.strftime('%Y-%m-%d')}",
        "",
        "| scenario | games | games/s | RSS after warm-up (MiB) | RSS at the end (MiB) | "
        "growth after warm-up | RSS at each tenth (MiB) |",
        "|---|---:|---:|---:|---:|---:|---|",
    ]
    for scenario in args.scenarios.split(","):
        samples, rate = soak(scenario, args.games)
        warm, end = samples[0], samples[-1]
        growth = (end - warm) / warm if warm else 0.0
        lines.append(
            f"| `{scenario}` | {args.games:,} | {rate:,.0f} | {warm:.1f} | {end:.1f} | "
            f"{growth:+.1%} | {' '.join(f'{m:.0f}' for m in samples)} |"
        )
        print(lines[-1], flush=True)
    text = "\n".join(lines) + "\n"
    print(text)
    if args.out:
        args.out.write_text(text, encoding="utf-8")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
