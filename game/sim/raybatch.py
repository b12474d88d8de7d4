"""The Ray backend of batch runs (`--backend ray`): the games as Ray tasks, on a Ray instance
started on this machine for the run or on an existing cluster (`--address`).

Ray is the optional `dist` extra, imported only here and only when asked for. What runs on the
cluster is the driver's: the rules it loaded (each game shipped once through Ray's object store,
so the nodes need no scenario files and cannot play another version of one) and, on a cluster
named by address, its own `game` package (Ray's `py_modules`). A task plays a chunk of
consecutive games with the local pool's own `_worker`, and the driver yields the results in game
order however the tasks finish, keeping a bounded number in flight: the results and their order
are those of the local backend, byte for byte."""

from __future__ import annotations

import contextlib
import logging
import socket
from collections import deque
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import game as game_package
from game.sim.backend import DIST_HINT, BackendError
from game.sim.batch import BatchSpec, _worker, chunk_size, provide_game, worker_game

Job = tuple[BatchSpec, int]
Key = tuple[str, str | None]

AHEAD = 4
"""Finished chunks a slow one may hold back, per task in flight, before no more are sent (the
results kept waiting for their turn stay bounded)."""


def ray_module() -> Any:
    """Returns the `ray` module, or raises BackendError saying how to install it."""
    try:
        import ray
    except ImportError:
        raise BackendError(
            f"--backend ray needs Ray, which is not installed: {DIST_HINT}"
        ) from None
    return ray


def unreachable(address: str) -> str | None:
    """Returns why nothing answers at a `host:port` address within a few seconds, or None (also
    for an address of another form, such as `auto`, left to Ray): Ray itself keeps retrying
    for many minutes, deaf to Ctrl-C."""
    host, colon, port = address.split("://", 1)[-1].rpartition(":")
    if not colon or not host or not port.isdigit():
        return None
    try:
        with socket.create_connection((host.strip("[]"), int(port)), timeout=PROBE_S):
            return None
    except OSError as exc:
        return exc.strerror or type(exc).__name__


PROBE_S = 5.0
"""Seconds to wait for a Ray cluster's address to answer."""


@contextlib.contextmanager
def session(ray: Any, workers: int, address: str | None) -> Iterator[int]:
    """Connects to the cluster at `address`, or starts a Ray instance of `workers` CPUs on this
    machine (stopped at the end), unless this process is connected already; yields how many
    tasks to keep in flight (`workers`, or with 0 every CPU of the cluster)."""
    started = not ray.is_initialized()
    why = unreachable(address) if started and address is not None else None
    if why is not None:
        raise BackendError(f"--address {address}: no Ray cluster answers there ({why})")
    if started:
        options: dict[str, Any] = {
            "include_dashboard": False,
            "logging_level": logging.WARNING,
            "log_to_driver": False,
        }
        try:
            if address is None:
                ray.init(address="local", num_cpus=max(1, workers), **options)
            else:
                package = str(Path(game_package.__file__).parent)
                runtime = {"py_modules": [package], "excludes": ["__pycache__"]}
                ray.init(address=address, runtime_env=runtime, **options)
        except (ConnectionError, RuntimeError, ValueError) as exc:
            where = f"the Ray cluster at {address}" if address else "a local Ray instance"
            raise BackendError(f"could not start or reach {where}: {exc}") from None
    try:
        cpus = int(ray.cluster_resources().get("CPU", 1))
        yield workers if workers > 0 else max(1, cpus)
    finally:
        if started:
            ray.shutdown()


def _task(games: dict[Key, list[Any]], jobs: list[Job]) -> list[dict[str, Any]]:
    """Runs on a Ray worker: plays `jobs` with the games the driver shipped (each fetched once
    per worker process; a reference wrapped in a list is not fetched by Ray before the call)."""
    import ray

    for (scenario, variant), (ref,) in games.items():
        if _SHIPPED.get((scenario, variant)) != ref.hex():
            provide_game(scenario, variant, ray.get(ref))
            _SHIPPED[(scenario, variant)] = ref.hex()
    return [_worker(job) for job in jobs]


_SHIPPED: dict[Key, str] = {}
"""In a Ray worker: the object each game in `batch._GAMES` was shipped as."""


def ray_results(jobs: list[Job], workers: int, address: str | None) -> Iterator[dict[str, Any]]:
    """Yields `_worker(job)` for each job in order, the jobs played as Ray tasks, at most
    `workers` at once (0: as many as the cluster has CPUs)."""
    if not jobs:
        return
    ray = ray_module()
    with session(ray, workers, address) as slots:
        keys = list(dict.fromkeys((spec.scenario, spec.variant) for spec, _ in jobs))
        refs = {key: ray.put(worker_game(*key)) for key in keys}
        remote = ray.remote(num_cpus=1)(_task)
        size = chunk_size(len(jobs), slots)
        chunks = [jobs[at : at + size] for at in range(0, len(jobs), size)]

        def submit(chunk: list[Job]) -> Any:
            needed = dict.fromkeys((spec.scenario, spec.variant) for spec, _ in chunk)
            return remote.remote({key: [refs[key]] for key in needed}, chunk)

        for results in in_order(ray, submit, chunks, slots):
            yield from results


def in_order(
    ray: Any, submit: Any, chunks: list[list[Job]], slots: int
) -> Iterator[list[dict[str, Any]]]:
    """Yields each chunk's results in chunk order, `slots` tasks running at a time; tasks not
    yet yielded are cancelled when the caller stops (a killed or failed run)."""
    pending: deque[Any] = deque()  # every task sent and not yet yielded, in order
    running: set[Any] = set()  # those not known to be finished
    sent = 0
    try:
        while sent < len(chunks) or pending:
            while sent < len(chunks) and len(running) < slots and len(pending) < AHEAD * slots:
                ref = submit(chunks[sent])
                pending.append(ref)
                running.add(ref)
                sent += 1
            if pending[0] in running:
                ready, _ = ray.wait(list(running), num_returns=1)
                running.difference_update(ready)
                continue
            yield ray.get(pending.popleft())
    finally:
        for ref in pending:
            with contextlib.suppress(Exception):
                ray.cancel(ref)
