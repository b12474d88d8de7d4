"""Every scenario and variant file in scenarios/ validates, and the published JSON Schemas are
up to date."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from game.cli import validate_file
from game.scenario.loader import read_scenario, read_variant, variants_of
from game.scenario.schema import ScenarioSpec, VariantSpec
from tests.scenario.helpers import SCENARIOS

FILES = sorted(SCENARIOS.rglob("*.yaml"))


def _id(path: Path) -> str:
    return path.relative_to(SCENARIOS).as_posix()


def test_there_is_at_least_one_scenario() -> None:
    assert [p for p in FILES if p.parent == SCENARIOS], f"no scenario files in {SCENARIOS}"


def test_no_yml_files() -> None:
    """The scenario list only looks at *.yaml: a *.yml file would be silently ignored."""
    assert sorted(SCENARIOS.rglob("*.yml")) == []


@pytest.mark.parametrize("path", FILES, ids=_id)
def test_file_validates(path: Path) -> None:
    """Scenarios sit in scenarios/, variants in scenarios/variants/<scenario_stem>/."""
    if path.parent == SCENARIOS:
        assert validate_file(path) == "scenario"
        data, _ = read_scenario(path)
        assert "variant" not in data
        return
    parts = path.relative_to(SCENARIOS).parts
    where = f"{_id(path)}: variants live in scenarios/variants/<scenario_stem>/"
    assert len(parts) == 3, where
    assert parts[0] == "variants", where
    scenario = SCENARIOS / f"{parts[1]}.yaml"
    assert scenario.exists(), f"{_id(path)}: no scenario file {scenario.name} for this folder"
    assert validate_file(path) == "variant"
    spec, _ = read_variant(path)
    data, _ = read_scenario(scenario)
    assert spec.scenario == data["id"], f"{_id(path)} is for {spec.scenario!r}"
    assert variants_of(scenario).get(spec.variant) == path, f"{_id(path)}: variant id not unique"


def _check_schema(name: str, model: type[ScenarioSpec] | type[VariantSpec]) -> None:
    path = SCENARIOS / name
    if not path.exists():
        pytest.fail(f"scenarios/{name} is missing: run `python main.py schema` and commit it")
    published = json.loads(path.read_text(encoding="utf-8"))
    assert published == model.model_json_schema(by_alias=True), (
        f"scenarios/{name} is out of date: run `python main.py schema` and commit it"
    )


def test_scenario_schema_is_published_and_current() -> None:
    _check_schema("schema.json", ScenarioSpec)


def test_variant_schema_is_published_and_current() -> None:
    _check_schema("variant.schema.json", VariantSpec)
