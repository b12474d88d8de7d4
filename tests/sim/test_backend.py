"""Issue 16 item 7, what needs no Ray: `--backend`/`--address` checks, the clear error where Ray
is not installed, and the Ray backend's ordering (results in game order however the tasks
finish, a bounded number in flight) on a stand-in for Ray."""

from __future__ import annotations

import socket
import sys
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest
from click.testing import CliRunner

from game.cli import cli, options
from game.sim import raybatch
from game.sim.backend import Backend, BackendError
from game.sim.raybatch import AHEAD, in_order, unreachable

RUN = ["--games", "2", "--seed", "1", "--no-progress", "--agents", "all=random"]


def test_without_ray_the_error_says_how_to_install_it(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setitem(sys.modules, "ray", None)  # import ray fails, as where it is missing
    out = tmp_path / "r.jsonl"
    for command in (["simulate"], ["tournament", "--games", "1"]):
        result = CliRunner().invoke(cli, [*command, *RUN, "--backend", "ray", "--out", str(out)])
        assert result.exit_code == 1, result.output
        assert "pip install amur[dist]" in result.output
        assert "Traceback" not in result.output
        assert not out.exists()  # refused before any file is written
    branch = ["branch", "--scenario", "railway-sale", "--at", "1934-06-01", *RUN]
    result = CliRunner().invoke(cli, [*branch, "--backend", "ray", "--out", str(tmp_path / "b")])
    assert result.exit_code == 1
    assert "pip install amur[dist]" in result.output


def test_address_needs_the_ray_backend() -> None:
    result = CliRunner().invoke(cli, ["simulate", *RUN, "--address", "10.0.0.1:6379"])
    assert result.exit_code == 1
    assert "--address names a Ray cluster: add --backend ray" in result.output
    with pytest.raises(BackendError):
        Backend("dask")
    assert Backend("ray", "10.0.0.1:6379").address == "10.0.0.1:6379"


class FakeRay:
    """Finishes tasks in the reverse of the order they were sent (the worst case for order),
    and records how many were running at once."""

    def __init__(self) -> None:
        self.running: list[int] = []
        self.most = 0
        self.cancelled: list[int] = []

    def submit(self, chunk: list[Any]) -> int:
        ref = chunk[0][1]
        self.running.append(ref)
        self.most = max(self.most, len(self.running))
        return ref

    def wait(self, refs: list[int], num_returns: int) -> tuple[list[int], list[int]]:
        assert num_returns == 1
        last = max(refs, key=self.running.index)  # the newest task finishes first
        self.running.remove(last)
        return [last], [r for r in refs if r != last]

    def get(self, ref: int) -> list[dict[str, int]]:
        assert ref not in self.running, "fetched before it finished"
        return [{"game": ref}]

    def cancel(self, ref: int) -> None:
        self.cancelled.append(ref)


def _chunks(count: int) -> list[list[Any]]:
    return [[(None, i)] for i in range(count)]


@pytest.mark.parametrize("slots", [1, 2, 3])
def test_results_come_in_game_order_however_tasks_finish(slots: int) -> None:
    fake = FakeRay()
    submit: Callable[[list[Any]], int] = fake.submit
    results = [r for rs in in_order(fake, submit, _chunks(20), slots) for r in rs]
    assert [r["game"] for r in results] == list(range(20))
    assert fake.most == slots  # never more in flight than asked, and that many when it can
    assert fake.cancelled == []


def test_a_stopped_run_cancels_its_tasks_and_holds_back_a_bounded_number() -> None:
    fake = FakeRay()
    run = in_order(fake, fake.submit, _chunks(50), 2)
    assert next(run) == [{"game": 0}]
    run.close()  # the driver stops (an error, ^C): nothing left running for it
    assert fake.cancelled
    assert len(fake.cancelled) <= AHEAD * 2


def test_an_address_where_nothing_answers_is_refused_at_once() -> None:
    with socket.socket() as listening:
        listening.bind(("127.0.0.1", 0))
        listening.listen()
        port = listening.getsockname()[1]
        assert unreachable(f"127.0.0.1:{port}") is None
    assert unreachable(f"127.0.0.1:{port}")  # closed now: refused, with the reason
    assert unreachable("auto") is None  # not host:port: left to Ray


class Unconnected:
    """A stand-in for Ray in a process not connected to any cluster."""

    def is_initialized(self) -> bool:
        return False

    def init(self, **_: Any) -> None:
        raise AssertionError("the address was probed first: Ray is not asked to connect")


def test_no_cluster_at_the_address_is_a_clear_error_and_leaves_no_file(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(options, "require_ray", lambda: None)
    monkeypatch.setattr(raybatch, "ray_module", Unconnected)
    with socket.socket() as closed:
        closed.bind(("127.0.0.1", 0))
        port = closed.getsockname()[1]  # bound, not listening: refused
        out = tmp_path / "r.jsonl"
        flags = ["--backend", "ray", "--address", f"127.0.0.1:{port}", "--out", str(out)]
        result = CliRunner().invoke(cli, ["simulate", *RUN, *flags])
    assert result.exit_code == 1, result.output
    assert f"--address 127.0.0.1:{port}: no Ray cluster answers there" in result.output
    assert "Traceback" not in result.output
    assert not out.exists()  # the same command can be run again once the cluster is up
