"""Mutation-fuzz benchmark: many mutated copies of the shipped scenarios, on all cores.

    python bench/fuzz.py --inputs 21000 [--out bench/FUZZ_RESULTS.md]

Each input is a shipped scenario with random mutations (`tests/scenario/mutate.py`); loading it
must work or raise the project's ScenarioError. Anything else — another exception, or a load
that takes longer than 10 s — is counted as a failure and printed. The tests run 2,000 inputs
of the railway sale; this runs as many as asked, spread over the three scenarios.
"""

from __future__ import annotations

import argparse
import os
import random
import sys
import time
from collections import Counter
from concurrent.futures import ProcessPoolExecutor
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from game.scenario.errors import ScenarioError
from tests.scenario.helpers import HangError, time_limit
from tests.scenario.mutate import load_text, mutate, shipped

SCENARIOS = ("railway-sale", "fishery-auctions", "august-1945")


def run(job: tuple[str, int, int]) -> tuple[str, Counter[str], list[str]]:
    """Runs `count` inputs of one scenario from seed `seed`; returns the outcome counts."""
    scenario, seed, count = job
    text = shipped(scenario)
    rng = random.Random(f"fuzz:{scenario}:{seed}")
    counts: Counter[str] = Counter()
    failures: list[str] = []
    for i in range(count):
        fuzzed = mutate(text, rng, rounds=rng.randint(1, 4))
        try:
            with time_limit(10):
                load_text(fuzzed)
            counts["loaded"] += 1
        except ScenarioError as exc:
            counts["clean error"] += 1
            if any(p.line is None for p in exc.problems):
                counts["… without a line"] += 1
        except HangError:
            counts["hang"] += 1
            failures.append(f"{scenario} seed {seed} input {i}: hang")
        except Exception as exc:
            counts["other exception"] += 1
            failures.append(f"{scenario} seed {seed} input {i}: {type(exc).__name__}: {exc}")
    return scenario, counts, failures


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--inputs", type=int, default=21_000)
    parser.add_argument("--out", type=Path, default=None)
    args = parser.parse_args()
    per = args.inputs // len(SCENARIOS)
    chunk = 250
    jobs = [(s, k, min(chunk, per - k * chunk)) for s in SCENARIOS for k in range(-(-per // chunk))]
    totals: dict[str, Counter[str]] = {s: Counter() for s in SCENARIOS}
    failures: list[str] = []
    start = time.perf_counter()
    with ProcessPoolExecutor(max_workers=os.cpu_count() or 1) as pool:
        for scenario, counts, failed in pool.map(run, jobs):
            totals[scenario].update(counts)
            failures.extend(failed)
    seconds = time.perf_counter() - start
    kinds = ("loaded", "clean error", "… without a line", "other exception", "hang")
    lines = [
        "# Mutation fuzzing of the scenario loader",
        "",
        f"`python bench/fuzz.py --inputs {args.inputs}` · {time.strftime('%Y-%m-%d')} · "
        f"{seconds:.0f} s on {os.cpu_count()} cores",
        "",
        "| scenario | inputs | " + " | ".join(kinds) + " |",
        "|---|---:|" + "---:|" * len(kinds),
    ]
    for s in SCENARIOS:
        n = sum(totals[s].values())
        lines.append(f"| `{s}` | {n:,} | " + " | ".join(f"{totals[s][k]:,}" for k in kinds) + " |")
    lines += ["", f"Failures: {len(failures)}", *[f"- {f}" for f in failures[:50]]]
    text = "\n".join(lines) + "\n"
    print(text)
    if args.out:
        args.out.write_text(text, encoding="utf-8")
    return 1 if failures else 0


if __name__ == "__main__":
    raise SystemExit(main())
