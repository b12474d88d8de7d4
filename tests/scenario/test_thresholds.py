"""A track's `thresholds:` and `raisers:` in the scenario format: broken thresholds fail with
file, line and field; the rise tracks the engine keeps cannot be written by a file's effects."""

from __future__ import annotations

from pathlib import Path

import pytest

from game.cli import validate_file
from game.core.rules import Threshold
from game.scenario.errors import Problem, ScenarioError
from game.scenario.loader import load_rules
from tests.scenario.helpers import RAILWAY, at, edit_line, find_problem, write_broken

TENSION = at("tracks", "tension")
MARKS = (
    "      - {at: 65, label: talks stop meeting}\n      - {at: 80, label: the army may strike}\n"
)


def problems_of(path: Path) -> list[Problem]:
    with pytest.raises(ScenarioError) as info:
        validate_file(path)
    return info.value.problems


def test_the_railway_tension_has_its_thresholds_and_raisers() -> None:
    rules = load_rules(RAILWAY)
    tension = rules.tracks[rules.track_index("tension")]
    assert tension.thresholds[:2] == (
        Threshold(65, "talks stop meeting"),
        Threshold(80, "the army may strike"),
    )
    by = [rules.tracks[i].id for i in tension.raisers]
    shares = [rules.tracks[i].id for i in tension.shares]
    assert by == ["tension_by_ussr", "tension_by_japan"]
    assert shares == ["tension_share_ussr", "tension_share_japan"]
    for i in (*tension.raisers, *tension.shares):
        assert rules.tracks[i].mask == tension.mask  # the track's own visibility
    assert [rules.tracks[i].initial for i in tension.shares] == [50, 50]


CASES = [
    (
        "outside_the_range",
        MARKS,
        MARKS.replace("at: 80", "at: 180"),
        "at: 180",
        f"{TENSION}.thresholds[1].at",
        "outside the track's range [0, 100]",
    ),
    (
        "not_rising",
        MARKS,
        MARKS.replace("at: 80", "at: 60"),
        "at: 60",
        f"{TENSION}.thresholds[1].at",
        "is not above the threshold before it (65)",
    ),
    (
        "a_number_for_a_label",
        MARKS,
        MARKS.replace("label: the army may strike", "label: '80'"),
        "label: '80'",
        f"{TENSION}.thresholds[1].label",
        "is not in words",
    ),
    (
        "one_label_twice",
        MARKS,
        MARKS.replace("the army may strike", "talks stop meeting"),
        "at: 80",
        f"{TENSION}.thresholds[1].label",
        "labels two thresholds",
    ),
    (
        "a_misspelt_field",
        MARKS,
        MARKS.replace("label: the army", "lable: the army"),
        "lable",
        f"{TENSION}.thresholds[1].lable",
        "Extra inputs are not permitted",
    ),
    (
        "an_effect_writes_a_rise_track",
        "    effects: [{set: {talks_open: 0}}, {add: {tension: 5}}]\n",
        "    effects: [{set: {talks_open: 0}}, {add: {tension: 5, tension_by_japan: 5}}]\n",
        "tension_by_japan",
        f"{at('actions', 'break_off_talks')}.effects[1].add.tension_by_japan",
        "kept by the engine",
    ),
]


@pytest.mark.parametrize(
    ("old", "new", "marker", "field", "message"),
    [case[1:] for case in CASES],
    ids=[case[0] for case in CASES],
)
def test_broken_thresholds_name_file_line_and_field(
    tmp_path: Path, old: str, new: str, marker: str, field: str, message: str
) -> None:
    path = write_broken(tmp_path, old, new)
    find_problem(problems_of(path), path, edit_line(old, new, marker), field, message)


def test_the_rise_tracks_are_ordinary_tracks_a_file_can_read(tmp_path: Path) -> None:
    """Conditions, odds and scores may read `tension_by_<faction>` and `tension_share_…`."""
    path = write_broken(
        tmp_path,
        "      - {track: tension, weight: -1}\n      - {value: -300",
        "      - {track: tension_by_ussr, weight: -1, when: {track: tension_by_japan, gte: 0}}\n"
        "      - {track: tension, weight: -1}\n      - {value: -300",
    )
    rules = load_rules(path)
    assert rules.track_index("tension_by_ussr") >= 0
