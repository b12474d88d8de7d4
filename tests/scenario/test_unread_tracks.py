"""The compiler warns, at the track's line, about a declared track that no rule reads.

Each case is a copy of a tiny scenario (written to a temporary file) in which the track `noise`
is written by Red's action and, unless the case adds a reader, read by nothing.
"""

from __future__ import annotations

from pathlib import Path

import pytest

from game.cli import main
from game.scenario.loader import available_scenarios, scenario_warnings, variants_of
from tests.scenario.helpers import edit, line_of, same_file

BASE = """\
id: unread-test
title: Unread (test)
period: 1900 (test)
summary: A test scenario for the warning about tracks no rule reads.
calendar:
  - {start: 1900-01-01, end: 1900-12-01, step: month}
max_orders: 2
factions:
  - {id: red, name: Red, briefing: Score.}
  - {id: blue, name: Blue, briefing: Stop Red scoring.}
tracks:
  - {id: points, name: Points, range: [0, 100], initial: 10}
  - {id: noise, name: Noise, range: [0, 100], initial: 0}
actions:
  - id: shout
    faction: red
    label: Shout
    effects: [{add: {points: 1, noise: 1}}]
events:
  - id: dawn
    title: Dawn
    text: The sun rises.
    cite: test
    repeat: true
    effects: [{say: Dawn.}]
end_rules:
  - {id: won, label: Red has won, when: {track: points, gte: 100}}
time_limit: {id: over, label: The year is out}
outcome_classes:
  - {id: calm, label: Calm}
scoring:
  factions:
    red: [{track: points}]
    blue: [{track: points, weight: -1}]
baseline:
  outcome_class: calm
  summary: Red scores a little.
"""

SHOUT = "    effects: [{add: {points: 1, noise: 1}}]\n"
DAWN = "    effects: [{say: Dawn.}]\n"
NOISE_LINE = "{id: noise,"

AUCTION = """\
mechanics:
  auction:
    host: red
    bidders: [{faction: blue, funds: points}]
    waters: [{id: sea, name: Sea}]
    lots: [{id: bay, name: Bay, water: sea, grounds: 1, estimate: 100, value: 10}]
    active: {track: points, gte: 0}
    fishing: {track: points, gte: 0}
    freeze: FREEZE
    reserve: points
    unit: roubles
    catch_unit: tonnes
"""

# (case, text of the base scenario to replace, its replacement): each adds one reader of noise.
READERS = [
    ("condition", SHOUT, SHOUT + "    when: {track: noise, lt: 50}\n"),
    ("odds", SHOUT, SHOUT + "    odds: {base: 0.5, per: {noise: 0.01}}\n"),
    ("score", "blue: [{track: points, weight: -1}]", "blue: [{track: noise, weight: -1}]"),
    ("cost", SHOUT, SHOUT + "    cost: {noise: 1}\n"),
    ("right_hand_side", SHOUT, SHOUT + "    when: {track: points, lt: noise}\n"),
    ("turn_of", DAWN, DAWN + "    when: {turn_of: noise, after: 1900-03-01}\n"),
    ("copy_source", DAWN, "    effects: [{copy: {from: noise, to: points}}]\n"),
    ("event_odds", DAWN, DAWN + "    probability: {base: 0, per: {noise: 0.01}}\n"),
    (
        "chance",
        DAWN,
        "    effects: [{chance: {base: 0, per: {noise: 0.01}}, then: [{say: Hm.}]}]\n",
    ),
    ("if", DAWN, "    effects: [{if: {track: noise, gt: 3}, then: [{say: Loud.}]}]\n"),
    (
        "outcome_class",
        "  - {id: calm, label: Calm}\n",
        "  - {id: loud, label: Loud, when: {track: noise, gte: 50}}\n  - {id: calm, label: Calm}\n",
    ),
    ("end_rule", "when: {track: points, gte: 100}", "when: {track: noise, gte: 100}"),
    (
        "plan_step",
        "baseline:\n",
        "historical_plan:\n  red: [{when: {track: noise, lt: 5}, do: ['red:shout']}]\nbaseline:\n",
    ),
    ("figure", "baseline:\n", "figures: [{id: noise, label: Noise, track: noise}]\nbaseline:\n"),
    (
        "distance",
        "baseline:\n",
        "distance: [{id: noise, label: Noise, track: noise, history: 0}]\nbaseline:\n",
    ),
    ("mechanic", "baseline:\n", AUCTION.replace("FREEZE", "noise") + "baseline:\n"),
]

# (case, replacement of Red's effects): noise written this way, and read by nothing.
WRITERS = [
    ("add", "    effects: [{add: {noise: 1}}]\n", "actions[0].effects[0].add.noise"),
    ("set", "    effects: [{set: {noise: 1}}]\n", "actions[0].effects[0].set.noise"),
    ("copy", "    effects: [{copy: {from: points, to: noise}}]\n", "actions[0].effects[0].copy.to"),
    ("set_turn", "    effects: [{set_turn: noise}]\n", "actions[0].effects[0].set_turn"),
    (
        "nested",
        "    effects: [{if: {track: points, gt: 1}, then: [{add: {noise: 2}}]}]\n",
        "actions[0].effects[0].then[0].add.noise",
    ),
]


def write(folder: Path, old: str = "", new: str = "", name: str = "unread.yaml") -> Path:
    path = folder / name
    path.write_text(edit(BASE, old, new) if old else BASE, encoding="utf-8")
    return path


def test_a_track_written_but_never_read_gets_one_warning(tmp_path: Path) -> None:
    path = write(tmp_path)
    [warning] = scenario_warnings(str(path))
    assert same_file(warning, path)
    assert warning.line == line_of(path, NOISE_LINE)
    assert warning.field == "tracks[1].id"
    assert "track 'noise' is written (actions[0].effects[0].add.noise)" in warning.message
    assert "no rule, odds, score, outcome or end rule reads it" in warning.message


@pytest.mark.parametrize(("case", "old", "new"), READERS, ids=[r[0] for r in READERS])
def test_a_track_read_is_not_flagged(tmp_path: Path, case: str, old: str, new: str) -> None:
    path = write(tmp_path, old, new)
    assert scenario_warnings(str(path)) == [], case


@pytest.mark.parametrize(("case", "effects", "where"), WRITERS, ids=[w[0] for w in WRITERS])
def test_every_kind_of_write_is_named(tmp_path: Path, case: str, effects: str, where: str) -> None:
    path = write(tmp_path, SHOUT, effects)
    [warning] = scenario_warnings(str(path))
    assert f"track 'noise' is written ({where})" in warning.message, case


def test_a_mechanic_effect_is_a_write_not_a_read(tmp_path: Path) -> None:
    """The auction reads its `freeze` track; what its `on_seizure` effects write it does not."""
    section = AUCTION.replace("FREEZE", "points") + "    on_seizure: [{add: {noise: 1}}]\n"
    path = write(tmp_path, "baseline:\n", section + "baseline:\n")
    [warning] = scenario_warnings(str(path))
    assert warning.line == line_of(path, NOISE_LINE)
    assert "mechanics.auction.on_seizure[0].add.noise" in warning.message


def test_a_track_neither_read_nor_written_is_never_used(tmp_path: Path) -> None:
    path = write(tmp_path, SHOUT, "    effects: [{add: {points: 1}}]\n")
    [warning] = scenario_warnings(str(path))
    assert warning.line == line_of(path, NOISE_LINE)
    assert "track 'noise' is never used" in warning.message


def test_many_writes_are_counted(tmp_path: Path) -> None:
    path = write(tmp_path, SHOUT, "    effects: [" + ", ".join(["{add: {noise: 1}}"] * 5) + "]\n")
    [warning] = scenario_warnings(str(path))
    assert "actions[0].effects[2].add.noise and 2 more)" in warning.message


def test_a_variant_is_checked_as_compiled(tmp_path: Path) -> None:
    """A variant that makes the only reader of a track read another gets the warning; one that
    adds a reader loses it."""
    path = write(tmp_path, SHOUT, SHOUT + "    when: {track: noise, lt: 50}\n")
    variant = tmp_path / "quiet.yaml"
    variant.write_text(
        "variant: quiet\nscenario: unread-test\ntitle: Quiet\nquestion: What if?\n"
        "changes:\n  - {set: actions.shout.when, value: {track: points, lt: 50}}\n",
        encoding="utf-8",
    )
    assert scenario_warnings(str(path)) == []
    [warning] = scenario_warnings(str(path), str(variant))
    assert warning.line == line_of(path, NOISE_LINE)
    assert "track 'noise' is written" in warning.message


def test_validate_prints_warnings_and_passes(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    path = write(tmp_path)
    line = line_of(path, NOISE_LINE)
    assert main(["validate", str(path)]) == 0
    captured = capsys.readouterr()
    assert "(scenario)" in captured.out
    assert f"unread.yaml:{line}: warning: tracks[1].id: track 'noise' is written" in captured.err
    assert main(["validate", "--strict", str(path)]) == 1
    captured = capsys.readouterr()
    assert f"unread.yaml:{line}: warning: tracks[1].id:" in captured.err
    assert "1 of 1 files have faults" in captured.out + captured.err


def test_validate_names_only_what_a_variant_adds(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    """A variant's warnings are those it adds: its scenario's own are reported with the
    scenario (here, none)."""
    monkeypatch.setenv("AMUR_SCENARIOS", str(tmp_path))
    write(tmp_path, SHOUT, SHOUT + "    when: {track: noise, lt: 50}\n")
    variant = tmp_path / "quiet.yaml"
    variant.write_text(
        "variant: quiet\nscenario: unread-test\ntitle: Quiet\nquestion: What if?\n"
        "changes:\n  - {set: actions.shout.when, value: {track: points, lt: 50}}\n",
        encoding="utf-8",
    )
    assert main(["validate", str(variant)]) == 0
    captured = capsys.readouterr()
    assert "(variant)" in captured.out
    assert "warning: tracks[1].id: track 'noise' is written" in captured.err


@pytest.mark.parametrize("sid", sorted(available_scenarios()))
def test_shipped_scenarios_are_checked(sid: str) -> None:
    """The check runs on each shipped scenario; what it finds names a track's own line."""
    path = available_scenarios()[sid]
    lines = path.read_text(encoding="utf-8").splitlines()
    for warning in scenario_warnings(sid):
        assert same_file(warning, path)
        assert warning.line is not None
        assert warning.field.startswith("tracks[")
        name = warning.message.split("'")[1]
        assert f"id: {name}" in lines[warning.line - 1], warning


@pytest.mark.parametrize("sid", sorted(available_scenarios()))
def test_every_shipped_track_is_read_by_a_rule(sid: str) -> None:
    """Issue 13: no shipped scenario, nor any of its variants, writes a track that nothing
    reads (an order that pays for such a track would change nothing)."""
    path = available_scenarios()[sid]
    assert [w.text() for w in scenario_warnings(sid)] == []
    for variant in sorted(variants_of(path).values()):
        assert [w.text() for w in scenario_warnings(sid, str(variant))] == [], variant
