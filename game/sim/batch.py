"""Batch runs: many seeded games on all local cores (or a Ray cluster), results in game order.

Each game's seed derives from the batch seed and the game's number, and every worker loads the
same scenario, so the results (and the output file) are identical whatever the worker count. A
run may hold several batches (a tournament's cells): they share the pool, in order.
"""

from __future__ import annotations

import bisect
import ctypes
import ctypes.util
import dataclasses
import gc
import itertools
import os
import random
import signal
from collections.abc import Callable, Iterator, Sequence
from concurrent.futures import ProcessPoolExecutor
from dataclasses import dataclass
from typing import Any, Final, TypeVar

from game.agents.base import make_agents, reason_of
from game.core.actions import END, Action
from game.core.game import Game
from game.core.rules import Rules
from game.core.state import State
from game.scenario.loader import load_game
from game.sim.backend import LOCAL, Backend
from game.sim.calibration import calibration_fields
from game.sim.par import par_of, victory
from game.sim.play import play


@dataclass(frozen=True, slots=True)
class BatchSpec:
    """What to run: scenario, variant, agent per faction id, number of games, batch seed."""

    scenario: str
    variant: str | None
    agents: tuple[tuple[str, str], ...]
    games: int
    seed: int
    tags: tuple[tuple[str, str], ...] = ()
    """Fields added to each result line (a tournament's seat, opponents and agent)."""
    orders_of: str | None = None
    """A faction whose orders each result line lists with their dates (`orders`), or None."""
    explain: bool = False
    """Write each agent's reasons for its moves into the results (`reasons`)."""
    levels: bool = False
    """Write each side's par, margin and victory level into the results (`par`, `margin`,
    `levels`; the par is the same seed played by every side's historical agent)."""
    calibration: bool = False
    """Write which of the scenario's calibration checks each game passes (`calibration`) and
    whether it passes them all (`near_history`)."""
    trunk: tuple[int, tuple[str, ...]] | None = None
    """A branch (`game.sim.branch`): every game goes on from the state that the trunk's seed and
    moves reach, with chance from its own seed from there on; None: games from the start."""


def game_seed(batch_seed: int, index: int) -> int:
    """Returns the seed of game `index` of a batch."""
    return random.Random(f"{batch_seed}:game:{index}").getrandbits(32)


def figures(rules: Rules, state: State) -> dict[str, Any]:
    """Returns the scenario's key figures of a finished game (dates as ISO text, or None; None too
    for a value whose track starts at -1 and was never set)."""
    out: dict[str, Any] = {}
    for fig in rules.figures:
        value = state.tracks[fig.track]
        track = rules.tracks[fig.track]
        if fig.kind == "date":
            out[fig.id] = rules.date(value).isoformat() if value >= 0 else None
        elif track.unset(value):
            out[fig.id] = None
        else:
            out[fig.id] = value / track.scale
    return out


def play_one(
    game: Game,
    agents: dict[str, str],
    seed: int,
    index: int,
    *,
    orders_of: str | None = None,
    explain: bool = False,
    levels: bool = False,
    calibration: bool = False,
    start: State | None = None,
) -> dict[str, Any]:
    """Plays one game (from `start` where given: a branch) and returns its result line; with
    `orders_of`, the line also lists that faction's orders (not its ends of turn) as [date,
    notation] in the order given; with
    `explain`, every agent's reasons for each move that had a choice (`reasons`); with
    `levels`, each side's par, margin over it and victory level (`level_fields`); with
    `calibration`, the calibration checks it passes (`calibration_fields`)."""
    rules = game.rules
    built = make_agents(game, agents)
    given: list[list[str]] = []
    reasons: list[dict[str, Any]] = []
    seat = next((f.index for f in rules.factions if f.id == orders_of), None)

    step = 0

    def note(state: State, action: Action, choices: int) -> None:
        nonlocal step
        step += 1
        date = rules.date(state.turn).isoformat()
        if action.faction == seat and action.kind != END:
            given.append([date, game.notation(action)])
        if explain and choices > 1:
            reason = reason_of(built[action.faction])
            if reason is not None:
                side = rules.factions[action.faction].id
                entry: dict[str, Any] = {"step": step - 1, "date": date, "side": side}
                reasons.append(entry | reason.to_dict(game.notation))

    hook = note if orders_of or explain else None
    record, state = play(game, built, seed, names=agents, on_action=hook, start=start)
    outcome = game.outcome(state)
    assert outcome is not None
    extra: dict[str, Any] = {"orders": given} if orders_of else {}
    return (
        extra
        | {
            "game": index,
            "seed": seed,
            "scenario": rules.id,
            "variant": rules.variant,
            "agents": agents,
            "end": outcome.reason,
            "outcome": outcome.outcome_class,
            "scores": {k: round(v, 4) for k, v in outcome.scores.items()},
            "turns": state.turn + 1,
            "end_date": rules.date(state.turn).isoformat(),
            "steps": len(record.actions),
            "figures": figures(rules, state),
            "distance": game.distance(state),
            "state_hash": record.state_hash,
        }
        | ({"reasons": reasons} if explain else {})
        | (level_fields(game, state, seed) if levels else {})
        | (calibration_fields(rules, state, outcome) if calibration else {})
    )


def level_fields(game: Game, state: State, seed: int) -> dict[str, Any]:
    """Returns a finished game's `par`, `margin` and `levels` by faction id (flat, so that CSV
    has a column per side); empty if the scenario gives no victory margins."""
    verdicts = victory(game, state, par_of(game, seed))
    if not verdicts:
        return {}
    return {
        "par": {f: round(v.par, 4) for f, v in verdicts.items()},
        "margin": {f: round(v.margin, 4) for f, v in verdicts.items()},
        "levels": {f: v.level.value for f, v in verdicts.items()},
    }


def expected_lines(
    specs: Sequence[BatchSpec], scenario: str, variant: str | None
) -> Callable[[int], dict[str, Any]]:
    """Returns what line i of a run of `specs` holds whatever its game did (scenario and variant
    ids, agents, game number, seed, tags): how a resumed run knows a file is its own."""
    starts = list(itertools.accumulate((s.games for s in specs), initial=0))

    def expected(line: int) -> dict[str, Any]:
        at = bisect.bisect_right(starts, line) - 1
        spec, index = specs[at], line - starts[at]
        fixed = {"scenario": scenario, "variant": variant, "agents": dict(spec.agents)}
        return fixed | {"game": index, "seed": game_seed(spec.seed, index)} | dict(spec.tags)

    return expected


_GAMES: dict[tuple[str, str | None], Game] = {}


def worker_game(scenario: str, variant: str | None) -> Game:
    """Returns the game of a scenario and variant, loaded once per (worker) process."""
    key = (scenario, variant)
    if key not in _GAMES:
        _GAMES[key] = load_game(scenario, variant)
    return _GAMES[key]


def provide_game(scenario: str, variant: str | None, game: Game) -> None:
    """Gives this (worker) process the game of a scenario and variant, loaded elsewhere (the Ray
    backend ships the driver's), in place of loading it from its files."""
    if _GAMES.get((scenario, variant)) is not game:
        _GAMES[(scenario, variant)] = game
        _TRUNKS.clear()  # forked from the game it replaces


def _worker(job: tuple[BatchSpec, int]) -> dict[str, Any]:
    spec, index = job
    seed = game_seed(spec.seed, index)
    result = play_one(
        worker_game(spec.scenario, spec.variant),
        dict(spec.agents),
        seed,
        index,
        orders_of=spec.orders_of,
        explain=spec.explain,
        levels=spec.levels,
        calibration=spec.calibration,
        start=None if spec.trunk is None else fork(spec, seed),
    )
    return result | dict(spec.tags)


_TRUNKS: dict[tuple[str, str | None, int, tuple[str, ...]], State] = {}


def fork(spec: BatchSpec, seed: int) -> State:
    """Returns the state a branch's game starts from: the trunk's moves played from the trunk's
    seed (once per worker process), then chance reseeded with the game's own `seed`, so each
    continuation draws its own events and the same seed draws the same ones anywhere."""
    assert spec.trunk is not None
    trunk_seed, moves = spec.trunk
    key = (spec.scenario, spec.variant, trunk_seed, moves)
    if key not in _TRUNKS:
        game = worker_game(spec.scenario, spec.variant)
        state = game.initial_state(trunk_seed)
        for move in moves:
            state = game.apply(state, game.parse_action(move))
        _TRUNKS.clear()  # one branch at a time per worker
        _TRUNKS[key] = state
    return dataclasses.replace(_TRUNKS[key], seed=seed)


MAX_WORKERS_PER_CORE = 2
"""More worker processes than this per core only cost memory (each holds a loaded scenario)."""


def resolve_workers(workers: str | int) -> int:
    """Returns the worker count for `auto` (all cores) or a whole number, capped at twice the
    cores (`capped_workers` says whether it was); ValueError names what is wrong."""
    cores = os.cpu_count() or 1
    if workers == "auto":
        return cores
    text = str(workers).strip()
    if not text.isascii() or not text.isdigit() or len(text) > 6:
        raise ValueError(f"--workers {workers!r}: a whole number of processes, or auto")
    count = int(text)
    if count < 1:
        raise ValueError("workers must be at least 1")
    return min(count, MAX_WORKERS_PER_CORE * cores)


GC_THRESHOLD: Final = 50_000
"""Allocations between the cyclic garbage collector's youngest collections in a worker (Python's
default is 700). Search allocates states, tree nodes and lists by the million and makes almost no
cycles, so at the default the collector ran about 450 times a railway game and, with its older
generations, took about 3 % of a worker's CPU time (measured with `gc.callbacks`); at this
threshold it ran 3 times in three games. Collection changes no result, only when memory is freed."""


def _worker_setup(parent: int) -> None:
    """Runs in each worker process: the collector is set for search (`GC_THRESHOLD`; what the
    worker imported is frozen out of its scans), and the worker ends when the process that
    started it ends (`_die_with_parent`)."""
    gc.freeze()
    gc.set_threshold(GC_THRESHOLD, *gc.get_threshold()[1:])
    _die_with_parent(parent)


def _die_with_parent(parent: int) -> None:
    """The worker ends when the process that started it ends (SIGKILL or SIGTERM of `simulate`
    leaves no worker behind). Linux has a call for this; elsewhere the pool's own shutdown is
    all there is."""
    try:
        libc = ctypes.CDLL(ctypes.util.find_library("c") or "libc.so.6", use_errno=True)
        libc.prctl(1, signal.SIGTERM)  # PR_SET_PDEATHSIG
    except (OSError, AttributeError):
        return
    if os.getppid() != parent:  # the parent was gone before the call took effect
        os._exit(1)


_J = TypeVar("_J")
_R = TypeVar("_R")


def pool_map(fn: Callable[[_J], _R], jobs: Sequence[_J], workers: int) -> Iterator[_R]:
    """Yields `fn(job)` for each job in order, on `workers` processes (in this one if 1): each
    worker ends with the process that started it. `fn` must be a module-level function."""
    if workers <= 1 or len(jobs) <= 1:
        yield from map(fn, jobs)
        return
    with ProcessPoolExecutor(
        max_workers=workers, initializer=_worker_setup, initargs=(os.getpid(),)
    ) as pool:
        yield from pool.map(fn, jobs)


def run_batch(
    spec: BatchSpec,
    workers: int,
    on_result: Callable[[dict[str, Any]], None] | None = None,
    *,
    start: int = 0,
) -> Iterator[dict[str, Any]]:
    """Yields each game's result in game order from game `start` on (the games before it are
    done: a resumed run), playing them on `workers` processes."""
    yield from run_batches([spec], workers, on_result, start=start)


def run_batches(
    specs: Sequence[BatchSpec],
    workers: int,
    on_result: Callable[[dict[str, Any]], None] | None = None,
    *,
    start: int = 0,
    backend: Backend = LOCAL,
) -> Iterator[dict[str, Any]]:
    """Yields the results of every batch's games in order (the first batch's games, then the
    next's), from the `start`-th game of them all on, playing them on `workers` processes of
    this machine, or as Ray tasks (`backend`: at most `workers` at once, 0: as many as the
    cluster has CPUs). The results are the same, in the same order, whatever the backend."""
    jobs = [(spec, i) for spec in specs for i in range(spec.games)][start:]
    if backend.kind == "ray":
        from game.sim.raybatch import ray_results  # Ray is an optional extra

        results = ray_results(jobs, workers, backend.address)
    else:
        results = _local_results(jobs, workers)
    for result in results:
        if on_result:
            on_result(result)
        yield result


CHUNKS_PER_WORKER: Final = 32
"""About how many chunks each worker's share of a run is cut into. A run ends when the last
chunk does, so one worker may wait up to a chunk for the other. At 8 chunks a worker (12 games
of a 200-game run on two), a persona run lasted on average 13–16 s longer than if its two
workers had finished together, about 2 % of its wall time; at 32 (3 games), about 3 s. These
are from a model of the scheduling with game times like the railway's (about 6 s each, their
spread a third to a half of that), not a timed run: the machine's speed varies more than that
between runs."""


def chunk_size(jobs: int, workers: int) -> int:
    """Returns how many games go to a worker at once: few enough that every worker stays busy
    to the end and finished games reach the results file soon (`CHUNKS_PER_WORKER`), enough to
    pay for the trip (at most 64: a random game takes milliseconds)."""
    return max(1, min(64, jobs // (max(1, workers) * CHUNKS_PER_WORKER) or 1))


def _local_results(jobs: list[tuple[BatchSpec, int]], workers: int) -> Iterator[dict[str, Any]]:
    if workers <= 1 or len(jobs) <= 1:
        yield from map(_worker, jobs)
        return
    with ProcessPoolExecutor(
        max_workers=workers, initializer=_worker_setup, initargs=(os.getpid(),)
    ) as pool:
        yield from pool.map(_worker, jobs, chunksize=chunk_size(len(jobs), workers))
