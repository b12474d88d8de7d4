"""The branch explorer (issue 16 item 3): a trunk forked at a date and played on; what happened
before the fork is shared by every continuation, what comes after is each one's own."""

from __future__ import annotations

import datetime as dt
import json
from pathlib import Path

import pytest

from game.cli import main
from game.scenario.loader import load_game
from game.sim.batch import BatchSpec, run_batch
from game.sim.branch import fork_at, historical_trunk
from game.sim.record import save_record


def test_the_fork_is_the_first_turn_on_or_after_its_date() -> None:
    game = load_game("railway-sale")
    trunk = historical_trunk(game, 1)
    fork = fork_at(game, trunk, dt.date(1934, 2, 15))
    assert fork.date == dt.date(1934, 3, 1)
    assert trunk.actions[: len(fork.moves)] == fork.moves
    assert fork.outcome == "historical"
    start = fork_at(game, trunk, dt.date(1900, 1, 1))
    assert start.moves == ()
    with pytest.raises(ValueError, match="ended on"):
        fork_at(game, trunk, dt.date(1950, 1, 1))


def _continuations(games: int, workers: int) -> list[dict[str, object]]:
    game = load_game("august-1945")
    fork = fork_at(game, historical_trunk(game, 1), dt.date(1945, 8, 7))
    agents = tuple((f.id, "greedy") for f in game.rules.factions)
    spec = BatchSpec("august-1945", None, agents, games, 5, trunk=(fork.seed, fork.moves))
    return list(run_batch(spec, workers=workers))


def test_continuations_share_the_past_and_differ_after_it() -> None:
    """Forked after Hiroshima: every continuation has the trunk's first bomb; they do not all
    end alike; and the same seeds give the same games on one or two workers."""
    one = _continuations(6, workers=1)
    assert {r["figures"]["first_bomb"] for r in one} == {"1945-08-06"}  # type: ignore[index]
    assert len({r["state_hash"] for r in one}) > 1
    assert one == _continuations(6, workers=2)


def _run(args: list[str], capsys: pytest.CaptureFixture[str]) -> tuple[int, str, str]:
    code = main(args)
    captured = capsys.readouterr()
    return code, captured.out, captured.err


def test_the_command_forks_a_save_and_reports_beside_the_trunk(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    game = load_game("railway-sale")
    save = tmp_path / "game.json"
    save_record(save, historical_trunk(game, 2))
    out = tmp_path / "branch"
    args = ["branch", str(save), "--at", "1934-06-01", "--games", "4", "--workers", "1"]
    code, printed, err = _run([*args, "--agents", "all=greedy", "--out", str(out)], capsys)
    assert code == 0, err
    assert "the trunk" in printed
    assert "history" in printed
    summary = json.loads((out / "summary.json").read_text())
    assert summary["games"] == 4
    assert summary["fork"]["date"] == "1934-06-01"
    assert len((out / "results.jsonl").read_text().splitlines()) == 4
    assert (out / "branch.md").read_text().startswith("<!-- amur branch -->")


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (["--at", "1934-13-01", "--scenario", "railway-sale"], "YYYY-MM-DD"),
        (["--at", "1934-06-01"], "give a SAVE"),
        (["--at", "1950-01-01", "--scenario", "railway-sale"], "ended on"),
        (["--at", "1934-06-01", "--scenario", "no-such"], "no-such"),
    ],
)
def test_the_command_refuses_what_it_cannot_fork(
    args: list[str], message: str, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    code, _, err = _run(["branch", *args, "--out", str(tmp_path / "b"), "--games", "2"], capsys)
    assert code != 0
    assert message in err
