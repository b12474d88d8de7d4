"""The `calibrate` command: a small batch, its files, and clear errors for bad flags."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from game.cli import main
from tests.scenario.helpers import RAILWAY_TEXT

BASE = ["calibrate", "--scenario", "railway-sale", "--games", "4", "--no-progress"]


def _run(args: list[str], capsys: pytest.CaptureFixture[str]) -> tuple[int, str, str]:
    code = main(args)
    captured = capsys.readouterr()
    return code, captured.out, captured.err


def test_a_small_batch_prints_the_table_and_writes_its_files(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    md, js = tmp_path / "cal.md", tmp_path / "cal.json"
    args = [*BASE, "--agents", "all=historical", "--workers", "2"]
    code, out, _ = _run([*args, "--out", str(md), "--json", str(js)], capsys)
    assert code == 0
    assert "near history" in out
    assert "wall time" in out
    assert "sale_signed" in out
    text = md.read_text(encoding="utf-8")
    assert text.startswith("## Calibration: The Railway Sale (`railway-sale`)")
    assert "`python main.py calibrate --scenario railway-sale --agents all=historical" in text
    data = json.loads(js.read_text(encoding="utf-8"))
    assert data["games"] == 4
    assert data["agents"] == {"ussr": "historical", "japan": "historical"}
    assert [c["id"] for c in data["checks"]] == [
        "sale_signed",
        "agreed_in_window",
        "price",
        "signed_by_1935",
    ]
    assert 0 <= data["near_history"]["low"] <= data["near_history"]["share"] <= 1
    assert "wall" not in js.read_text(encoding="utf-8")
    # Same seeds with one worker: the same JSON, byte for byte; its own outputs are rewritten.
    code, _, _ = _run([*args[:-1], "1", "--out", str(md), "--json", str(js)], capsys)
    assert code == 0
    assert json.loads(js.read_text(encoding="utf-8")) == data


def test_the_default_agents_are_the_default_ai_at_its_batch_level(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    js = tmp_path / "cal.json"
    code, _, _ = _run([*BASE, "--agents", "ussr=historical", "--json", str(js)], capsys)
    assert code == 0
    assert json.loads(js.read_text())["agents"] == {"ussr": "historical", "japan": "persona:fast"}


@pytest.mark.parametrize(
    ("extra", "message"),
    [
        (["--agents", "all=nobody"], "unknown agent 'nobody'"),
        (["--agents", "all=random,all=greedy"], "all= is given twice"),
        (["--agents", "china=random"], "unknown faction 'china'"),
        (["--agents", "historical"], "write faction=agent"),
        (["--out", "table.txt"], "use a .md file name"),
        (["--json", "table.md"], "use a .json file name"),
        (["--workers", "two"], "a whole number of processes"),
        (["--scenario", "no-such-scenario"], "no-such-scenario"),
        (["--games", "0"], "0"),
    ],
)
def test_bad_flags_give_clear_errors(
    capsys: pytest.CaptureFixture[str], extra: list[str], message: str
) -> None:
    code, out, err = _run([*BASE, *extra], capsys)
    assert code != 0
    assert message in err
    assert "Traceback" not in err + out


def test_a_scenario_without_checks_is_refused(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    path = tmp_path / "bare.yaml"
    path.write_text(RAILWAY_TEXT[: RAILWAY_TEXT.index("\ncalibration:")] + "\n", encoding="utf-8")
    code, _, err = _run(["calibrate", "--scenario", str(path), "--games", "2"], capsys)
    assert code == 1
    assert "has no calibration checks" in err


def test_a_file_that_is_not_its_output_is_kept(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    notes = tmp_path / "notes.md"
    notes.write_text("# My notes\n", encoding="utf-8")
    code, _, err = _run([*BASE, "--out", str(notes)], capsys)
    assert code == 1
    assert "not a previous calibration file" in " ".join(err.split())
    assert notes.read_text(encoding="utf-8") == "# My notes\n"
