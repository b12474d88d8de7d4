"""The `calibration:` section: a broken check fails with file, line and field; the shipped
scenarios carry their checks, and variants inherit them.

Each case is a copy of the railway scenario with one edit of its calibration section (README,
"Calibration"), as in `test_bad_files`.
"""

from __future__ import annotations

from pathlib import Path

import pytest

from game.scenario.errors import ScenarioError
from game.scenario.loader import available_scenarios, load_rules, variants_of
from tests.scenario.helpers import RAILWAY_TEXT, edit, find_problem, same_file, write_broken
from tests.scenario.test_bad_files import problems_of

PRICE = "figure: deal_price,\n     between: [60, 75],"
SIGNED = "  - {id: sale_signed, label: The sale is signed, end: [sale_signed],"

# (case id, text to replace, replacement, marker on the faulty line, field, part of message)
CASES = [
    (
        "unknown_figure",
        PRICE,
        "figure: deal_prise,\n     between: [60, 75],",
        "deal_prise",
        "calibration[2].figure",
        "unknown figure 'deal_prise'",
    ),
    (
        "numbers_for_a_date_figure",
        "between: [1934-08-01, 1935-04-30]",
        "between: [1934, 1935]",
        "between: [1934, 1935]",
        "calibration[1].between",
        "figure 'agreed' is a date: give dates",
    ),
    (
        "dates_for_a_value_figure",
        PRICE,
        "figure: deal_price,\n     between: [1934-08-01, 1935-04-30],",
        "between: [1934-08-01",
        "calibration[2].between",
        "figure 'deal_price' is a value: give numbers",
    ),
    (
        "date_and_number",
        "between: [null, 1935-12-31]",
        "between: [5, 1935-12-31]",
        "between: [5, 1935-12-31]",
        "calibration[3].between",
        "two dates, or two numbers",
    ),
    (
        "reversed_range",
        PRICE,
        "figure: deal_price,\n     between: [75, 60],",
        "between: [75, 60]",
        "calibration[2].between",
        "the low end 75.0 is above the high end 60.0",
    ),
    (
        "open_range",
        "between: [null, 1935-12-31]",
        "between: [null, null]",
        "between: [null, null]",
        "calibration[3].between",
        "give at least one end",
    ),
    (
        "range_too_long",
        PRICE,
        "figure: deal_price,\n     between: [60, 70, 75],",
        "between: [60, 70, 75]",
        "calibration[2].between",
        "at most 2 items",
    ),
    (
        "no_range",
        PRICE,
        "figure: deal_price,",
        "{id: price",
        "calibration[2].between",
        "needs its range: between",
    ),
    (
        "two_readings",
        SIGNED,
        SIGNED + " figure: agreed,",
        "{id: sale_signed",
        "calibration[0]",
        "a check reads exactly one of figure, track, regions, end or outcome "
        "(this one names figure, end)",
    ),
    (
        "unknown_end_rule",
        SIGNED,
        SIGNED.replace("end: [sale_signed]", "end: [sale_sined]"),
        "sale_sined",
        "calibration[0].end",
        "unknown end rule 'sale_sined'",
    ),
    (
        "unknown_outcome_class",
        SIGNED,
        SIGNED.replace("end: [sale_signed]", "outcome: [historic]"),
        "historic",
        "calibration[0].outcome",
        "unknown outcome class 'historic'",
    ),
    (
        "unknown_track",
        PRICE,
        "track: deal_prise,\n     between: [60, 75],",
        "deal_prise",
        "calibration[2].track",
        "unknown track 'deal_prise'",
    ),
    (
        "region_without_a_map",
        PRICE,
        "regions: [harbin], held_by: ussr,",
        "harbin",
        "calibration[2].regions",
        "unknown region 'harbin'",
    ),
    (
        "held_by_without_regions",
        PRICE,
        PRICE + " held_by: ussr,",
        "held_by: ussr",
        "calibration[2].held_by",
        "regions and held_by go together",
    ),
    (
        "range_for_the_end_rule",
        SIGNED,
        SIGNED + " between: [1, 2],",
        "{id: sale_signed",
        "calibration[0].between",
        "a check of the end takes no range",
    ),
    (
        "misspelt_field",
        PRICE,
        "figure: deal_price,\n     betwen: [60, 75],",
        "betwen",
        "calibration[2].betwen",
        "Extra inputs",
    ),
    (
        "duplicate_id",
        "  - {id: price, label: Price agreed",
        "  - {id: sale_signed, label: Price agreed",
        "{id: sale_signed, label: Price",
        "calibration[2].id",
        "duplicate id 'sale_signed'",
    ),
    (
        "empty_label",
        "label: The sale is signed,",
        "label: '',",
        "label: '',",
        "calibration[0].label",
        "at least 1 character",
    ),
]


@pytest.mark.parametrize(
    ("old", "new", "marker", "field", "message"),
    [pytest.param(*case[1:], id=case[0]) for case in CASES],
)
def test_broken_calibration_check(
    tmp_path: Path, old: str, new: str, marker: str, field: str, message: str
) -> None:
    path = write_broken(tmp_path, old, new)
    problems = problems_of(path)
    assert all(same_file(p, path) for p in problems), problems
    find_problem(problems, path, _line(old, new, marker), field, message)


def _line(old: str, new: str, marker: str) -> int:
    """Returns the line, in the railway scenario edited by `old` → `new`, of the first `marker`
    at or after the start of the line where the edit begins."""
    start = RAILWAY_TEXT.rfind("\n", 0, RAILWAY_TEXT.index(old)) + 1
    text = edit(RAILWAY_TEXT, old, new)
    return text[: text.index(marker, start)].count("\n") + 1


def test_the_error_names_file_line_and_field(tmp_path: Path) -> None:
    path = write_broken(tmp_path, PRICE, "figure: deal_prise,\n     between: [60, 75],")
    with pytest.raises(ScenarioError) as info:
        load_rules(str(path))
    assert f"{path.name}:" in str(info.value)
    assert "calibration[2].figure: unknown figure 'deal_prise'" in str(info.value)


def test_every_shipped_scenario_and_variant_has_checks() -> None:
    """Each scenario defines "near history" in its file; variants inherit the definition."""
    for sid, path in available_scenarios().items():
        checks = load_rules(sid).calibration
        assert len(checks) >= 3, sid
        assert all(c.cite and c.label for c in checks)
        for vid in variants_of(path):
            assert load_rules(sid, vid).calibration == checks, (sid, vid)
