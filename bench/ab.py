"""Interleaved A/B of the engine's speed between two commits, in the same run.

    python bench/ab.py --base 916cd21 [--head HEAD] [--rounds 7] [--out bench/AB_RESULTS.md]

Each commit is checked out into a temporary git worktree; every round plays, for each scenario,
the same random playouts (seeded `random.Random`, uniform over the legal actions) first on one
side, then on the other, each in a fresh process pinned to CPU 0 where `taskset` exists, with
the worktree first on `PYTHONPATH`. Both sides must play the same games (the step counts are
compared). Speeds are CPU-time figures (`time.process_time`), so a busy machine slows both sides
alike; the report gives each side's median, the ratio of medians and the spread of the per-round
ratios, and the per-call cost of `legal_actions`, `apply` and `observe`.

With `--persona N`, every round also plays N games of each scenario with every side
`persona:fast` (the batch runs' AI: search, beliefs and the engine together), the games of
`simulate --seed 1`, on each side in a fresh process; both sides must end every game in the same
state (the final states' hashes are compared), and the report gives CPU seconds per game.
"""

from __future__ import annotations

import argparse
import json
import os
import shutil
import statistics
import subprocess
import sys
from pathlib import Path
from typing import Any

from trees import commit_of, worktrees

GAMES = {"railway-sale": 1500, "august-1945": 200, "fishery-auctions": 250}
"""Games per timed pass (about 2 s each on one core)."""

WORKER = r"""
import json, random, sys
from time import process_time
import game
from game import load_game

scenario, n = sys.argv[1], int(sys.argv[2])
g = load_game(scenario)

def playouts(count):
    steps, pairs = 0, []
    for seed in range(count):
        rng = random.Random(seed)
        state = g.initial_state(seed)
        while not g.is_terminal(state):
            action = rng.choice(g.legal_actions(state, g.to_act(state)))
            if len(pairs) < 3000:
                pairs.append((state, action))
            state = g.apply(state, action)
            steps += 1
    return steps, pairs

playouts(n)  # warm-up: fills the mechanics' action caches
t = process_time()
steps, pairs = playouts(n)
cpu = process_time() - t

def per_call(fn):
    best = float("inf")
    for _ in range(3):
        t = process_time()
        fn()
        best = min(best, process_time() - t)
    return best / len(pairs) * 1e6

out = {
    "file": game.__file__,
    "steps": steps,
    "steps_per_s": steps / cpu,
    "legal_us": per_call(lambda: [g.legal_actions(s, s.to_act) for s, _ in pairs]),
    "apply_us": per_call(lambda: [g.apply(s, a) for s, a in pairs]),
    "observe_us": per_call(lambda: [g.observe(s, 0) for s, _ in pairs]),
}
print(json.dumps(out))
"""


PERSONA_WORKER = r"""
import json, sys
from time import process_time
import game
from game import load_game
from game.sim.batch import game_seed, play_one

scenario, n = sys.argv[1], int(sys.argv[2])
g = load_game(scenario)
agents = {f.id: "persona:fast" for f in g.rules.factions}
hashes = []
t = process_time()
for i in range(n):
    hashes.append(play_one(g, agents, game_seed(1, i), i)["state_hash"])
cpu = process_time() - t
print(json.dumps({"file": game.__file__, "hashes": hashes, "s_per_game": cpu / n}))
"""


def run_side(tree: Path, scenario: str, games: int, worker: str = WORKER) -> dict[str, Any]:
    env = dict(os.environ, PYTHONPATH=str(tree))
    env.pop("AMUR_SCENARIOS", None)
    pin = ["taskset", "-c", "0"] if shutil.which("taskset") else []
    cmd = [*pin, sys.executable, "-c", worker, scenario, str(games)]
    done = subprocess.run(cmd, cwd=tree, env=env, capture_output=True, text=True, check=True)
    result: dict[str, Any] = json.loads(done.stdout)
    assert str(result["file"]).startswith(str(tree)), f"{result['file']} is not from {tree}"
    return result


def report(base: str, head: str, rounds: list[dict[str, Any]]) -> str:
    persona = [r["persona"] for r in rounds if "persona" in r]
    command = f"python bench/ab.py --base {base} --head {head} --rounds {len(rounds)}"
    if persona:
        command += f" --persona {len(persona[0][next(iter(GAMES))]['base']['hashes'])}"
    lines = [
        "# Engine speed, A/B in one run",
        "",
        f"- Base {base}, head {head}; {len(rounds)} interleaved rounds (base then head, each "
        "scenario, fresh processes pinned to CPU 0); CPU-time figures.",
        f"- Command: `{command}`",
        "",
        "| scenario | base steps/s | head steps/s | head/base | per-round ratios | "
        "legal µs (base → head) | apply µs | observe µs |",
        "| --- | ---: | ---: | ---: | ---: | ---: | ---: | ---: |",
    ]
    for scenario in GAMES:
        pairs = [r[scenario] for r in rounds]
        assert all(p["base"]["steps"] == p["head"]["steps"] for p in pairs), "different games"

        def med(side: str, key: str, pairs: list[dict[str, dict[str, float]]] = pairs) -> float:
            return statistics.median(p[side][key] for p in pairs)

        ratios = [p["head"]["steps_per_s"] / p["base"]["steps_per_s"] for p in pairs]
        calls = [f"{med('base', k):.1f} → {med('head', k):.1f}" for k in ("legal_us", "apply_us")]
        calls.append(f"{med('base', 'observe_us'):.1f} → {med('head', 'observe_us'):.1f}")
        lines.append(
            f"| {scenario} | {med('base', 'steps_per_s'):,.0f} | {med('head', 'steps_per_s'):,.0f}"
            f" | {med('head', 'steps_per_s') / med('base', 'steps_per_s'):.3f}"
            f" | {min(ratios):.2f}–{max(ratios):.2f} | " + " | ".join(calls) + " |"
        )
    if persona:
        lines += persona_table(persona)
    return "\n".join(lines) + "\n"


def persona_table(rounds: list[dict[str, dict[str, Any]]]) -> list[str]:
    """The persona games' rows: CPU seconds a game on each side, and the ratio head/base."""
    games = len(rounds[0][next(iter(GAMES))]["base"]["hashes"])
    lines = [
        "",
        f"Persona games ({games} a scenario a round, every side `persona:fast`, the games of "
        "`simulate --seed 1`; the same final states on both sides):",
        "",
        "| scenario | base s/game | head s/game | head/base | per-round ratios |",
        "| --- | ---: | ---: | ---: | ---: |",
    ]
    for scenario in GAMES:
        pairs = [r[scenario] for r in rounds]
        assert all(p["base"]["hashes"] == p["head"]["hashes"] for p in pairs), "different games"
        base = statistics.median(p["base"]["s_per_game"] for p in pairs)
        head = statistics.median(p["head"]["s_per_game"] for p in pairs)
        ratios = [p["head"]["s_per_game"] / p["base"]["s_per_game"] for p in pairs]
        lines.append(
            f"| {scenario} | {base:.2f} | {head:.2f} | {head / base:.3f} | "
            f"{min(ratios):.2f}–{max(ratios):.2f} |"
        )
    return lines


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--base", required=True, help="the commit to compare against")
    parser.add_argument("--head", default="HEAD")
    parser.add_argument("--rounds", type=int, default=7)
    parser.add_argument("--out", type=Path, default=None, help="write the Markdown report here")
    parser.add_argument(
        "--persona", type=int, default=0, metavar="N", help="also N persona games a scenario"
    )
    args = parser.parse_args()
    base, head = commit_of(args.base), commit_of(args.head)
    with worktrees(base, head, "amur-ab-") as trees:
        rounds = []
        for r in range(args.rounds):
            row: dict[str, Any] = {}
            for scenario, games in GAMES.items():
                sides = ("base", "head")
                row[scenario] = {s: run_side(trees[s], scenario, games) for s in sides}
                b, h = (row[scenario][s]["steps_per_s"] for s in ("base", "head"))
                print(f"round {r}: {scenario} base {b:,.0f} head {h:,.0f} ({h / b:.3f})")
            if args.persona:
                persona: dict[str, dict[str, Any]] = {}
                for scenario in GAMES:
                    persona[scenario] = {
                        s: run_side(trees[s], scenario, args.persona, PERSONA_WORKER)
                        for s in ("base", "head")
                    }
                    b, h = (persona[scenario][s]["s_per_game"] for s in ("base", "head"))
                    print(f"round {r}: {scenario} persona base {b:.2f} s head {h:.2f} s")
                row["persona"] = persona
            rounds.append(row)
    text = report(base, head, rounds)
    print(text)
    if args.out:
        args.out.write_text(text, encoding="utf-8")


if __name__ == "__main__":
    main()
