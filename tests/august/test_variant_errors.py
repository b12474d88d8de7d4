"""Bad variants of August 1945 are refused with file:line:field errors (the loader's checks,
exercised on this scenario's own ids): unknown events, regions and factions, wrong types, and
a region listed as its own neighbour."""

from __future__ import annotations

from pathlib import Path

import pytest

from game.cli import validate_file
from game.scenario.errors import Problem, ScenarioError
from game.scenario.loader import load_rules

HEAD = (
    "variant: broken_variant\n"
    "scenario: august-1945\n"
    "title: A broken variant\n"
    "question: What if?\n"
    "changes:\n"
    "  - {disable_event: trinity}\n"
)
LINE = 7
"""The faulty change is always the second one, on line 7."""


def problems_of(path: Path) -> list[Problem]:
    """Problems reported by both ways of loading a variant (CLI validation and load_rules)."""
    with pytest.raises(ScenarioError) as info:
        validate_file(path)
    via_cli = info.value.problems
    with pytest.raises(ScenarioError) as info:
        load_rules("august-1945", str(path))
    assert [str(p) for p in info.value.problems] == [str(p) for p in via_cli]
    return via_cli


@pytest.mark.parametrize(
    ("change", "message"),
    [
        pytest.param(
            "{disable_event: no_such_event}",
            "unknown id 'no_such_event' in events",
            id="unknown_event_disabled",
        ),
        pytest.param(
            "{force_event: kyushu_landing}",
            "unknown id 'kyushu_landing' in events",
            id="unknown_event_forced",
        ),
        pytest.param(
            "{keep_option: potsdam_proclamation.no_such_option}",
            "no option 'no_such_option' (known: as_issued",
            id="unknown_option_kept",
        ),
        pytest.param(
            "{keep_option: no_such_event.as_issued}",
            "unknown id 'no_such_event' in events",
            id="unknown_event_of_a_kept_option",
        ),
        pytest.param(
            "{set: map.regions.formosa.garrison, value: 10}",
            "unknown id 'formosa' in map.regions",
            id="unknown_region",
        ),
        pytest.param(
            "{set: map.regions.hokkaido.controller, value: china}",
            "unknown faction 'china'",
            id="unknown_faction_controls_a_region",
        ),
        pytest.param(
            "{set: events.potsdam_proclamation.chooser, value: britain}",
            "unknown faction 'britain'",
            id="unknown_faction_chooses",
        ),
        pytest.param(
            "{set: tracks.emperor_threshold.initial, value: high}",
            "Input should be a valid integer",
            id="wrong_type_threshold",
        ),
        pytest.param(
            "{set: map.regions.hokkaido.garrison, value: [1, 2]}",
            "Input should be a valid integer",
            id="wrong_type_garrison",
        ),
        pytest.param(
            "{set: map.regions.hokkaido.sea, value: [hokkaido, primorye, south_sakhalin, "
            "kurils_south, honshu]}",
            "'hokkaido' cannot be its own neighbour",
            id="region_is_its_own_neighbour",
        ),
        pytest.param(
            "{set: map.regions.kamchatka.sea, value: [kurils_north, hokkaido]}",
            "does not list 'kamchatka' back",
            id="one_sided_sea_link",
        ),
    ],
)
def test_bad_change_is_refused_at_its_line(tmp_path: Path, change: str, message: str) -> None:
    path = tmp_path / "broken.yaml"
    path.write_text(HEAD + f"  - {change}\n", encoding="utf-8")
    problems = problems_of(path)
    hits = [
        p
        for p in problems
        if Path(p.file).resolve() == path.resolve()
        and p.line == LINE
        and p.field.startswith("changes[1]")
        and message in p.message
    ]
    assert hits, "\n".join(str(p) for p in problems)


def test_a_good_change_of_the_same_kind_loads(tmp_path: Path) -> None:
    """The same paths with sound values load (so the failures above are about the values)."""
    path = tmp_path / "good.yaml"
    path.write_text(
        HEAD
        + "  - {set: map.regions.hokkaido.garrison, value: 300}\n"
        + "  - {set: tracks.emperor_threshold.initial, value: [70, 75]}\n",
        encoding="utf-8",
    )
    assert validate_file(path) == "variant"
    rules = load_rules("august-1945", str(path))
    threshold = next(t for t in rules.tracks if t.id == "emperor_threshold")
    assert (threshold.initial, threshold.initial_high) == (70, 75)
    garrison = next(t for t in rules.tracks if t.id == "gar_hokkaido")
    assert garrison.initial == 300


def test_keep_option_leaves_every_agent_that_one_choice() -> None:
    """`keep_option` makes the choice for every agent, not only for the historical script."""
    base = load_rules("august-1945")
    kept = load_rules("august-1945", "emperor_clause")
    event = next(e for e in kept.events if e.id == "potsdam_proclamation")
    before = next(e for e in base.events if e.id == "potsdam_proclamation")
    assert len(before.options) > 1
    assert [o.id for o in event.options] == ["emperor_clause"]


def test_keep_option_takes_the_audit_marks_of_the_options_it_removes() -> None:
    """The scenario marks Truman's answer to Stalin's demands as intended for the audit;
    `hokkaido_zone` leaves that event only the grant of a zone, so the mark goes with the option
    it names (before, the variant would not load: its audit named an option it had removed)."""
    mark = "usa:choose:stalin_demands:kurils_not_hokkaido"
    base = load_rules("august-1945")
    assert mark in dict(base.intended)
    zone = load_rules("august-1945", "hokkaido_zone")
    event = next(e for e in zone.events if e.id == "stalin_demands")
    assert [o.id for o in event.options] == ["grant_hokkaido"]
    assert mark not in dict(zone.intended)
    # The marks on events the variant leaves alone stay.
    assert dict(zone.intended).keys() == dict(base.intended).keys() - {mark}
