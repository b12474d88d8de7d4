"""Issue 11: outputs never destroy what is not theirs, limits hold with clear messages, and
saves are read only as this engine writes them."""

from __future__ import annotations

import json
import os
from pathlib import Path

import pytest
from click.testing import CliRunner, Result

from game.cli import cli
from game.scenario.loader import scenario_path
from game.sim.files import STALE_SECONDS, write_atomic
from game.sim.record import RecordError, load_record, replay

ARGS = ["--games", "2", "--workers", "1", "--no-progress", "--agents", "ussr=historical"]


def run(*args: str) -> Result:
    return CliRunner().invoke(cli, list(args))


def test_an_input_is_never_an_output(tmp_path: Path) -> None:
    """Regression: `simulate --summary scenarios/railway_sale.yaml` overwrote the scenario."""
    scenario = scenario_path("railway-sale")
    before = scenario.read_bytes()
    for flags in ([], ["--force"]):
        result = run("simulate", *ARGS, "--summary", str(scenario), *flags)
        assert result.exit_code == 1
        assert "is an input of this command" in result.output
    copy = tmp_path / "mine.yaml"
    copy.write_bytes(before)
    result = run("simulate", "--scenario", str(copy), *ARGS, "--out", str(copy), "--force")
    assert result.exit_code == 1
    assert scenario.read_bytes() == before
    assert copy.read_bytes() == before


def test_a_foreign_file_is_kept_unless_forced(tmp_path: Path) -> None:
    """Regression: `--out` overwrote any .csv or .jsonl."""
    data = tmp_path / "grades.csv"
    data.write_text("student,grade\nAnna,5\n", encoding="utf-8")
    result = run("simulate", *ARGS, "--out", str(data))
    assert result.exit_code == 1
    assert "not a previous results file" in result.output
    assert data.read_text(encoding="utf-8") == "student,grade\nAnna,5\n"
    assert run("simulate", *ARGS, "--out", str(data), "--force").exit_code == 0
    assert data.read_text(encoding="utf-8").startswith("game,")


def test_a_previous_output_is_replaced(tmp_path: Path) -> None:
    out, summary = tmp_path / "runs.jsonl", tmp_path / "summary.json"
    for _ in range(2):
        result = run("simulate", *ARGS, "--out", str(out), "--summary", str(summary))
        assert result.exit_code == 0, result.output
    assert len(out.read_text(encoding="utf-8").splitlines()) == 2


def test_a_missing_folder_is_found_before_the_first_game(tmp_path: Path) -> None:
    """Regression: `--out /no/dir/x.jsonl` played every game, then failed and lost them."""
    result = run("simulate", *ARGS[:1], "500", *ARGS[2:], "--out", str(tmp_path / "no" / "x.jsonl"))
    assert result.exit_code == 1
    assert "does not exist" in result.output
    assert "games" not in result.output  # no summary: nothing was played


def test_record_is_not_fooled_by_a_file_that_mentions_the_format(tmp_path: Path) -> None:
    """Regression: `record` overwrote any file containing `"format": "amur-save"`."""
    notes = tmp_path / "notes.txt"
    notes.write_text('My notes. A save begins {"format": "amur-save", ...}\n', encoding="utf-8")
    result = run("record", "--agents", "all=greedy", "--seed", "1", "--out", str(notes))
    assert result.exit_code == 1
    assert notes.read_text(encoding="utf-8").startswith("My notes")
    save = tmp_path / "game.json"
    assert run("record", "--agents", "all=greedy", "--seed", "1", "--out", str(save)).exit_code == 0
    assert (
        run("record", "--agents", "all=greedy", "--seed", "2", "--out", str(save)).exit_code == 0
    )  # its own output


def test_golden_and_schema_outputs_are_claimed(tmp_path: Path) -> None:
    save = tmp_path / "game.json"
    assert run("record", "--agents", "all=greedy", "--seed", "1", "--out", str(save)).exit_code == 0
    assert run("replay", str(save), "--write-golden", str(save)).exit_code == 1
    essay = tmp_path / "essay.txt"
    essay.write_text("An essay.\n", encoding="utf-8")
    assert run("replay", str(save), "--write-golden", str(essay)).exit_code == 1
    golden = tmp_path / "golden.txt"
    assert run("replay", str(save), "--write-golden", str(golden)).exit_code == 0
    assert run("replay", str(save), "--write-golden", str(golden)).exit_code == 0
    (tmp_path / "schema.json").write_text('{"mine": true}\n', encoding="utf-8")
    assert run("schema", "--out-dir", str(tmp_path)).exit_code == 1
    assert run("schema", "--out-dir", str(tmp_path), "--force").exit_code == 0
    assert run("schema", "--out-dir", str(tmp_path)).exit_code == 0


@pytest.mark.parametrize(("workers", "words"), [("1e30", "a whole number"), ("-3", "whole")])
def test_bad_worker_counts_are_clear(workers: str, words: str) -> None:
    result = run("simulate", "--games", "1", "--workers", workers, "--no-progress")
    assert result.exit_code == 1
    assert words in result.output
    assert "Traceback" not in result.output


def test_too_many_workers_are_capped_and_said() -> None:
    cores = os.cpu_count() or 1
    result = run("simulate", "--games", "2", "--workers", "200", "--no-progress")
    assert result.exit_code == 0, result.output
    assert f"capped at {2 * cores}" in result.output


def test_too_many_games_are_refused() -> None:
    result = run("simulate", "--games", "10000000", "--no-progress")
    assert result.exit_code != 0
    assert "1000000" in result.output.replace(",", "")


def test_moves_must_be_written_as_the_engine_writes_them(tmp_path: Path) -> None:
    """Regression: full-width digits (`６７.５`) were accepted in saves."""
    save = tmp_path / "game.json"
    assert (
        run("record", "--seed", "1", "--agents", "all=historical", "--out", str(save)).exit_code
        == 0
    )
    data = json.loads(save.read_text(encoding="utf-8"))
    i, text = next((i, a) for i, a in enumerate(data["actions"]) if ":offer:" in a)
    price = text.rsplit(":", 1)[1]
    wide = price.translate(str.maketrans("0123456789", "０１２３４５６７８９"))
    for odd in (text.replace(price, wide), text + "0" if "." in price else text + ".0"):
        data["actions"][i] = odd
        save.write_text(json.dumps(data), encoding="utf-8")
        with pytest.raises(RecordError, match="not written as the game writes it"):
            replay(load_record(save), str(save))


def test_a_save_of_another_engine_version_is_refused(tmp_path: Path) -> None:
    save = tmp_path / "game.json"
    assert run("record", "--agents", "all=greedy", "--seed", "1", "--out", str(save)).exit_code == 0
    data = json.loads(save.read_text(encoding="utf-8"))
    data["engine_version"] = "0.2.0"
    save.write_text(json.dumps(data), encoding="utf-8")
    with pytest.raises(RecordError, match=r"saved by engine '0\.2\.0'"):
        load_record(save)


def test_stale_temporary_files_are_cleaned(tmp_path: Path) -> None:
    """A killed write leaves `.name.*.tmp`; the next write of the same file removes it once it
    is older than any write takes, and leaves a fresh one (another write may be under way)."""
    target = tmp_path / "runs.jsonl"
    stale, fresh = tmp_path / ".runs.jsonl.abc.tmp", tmp_path / ".runs.jsonl.def.tmp"
    for tmp in (stale, fresh):
        tmp.write_text("half", encoding="utf-8")
    old = fresh.stat().st_mtime - STALE_SECONDS - 60  # the file system's clock, not ours
    os.utime(stale, (old, old))
    write_atomic(target, "done\n")
    assert not stale.exists()
    assert fresh.exists()
    assert target.read_text(encoding="utf-8") == "done\n"


def test_a_long_audit_report_is_known_as_a_previous_output(tmp_path: Path) -> None:
    """Regression: an audit's JSON longer than the part sniffed (the shipped ones are 100-250
    KB) was taken for a foreign file, and a rerun refused to replace it without --force."""
    from game.sim.outputs import SNIFF_BYTES, is_output

    report = {"agents": {"ussr": "historical"}, "epsilon": 0.5, "games": 1, "seats": {}}
    report["points"] = [{"values": {"x": [1.0] * 50}} for _ in range(SNIFF_BYTES // 100)]
    path = tmp_path / "audit.json"
    path.write_text(json.dumps(report, indent=1, sort_keys=True), encoding="utf-8")
    assert path.stat().st_size > SNIFF_BYTES
    assert is_output(path, "audit")
    other = tmp_path / "notes.json"
    other.write_text(json.dumps({"points": [0] * SNIFF_BYTES}), encoding="utf-8")
    assert not is_output(other, "audit")


def test_a_schema_larger_than_the_sniff_is_still_known_as_an_output(tmp_path: Path) -> None:
    """Regression: the scenario schema outgrew the 64 KB sniff and a rerun of `schema`
    refused to replace its own file."""
    from game.sim.outputs import SNIFF_BYTES, is_output

    big = tmp_path / "schema.json"
    pad = {f"p{i}": {"type": "string", "description": "x" * 80} for i in range(SNIFF_BYTES // 80)}
    big.write_text(json.dumps({"title": "Scenario", "properties": pad}, indent=2), "utf-8")
    assert big.stat().st_size > SNIFF_BYTES
    assert is_output(big, "schema")
    mine = tmp_path / "mine.json"
    mine.write_text(json.dumps({"notes": ["x" * 80] * (SNIFF_BYTES // 80)}), "utf-8")
    assert not is_output(mine, "schema")
