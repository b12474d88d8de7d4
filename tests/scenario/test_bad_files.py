"""Broken scenario, variant and save files fail with a ScenarioError naming file, line and field.

Each scenario case is a copy of the railway scenario with one edit; the expected line is found
in the broken copy by a needle, so the tests follow the scenario file as it changes.
"""

from __future__ import annotations

import json
import pickle
from pathlib import Path
from typing import Any

import pytest

from game.cli import main, validate_file
from game.scenario.errors import Problem, ScenarioError
from game.scenario.loader import load_game, load_rules
from game.sim.record import RecordError
from tests.scenario.helpers import (
    RAILWAY,
    RAILWAY_ID,
    RAILWAY_TEXT,
    at,
    edit,
    edit_line,
    find_problem,
    line_of,
    same_file,
    short_random_save,
    write_broken,
)


def problems_of(path: Path) -> list[Problem]:
    """Returns the problems `validate_file` reports; fails if it raises anything else."""
    with pytest.raises(ScenarioError) as info:
        validate_file(path)
    problems = info.value.problems
    assert problems, "a ScenarioError must list at least one problem"
    return problems


def squash(text: str) -> str:
    """Removes all whitespace (the console may wrap long lines)."""
    return "".join(text.split())


# ----------------------------------------------------------------- scenarios

# (case id, text to replace, replacement, marker on the faulty line, field, part of message);
# the expected line is that of the first `marker` at or after the edit.
TRACKS, ACTIONS, EVENTS = "\ntracks:\n", "\nactions:\n", "\nevents:\n"
NEW_ACTION = "  - id: extra_action\n    faction: ussr\n    label: An extra action\n"

SCENARIO_CASES = [
    (
        "misspelt_track_in_effect",
        ACTIONS,
        ACTIONS
        + NEW_ACTION
        + "    effects:\n      - add: {tension: 1}\n      - set: {talks_opn: 0}\n",
        "talks_opn",
        "actions[0].effects[1].set.talks_opn",
        "unknown track 'talks_opn'",
    ),
    (
        "misspelt_track_in_scenario_effect",
        "      - set: {talks_open: 0}\n  - id: break_off_talks",
        "      - set: {talks_opn: 0}\n  - id: break_off_talks",
        "talks_opn",
        f"{at('actions', 'publish_documents')}.effects[1].set.talks_opn",
        "unknown track 'talks_opn'",
    ),
    (
        "misspelt_track_in_each_turn",
        "\neach_turn:\n",
        "\neach_turn:\n  - add: {tension: 1}\n  - {add: {japan_capitl: 1}}\n",
        "japan_capitl",
        "each_turn[1].add.japan_capitl",
        "unknown track",
    ),
    (
        "misspelt_track_in_condition",
        ACTIONS,
        ACTIONS
        + NEW_ACTION
        + "    when: {all: [{track: tension, gte: 1}, {track: tensoin, lt: 9}]}\n",
        "tensoin",
        "actions[0].when.all[1].track",
        "unknown track 'tensoin'",
    ),
    (
        "unknown_faction_in_action",
        ACTIONS,
        ACTIONS + NEW_ACTION.replace("faction: ussr", "faction: japn"),
        "faction: japn",
        "actions[0].faction",
        "unknown faction 'japn'",
    ),
    (
        "unknown_faction_in_scenario_action",
        "  - id: arrest_staff\n    faction: japan\n",
        "  - id: arrest_staff\n    faction: japn\n",
        "faction: japn",
        f"{at('actions', 'arrest_staff')}.faction",
        "unknown faction 'japn'",
    ),
    (
        "duplicate_top_level_key",
        "\nfactions:\n",
        "\nmax_orders: 1\nfactions:\n",
        "max_orders: 1",
        "max_orders",
        "duplicate key",
    ),
    (
        "duplicate_key_in_flow_mapping",
        TRACKS,
        TRACKS + "  - {id: extra, name: X, range: [0, 9], name: Y}\n",
        "id: extra",
        "name",
        "duplicate key",
    ),
    (
        "yaml_anchor",
        TRACKS,
        TRACKS + "  - id: extra\n    name: &name X\n",
        "&name",
        "",
        "anchors and aliases are not allowed",
    ),
    (
        "yaml_alias",
        TRACKS,
        TRACKS + "  - id: extra\n    name: *name\n",
        "*name",
        "",
        "anchors and aliases are not allowed",
    ),
    (
        "yaml_syntax",
        TRACKS,
        TRACKS + "  - id: extra\n    name: a: colon in a plain value\n",
        "a: colon",
        "",
        "YAML syntax",
    ),
    (
        "wrong_type",
        TRACKS,
        TRACKS + '  - id: extra\n    name: X\n    initial: "high"\n',
        '"high"',
        "tracks[0].initial",
        "valid integer",
    ),
    (
        "extra_unknown_field",
        TRACKS,
        TRACKS + "  - id: extra\n    name: X\n    colour: red\n",
        "colour: red",
        "tracks[0].colour",
        "Extra inputs are not permitted",
    ),
    (
        "initial_outside_range",
        TRACKS,
        TRACKS + "  - {id: extra, name: X, range: [0, 1], initial: 7}\n",
        "initial: 7",
        "tracks[0].initial",
        "within range",
    ),
    (
        "bad_slug",
        TRACKS,
        TRACKS + "  - {id: Extra Track, name: X}\n",
        "Extra Track",
        "tracks[0].id",
        "pattern",
    ),
    (
        "missing_field",
        TRACKS,
        TRACKS + "  - id: extra\n    range: [0, 5]\n",
        "id: extra",
        "tracks[0].name",
        "Field required",
    ),
    (
        "probability_above_one",
        EVENTS,
        EVENTS + "  - {id: extra, title: X, text: Y, cite: Z,\n     probability: 1.5}\n",
        "probability: 1.5",
        "events[0].probability",
        "less than or equal to 1",
    ),
    (
        "date_before_first_turn",
        EVENTS,
        EVENTS + "  - {id: extra, title: X, text: Y, cite: Z,\n     date: 1900-01-01}\n",
        "1900-01-01",
        "events[0].date",
        "before the first turn",
    ),
    (
        "unknown_event_in_fired",
        EVENTS,
        EVENTS + "  - id: extra\n    title: X\n    text: Y\n    cite: Z\n"
        "    when: {not: {fired: no_such_event}}\n",
        "no_such_event",
        "events[0].when.not.fired",
        "unknown event 'no_such_event'",
    ),
    (
        "not_a_condition",
        EVENTS,
        EVENTS + "  - id: extra\n    title: X\n    text: Y\n    cite: Z\n    when: {colour: red}\n",
        "colour: red",
        "events[0].when",
        "a condition is one of",
    ),
    (
        "unknown_end_rule",
        ACTIONS,
        ACTIONS + NEW_ACTION + "    effects: [{add: {tension: 1}}, {end: seizur}]\n",
        "seizur",
        "actions[0].effects[1].end",
        "unknown end rule 'seizur'",
    ),
    (
        "unknown_end_rule_in_scenario",
        "{end: seizure}",
        "{end: seizur}",
        "{end: seizur}",
        f"{at('actions', 'seize_railway')}.effects",
        "unknown end rule 'seizur'",
    ),
    (
        "score_reads_hidden_track",
        "\n    japan:\n",
        "\n    japan:\n      - {track: railway_value}\n",
        "railway_value",
        "scoring.factions.japan[0]",
        "'railway_value', which japan does not observe",
    ),
    (
        "score_condition_reads_hidden_track",
        "\n    ussr:\n",
        "\n    ussr:\n      - {value: 100, when: {track: seizure_plan, gte: 50}}\n",
        "seizure_plan, gte: 50",
        "scoring.factions.ussr[0]",
        "'seizure_plan', which ussr does not observe",
    ),
    (
        "plan_unknown_verb",
        "\n  japan:\n",
        '\n  japan:\n    - {do: ["japan:ofer:20"]}\n',
        "japan:ofer:20",
        "historical_plan.japan[0].do[0]",
        "no action 'ofer'",
    ),
    (
        "plan_bad_price",
        "\n  japan:\n",
        '\n  japan:\n    - {do: ["japan:offer:twenty"]}\n',
        "japan:offer:twenty",
        "historical_plan.japan[0].do[0]",
        "not a number",
    ),
    (
        "plan_wrong_faction",
        "\n  japan:\n",
        '\n  japan:\n    - {do: ["japan:end", "ussr:offer:20"]}\n',
        "ussr:offer:20",
        "historical_plan.japan[0].do[1]",
        "not an action of japan",
    ),
    (
        "plan_unknown_faction",
        "\n  japan:\n",
        '\n  japan:\n    - {do: ["china:offer:20"]}\n',
        "china:offer:20",
        "historical_plan.japan[0].do[0]",
        "unknown faction 'china'",
    ),
]


@pytest.mark.parametrize(
    ("old", "new", "marker", "field", "message"),
    [case[1:] for case in SCENARIO_CASES],
    ids=[case[0] for case in SCENARIO_CASES],
)
def test_broken_scenario(
    tmp_path: Path, old: str, new: str, marker: str, field: str, message: str
) -> None:
    path = write_broken(tmp_path, old, new)
    problems = problems_of(path)
    assert all(same_file(p, path) for p in problems), problems
    find_problem(problems, path, edit_line(old, new, marker), field, message)


def test_missing_required_field(tmp_path: Path) -> None:
    """A missing top-level field is reported at the top of the mapping (its first key)."""
    path = write_broken(tmp_path, "\nperiod: ", "\nunused_period: ")
    lines = path.read_text(encoding="utf-8").splitlines()
    first = next(i + 1 for i, t in enumerate(lines) if t.strip() and not t.startswith("#"))
    problems = problems_of(path)
    find_problem(problems, path, first, "period", "Field required")
    find_problem(problems, path, line_of(path, "unused_period:"), "unused_period", "Extra")


def test_error_lists_every_fault(tmp_path: Path) -> None:
    text = edit(RAILWAY_TEXT, "{end: seizure}", "{end: seizur}")
    text = edit(
        text,
        EVENTS,
        EVENTS + "  - {id: extra, title: X, text: Y, cite: Z,\n     date: 1900-01-01}\n",
    )
    path = tmp_path / "two.yaml"
    path.write_text(text, encoding="utf-8")
    problems = problems_of(path)
    seize = at("actions", "seize_railway")
    find_problem(problems, path, line_of(path, "{end: seizur}"), seize, "unknown end")
    find_problem(problems, path, line_of(path, "1900-01-01"), "events[0].date", "before")


def _write_bytes(folder: Path, data: bytes) -> Path:
    path = folder / "raw.yaml"
    path.write_bytes(data)
    return path


@pytest.mark.parametrize(
    ("data", "line", "message"),
    [
        pytest.param(
            RAILWAY_TEXT.encode().replace(b"title: The", b"title: \xff\xfe The"),
            RAILWAY_TEXT[: RAILWAY_TEXT.index("title: The")].count("\n") + 1,
            "not UTF-8 text (invalid start byte at column 8)",
            id="not_utf8",
        ),
        pytest.param(
            RAILWAY_TEXT.encode() + b"# " + b"x" * (1 << 20) + b"\n",
            None,
            "larger than",
            id="over_1_mib",
        ),
        pytest.param(b"", 1, "mapping", id="empty"),
        pytest.param(b"# only a comment\n\n", 1, "mapping", id="comment_only"),
        pytest.param(b"- id: railway-sale\n- title: x\n", 1, "mapping", id="top_level_list"),
        pytest.param(b"railway-sale\n", 1, "mapping", id="top_level_string"),
    ],
)
def test_unusable_file(tmp_path: Path, data: bytes, line: int | None, message: str) -> None:
    path = _write_bytes(tmp_path, data)
    find_problem(problems_of(path), path, line, "", message)


def test_missing_file(tmp_path: Path) -> None:
    path = tmp_path / "nowhere.yaml"
    find_problem(problems_of(path), path, None, "", "cannot read")
    with pytest.raises(ScenarioError) as info:
        load_rules(RAILWAY_ID, str(path))
    assert "no such variant" in str(info.value)


def test_file_errors_are_also_raised_by_load_rules(tmp_path: Path) -> None:
    path = write_broken(tmp_path, "{end: seizure}", "{end: seizur}", name="direct.yaml")
    with pytest.raises(ScenarioError) as info:
        load_rules(str(path))
    seize = at("actions", "seize_railway")
    find_problem(info.value.problems, path, line_of(path, "seizur}"), seize, "seizur")


# ------------------------------------------- bugs found (fail until fixed)


@pytest.mark.parametrize(
    ("old", "new", "marker", "field"),
    [
        pytest.param(
            "\n  japan:\n",
            '\n  japan:\n    - {do: ["japan:offer:inf"]}\n',
            "japan:offer:inf",
            "historical_plan.japan[0].do[0]",
            id="plan_price_inf",
        ),
        pytest.param(
            "\n  japan:\n",
            '\n  japan:\n    - {do: ["japan:offer:1e400"]}\n',
            "japan:offer:1e400",
            "historical_plan.japan[0].do[0]",
            id="plan_price_1e400",
        ),
        pytest.param(
            "\n    step: ",
            "\n    step: .inf  # was: ",
            "step: .inf",
            "mechanics.bargaining.step",
            id="bargaining_step_inf",
        ),
        pytest.param(
            "\n    floor: ",
            "\n    floor: .inf  # was: ",
            "floor: .inf",
            "mechanics.bargaining.floor",
            id="bargaining_floor_inf",
        ),
        pytest.param(
            "\ncalendar:\n",
            "\ncalendar:\n  - {start: 9999-12-30, end: 9999-12-31, step: day}\n",
            "calendar:",
            "calendar",
            id="calendar_day_steps_past_9999",
        ),
        pytest.param(
            "\ncalendar:\n",
            "\ncalendar:\n  - {start: 9999-12-20, end: 9999-12-31, step: week}\n",
            "calendar:",
            "calendar",
            id="calendar_week_steps_past_9999",
        ),
    ],
)
def test_overflow_is_a_scenario_error(
    tmp_path: Path, old: str, new: str, marker: str, field: str
) -> None:
    """Infinite prices and dates at the end of the calendar raise OverflowError (not a
    ValueError) in the compiler: it must still be reported as a ScenarioError."""
    path = write_broken(tmp_path, old, new)
    problems = problems_of(path)
    find_problem(problems, path, edit_line(old, new, marker), field, "")


# ------------------------------------------------------------------ variants

VARIANT_HEAD = (
    "variant: test_variant\n"
    "scenario: railway-sale\n"
    "title: A test variant\n"
    "question: What if?\n"
    "changes:\n"
    "  - {disable_event: bandit_raid}\n"
)


def write_variant(folder: Path, changes: str, head: str = VARIANT_HEAD) -> Path:
    path = folder / "variant.yaml"
    path.write_text(head + changes, encoding="utf-8")
    return path


def variant_problems(path: Path) -> list[Problem]:
    """Problems from both ways of loading a variant (CLI validation and `load_rules`)."""
    problems = problems_of(path)
    with pytest.raises(ScenarioError) as info:
        load_rules(RAILWAY_ID, str(path))
    assert [str(p) for p in info.value.problems] == [str(p) for p in problems]
    return problems


def test_good_variant_loads(tmp_path: Path) -> None:
    path = write_variant(
        tmp_path,
        "  - {force_event: imienpo_wreck}\n"
        "  - {set: tracks.tension.initial, value: 50}\n"
        "  - {set: events.bandit_raid.probability, value: {base: 0.1}}\n",
    )
    assert validate_file(path) == "variant"
    rules = load_rules(RAILWAY_ID, str(path))
    assert rules.variant == "test_variant"
    tension = next(t for t in rules.tracks if t.id == "tension")
    assert tension.initial == 50


@pytest.mark.parametrize(
    ("changes", "needle", "message"),
    [
        pytest.param(
            "  - {disable_event: no_such_event}\n",
            "no_such_event",
            "unknown id 'no_such_event' in events",
            id="unknown_event_disabled",
        ),
        pytest.param(
            "  - {force_event: no_such_event}\n",
            "no_such_event",
            "unknown id 'no_such_event'",
            id="unknown_event_forced",
        ),
        pytest.param(
            "  - {set: nothing.here, value: 1}\n",
            "nothing.here",
            "unknown field",
            id="unknown_section_in_set",
        ),
        pytest.param(
            "  - {set: events.imienpo_wreck.probabilty, value: 0.5}\n",
            "probabilty",
            "probabilty",
            id="unknown_field_in_set",
        ),
        pytest.param(
            "  - {set: tracks.no_such_track.initial, value: 5}\n",
            "no_such_track",
            "unknown id 'no_such_track' in tracks",
            id="unknown_id_in_set",
        ),
        pytest.param(
            "  - {set: tracks.99.initial, value: 5}\n",
            "tracks.99",
            "no item 99",
            id="index_out_of_range_in_set",
        ),
        pytest.param(
            "  - {set: title.text, value: x}\n",
            "title.text",
            "not a section",
            id="set_below_a_value",
        ),
        pytest.param(
            "  - {set: title}\n",
            "set: title",
            "needs a value",
            id="set_without_value",
        ),
        pytest.param(
            "  - {set: title, value: x, disable_event: bandit_raid}\n",
            "set: title, value: x",
            "exactly one",
            id="two_kinds_in_one_change",
        ),
        pytest.param(
            "  - set: tracks.tension.initial\n    value: high\n",
            "set: tracks.tension.initial",
            f"{at('tracks', 'tension')}.initial",
            id="wrong_type_set",
        ),
        pytest.param(
            "  - {set: events.imienpo_wreck.probability, value: 1.5}\n",
            "imienpo_wreck.probability",
            "less than or equal to 1",
            id="probability_set_above_one",
        ),
        pytest.param(
            "  - {set: events.imienpo_wreck.date, value: 1930-01-01}\n",
            "imienpo_wreck.date",
            "before the first turn",
            id="date_set_before_first_turn",
        ),
        pytest.param(
            "  - {set: actions.court_us.faction, value: china}\n",
            "court_us.faction",
            "unknown faction 'china'",
            id="unknown_faction_set",
        ),
    ],
)
def test_broken_variant_change(tmp_path: Path, changes: str, needle: str, message: str) -> None:
    """The error points at the VARIANT file's line of the faulty change."""
    path = write_variant(tmp_path, changes)
    problems = variant_problems(path)
    find_problem(problems, path, line_of(path, needle), "changes[1]", message)


@pytest.mark.parametrize(
    ("head", "needle", "field", "message"),
    [
        pytest.param(
            VARIANT_HEAD.replace("changes:\n  - {disable_event: bandit_raid}\n", "changes: []\n"),
            "changes: []",
            "changes",
            "at least 1",
            id="no_changes",
        ),
        pytest.param(
            VARIANT_HEAD.replace("title:", "colour: red\ntitle:"),
            "colour",
            "colour",
            "Extra inputs",
            id="extra_field",
        ),
        pytest.param(
            VARIANT_HEAD.replace("variant: test_variant", "variant: Test Variant"),
            "Test Variant",
            "variant",
            "pattern",
            id="bad_id",
        ),
        pytest.param(
            VARIANT_HEAD.replace("variant: test_variant\n", "variant: a\nvariant: b\n"),
            "variant: b",
            "variant",
            "duplicate key",
            id="duplicate_key",
        ),
    ],
)
def test_broken_variant_file(
    tmp_path: Path, head: str, needle: str, field: str, message: str
) -> None:
    path = write_variant(tmp_path, "", head=head)
    find_problem(variant_problems(path), path, line_of(path, needle), field, message)


def test_variant_error_message_keeps_its_quotes(tmp_path: Path) -> None:
    """Messages of KeyErrors lose their outer quotes, not the closing quote of the field."""
    path = write_variant(tmp_path, "  - {set: nothing.here, value: 1}\n")
    problems = variant_problems(path)
    find_problem(problems, path, line_of(path, "nothing.here"), "changes[1]", "'nothing'")


def test_variant_replaces_a_list_item_addressed_by_id(tmp_path: Path) -> None:
    """`set: outcome_classes.no_sale` with a whole new item works as it does by index."""
    item = "    value: {id: stalemate, label: Stalemate}\n"
    index = at("outcome_classes", "no_sale").split("[")[1].rstrip("]")
    by_index = write_variant(tmp_path, f"  - set: outcome_classes.{index}\n" + item)
    ids = [o.id for o in load_rules(RAILWAY_ID, str(by_index)).outcome_classes]
    assert "stalemate" in ids
    assert "no_sale" not in ids
    by_id = tmp_path / "by_id.yaml"
    by_id.write_text(VARIANT_HEAD + "  - set: outcome_classes.no_sale\n" + item, "utf-8")
    assert [o.id for o in load_rules(RAILWAY_ID, str(by_id)).outcome_classes] == ids


def test_variant_for_another_scenario(tmp_path: Path) -> None:
    """Loading a variant with the wrong scenario names the variant's `scenario` line."""
    head = VARIANT_HEAD.replace("scenario: railway-sale", "scenario: other-war")
    path = write_variant(tmp_path, "", head=head)
    with pytest.raises(ScenarioError) as info:
        load_rules(RAILWAY_ID, str(path))
    find_problem(info.value.problems, path, 2, "scenario", "is for 'other-war'")


def test_validating_a_variant_of_an_unknown_scenario_names_the_variant(tmp_path: Path) -> None:
    """`validate` on a variant whose scenario does not exist must name the variant file (and
    its `scenario` line), not only the unknown id."""
    head = VARIANT_HEAD.replace("scenario: railway-sale", "scenario: other-war")
    path = write_variant(tmp_path, "", head=head)
    problems = problems_of(path)
    find_problem(problems, path, 2, "scenario", "other-war")


@pytest.mark.parametrize(
    "data",
    [
        pytest.param(b"", id="empty"),
        pytest.param(b"- variant: x\n", id="list"),
        pytest.param(b"variant: [unclosed\n", id="syntax"),
        pytest.param(b"variant: x\n\xff\n", id="not_utf8"),
    ],
)
def test_unusable_variant_file(tmp_path: Path, data: bytes) -> None:
    path = tmp_path / "variant.yaml"
    path.write_bytes(data)
    with pytest.raises(ScenarioError) as info:
        load_rules(RAILWAY_ID, str(path))
    assert info.value.problems
    assert all(same_file(p, path) for p in info.value.problems), info.value.problems


# --------------------------------------------------------------------- saves


@pytest.fixture(scope="module")
def save_path(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return short_random_save(load_game(RAILWAY_ID), tmp_path_factory.mktemp("save"))


@pytest.fixture
def save_data(save_path: Path) -> dict[str, Any]:
    data: dict[str, Any] = json.loads(save_path.read_text(encoding="utf-8"))
    return data


def write_save(folder: Path, data: Any) -> Path:
    path = folder / "bad.json"
    path.write_text(json.dumps(data), encoding="utf-8")
    return path


def record_problems(path: Path) -> list[Problem]:
    with pytest.raises(RecordError) as info:
        validate_file(path)
    problems = info.value.problems
    assert problems
    assert all(same_file(p, path) for p in problems), problems
    return problems


def test_good_save_validates(save_path: Path) -> None:
    assert validate_file(save_path) == "save"
    assert main(["validate", str(save_path)]) == 0


@pytest.mark.parametrize(
    ("text", "line", "field", "message"),
    [
        pytest.param("{not json\n", 1, "", "not JSON", id="not_json"),
        pytest.param('{\n "format": "amur-save",\n "seed": }', 3, "", "not JSON", id="bad_json"),
        pytest.param("", 1, "", "not JSON", id="empty"),
        pytest.param("[1, 2]", None, "format", "not an Amur save", id="list"),
        pytest.param('"amur-save"', None, "format", "not an Amur save", id="string"),
        pytest.param('{"hello": 1}', None, "format", "not an Amur save", id="other_object"),
        pytest.param('{"format": "amur-save"}', None, "actions", "Field required", id="bare"),
    ],
)
def test_not_a_save(tmp_path: Path, text: str, line: int | None, field: str, message: str) -> None:
    path = tmp_path / "bad.json"
    path.write_text(text, encoding="utf-8")
    find_problem(record_problems(path), path, line, field, message)


def test_save_not_utf8(tmp_path: Path) -> None:
    path = tmp_path / "bad.json"
    path.write_bytes(b'{\n"format": "amur-save\xff"}')
    find_problem(
        record_problems(path), path, 2, "", "not UTF-8 text (invalid start byte at column 21)"
    )


@pytest.mark.parametrize(
    ("key", "value", "field", "message"),
    [
        pytest.param("seed", "7", "seed", "valid integer", id="seed_string"),
        pytest.param("seed", -1, "seed", "greater than or equal", id="seed_negative"),
        pytest.param("seed", 1.5, "seed", "valid integer", id="seed_float"),
        pytest.param("actions", "ussr:end", "actions", "valid list", id="actions_string"),
        pytest.param("actions", [1, 2], "actions.0", "valid string", id="actions_ints"),
        pytest.param("state_hash", 123, "state_hash", "valid string", id="hash_int"),
        pytest.param("state_hash", "abc", "state_hash", "pattern", id="hash_short"),
        pytest.param("format_version", 2, "format_version", "Input should be 1", id="version"),
        pytest.param("scenario", "Railway Sale", "scenario", "pattern", id="scenario_id"),
        pytest.param("agents", ["random"], "agents", "valid dictionary", id="agents_list"),
        pytest.param("colour", "red", "colour", "Extra inputs", id="extra_field"),
    ],
)
def test_save_wrong_field(
    tmp_path: Path, save_data: dict[str, Any], key: str, value: Any, field: str, message: str
) -> None:
    save_data[key] = value
    path = write_save(tmp_path, save_data)
    find_problem(record_problems(path), path, None, field, message)


def test_save_missing_field(tmp_path: Path, save_data: dict[str, Any]) -> None:
    del save_data["seed"]
    path = write_save(tmp_path, save_data)
    find_problem(record_problems(path), path, None, "seed", "Field required")


@pytest.mark.parametrize(
    ("action", "message"),
    [
        pytest.param("ussr:fly", "no action 'fly'", id="unknown_verb"),
        pytest.param("nonsense", "faction:verb", id="no_colon"),
        pytest.param("china:end", "unknown faction 'china'", id="unknown_faction"),
        pytest.param("ussr:offer:abc", "not a number", id="price_not_a_number"),
        pytest.param("ussr:offer:nan", "", id="price_nan"),
        pytest.param("ussr:terms:gold", "terms takes one of", id="unknown_terms"),
        pytest.param("ussr:end:now", "no arguments", id="end_with_argument"),
        pytest.param("ussr:choose:no_event:x", "unknown event", id="unknown_event"),
    ],
)
def test_save_action_does_not_parse(
    tmp_path: Path, save_data: dict[str, Any], action: str, message: str
) -> None:
    save_data["actions"] = [action, *save_data["actions"]]
    path = write_save(tmp_path, save_data)
    find_problem(record_problems(path), path, None, "actions[0]", message)


def test_save_price_inf_is_a_record_error(tmp_path: Path, save_data: dict[str, Any]) -> None:
    """`float("inf")` parses, and rounding it raises OverflowError, not ValueError: a save with
    this action must still give a RecordError (today the OverflowError escapes)."""
    save_data["actions"] = ["ussr:offer:inf", *save_data["actions"]]
    path = write_save(tmp_path, save_data)
    find_problem(record_problems(path), path, None, "actions[0]", "")


@pytest.mark.parametrize(
    ("where", "action", "message"),
    [
        pytest.param(0, "ussr:accept", "no offer", id="accept_before_any_offer"),
        pytest.param(0, "japan:accept", "", id="not_its_turn_or_no_offer"),
        pytest.param(0, "ussr:offer:10000", "between", id="price_out_of_range"),
        pytest.param(None, "ussr:end", "game is over", id="after_the_end"),
    ],
)
def test_save_illegal_action(
    tmp_path: Path, save_data: dict[str, Any], where: int | None, action: str, message: str
) -> None:
    actions = list(save_data["actions"])
    index = len(actions) if where is None else where
    actions.insert(index, action)
    save_data["actions"] = actions
    path = write_save(tmp_path, save_data)
    find_problem(record_problems(path), path, None, f"actions[{index}]", message)


def test_save_hash_mismatch(tmp_path: Path, save_data: dict[str, Any]) -> None:
    save_data["state_hash"] = "0" * 64
    path = write_save(tmp_path, save_data)
    find_problem(record_problems(path), path, None, "state_hash", "hash mismatch")


def test_save_truncated_game(tmp_path: Path, save_data: dict[str, Any]) -> None:
    save_data["actions"] = save_data["actions"][:-1]
    path = write_save(tmp_path, save_data)
    find_problem(record_problems(path), path, None, "state_hash", "hash mismatch")


def test_save_other_seed(tmp_path: Path, save_data: dict[str, Any]) -> None:
    """Another seed draws other hidden values: either an action turns illegal or the hash
    differs; both are RecordErrors."""
    save_data["seed"] += 1000
    path = write_save(tmp_path, save_data)
    assert record_problems(path)


@pytest.mark.parametrize(
    ("key", "value"),
    [
        pytest.param("scenario", "no-such-scenario", id="unknown_scenario"),
        pytest.param("variant", "no_such_variant", id="unknown_variant"),
    ],
)
def test_save_unknown_scenario(
    tmp_path: Path, save_data: dict[str, Any], key: str, value: str
) -> None:
    save_data[key] = value
    path = write_save(tmp_path, save_data)
    find_problem(record_problems(path), path, None, "scenario", value)


# ----------------------------------------------------------------------- CLI


def _bad_variant(folder: Path) -> tuple[Path, str]:
    return write_variant(folder, "  - {disable_event: no_such_event}\n"), "no_such_event"


def _bad_scenario(folder: Path) -> tuple[Path, str]:
    return write_broken(folder, "{end: seizure}", "{end: seizur}"), "unknown end rule"


def _bad_save(folder: Path) -> tuple[Path, str]:
    path = folder / "bad.json"
    path.write_text('{"format": "amur-save", "seed": "x"}', encoding="utf-8")
    return path, "seed"


@pytest.mark.parametrize("make", [_bad_scenario, _bad_variant, _bad_save])
def test_cli_validate_reports_problems(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], make: Any
) -> None:
    path, expected = make(tmp_path)
    with pytest.raises(ScenarioError) as info:
        validate_file(path)
    code = main(["validate", str(path)])
    captured = capsys.readouterr()
    output = captured.out + captured.err
    assert code == 1
    assert "Traceback" not in output
    assert expected in output
    for problem in info.value.problems:
        assert squash(str(problem)) in squash(output)
    assert "1 of 1 files have faults" in output


def test_cli_validate_counts_bad_files(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], save_path: Path
) -> None:
    bad, _ = _bad_scenario(tmp_path)
    code = main(["validate", str(RAILWAY), str(bad), str(save_path)])
    captured = capsys.readouterr()
    assert code == 1
    assert "(scenario)" in captured.out
    assert "(save)" in captured.out
    assert "1 of 3 files have faults" in captured.out + captured.err
    assert "Traceback" not in captured.out + captured.err


def test_cli_validate_good_files(capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["validate", str(RAILWAY)]) == 0
    assert "(scenario)" in capsys.readouterr().out


def test_cli_validate_prints_each_problem_on_one_line(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """`file:line: field: message` lines are for editors and grep: they must not be wrapped
    (a rich console wraps at 80 columns when the output is not a terminal)."""
    deep = tmp_path / ("a_long_folder_name_" * 3)
    deep.mkdir()
    path, _ = _bad_scenario(deep)
    with pytest.raises(ScenarioError) as info:
        validate_file(path)
    assert main(["validate", str(path)]) == 1
    lines = capsys.readouterr().err.splitlines()
    for problem in info.value.problems:
        assert str(problem) in lines


def test_field_paths_leave_out_union_member_names(tmp_path: Path) -> None:
    """`initial` is `int | [low, high]`: pydantic names the members (`int`, `list[int]`) in its
    error locations; the reported field is the file's own path, without them."""
    path = write_broken(
        tmp_path, TRACKS, TRACKS + '  - id: extra\n    name: X\n    initial: "high"\n'
    )
    fields = {p.field for p in problems_of(path)}
    assert fields == {"tracks[0].initial"}, fields


def test_a_scenario_error_crosses_a_process_boundary_whole() -> None:
    # A batch worker that meets a broken file sends its ScenarioError to the parent by pickling.
    error = ScenarioError(
        [Problem("x.yaml", 3, "title", "Field required"), Problem("x.yaml", None, "", "bad")]
    )
    back = pickle.loads(pickle.dumps(error))
    assert isinstance(back, ScenarioError)
    assert back.problems == error.problems
    assert str(back) == "x.yaml:3: title: Field required\nx.yaml: bad"
