"""Research-environment benchmark (issue 17, "Speed"): environment steps per second through the
PettingZoo and Gymnasium wrappers beside the raw engine, and beside OpenSpiel's own Python game
`python_tic_tac_toe`, all in one run.

Run as `python bench/env.py --out bench/ENV_RESULTS.md` (what `make bench` does). Every loop plays
whole games with a seeded uniform random policy over the legal moves, and counts engine moves
(one `Game.apply` each). For each scenario:

- **engine**: `legal_actions`, a choice, `apply` — the engine alone, the baseline of the AEC form;
- **PettingZoo AEC**: `agent_iter`, `last()` (the side's vector and mask), a choice from the
  mask, `step` — the AEC's time per move over the engine's gives the wrapper's cost;
- **PettingZoo parallel**: `step` with one order from every side (counted per engine move);
- **agents**: `game.sim.play` with a random agent at every side — the engine with the Agent
  protocol (each agent is shown its `Observation`), the baseline of the Gymnasium form, whose
  other sides are such agents;
- **Gymnasium**: one side through `AmurEnv` (`action_masks()`, a choice, `step`), the others
  random agents; per engine move, the side's and the others';
- **OpenSpiel**: the scenario's OpenSpiel game (`game.env.spiel`, if present), per move.

The figures are medians of `--repeats` timed runs of `--games` games each, after a warm-up run.
The target: a wrapper's time per move at most 2× its baseline's.
"""

from __future__ import annotations

import argparse
import datetime
import os
import platform
import random
import statistics
import sys
from collections.abc import Callable
from pathlib import Path
from time import perf_counter

import numpy as np
from run import code_version, cpu_model, dist_version

from game import load_game
from game.agents.base import make_agents
from game.core.game import Game
from game.core.state import OVER
from game.env.aec import env as aec_env
from game.env.parallel import parallel_env
from game.env.single import AmurEnv
from game.sim.play import play

SCENARIOS = ("railway-sale", "fishery-auctions", "august-1945")
TARGET = 2.0
"""Issue 17: a wrapper's time per step at most 2× the raw engine's."""

Loop = Callable[[int], None]
"""Plays the benchmark's games from a first seed."""


def engine_loop(game: Game, games: int) -> Loop:
    def run(seed: int) -> None:
        rng = random.Random(seed)
        for s in range(seed, seed + games):
            state = game.initial_state(s)
            while state.phase != OVER:
                state = game.apply(state, rng.choice(game.legal_actions(state, state.to_act)))

    return run


def aec_loop(game: Game, games: int) -> Loop:
    e = aec_env(game)

    def run(seed: int) -> None:
        rng = np.random.default_rng(seed)
        for s in range(seed, seed + games):
            e.reset(seed=s)
            for _ in e.agent_iter():
                obs, _, terminated, truncated, _ = e.last()
                if terminated or truncated:
                    e.step(None)
                    continue
                legal = np.flatnonzero(obs["action_mask"])
                e.step(int(legal[rng.integers(len(legal))]))

    return run


def parallel_loop(game: Game, games: int) -> Loop:
    e = parallel_env(game)

    def run(seed: int) -> None:
        rng = np.random.default_rng(seed)
        for s in range(seed, seed + games):
            obs, _ = e.reset(seed=s)
            while e.agents:
                actions = {}
                for agent in e.agents:
                    legal = np.flatnonzero(obs[agent]["action_mask"])
                    actions[agent] = int(legal[rng.integers(len(legal))])
                obs, *_ = e.step(actions)

    return run


def agents_loop(game: Game, games: int) -> Loop:
    names = {f.id: "random" for f in game.rules.factions}

    def run(seed: int) -> None:
        for s in range(seed, seed + games):
            play(game, make_agents(game, names), s)

    return run


def gym_loop(game: Game, games: int) -> Loop:
    side = game.rules.factions[0].id
    e = AmurEnv(game, side, opponents="random")

    def run(seed: int) -> None:
        rng = np.random.default_rng(seed)
        for s in range(seed, seed + games):
            e.reset(seed=s)
            done = False
            while not done:
                legal = np.flatnonzero(e.action_masks())
                _, _, terminated, truncated, _ = e.step(int(legal[rng.integers(len(legal))]))
                done = terminated or truncated

    return run


def spiel_loop(name: str, games: int) -> Loop | None:
    """OpenSpiel's random play of a registered game (its chance nodes drawn by the same
    generator); None where open_spiel or the game is missing."""
    try:
        import pyspiel

        if name.startswith("python_amur"):
            import game.env.spiel  # noqa: F401 — registers the scenarios
        else:
            import open_spiel.python.games  # noqa: F401 — registers OpenSpiel's Python games
        spiel_game = pyspiel.load_game(name)
    except Exception:
        return None

    def run(seed: int) -> None:
        rng = random.Random(seed)
        for _ in range(games):
            state = spiel_game.new_initial_state()
            while not state.is_terminal():
                if state.is_chance_node():
                    outcomes, probs = zip(*state.chance_outcomes(), strict=True)
                    state.apply_action(rng.choices(outcomes, probs)[0])
                else:
                    state.apply_action(rng.choice(state.legal_actions()))

    return run


def counted(game: Game | None, loop: Loop, seed: int) -> int:
    """Returns the moves one run of `loop` makes: the engine's `apply` calls on `game` (counted
    in an untimed run; the timed runs repeat the same games), or OpenSpiel's `apply_action`
    calls where `game` is None."""
    if game is None:
        import pyspiel

        calls = [0]
        apply = pyspiel.State.apply_action

        def counting_spiel(state: object, action: int) -> None:
            calls[0] += 1
            apply(state, action)

        pyspiel.State.apply_action = counting_spiel
        try:
            loop(seed)
        finally:
            pyspiel.State.apply_action = apply
        return calls[0]
    moves = [0]
    engine_apply = game.apply

    def counting(state: object, action: object) -> object:
        moves[0] += 1
        return engine_apply(state, action)  # type: ignore[arg-type]

    game.apply = counting  # type: ignore[method-assign]
    try:
        loop(seed)
    finally:
        del game.apply
    return moves[0]


def timed(loop: Loop, repeats: int, seed: int) -> float:
    """Returns the median seconds of `repeats` runs of `loop` (after an untimed warm-up)."""
    loop(seed)
    times = []
    for _ in range(repeats):
        start = perf_counter()
        loop(seed)
        times.append(perf_counter() - start)
    return statistics.median(times)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--games", type=int, default=20)
    parser.add_argument("--repeats", type=int, default=5)
    parser.add_argument("--seed", type=int, default=1)
    parser.add_argument("--out", type=Path, default=None)
    args = parser.parse_args(argv)
    rows: list[tuple[str, str, float, float, str]] = []
    load = os.getloadavg()[0]
    for scenario in SCENARIOS:
        game = load_game(scenario)
        base = {}
        for label, make, baseline in (
            ("engine", engine_loop, None),
            ("PettingZoo AEC", aec_loop, "engine"),
            ("PettingZoo parallel", parallel_loop, "engine"),
            ("agents (game.sim.play)", agents_loop, None),
            ("Gymnasium, one side", gym_loop, "agents (game.sim.play)"),
        ):
            loop = make(game, args.games)
            moves = counted(game, loop, args.seed)
            seconds = timed(loop, args.repeats, args.seed)
            per_move = seconds / moves
            base[label] = per_move
            ratio = f"{per_move / base[baseline]:.2f}× {baseline}" if baseline else "baseline"
            if label.startswith("Gymnasium"):
                ratio += f" ({per_move / base['engine']:.2f}× engine)"
            rows.append((scenario, label, moves / seconds, per_move * 1e6, ratio))
            print(f"{scenario:18} {label:24} {moves / seconds:9.0f} moves/s  {ratio}", flush=True)
        name = "python_amur_" + scenario.replace("-", "_")
        spiel = spiel_loop(name, args.games)
        if spiel is not None:
            moves = counted(None, spiel, args.seed)
            seconds = timed(spiel, args.repeats, args.seed)
            per = seconds / moves
            ratio = f"{per / base['engine']:.2f}× engine"
            rows.append((scenario, f"OpenSpiel `{name}`", moves / seconds, per * 1e6, ratio))
            print(f"{scenario:18} {'OpenSpiel':24} {moves / seconds:9.0f} moves/s  {ratio}")
    ttt = spiel_loop("python_tic_tac_toe", args.games * 50)
    if ttt is not None:
        moves = counted(None, ttt, args.seed)
        seconds = timed(ttt, args.repeats, args.seed)
        rows.append(("—", "OpenSpiel `python_tic_tac_toe`", moves / seconds, seconds / moves * 1e6,
                     "OpenSpiel's own Python game"))  # fmt: skip
        print(f"tic-tac-toe {moves / seconds:9.0f} moves/s", flush=True)
    report = render(args, rows, load)
    if args.out:
        args.out.write_text(report)
    else:
        sys.stdout.write(report)
    return 0


def render(
    args: argparse.Namespace, rows: list[tuple[str, str, float, float, str]], load: float
) -> str:
    lines = [
        "# Research environments: steps per second",
        "",
        f"Measured {datetime.date.today().isoformat()} by `python bench/env.py` on "
        f"{cpu_model()} ({platform.python_implementation()} {platform.python_version()}, "
        f"load average {load:.2f} at the start), Amur {code_version()}, "
        f"PettingZoo {dist_version('pettingzoo')}, Gymnasium {dist_version('gymnasium')}, "
        f"OpenSpiel {dist_version('open_spiel')}.",
        "",
        f"Whole games with a seeded uniform random policy over the legal moves, {args.games} games "
        f"per run, the median of {args.repeats} runs after a warm-up; a move is one engine "
        "`apply` (OpenSpiel: one `apply_action`, its chance node included). The target "
        f"(issue 17): a wrapper's time per move at most {TARGET:g}× its baseline's, measured in "
        "the same run. What each loop does is in the docstring of `bench/env.py`.",
        "",
        "| scenario | loop | moves/s | µs per move | against |",
        "|---|---|---:|---:|---|",
    ]
    for scenario, label, rate, micro, ratio in rows:
        lines.append(f"| {scenario} | {label} | {rate:,.0f} | {micro:.1f} | {ratio} |")
    return "\n".join(lines) + "\n"


if __name__ == "__main__":
    raise SystemExit(main())
