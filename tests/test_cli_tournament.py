"""`tournament` driven as a user would: the same file for any worker count, resume, the tables,
the report, and clear errors."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from game.cli import main

COMMON = ["tournament", "--scenario", "railway-sale", "--agents", "random,historical",
          "--opponents", "historical", "--games", "6", "--seed", "4", "--no-progress"]  # fmt: skip


def _run(args: list[str], capsys: pytest.CaptureFixture[str]) -> tuple[int, str, str]:
    code = main(args)
    captured = capsys.readouterr()
    return code, captured.out, captured.err


def test_same_files_for_any_worker_count(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    outs = []
    for workers in ("1", "2"):
        jsonl, summary = tmp_path / f"w{workers}.jsonl", tmp_path / f"w{workers}.json"
        code, out, _ = _run(
            [*COMMON, "--workers", workers, "--out", str(jsonl), "--summary", str(summary)], capsys
        )
        assert code == 0
        outs.append((jsonl.read_bytes(), summary.read_bytes(), out))
    assert outs[0] == outs[1]
    lines = [json.loads(line) for line in outs[0][0].decode().splitlines()]
    assert len(lines) == 2 * 2 * 6  # seats × agents × games
    assert {"seat", "opponents", "agent", "orders", "state_hash", "scores"} <= set(lines[0])
    table = outs[0][2]
    assert "| seat | opponents | agent | mean score (95 % CI) | outcomes |" in table
    assert "| japan | historical | historical − random |" in table
    summary = json.loads(outs[0][1])
    assert summary["games"] == 24
    assert [c["seat"] for c in summary["cells"]] == ["ussr", "japan"]


def test_a_summary_may_be_written_again(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    summary = tmp_path / "summary.json"
    args = [*COMMON, "--seats", "japan", "--workers", "1", "--summary", str(summary)]
    assert _run(args, capsys)[0] == 0
    assert _run(args, capsys)[0] == 0  # a previous tournament summary, not the user's file
    summary.write_text('{"mine": 1}')
    code, out, err = _run(args, capsys)
    assert code != 0
    assert "not a previous summary file" in out + err


def test_resume_finishes_a_killed_run(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    whole = tmp_path / "whole.jsonl"
    assert _run([*COMMON, "--workers", "1", "--out", str(whole)], capsys)[0] == 0
    cut = tmp_path / "cut.jsonl"
    data = whole.read_bytes()
    lines = data.splitlines(keepends=True)
    cut.write_bytes(b"".join(lines[:9]) + lines[9][:20])  # killed while writing line 10
    code, out, _ = _run([*COMMON, "--workers", "2", "--out", str(cut), "--resume"], capsys)
    assert code == 0
    assert cut.read_bytes() == data
    code, resumed, _ = _run([*COMMON, "--workers", "1", "--out", str(cut), "--resume"], capsys)
    assert code == 0
    assert resumed == out  # resuming a finished run plays nothing and prints the same tables


def test_resume_refuses_another_runs_file(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    out = tmp_path / "run.jsonl"
    assert _run([*COMMON, "--seats", "ussr", "--workers", "1", "--out", str(out)], capsys)[0] == 0
    other = [*COMMON, "--seats", "ussr", "--agents", "historical,random", "--workers", "1"]
    code, text, err = _run([*other, "--out", str(out), "--resume"], capsys)
    assert code != 0
    assert "is from another run" in text + err


def test_report_prints_each_agents_orders(capsys: pytest.CaptureFixture[str]) -> None:
    code, out, _ = _run([*COMMON, "--seats", "ussr", "--workers", "1", "--report"], capsys)
    assert code == 0
    assert "Strategy report: railway-sale" in out
    assert "## ussr played by random" in out
    assert "## ussr played by historical" in out
    assert "| `ussr:" in out  # an order, in the engine's notation
    assert "median date (middle half)" in out


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (["--agents", "random,genius"], "--agents: unknown agent 'genius'"),
        (["--opponents", "genius"], "--opponents: unknown agent 'genius'"),
        (["--agents", "greedy:hard"], "agent 'greedy' has no levels"),
        (["--agents", "random,random"], "random named twice"),
        (["--seats", "china"], "--seats: unknown faction 'china'"),
        (["--scenario", "nowhere"], "no such scenario"),
        (["--variant", "nothing"], "no such variant"),
        (["--games", "0"], "--games"),
        (["--games", "1000000"], "at most 1,000,000 in one run"),
        (["--out", "x.csv"], "use a .jsonl file name"),
        (["--resume"], "--resume continues the run written to --out"),
        (["--workers", "0"], "workers must be at least 1"),
    ],
)
def test_bad_flags_give_clear_errors(
    args: list[str], message: str, capsys: pytest.CaptureFixture[str]
) -> None:
    code, out, err = _run(["tournament", "--no-progress", *args], capsys)
    assert code != 0
    assert message in out + err
    assert "Traceback" not in out + err
