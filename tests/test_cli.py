"""The command line, driven as a user would: clear output, clear errors, no tracebacks."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from game.cli import main
from game.scenario.schema import ScenarioSpec, VariantSpec

ROOT = Path(__file__).resolve().parents[1]


def _run(args: list[str], capsys: pytest.CaptureFixture[str]) -> tuple[int, str, str]:
    code = main(args)
    captured = capsys.readouterr()
    return code, captured.out, captured.err


def test_simulate_output_is_identical_for_any_worker_count(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    common = [
        "simulate",
        "--scenario",
        "railway-sale",
        "--games",
        "16",
        "--seed",
        "3",
        "--agents",
        "ussr=historical,japan=random",
        "--no-progress",
    ]
    code1, out1, _ = _run([*common, "--workers", "1", "--out", str(tmp_path / "a.jsonl")], capsys)
    code2, _, _ = _run([*common, "--workers", "2", "--out", str(tmp_path / "b.jsonl")], capsys)
    assert code1 == code2 == 0
    a = (tmp_path / "a.jsonl").read_bytes()
    assert a == (tmp_path / "b.jsonl").read_bytes()
    lines = [json.loads(line) for line in a.decode().splitlines()]
    assert len(lines) == 16
    assert lines[0]["agents"] == {"ussr": "historical", "japan": "random"}
    assert "Sold as in history" in out1 or "history" in out1
    assert "middle half" in out1  # the figures table, beside history's values
    assert "67.5" in out1
    assert "95 %" in out1
    assert "interval" in out1
    assert "agents: ussr=historical, japan=random" in out1
    assert "Sep 1934" in out1  # history's month, at the calendar's precision
    assert "1934-09" not in out1


def test_simulate_names_the_variant_and_leaves_out_figures_never_set(
    capsys: pytest.CaptureFixture[str],
) -> None:
    code, out, _ = _run(
        [
            "simulate",
            "--scenario",
            "railway-sale",
            "--variant",
            "army_unrestrained",
            "--games",
            "6",
            "--seed",
            "2",
            "--agents",
            "all=historical",
            "--no-progress",
            "--workers",
            "1",
        ],
        capsys,
    )
    assert code == 0
    assert "variant army_unrestrained" in out
    assert "never" not in out.split("figures, over the games")[-1].split("history:")[0]


def test_simulate_writes_csv(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    out = tmp_path / "runs.csv"
    code, _, _ = _run(
        ["simulate", "--games", "5", "--no-progress", "--workers", "1", "--out", str(out)], capsys
    )
    assert code == 0
    header, *rows = out.read_text().splitlines()
    assert "scores.ussr" in header.split(",")
    assert len(rows) == 5


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (["simulate", "--agents", "ussr=genius"], "unknown agent 'genius'"),
        (["simulate", "--agents", "china=random"], "unknown faction 'china'"),
        (["simulate", "--scenario", "nowhere"], "no such scenario"),
        (["simulate", "--variant", "nothing"], "no such variant"),
        (["simulate", "--workers", "0"], "workers must be at least 1"),
        (["simulate", "--out", "x.txt", "--games", "1"], "use a .jsonl or .csv"),
        (["simulate", "--games", "0"], "--games"),
    ],
)
def test_bad_flags_give_clear_errors(
    args: list[str], message: str, capsys: pytest.CaptureFixture[str]
) -> None:
    code, out, err = _run([*args, "--no-progress"], capsys)
    assert code != 0
    assert message in out + err
    assert "Traceback" not in out + err


def test_record_then_replay(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    save = tmp_path / "game.json"
    code, out, _ = _run(
        ["record", "--agents", "ussr=greedy,japan=persona:fast", "--seed", "4", "--out", str(save)],
        capsys,
    )
    assert code == 0, out
    code, out, _ = _run(["replay", str(save), "--log"], capsys)
    assert code == 0
    assert "replay ok" in out
    assert "1933-06-01" in out  # the chronicle is dated


def test_replay_detects_tampering(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    save = tmp_path / "game.json"
    assert main(["record", "--agents", "all=greedy", "--seed", "4", "--out", str(save)]) == 0
    data = json.loads(save.read_text())
    data["seed"] = 5
    save.write_text(json.dumps(data))
    code, out, err = _run(["replay", str(save)], capsys)
    assert code == 1
    assert "game.json" in err + out
    assert "Traceback" not in err + out


def test_record_refuses_to_overwrite_a_foreign_file(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    precious = tmp_path / "thesis.json"
    precious.write_text('{"chapter": 1}')
    code, out, err = _run(["record", "--out", str(precious)], capsys)
    assert code == 1
    assert "not overwriting" in out + err
    assert precious.read_text() == '{"chapter": 1}'


def test_validate_reports_file_line_and_field(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    text = (ROOT / "scenarios" / "railway_sale.yaml").read_text(encoding="utf-8")
    broken = tmp_path / "broken.yaml"
    broken.write_text(text.replace("initial: 35", 'initial: "high"'), encoding="utf-8")
    line = next(i for i, row in enumerate(broken.read_text().splitlines(), 1) if '"high"' in row)
    code, _out, err = _run(["validate", str(broken)], capsys)
    assert code == 1
    assert f"broken.yaml:{line}: tracks[" in err
    assert ".initial" in err


def test_schema_files_are_up_to_date() -> None:
    for name, model in (("schema.json", ScenarioSpec), ("variant.schema.json", VariantSpec)):
        path = ROOT / "scenarios" / name
        assert path.exists(), f"run `python main.py schema` to write {path}"
        assert json.loads(path.read_text()) == model.model_json_schema(by_alias=True), (
            f"{path} is stale: run `python main.py schema`"
        )


def test_scenarios_lists_variants(capsys: pytest.CaptureFixture[str]) -> None:
    code, out, _ = _run(["scenarios"], capsys)
    assert code == 0
    assert "railway-sale" in out
    assert "no_us_recognition" in out


def test_play_without_display_points_to_headless_commands(
    monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    monkeypatch.delenv("SDL_VIDEODRIVER", raising=False)
    monkeypatch.delenv("DISPLAY", raising=False)
    monkeypatch.delenv("WAYLAND_DISPLAY", raising=False)
    monkeypatch.setattr("sys.platform", "linux")
    code, out, err = _run([], capsys)
    assert code == 1
    assert "No display" in out + err
    assert "simulate" in out + err


def test_play_opens_the_window_headless(capsys: pytest.CaptureFixture[str]) -> None:
    code, _, err = _run(["play", "--frames", "3"], capsys)
    assert code == 0, err
