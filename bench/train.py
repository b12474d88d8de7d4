"""The training example of docs/research.md (issue 17): a small MaskablePPO policy for one side,
trained on the CPU in minutes, then compared with the game's own agents by `tournament`.

    pip install torch==2.13.0 sb3-contrib      # a CPU build of torch first (docs/research.md)
    python bench/train.py --out bench/TRAIN_RESULTS.md

It trains sb3-contrib's MaskablePPO on `AmurEnv` (one side, the others seated by `--opponents`),
on `--envs` environments in worker processes, for `--timesteps` of the side's moves; saves the
model (`--model`); then runs `python main.py tournament` with the model seated as an agent
(`py:game.env.policy:maskable@MODEL`) beside the game's agents in the same seat, on paired seeds,
and writes the times and the tournament's tables to `--out`. Nothing is downloaded.
"""

from __future__ import annotations

import argparse
import datetime
import os
import platform
import sys
import time
from itertools import zip_longest
from pathlib import Path

from run import code_version, cpu_model, dist_version

ROOT = Path(__file__).resolve().parents[1]


def make_env(scenario: str, side: str, opponents: str, objective: str, rank: int):  # type: ignore[no-untyped-def]
    """Returns a function that builds one monitored environment (for SubprocVecEnv)."""

    def build():  # type: ignore[no-untyped-def]
        import torch
        from stable_baselines3.common.monitor import Monitor

        from game.env.single import AmurEnv

        torch.set_num_threads(1)
        env = AmurEnv(scenario, side, opponents=opponents, objective=objective)
        env.reset(seed=10_000 + rank)  # each worker its own sequence of games
        return Monitor(env)

    return build


def train(args: argparse.Namespace) -> tuple[float, int, list[float]]:
    """Trains and saves the model; returns the seconds it took, the episodes played and the
    mean final score of each tenth of them."""
    import torch
    from sb3_contrib import MaskablePPO
    from stable_baselines3.common.vec_env import DummyVecEnv, SubprocVecEnv

    torch.set_num_threads(1)
    builders = [
        make_env(args.scenario, args.side, args.opponents, args.objective, r)
        for r in range(args.envs)
    ]
    vec = SubprocVecEnv(builders) if args.envs > 1 else DummyVecEnv(builders)
    model = MaskablePPO(
        "MlpPolicy",
        vec,
        n_steps=args.n_steps,
        batch_size=128,
        learning_rate=3e-4,
        gamma=1.0,  # one reward, at the game's end: no discount
        ent_coef=0.01,
        policy_kwargs={"net_arch": [64, 64]},
        seed=args.seed,
        device="cpu",
        verbose=0,
    )
    start = time.perf_counter()
    model.learn(total_timesteps=args.timesteps)
    seconds = time.perf_counter() - start
    # each environment's games in order, interleaved: near enough the order they were played
    per_env = vec.env_method("get_episode_rewards")
    returns = [float(r) for game in zip_longest(*per_env) for r in game if r is not None]
    episodes = len(returns)
    tenth = max(1, episodes // 10)
    parts = [returns[i : i + tenth] for i in range(0, episodes, tenth)]
    curve = [sum(part) / len(part) for part in parts]
    args.model.parent.mkdir(parents=True, exist_ok=True)
    model.save(args.model)
    vec.close()
    return seconds, episodes, curve


def tournament(args: argparse.Namespace) -> tuple[float, str]:
    """Runs the tournament with the model seated beside the game's agents; returns its seconds
    and its printed tables."""
    from click.testing import CliRunner

    from game.cli import cli

    model = os.path.relpath(args.model)  # a short name in the tables (the run's folder)
    agents = f"py:game.env.policy:maskable@{model},{args.compare}"
    start = time.perf_counter()
    result = CliRunner().invoke(
        cli,
        ["tournament", "--scenario", args.scenario, "--seats", args.side, "--agents", agents,
         "--opponents", args.opponents, "--games", str(args.games), "--seed", "1",
         "--workers", str(args.envs), "--no-progress"],
    )  # fmt: skip
    if result.exit_code != 0:
        raise SystemExit(f"tournament failed:\n{result.output}")
    return time.perf_counter() - start, result.output


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--scenario", default="railway-sale")
    parser.add_argument("--side", default="japan")
    parser.add_argument("--opponents", default="persona:fast")
    parser.add_argument("--objective", default="score", choices=("score", "persona"),
                        help="what the reward counts (the environments' objective=)")  # fmt: skip
    parser.add_argument("--compare", default="persona:fast,greedy,random",
                        help="the game's agents the model meets in the tournament")  # fmt: skip
    parser.add_argument("--timesteps", type=int, default=30_720)
    parser.add_argument("--n-steps", type=int, default=1024)
    parser.add_argument("--envs", type=int, default=2)
    parser.add_argument("--games", type=int, default=100)
    parser.add_argument("--seed", type=int, default=1)
    parser.add_argument("--model", type=Path, default=ROOT / "runs" / "ppo-railway-japan.zip")
    parser.add_argument("--out", type=Path, default=None)
    args = parser.parse_args(argv)
    args.model = args.model.resolve()
    load = os.getloadavg()[0]
    seconds, episodes, curve = train(args)
    print(f"trained in {seconds:.0f} s, {episodes} games", flush=True)
    t_seconds, tables = tournament(args)
    print(tables)
    reward = "score" if args.objective == "score" else "persona value"
    report = "\n".join(
        [
            "# Training example: MaskablePPO for one side",
            "",
            f"Measured {datetime.date.today().isoformat()} by `python bench/train.py` on "
            f"{cpu_model()}, {os.cpu_count()} cores ({platform.python_implementation()} "
            f"{platform.python_version()}, load average {load:.2f} at the start), "
            f"Amur {code_version()}, sb3-contrib {dist_version('sb3-contrib')}, "
            f"torch {dist_version('torch')} (CPU).",
            "",
            f"- **Trained:** {args.scenario}, side `{args.side}`, the others `{args.opponents}`, "
            f"reward: the side's final {reward}; "
            f"{args.timesteps:,} of the side's moves on {args.envs} environments "
            f"({episodes:,} games) in **{seconds / 60:.1f} min**.",
            f"- **Mean final {reward} of the side, by tenth of the training games:** "
            + ", ".join(f"{c:+.2f}" for c in curve),
            f"- **Tournament:** {args.games} games per agent on paired seeds, "
            f"{t_seconds / 60:.1f} min; the whole example "
            f"**{(seconds + t_seconds) / 60:.1f} min**.",
            "",
            "```",
            tables.rstrip(),
            "```",
            "",
        ]
    )
    if args.out:
        args.out.write_text(report)
    return 0


if __name__ == "__main__":
    sys.path.insert(0, str(ROOT))
    raise SystemExit(main())
