"""Engine benchmark: random playouts, `apply` and `observe` costs, and OpenSpiel baselines;
then the search benchmark (`bench/search.py`, issue 12) for its section of the report.

Run as `python bench/run.py --out bench/RESULTS.md` (what `make bench` does). Single process,
pinned to one CPU where the OS allows it. Every engine figure is the median of `--repeats` timed
runs of `--seconds` each, after a warm-up; all seeds are fixed. `--no-search` skips the search
benchmark and keeps the file's search section as it was.
"""

from __future__ import annotations

import argparse
import datetime
import importlib
import importlib.metadata
import itertools
import os
import platform
import random
import statistics
import subprocess
import sys
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from pathlib import Path
from time import perf_counter
from types import ModuleType
from typing import Any, TypeVar

import game as amur
from game import Action, Game, State, available_scenarios, load_game

BASELINES = ("python_tic_tac_toe", "python_kuhn_poker")
T = TypeVar("T")
CHUNK = 256
"""Calls per clock check when timing `apply` and `observe`."""

PlayFn = Callable[[int], int]
"""Plays one full random game from a seed; returns its number of steps."""
PassFn = Callable[[], int]
"""Makes a batch of calls; returns how many."""


@dataclass(frozen=True, slots=True)
class Config:
    seconds: float
    warmup: float
    repeats: int
    samples: int
    seed: int


@dataclass(frozen=True, slots=True)
class Playout:
    steps_per_s: float
    games_per_s: float
    steps_per_game: float


@dataclass(frozen=True, slots=True)
class ScenarioResult:
    name: str
    playout: Playout
    apply_us: float
    observe_us: tuple[tuple[str, float], ...]
    """(faction name, µs per call) for each faction."""
    samples: int


@dataclass(frozen=True, slots=True)
class Baselines:
    results: tuple[tuple[str, Playout], ...]
    missing: str
    """Why OpenSpiel could not be measured; empty when it was."""
    version: str


# ------------------------------------------------------------------ playouts


def amur_player(game: Game) -> PlayFn:
    """Returns a function that plays one random game of `game` and counts its steps."""

    def play(seed: int) -> int:
        rng = random.Random(seed)
        state = game.initial_state(seed)
        steps = 0
        while not game.is_terminal(state):
            legal = game.legal_actions(state, game.to_act(state))
            state = game.apply(state, rng.choice(legal))
            steps += 1
        return steps

    return play


def openspiel_player(pyspiel: ModuleType, name: str) -> PlayFn:
    """Returns a function that plays one random game of an OpenSpiel game and counts its steps.

    Chance outcomes are sampled with the same generator as the players' actions.
    """
    game: Any = pyspiel.load_game(name)

    def play(seed: int) -> int:
        rng = random.Random(seed)
        state: Any = game.new_initial_state()
        steps = 0
        while not state.is_terminal():
            if state.is_chance_node():
                outcomes, probs = zip(*state.chance_outcomes(), strict=True)
                action = rng.choices(outcomes, weights=probs)[0]
            else:
                action = rng.choice(state.legal_actions())
            state.apply_action(action)
            steps += 1
        return steps

    return play


def timed_games(play: PlayFn, seconds: float, seed: int) -> tuple[int, int, float]:
    """Plays games from seeds `seed`, `seed + 1`, ... for at least `seconds`.

    Returns (steps, games, elapsed seconds); only whole games are counted.
    """
    steps = games = 0
    start = perf_counter()
    deadline = start + seconds
    while True:
        steps += play(seed + games)
        games += 1
        now = perf_counter()
        if now >= deadline:
            return steps, games, now - start


def measure_playouts(play: PlayFn, cfg: Config) -> Playout:
    """Returns the repeat with the median steps/s."""
    timed_games(play, cfg.warmup, cfg.seed)
    runs = []
    for _ in range(cfg.repeats):
        steps, games, elapsed = timed_games(play, cfg.seconds, cfg.seed)
        runs.append(Playout(steps / elapsed, games / elapsed, steps / games))
    runs.sort(key=lambda p: p.steps_per_s)
    return runs[len(runs) // 2]


# ---------------------------------------------------------- per-call costs


def collect(game: Game, samples: int, seed: int) -> list[tuple[State, Action]]:
    """Returns at least `samples` (state, action) pairs met in random playouts."""
    pairs: list[tuple[State, Action]] = []
    while len(pairs) < samples:
        rng = random.Random(seed)
        state = game.initial_state(seed)
        while not game.is_terminal(state):
            action = rng.choice(game.legal_actions(state, game.to_act(state)))
            pairs.append((state, action))
            state = game.apply(state, action)
        seed += 1
    return pairs


def chunks(items: Sequence[T]) -> list[Sequence[T]]:
    return [items[i : i + CHUNK] for i in range(0, len(items), CHUNK)]


def apply_passes(game: Game, pairs: list[tuple[State, Action]]) -> list[PassFn]:
    def make(chunk: Sequence[tuple[State, Action]]) -> PassFn:
        def run() -> int:
            apply = game.apply
            for state, action in chunk:
                apply(state, action)
            return len(chunk)

        return run

    return [make(chunk) for chunk in chunks(pairs)]


def observe_passes(game: Game, states: list[State], faction: int) -> list[PassFn]:
    def make(chunk: Sequence[State]) -> PassFn:
        def run() -> int:
            observe = game.observe
            for state in chunk:
                observe(state, faction)
            return len(chunk)

        return run

    return [make(chunk) for chunk in chunks(states)]


def timed_calls(passes: list[PassFn], seconds: float) -> float:
    """Cycles through `passes` for at least `seconds` (and one full cycle); returns µs per call."""
    calls = 0
    start = perf_counter()
    deadline = start + seconds
    for i, run in enumerate(itertools.cycle(passes)):
        calls += run()
        now = perf_counter()
        if now >= deadline and i + 1 >= len(passes):
            return (now - start) / calls * 1e6
    raise AssertionError("unreachable")


def measure_calls(passes: list[PassFn], cfg: Config) -> float:
    timed_calls(passes, cfg.warmup)
    return statistics.median(timed_calls(passes, cfg.seconds) for _ in range(cfg.repeats))


def measure_scenario(name: str, cfg: Config) -> ScenarioResult:
    game = load_game(name)
    playout = measure_playouts(amur_player(game), cfg)
    pairs = collect(game, cfg.samples, cfg.seed)
    states = [state for state, _ in pairs]
    apply_us = measure_calls(apply_passes(game, pairs), cfg)
    observe_us = tuple(
        (f.name, measure_calls(observe_passes(game, states, f.index), cfg))
        for f in game.rules.factions
    )
    return ScenarioResult(name, playout, apply_us, observe_us, len(pairs))


# ------------------------------------------------------------------ OpenSpiel


def load_pyspiel() -> tuple[ModuleType | None, str]:
    """Returns pyspiel with the python games registered, or None and why not."""
    try:
        pyspiel = importlib.import_module("pyspiel")
        importlib.import_module("open_spiel.python.games")
    except (ImportError, OSError) as exc:
        return None, f"{type(exc).__name__}: {exc}"
    return pyspiel, ""


def measure_baselines(cfg: Config) -> Baselines:
    pyspiel, why = load_pyspiel()
    if pyspiel is None:
        return Baselines((), f"open_spiel is not importable ({why})", "")
    results: list[tuple[str, Playout]] = []
    for name in BASELINES:
        try:
            play = openspiel_player(pyspiel, name)
        except RuntimeError as exc:  # pyspiel.SpielError is a RuntimeError
            return Baselines(tuple(results), f"{name}: {str(exc).splitlines()[0]}", "")
        results.append((name, measure_playouts(play, cfg)))
    return Baselines(tuple(results), "", dist_version("open_spiel"))


def dist_version(dist: str) -> str:
    try:
        return importlib.metadata.version(dist)
    except importlib.metadata.PackageNotFoundError:
        return "(version unknown)"


# -------------------------------------------------------------------- report


def cpu_model() -> str:
    try:
        for line in Path("/proc/cpuinfo").read_text().splitlines():
            if line.startswith("model name"):
                return line.split(":", 1)[1].strip()
    except OSError:
        pass
    return platform.processor() or platform.machine()


def git(root: Path, *args: str) -> str:
    try:
        done = subprocess.run(["git", *args], cwd=root, capture_output=True, text=True, check=False)
    except OSError:
        return ""
    return done.stdout.strip() if done.returncode == 0 else ""


def code_version() -> str:
    """Returns the engine's version and git commit, noting uncommitted engine or scenario edits."""
    root = Path(amur.__file__).resolve().parents[1]
    commit = git(root, "rev-parse", "--short", "HEAD")
    if not commit:
        return amur.__version__
    dirty = git(root, "status", "--porcelain", "--", "game", "scenarios")
    note = " + uncommitted changes in game/ or scenarios/" if dirty else ""
    return f"{amur.__version__}, commit {commit}{note}"


def pin_one_cpu() -> str:
    """Pins this process to one CPU where the OS allows it; returns which, or why not."""
    if not hasattr(os, "sched_setaffinity"):
        return "not pinned (no sched_setaffinity)"
    cpu = min(os.sched_getaffinity(0))
    try:
        os.sched_setaffinity(0, {cpu})
    except OSError as exc:
        return f"not pinned ({exc})"
    return f"pinned to CPU {cpu}"


def header(cfg: Config, pinned: str, started: datetime.datetime) -> list[str]:
    return [
        "# Amur engine benchmark",
        "",
        f"- Run: {started.isoformat(timespec='seconds')}",
        f"- Code: amur {code_version()}",
        f"- Python: {platform.python_implementation()} {platform.python_version()}",
        f"- Machine: {platform.processor() or platform.machine()}, {cpu_model()}, "
        f"os.cpu_count() = {os.cpu_count()}; single process, {pinned}",
        f"- Method: random playouts (`random.Random(seed)`, seeds from {cfg.seed}), "
        f"{cfg.seconds:g} s per measurement after a {cfg.warmup:.2g} s warm-up, "
        f"median of {cfg.repeats} repeats; `time.perf_counter`",
        "",
    ]


def scenario_table(result: ScenarioResult) -> list[str]:
    p = result.playout
    rows = [
        ("steps/s", f"{p.steps_per_s:,.0f}"),
        ("games/s", f"{p.games_per_s:,.1f}"),
        ("steps/game", f"{p.steps_per_game:.1f}"),
        ("apply µs/call", f"{result.apply_us:.1f}"),
        *((f"observe µs/call ({who})", f"{us:.1f}") for who, us in result.observe_us),
    ]
    return [
        f"## Scenario `{result.name}`",
        "",
        "| measure | value |",
        "| --- | ---: |",
        *(f"| {k} | {v} |" for k, v in rows),
        "",
        f"`apply` and `observe` are timed over the {result.samples} (state, action) pairs met "
        "in random playouts from the same seeds.",
        "",
    ]


def baseline_table(base: Baselines) -> list[str]:
    out = ["## OpenSpiel baselines", ""]
    if base.version:
        out += [f"open_spiel {base.version}; the same random-playout loop.", ""]
    if base.results:
        out += ["| game | steps/s | games/s | steps/game |", "| --- | ---: | ---: | ---: |"]
        out += [
            f"| `{name}` | {p.steps_per_s:,.0f} | {p.games_per_s:,.1f} | {p.steps_per_game:.1f} |"
            for name, p in base.results
        ]
        out.append("")
    if base.missing:
        out += [f"**Not measured:** {base.missing}", ""]
    return out


def ratio_table(results: list[ScenarioResult], base: Baselines) -> list[str]:
    out = ["## Ratios (Amur steps/s ÷ baseline steps/s)", ""]
    if not base.results:
        return [*out, "None: no OpenSpiel baseline was measured.", ""]
    names = [name for name, _ in base.results]
    out += [
        "| scenario | " + " | ".join(f"÷ `{n}`" for n in names) + " |",
        "| --- |" + " ---: |" * len(names),
    ]
    for r in results:
        cells = [f"{r.playout.steps_per_s / p.steps_per_s:.3f}" for _, p in base.results]
        out.append(f"| `{r.name}` | " + " | ".join(cells) + " |")
    return [*out, ""]


def report(
    cfg: Config,
    pinned: str,
    started: datetime.datetime,
    results: list[ScenarioResult],
    base: Baselines,
) -> str:
    lines = header(cfg, pinned, started)
    for result in results:
        lines += scenario_table(result)
    lines += baseline_table(base)
    lines += ratio_table(results, base)
    return "\n".join(lines)


# ---------------------------------------------------------------------- main


def parse_args(argv: list[str] | None) -> tuple[Config, Path, argparse.Namespace]:
    import search  # bench/ is on the path only when a script runs from it

    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--out", type=Path, default=Path("bench/RESULTS.md"))
    parser.add_argument("--no-search", action="store_true", help="skip the search benchmark")
    search.add_arguments(parser)
    parser.add_argument("--seconds", type=float, default=3.0, help="budget per timed run")
    parser.add_argument("--repeats", type=int, default=3, help="timed runs per measurement")
    parser.add_argument("--samples", type=int, default=5000, help="states for apply/observe")
    parser.add_argument("--seed", type=int, default=0, help="first playout seed")
    args = parser.parse_args(argv)
    if args.seconds <= 0 or args.repeats < 1 or args.samples < 1:
        parser.error("--seconds, --repeats and --samples must be positive")
    warmup = min(1.0, args.seconds / 3)
    cfg = Config(args.seconds, warmup, args.repeats, args.samples, args.seed)
    return cfg, args.out, args


KEPT = "## Trust"
"""The heading of the report's hand-kept section (figures copied from the soak, fuzz and kill
runs, which `make bench` does not make): a new run of this script keeps it."""


def kept_section(path: Path, heading: str = KEPT) -> str:
    """Returns the hand-kept section of the report in `path`, from its `heading` to the end
    ("" when there is none)."""
    try:
        text = path.read_text(encoding="utf-8")
    except OSError:
        return ""
    at = text.find("\n" + heading)
    return "" if at < 0 else text[at:].rstrip("\n") + "\n"


def _section_span(lines: list[str], heading: str) -> tuple[int, int] | None:
    """Returns the lines [start, end) of the section whose `## ` heading starts with `heading`
    (to the next `## ` heading), or None."""
    start = next((i for i, line in enumerate(lines) if line.startswith(heading)), None)
    if start is None:
        return None
    rest = range(start + 1, len(lines))
    return start, next((i for i in rest if lines[i].startswith("## ")), len(lines))


def section_of(text: str, heading: str) -> str:
    """Returns the section of `text` whose `## ` heading starts with `heading` ("" if none)."""
    lines = text.splitlines(keepends=True)
    span = _section_span(lines, heading)
    return "" if span is None else "".join(lines[span[0] : span[1]]).rstrip("\n") + "\n"


def write_section(path: Path, heading: str, body: str) -> None:
    """Replaces the section of the file at `path` whose heading starts with `heading` by `body`
    (a section with such a heading); a new one goes before the hand-kept section, or last."""
    try:
        lines = path.read_text(encoding="utf-8").splitlines(keepends=True)
    except FileNotFoundError:
        lines = []
    block = [body.rstrip("\n") + "\n"]
    span = _section_span(lines, heading)
    if span is None:
        kept = _section_span(lines, KEPT)
        span = (kept[0], kept[0]) if kept is not None else (len(lines), len(lines))
        if span[0] and lines[span[0] - 1].strip():
            block.insert(0, "\n")
    if span[1] < len(lines):
        block.append("\n")
    path.write_text("".join(lines[: span[0]] + block + lines[span[1] :]), encoding="utf-8")


def main(argv: list[str] | None = None) -> int:
    cfg, out, args = parse_args(argv)
    started = datetime.datetime.now().astimezone()
    pinned = pin_one_cpu()
    results = []
    for name in available_scenarios():
        print(f"measuring {name} ...", file=sys.stderr, flush=True)
        results.append(measure_scenario(name, cfg))
    print("measuring OpenSpiel baselines ...", file=sys.stderr, flush=True)
    base = measure_baselines(cfg)
    text = report(cfg, pinned, started, results, base)
    try:
        old = out.read_text(encoding="utf-8")
    except OSError:
        old = ""
    if args.no_search:
        searched = section_of(old, "## Search")
    else:
        import search

        command = "python bench/run.py " + " ".join(sys.argv[1:] if argv is None else argv)
        searched = search.measure(search.config_of(args), command.strip(), pinned)
    print(text)
    print(searched)
    out.parent.mkdir(parents=True, exist_ok=True)
    # The beliefs section is bench/beliefs.py's (--summary-into): kept as it was.
    parts = [text, searched, section_of(old, "## Beliefs")]
    joined = "\n".join(p.rstrip("\n") + "\n" for p in parts if p)
    out.write_text(joined + kept_section(out), encoding="utf-8")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
