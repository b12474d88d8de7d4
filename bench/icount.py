"""Instructions the engine and search execute, A/B between two commits (Valgrind's callgrind).

    python bench/icount.py --base 06dffa0 [--head HEAD] [--moves 30] [--out bench/ICOUNT_RESULTS.md]

CPU time on this project's machine wanders by half within an hour, so a change worth a few per
cent is lost in `bench/ab.py`'s rounds. The number of machine instructions a program executes
does not depend on what else the machine is doing: with string hashing fixed (the harness sets
PYTHONHASHSEED=0) one commit's railway count repeated to a part in a million, though another's
moved by up to 2 % between runs (bench/ICOUNT_RESULTS.md), against half for CPU time.
This harness counts them with `valgrind --tool=callgrind` (about 40 times slower than a plain
run) for each scenario and each commit: the first `--moves` moves of game 0 of
`simulate --seed 1` with every side `persona:fast` (search, beliefs and the engine together),
less the count of a run that stops before the first move (imports and loading the scenario).
Both commits must reach the same state (its hash is compared): different games would not be a
like-for-like count. Each commit is checked out into a temporary git worktree; the two sides of
a scenario run at once, one per core.

Instructions are not time: a change that saves memory traffic or a collector's pass may save
more time than instructions, and one that trades work for a cache miss less. It is the measure
for changes to the interpreted hot loop, where the two move together.
"""

from __future__ import annotations

import argparse
import re
import shutil
import subprocess
import sys
import tempfile
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

from trees import commit_of, worktrees

SCENARIOS = ("railway-sale", "fishery-auctions", "august-1945")

WORKER = r"""
import sys
import game
from game import load_game
from game.agents.base import make_agents
from game.core.serial import state_hash
from game.sim.batch import game_seed
from game.sim.play import play

scenario, moves = sys.argv[1], int(sys.argv[2])
g = load_game(scenario)
names = {f.id: "persona:fast" for f in g.rules.factions}
seen = [0]

class Enough(Exception):
    pass

def count(state, action, choices):
    seen[0] += 1
    if seen[0] >= moves:
        raise Enough(state_hash(g.apply(state, action)))

reached = "start"
if moves:
    try:
        play(g, make_agents(g, names), game_seed(1, 0), names=names, on_action=count)
        reached = "the end"
    except Enough as done:
        reached = str(done)
print(game.__file__)
print(reached)
"""

COLLECTED = re.compile(r"Collected : (\d+)")


def count(tree: Path, scenario: str, moves: int) -> tuple[int, str]:
    """Returns the instructions of one run and the hash of the state it reached."""
    with tempfile.NamedTemporaryFile(prefix="amur-cg-") as out:
        cmd = [
            "valgrind",
            "--tool=callgrind",
            f"--callgrind-out-file={out.name}",
            sys.executable,
            "-c",
            WORKER,
            scenario,
            str(moves),
        ]
        env = {
            "PYTHONPATH": str(tree),
            "PATH": "/usr/bin:/bin",
            "SDL_VIDEODRIVER": "dummy",
            # String hashes fixed: dictionaries then probe alike in every run (with them
            # random, the same run's count varied by about 1 %).
            "PYTHONHASHSEED": "0",
        }
        done = subprocess.run(cmd, cwd=tree, env=env, capture_output=True, text=True, check=True)
    found = COLLECTED.search(done.stderr)
    if found is None:
        raise SystemExit(f"callgrind gave no count for {scenario} in {tree}:\n{done.stderr}")
    file, reached = done.stdout.split()[:2]
    if not file.startswith(str(tree)):
        raise SystemExit(f"{file} is not from {tree}: PYTHONPATH did not take")
    return int(found.group(1)), reached


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--base", required=True, help="the commit to compare against")
    parser.add_argument("--head", default="HEAD")
    parser.add_argument("--moves", type=int, default=30, help="moves of game 0 counted")
    parser.add_argument("--scenario", action="append", choices=SCENARIOS, default=None)
    parser.add_argument("--out", type=Path, default=None, help="write the Markdown report here")
    args = parser.parse_args()
    if shutil.which("valgrind") is None:
        raise SystemExit("valgrind is not installed (Debian: apt-get install valgrind)")
    if args.moves < 1:
        raise SystemExit("--moves must be at least 1")
    base, head = commit_of(args.base), commit_of(args.head)
    scenarios = args.scenario or list(SCENARIOS)
    rows = []
    with worktrees(base, head, "amur-icount-") as trees, ThreadPoolExecutor(2) as pool:
        for scenario in scenarios:
            runs = {
                (side, moves): pool.submit(count, trees[side], scenario, moves)
                for side in trees
                for moves in (0, args.moves)
            }
            got = {key: run.result() for key, run in runs.items()}
            play = {s: got[(s, args.moves)][0] - got[(s, 0)][0] for s in trees}
            reached = {s: got[(s, args.moves)][1] for s in trees}
            same = reached["base"] == reached["head"]
            rows.append((scenario, play["base"], play["head"], same))
            print(
                f"{scenario}: base {play['base']:,} head {play['head']:,} "
                f"({play['head'] / play['base']:.3f}){'' if same else ' DIFFERENT GAMES'}",
                flush=True,
            )
    text = report(base, head, args.moves, rows)
    print(text)
    if args.out:
        args.out.write_text(text, encoding="utf-8")


def report(base: str, head: str, moves: int, rows: list[tuple[str, int, int, bool]]) -> str:
    lines = [
        "# Instructions executed, A/B (callgrind)",
        "",
        f"- Base {base}, head {head}: the first {moves} moves of game 0 of `simulate --seed 1`, "
        "every side `persona:fast`, less a run that stops before the first move.",
        f"- Command: `python bench/icount.py --base {base} --head {head} --moves {moves}`",
        "",
        "| scenario | base instructions | head instructions | head/base | same state |",
        "| --- | ---: | ---: | ---: | --- |",
    ]
    for scenario, b, h, same in rows:
        lines.append(
            f"| {scenario} | {b:,} | {h:,} | {h / b:.3f} | {'yes' if same else '**no**'} |"
        )
    return "\n".join(lines) + "\n"


if __name__ == "__main__":
    main()
