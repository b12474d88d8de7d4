"""Issue 11: every file goes through one reading gate, and hostile input gets the project's own
error with file, line and field — never a traceback, a hang or a memory blow-up."""

from __future__ import annotations

import json
import os
from pathlib import Path

import pytest
from click.testing import CliRunner

from game.cli import cli
from game.scenario.errors import ScenarioError
from game.scenario.loader import load_game, scenario_path
from game.scenario.reading import parse_json, read_bytes
from game.scenario.yamlfile import parse_yaml, read_yaml
from game.sim.record import RecordError, load_record
from game.ui.settings import Settings, load_settings

RAILWAY = scenario_path("railway-sale").read_text(encoding="utf-8")


def problem(text: str) -> tuple[int | None, str, str]:
    with pytest.raises(ScenarioError) as err:
        parse_yaml(text, "x.yaml")
    (p,) = err.value.problems
    return p.line, p.field, p.message


@pytest.mark.parametrize(
    ("text", "line", "field", "words"),
    [
        ("a: 1\nwhen: {after: 1933-02-30}\n", 2, "when.after", "not a real date"),
        ("a: 1\nb: " + "9" * 5000 + "\n", 2, "b", "5000 digits is out of range"),
        ("a: !!int '5'\n", 1, "", "tags"),
        ("a: !!float 5\n", 1, "", "tags"),
        ("a: !!python/object:os.system x\n", 1, "", "tags"),
        ("base: {x: 1}\nb:\n  <<: {x: 2}\n", 3, "", "merge keys"),
        ("a: .nan\n", 1, "a", "not a finite number"),
        ("a: [1, -.inf]\n", 1, "a[1]", "not a finite number"),
        ("a: 1.0e+999\n", 1, "a", "not a finite number"),
        ("a: 1\nb: \x07bell\n", 2, "", "not allowed"),
    ],
)
def test_hostile_yaml_is_refused_with_line_and_field(
    text: str, line: int, field: str, words: str
) -> None:
    got = problem(text)
    assert got[0] == line
    assert got[1] == field
    assert words in got[2]


def test_a_long_list_of_conditions_loads(tmp_path: Path) -> None:
    """Regression: an `all:` list of ~1,000 conditions raised RecursionError."""
    many = ", ".join("{track: tension, gte: 0}" for _ in range(1000))
    text = RAILWAY.replace("title: The Railway Sale", "title: Many conditions", 1)
    text = text.replace(
        "outcome_classes:\n",
        f"outcome_classes:\n  - {{id: many, label: Many, when: {{all: [{many}]}}}}\n",
        1,
    )
    path = tmp_path / "many.yaml"
    path.write_text(text, encoding="utf-8")
    game = load_game(str(path))
    assert game.rules.outcome_classes[0].pred(game.initial_state(1).tracks, 0, 0)


@pytest.mark.skipif(not hasattr(os, "mkfifo"), reason="no FIFOs on this system")
def test_a_fifo_is_refused_without_hanging(tmp_path: Path) -> None:
    fifo = tmp_path / "scenario.yaml"
    os.mkfifo(fifo)
    with pytest.raises(ScenarioError, match="not a regular file"):
        read_yaml(fifo)
    with pytest.raises(RecordError, match="not a regular file"):
        load_record(fifo)


@pytest.mark.parametrize("device", ["/dev/zero", "/dev/urandom"])
def test_a_device_is_refused_before_reading(device: str) -> None:
    if not Path(device).exists():
        pytest.skip(f"{device} does not exist here")
    with pytest.raises(ScenarioError, match="not a regular file"):
        read_bytes(Path(device), 1 << 20)


def test_a_folder_and_a_dangling_link_are_refused(tmp_path: Path) -> None:
    with pytest.raises(ScenarioError, match="not a regular file"):
        read_yaml(tmp_path)
    link = tmp_path / "gone.yaml"
    link.symlink_to(tmp_path / "nowhere.yaml")
    with pytest.raises(ScenarioError, match="cannot read"):
        read_yaml(link)


def test_size_is_checked_before_reading(tmp_path: Path) -> None:
    """A 4 GiB (sparse) file is refused from its size alone: nothing is read."""
    big = tmp_path / "big.yaml"
    with big.open("wb") as handle:
        handle.truncate(4 << 30)
    with pytest.raises(ScenarioError, match="larger than"):
        read_yaml(big)


def save_text(**changes: object) -> str:
    data = {
        "format": "amur-save", "format_version": 1, "engine_version": "0.1.0",
        "scenario": "railway-sale", "variant": None, "seed": 7, "agents": {},
        "actions": [], "state_hash": "0" * 64,
    }  # fmt: skip
    data.update(changes)
    return json.dumps(data)


@pytest.mark.parametrize(
    ("text", "words"),
    [
        (save_text().replace('"seed": 7', '"seed": ' + "7" * 5000), "digits is out of range"),
        (save_text().replace('"seed": 7', '"seed": NaN'), "not a number"),
        (save_text().replace('"seed": 7', '"seed": 1e999'), "not a finite number"),
        ("[" * 100_000 + "]" * 100_000, "nested too deeply"),
    ],
)
def test_hostile_saves_are_refused(tmp_path: Path, text: str, words: str) -> None:
    """Regression: a 5,000-digit seed crashed `replay` and the Load screen."""
    path = tmp_path / "save.json"
    path.write_text(text, encoding="utf-8")
    with pytest.raises(RecordError, match=words):
        load_record(path)
    result = CliRunner().invoke(cli, ["replay", str(path)])
    assert result.exit_code == 1
    assert "Traceback" not in result.output


def test_a_deeply_nested_settings_file_falls_back_to_the_defaults(tmp_path: Path) -> None:
    """Regression: a deeply nested settings.json stopped the window from starting."""
    path = tmp_path / "settings.json"
    path.write_text("[" * 100_000 + "]" * 100_000, encoding="utf-8")
    assert load_settings(path) == Settings()
    path.write_text('{"width": 1e999}', encoding="utf-8")
    assert load_settings(path) == Settings()


def test_parse_json_keeps_what_is_fine() -> None:
    assert parse_json('{"a": [1, 2.5, -3], "b": null}', "x.json") == {
        "a": [1, 2.5, -3],
        "b": None,
    }


def test_markup_in_a_title_does_not_break_the_summary(tmp_path: Path) -> None:
    """Regression: rich markup such as `[/]` in a title crashed the summary after every game
    had been played."""
    text = RAILWAY.replace("title: The Railway Sale", "title: '[/] [bold]Railway[/bold'", 1)
    path = tmp_path / "markup.yaml"
    path.write_text(text, encoding="utf-8")
    result = CliRunner().invoke(
        cli, ["simulate", "--scenario", str(path), "--games", "2", "--workers", "1",
              "--no-progress"]
    )  # fmt: skip
    assert result.exit_code == 0, result.output
    assert "[/] [bold]Railway[/bold" in result.output


def test_long_names_and_ids_make_long_derived_tracks(tmp_path: Path) -> None:
    """Regression: a lot name of 75 characters (allowed: 80) crashed the compiler, because the
    track it derives (`<name>: holder`) was validated against the file's own limit."""
    text = scenario_path("fishery-auctions").read_text(encoding="utf-8")
    long_name = "Icha River mouth where the salmon run thickest in the early weeks of summer"
    assert len(long_name) == 75
    long_id = "wk_" + "icha" * 15
    text = text.replace("name: Icha River mouth,", f"name: {long_name},")
    text = text.replace("wk_icha", long_id)
    path = tmp_path / "long.yaml"
    path.write_text(text, encoding="utf-8")
    game = load_game(str(path))
    assert f"bid_{long_id}_japan" in {t.id for t in game.rules.tracks}
    assert any(t.name == f"{long_name}: holder" for t in game.rules.tracks)
