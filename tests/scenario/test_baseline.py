"""The compiled baseline (`Rules.baseline`): typed, and its JSON form the scenario file's own."""

from __future__ import annotations

import datetime as dt
import json
from pathlib import Path

import pytest

from game.core.rules import Baseline, BaselineItem
from game.scenario.compiler import compile_rules
from game.scenario.loader import apply_variant, read_scenario, read_variant, variants_of
from game.scenario.schema import ScenarioSpec
from tests.scenario.helpers import SCENARIOS

CASES = [
    (path, variant)
    for path in sorted(SCENARIOS.glob("*.yaml"))
    for variant in [None, *sorted(variants_of(path).values())]
]


def _spec(path: Path, variant: Path | None) -> ScenarioSpec:
    data, _ = read_scenario(path)
    if variant is not None:
        vspec, vnode = read_variant(variant)
        data, _ = apply_variant(data, vspec, str(variant), vnode)
    return ScenarioSpec.model_validate(data)


@pytest.mark.parametrize(
    ("path", "variant"), CASES, ids=[f"{p.stem}/{v.stem if v else '-'}" for p, v in CASES]
)
def test_the_baseline_keeps_the_files_data(path: Path, variant: Path | None) -> None:
    """`to_dict()` is the file's baseline as JSON (what `simulate --summary` writes), to the
    byte; the typed fields hold the same facts."""
    spec = _spec(path, variant)
    baseline = compile_rules(spec).baseline
    expected = spec.baseline.model_dump(mode="json")
    assert baseline.to_dict() == expected
    assert json.dumps(baseline.to_dict(), sort_keys=True) == json.dumps(expected, sort_keys=True)
    assert baseline.outcome_class == spec.baseline.outcome_class
    for fid, value in spec.baseline.figures.items():
        assert baseline.figure(fid) == value
    assert [item.date for item in baseline.timeline] == [t.date for t in spec.baseline.timeline]


def test_baseline_figures() -> None:
    baseline = Baseline(
        "historical",
        "As it happened.",
        figures=(("price", 140.0), ("signed", "1935-03")),
        timeline=(BaselineItem(dt.date(1935, 3, 23), "Signed.", "[001 L1]"),),
    )
    assert baseline.figure("price") == 140.0
    assert baseline.figure("signed") == "1935-03"
    assert baseline.figure("unknown") is None
    assert baseline.to_dict() == {
        "outcome_class": "historical",
        "summary": "As it happened.",
        "figures": {"price": 140.0, "signed": "1935-03"},
        "timeline": [{"date": "1935-03-23", "text": "Signed.", "cite": "[001 L1]"}],
    }
