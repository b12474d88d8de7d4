"""Search benchmark (issue 12, "Speed"): MCTS iterations per second, the time to choose a move
at each level, the beliefs' cost per move, and a profile of a normal move in the fishery.

    python bench/search.py [--quick] [--hard-moves N] [--moves N] [--into bench/RESULTS.md]

`bench/run.py` (so `make bench`) runs it too and writes its section of bench/RESULTS.md; alone,
it prints the section and, with `--into`, replaces that section of the file in place.

Every figure is CPU time (`time.process_time`) of one process pinned to one CPU: other work on
the machine slows the wall clock, not the figures (it can still cost some cache), and the load
average is printed beside them. The agents' budgets are iterations without a time limit and
every seed is fixed, so the moves played and the iterations run are the same on any machine;
only the seconds differ. Baselines (one `Game.apply`, one random playout) are measured in the
same run, so the figures also read as ratios.
"""

from __future__ import annotations

import argparse
import copy
import datetime
import math
import os
import random
import sys
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path
from time import process_time
from typing import TypeVar

import searchprof
import searchreport
from run import pin_one_cpu, write_section

from game import Action, Game, Observation, State, load_game
from game.agents.base import Agent
from game.agents.beliefs import Belief
from game.agents.historical import HistoricalAgent
from game.agents.mcts import MctsAgent
from game.sim.play import agent_rng

SCENARIOS = ("railway-sale", "fishery-auctions", "august-1945")
HEADING = searchreport.HEADING
SAMPLES = 500
"""`Belief.sample` calls timed at each decision point."""


@dataclass(frozen=True, slots=True)
class Config:
    seed: int = 0
    moves: int = 0
    """Searched moves per seat at easy and normal (0: the whole game)."""
    hard_moves: int = 4
    """Hard searches per seat, spread over the normal game (0: whole games played at hard)."""
    points: int = 3
    repeats: int = 3
    baseline_s: float = 1.0
    profile: bool = True
    scenarios: tuple[str, ...] = SCENARIOS


B = TypeVar("B", bound=Belief)


class TimedBelief(Belief):
    """A `Belief` that adds up the CPU time of its updates."""

    def __init__(self, game: Game, faction: int, rng: random.Random) -> None:
        super().__init__(game, faction, rng)
        self.update_s = 0.0

    def update(self, obs: Observation, rng: random.Random) -> None:
        start = process_time()
        super().update(obs, rng)
        self.update_s += process_time() - start


def snapshot(belief: B) -> B:
    """Returns a copy of `belief` that later updates of either leave alone (its states are
    immutable values, so copying its lists is enough)."""
    twin = copy.copy(belief)
    for name, value in vars(belief).items():
        if isinstance(value, list):
            setattr(twin, name, list(value))
    return twin


# ------------------------------------------------------------------ baselines


@dataclass(frozen=True, slots=True)
class Base:
    apply_us: float
    step_us: float
    """CPU µs per step of a uniformly random playout (legal_actions + choice + apply)."""
    playout_ms: float
    """CPU ms per whole random game."""


def measure_base(game: Game, seconds: float, seed: int) -> Base:
    pairs: list[tuple[State, Action]] = []
    steps = games = 0
    start = process_time()
    while process_time() - start < seconds or games < 3:
        rng = random.Random(seed + games)
        state = game.initial_state(seed + games)
        while not game.is_terminal(state):
            action = rng.choice(game.legal_actions(state, state.to_act))
            if len(pairs) < 2000:
                pairs.append((state, action))
            state = game.apply(state, action)
            steps += 1
        games += 1
    cpu = process_time() - start
    apply, calls = game.apply, 0
    begin = process_time()
    while process_time() - begin < seconds / 2 or not calls:
        for state, action in pairs:
            apply(state, action)
        calls += len(pairs)
    apply_us = (process_time() - begin) / calls * 1e6
    return Base(apply_us, cpu / steps * 1e6, cpu / games * 1e3)


# ------------------------------------------------------------ decision points


@dataclass(frozen=True, slots=True)
class Point:
    """A decision reached by playing every side historical, with the acting side's belief as
    it stood before the decision (kept up to date as a searching agent's would be)."""

    label: str
    obs: Observation
    legal: tuple[Action, ...]
    belief: TimedBelief


def historical_points(game: Game, seed: int, count: int) -> list[Point]:
    """Returns `count` decisions with a choice, evenly spread over a historical game (the
    first is its first)."""
    decisions = sum(1 for _ in _historical_decisions(game, seed, track=False))
    wanted = {i * decisions // count for i in range(count)}
    points = []
    for i, (obs, legal, belief) in enumerate(_historical_decisions(game, seed, track=True)):
        if i in wanted:
            who = game.rules.factions[obs.faction].name
            label = f"{obs.date} ({who}, {len(legal)} moves)"
            points.append(Point(label, obs, tuple(legal), snapshot(belief)))
    return points


def _historical_decisions(
    game: Game, seed: int, *, track: bool
) -> Iterator[tuple[Observation, list[Action], TimedBelief]]:
    """Plays a game with every side historical; yields each decision with a choice and the
    acting side's belief as it stands before it (kept up to date if `track`, as a searching
    agent's would be; updated only once the consumer asks for the next decision)."""
    rules = game.rules
    agents = {f.index: HistoricalAgent(game, f.index) for f in rules.factions}
    rngs = {f.index: agent_rng(seed, f.id) for f in rules.factions}
    beliefs = {
        f.index: TimedBelief(game, f.index, random.Random(f"{seed}:belief:{f.id}"))
        for f in rules.factions
    }
    brng = random.Random(f"{seed}:update")
    state = game.initial_state(seed)
    while not game.is_terminal(state):
        f = state.to_act
        legal = game.legal_actions(state, f)
        obs = game.observe(state, f)
        if len(legal) > 1:
            yield obs, legal, beliefs[f]
            if track:
                beliefs[f].update(obs, brng)
        action = agents[f].act(obs, legal, rngs[f])
        beliefs[f].commit(action)
        state = game.apply(state, action)


@dataclass(frozen=True, slots=True)
class Rate:
    label: str
    iterations: int
    search_s: float
    """CPU seconds of the move less its belief update (median repeat)."""
    update_ms: float
    sample_us: float

    @property
    def per_s(self) -> float:
        return self.iterations / self.search_s if self.search_s > 0 else math.inf


def searched(game: Game, point: Point, level: str, seed: str) -> tuple[MctsAgent, float, float]:
    """Runs a fresh agent's move at `point`; returns it, the move's CPU s and its update's."""
    agent = MctsAgent(game, point.obs.faction, level)
    belief = snapshot(point.belief)
    assert isinstance(belief, TimedBelief)
    belief.update_s = 0.0
    agent.belief = belief
    start = process_time()
    agent.act(point.obs, point.legal, random.Random(seed))
    return agent, process_time() - start, belief.update_s


def measure_rate(game: Game, point: Point, repeats: int) -> Rate:
    runs = []
    for r in range(repeats):
        agent, cpu, update = searched(game, point, "normal", f"rate:{r}")
        runs.append((cpu - update, agent.iterations, update))
    runs.sort(key=lambda run: run[1] / run[0] if run[0] > 0 else math.inf)
    search_s, iterations, update = runs[len(runs) // 2]
    belief, rng = agent.belief, random.Random(0)
    assert belief is not None
    start = process_time()
    for _ in range(SAMPLES):
        belief.sample(point.obs, rng)
    sample_us = (process_time() - start) / SAMPLES * 1e6
    return Rate(point.label, iterations, search_s, update * 1e3, sample_us)


# ------------------------------------------------------------------ seat games


@dataclass(frozen=True, slots=True)
class Move:
    seconds: float
    iterations: int
    update_s: float


@dataclass(slots=True)
class SeatRun:
    scenario: str
    seat: str
    level: str
    how: str
    """"game" (the seat played at this level), "spread" (searches on the normal game's
    decisions, not played) or "first N" (a game cut after N searched moves)."""
    moves: list[Move] = field(default_factory=list)
    forced: int = 0
    """Decisions with one legal move (answered at once, not searched)."""


def seat_game(
    game: Game, scenario: str, seat: int, level: str, cfg: Config, spread: int
) -> tuple[SeatRun, list[Point]]:
    """Plays one game with `seat` searching at `level` and the others historical.

    Returns the seat's moves, and `spread` of its decisions evenly spread (for other levels'
    searches on the same states)."""
    rules = game.rules
    agents: dict[int, Agent] = {f.index: HistoricalAgent(game, f.index) for f in rules.factions}
    agent = MctsAgent(game, seat, level)
    belief = agent.belief = TimedBelief(game, seat, random.Random(f"{cfg.seed}:belief:{seat}"))
    agents[seat] = agent
    rngs = {f.index: agent_rng(cfg.seed, f.id) for f in rules.factions}
    how = f"first {cfg.moves}" if cfg.moves else "game"
    run = SeatRun(scenario, rules.factions[seat].name, level, how)
    kept: list[Point] = []
    state = game.initial_state(cfg.seed)
    while not game.is_terminal(state) and not (cfg.moves and len(run.moves) >= cfg.moves):
        f = state.to_act
        legal = game.legal_actions(state, f)
        obs = game.observe(state, f)
        if f == seat and len(legal) > 1:
            kept.append(Point(obs.date, obs, tuple(legal), snapshot(belief)))
            before = belief.update_s
            start = process_time()
            action = agent.act(obs, legal, rngs[f])
            cpu = process_time() - start
            run.moves.append(Move(cpu, agent.iterations, belief.update_s - before))
        else:
            action = agents[f].act(obs, legal, rngs[f])
            run.forced += f == seat
        state = game.apply(state, action)
    picked = sorted({i * len(kept) // spread for i in range(spread)}) if spread and kept else []
    return run, [kept[i] for i in picked]


def spread_run(game: Game, scenario: str, level: str, points: list[Point]) -> SeatRun:
    """Times a fresh `level` search (no subtree kept from earlier moves) at each point."""
    seat = game.rules.factions[points[0].obs.faction].name if points else "?"
    run = SeatRun(scenario, seat, level, "spread")
    for i, point in enumerate(points):
        agent, cpu, update = searched(game, point, level, f"{level}:{i}")
        run.moves.append(Move(cpu, agent.iterations, update))
    return run


def measure_seats(game: Game, scenario: str, cfg: Config) -> list[SeatRun]:
    runs: list[SeatRun] = []
    for f in game.rules.factions:
        for level in ("easy", "normal"):
            spread = cfg.hard_moves if level == "normal" else 0
            run, points = seat_game(game, scenario, f.index, level, cfg, spread)
            runs.append(run)
            print(f"  {f.id} {level}: {len(run.moves)} moves", file=sys.stderr, flush=True)
        if cfg.hard_moves:
            runs.append(spread_run(game, scenario, "hard", points))
        else:
            runs.append(seat_game(game, scenario, f.index, "hard", cfg, 0)[0])
        print(f"  {f.id} hard: {len(runs[-1].moves)} moves", file=sys.stderr, flush=True)
    return runs


@dataclass(slots=True)
class ScenarioSearch:
    name: str
    base: Base
    rates: list[Rate]
    seats: list[SeatRun]


# ---------------------------------------------------------------------- main


def add_arguments(parser: argparse.ArgumentParser) -> None:
    group = parser.add_argument_group("search (issue 12)")
    add = group.add_argument
    add("--quick", action="store_true", help="a short run: 6 moves, 1 hard, 1 repeat")
    add("--moves", type=int, default=0, help="easy/normal moves per seat (0: whole game)")
    add("--hard-moves", type=int, default=4, help="hard searches per seat (0: whole games)")
    group.add_argument("--repeats-search", type=int, default=3, help="repeats per decision point")
    group.add_argument("--no-profile", action="store_true", help="skip the profile of the fishery")
    group.add_argument("--scenarios", default=",".join(SCENARIOS), help="comma-separated ids")


def config_of(args: argparse.Namespace) -> Config:
    scenarios = tuple(s for s in args.scenarios.split(",") if s)
    if args.quick:
        return Config(0, 6, 1, 3, 1, 0.3, not args.no_profile, scenarios)
    return Config(
        0, args.moves, args.hard_moves, 3, args.repeats_search, 1.0, not args.no_profile, scenarios
    )


def load() -> str:
    return "/".join(f"{x:.1f}" for x in os.getloadavg()) if hasattr(os, "getloadavg") else "?"


def measure(cfg: Config, command: str, pinned: str) -> str:
    """Runs every measurement of `cfg`; returns the report's section."""
    meta = {"command": command, "pinned": pinned, "load_start": load()}
    meta["started"] = datetime.datetime.now().astimezone().isoformat(timespec="seconds")
    results = []
    fishery_points: list[Point] = []
    for name in cfg.scenarios:
        print(f"search: {name} ...", file=sys.stderr, flush=True)
        game = load_game(name)
        base = measure_base(game, cfg.baseline_s, cfg.seed)
        points = historical_points(game, cfg.seed, cfg.points)
        if name == "fishery-auctions":
            fishery_points = points
        rates = [measure_rate(game, p, cfg.repeats) for p in points]
        results.append(ScenarioSearch(name, base, rates, measure_seats(game, name, cfg)))
    profile: list[str] = []
    if cfg.profile and fishery_points:
        print("search: profiling the fishery ...", file=sys.stderr, flush=True)
        profile = searchprof.report(load_game("fishery-auctions"), fishery_points, searched)
    meta["ended"] = datetime.datetime.now().astimezone().isoformat(timespec="seconds")
    meta["load_end"] = load()
    return searchreport.section(cfg, results, profile, meta)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    add_arguments(parser)
    parser.add_argument("--into", type=Path, help="replace this section of a results file")
    args = parser.parse_args(argv)
    cfg = config_of(args)
    command = "python bench/search.py " + " ".join(sys.argv[1:] if argv is None else argv)
    text = measure(cfg, command.strip(), pin_one_cpu())
    print(text)
    if args.into:
        write_section(args.into, HEADING, text)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
