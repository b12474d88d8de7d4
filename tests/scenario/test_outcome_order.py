"""The compiler warns, at its line, about an outcome class that an earlier class hides: the
first class whose condition holds names the result, so a later class requiring all that an
earlier one requires is never reached (`game.scenario.shadowing`)."""

from __future__ import annotations

from pathlib import Path

from game.scenario.loader import available_scenarios, scenario_warnings
from tests.scenario.helpers import RAILWAY_TEXT, edit

LATE = """  - id: late_sale
    label: Sold late
    text: Agreed after April 1935.
    when: {track: signed, eq: 1}
"""


def test_no_shipped_scenario_hides_an_outcome_class() -> None:
    for scenario in available_scenarios():
        assert not [w for w in scenario_warnings(scenario) if "never reached" in w.message]


def test_a_broad_class_listed_first_hides_the_narrower_ones_after_it(tmp_path: Path) -> None:
    text = edit(RAILWAY_TEXT, LATE, "")
    text = edit(text, "outcome_classes:\n", "outcome_classes:\n" + LATE)
    path = tmp_path / "broad_first.yaml"
    path.write_text(text, encoding="utf-8")
    hidden = [w for w in scenario_warnings(str(path)) if "never reached" in w.message]
    lines = text.splitlines()
    # Every later class that requires a signature: the historical sale and the early, dear and
    # cheap ones; not the seizure, crisis or no-sale classes.
    named = sorted(w.message.split("'")[1] for w in hidden)
    assert named == ["cheap_sale", "dear_sale", "early_sale", "historical"]
    for warning in hidden:
        assert warning.file == str(path)
        assert warning.field.endswith(".when")
        assert warning.line is not None
        assert "when:" in lines[warning.line - 1] or "all:" in lines[warning.line - 1]
        assert "'late_sale', checked before it" in warning.message
