"""Named parameters and debates (contested theses) in scenario files: broken sections fail with
file, line and field; a variant chooses a school; effects naming a parameter compile to numbers.

Each case is a copy of the August 1945 scenario, whose debate `entry_or_bombs` sets the sizes of
the bombs' and the Soviet entry's shocks, with one edit.
"""

from __future__ import annotations

from pathlib import Path

import pytest

from game.core import effects as e
from game.core.rules import Rules
from game.scenario.errors import ScenarioError
from game.scenario.loader import load_rules, scenario_warnings
from tests.scenario.helpers import SCENARIOS, find_problem

AUGUST = SCENARIOS / "august_1945.yaml"
TEXT = AUGUST.read_text(encoding="utf-8")
SCHOOL_LINE = "    school: hasegawa\n"
HASEGAWA_VALUES = "values: {bomb_shock: 8, bomb_war_party: -3,"
TRADITIONAL_VALUES = "values: {bomb_shock: 24, bomb_war_party: -8,"
FIRST_BOMB = "- {add: {peace: bomb_shock, war_party: bomb_war_party}}"


def broken(tmp_path: Path, old: str, new: str) -> tuple[Path, str]:
    """Writes the scenario with `old` (once in the file) replaced by `new`; returns the path and
    the text."""
    assert TEXT.count(old) == 1, old
    text = TEXT.replace(old, new)
    path = tmp_path / "august_broken.yaml"
    path.write_text(text, encoding="utf-8")
    return path, text


def line(text: str, needle: str) -> int:
    """Returns the (1-based) line of the only line of `text` that holds `needle`."""
    found = [i + 1 for i, row in enumerate(text.splitlines()) if needle in row]
    assert len(found) == 1, (needle, found)
    return found[0]


def fails(path: Path, needle: str, text: str, field: str, message: str) -> None:
    with pytest.raises(ScenarioError) as info:
        load_rules(str(path))
    find_problem(info.value.problems, path, line(text, needle), field, message)


def test_unknown_school_is_named_with_its_line(tmp_path: Path) -> None:
    path, text = broken(tmp_path, SCHOOL_LINE, "    school: orthodox\n")
    fails(path, "school: orthodox", text, "debates[0].school", "unknown school 'orthodox'")


def test_a_school_without_a_value_for_a_parameter(tmp_path: Path) -> None:
    path, text = broken(tmp_path, " invasion_war_party: -3}", "}")
    fails(
        path,
        TRADITIONAL_VALUES,
        text,
        "debates[0].schools[1].values",
        "gives no value for 'invasion_war_party'",
    )


def test_a_school_value_for_what_is_not_the_debates_parameter(tmp_path: Path) -> None:
    path, text = broken(tmp_path, HASEGAWA_VALUES, HASEGAWA_VALUES + " blockade_shock: 3,")
    fails(
        path,
        HASEGAWA_VALUES,
        text,
        "debates[0].schools[0].values.blockade_shock",
        "'blockade_shock' is not a parameter of the debate 'entry_or_bombs'",
    )


def test_a_debated_parameter_may_not_have_its_own_value(tmp_path: Path) -> None:
    old = '  - {id: bomb_shock, name: "Peace party\'s rise: the first atomic bomb"}'
    path, text = broken(tmp_path, old, old[:-1] + ", value: 8}")
    fails(
        path,
        "id: bomb_shock, name",
        text,
        "parameters[0].value",
        "is set by the debate 'entry_or_bombs'",
    )


def test_an_undebated_parameter_needs_a_value(tmp_path: Path) -> None:
    old = "parameters: [bomb_shock, bomb_war_party,"
    path, text = broken(tmp_path, old, "parameters: [bomb_war_party,")
    fails(path, "id: bomb_shock, name", text, "parameters[0].value", "needs a value")


def test_a_debate_names_an_unknown_parameter(tmp_path: Path) -> None:
    old = "parameters: [bomb_shock, bomb_war_party,"
    path, text = broken(tmp_path, old, "parameters: [bomb_shok, bomb_shock, bomb_war_party,")
    fails(path, "parameters: [bomb_shok", text, "debates[0].parameters[0]", "unknown parameter")


def test_an_effect_names_an_unknown_parameter(tmp_path: Path) -> None:
    path, text = broken(tmp_path, FIRST_BOMB, FIRST_BOMB.replace("bomb_shock", "bomb_shok"))
    with pytest.raises(ScenarioError) as info:
        load_rules(str(path))
    (problem,) = info.value.problems
    assert problem.line == line(text, "peace: bomb_shok")
    assert problem.field.endswith(".add.peace")
    assert "unknown parameter 'bomb_shok'" in problem.message


def test_an_effect_naming_a_track_as_amount_is_told_so(tmp_path: Path) -> None:
    path, _ = broken(
        tmp_path, FIRST_BOMB, FIRST_BOMB.replace("peace: bomb_shock", "peace: blockade")
    )
    with pytest.raises(ScenarioError) as info:
        load_rules(str(path))
    assert any(
        "a track: an amount is a number or a parameter" in p.message for p in info.value.problems
    )


def test_a_debate_needs_two_schools(tmp_path: Path) -> None:
    start = TEXT.index("      - id: bombs_decisive")
    end = TEXT.index("\ncalendar:\n")
    text = TEXT[:start] + TEXT[end + 1 :]
    path = tmp_path / "one_school.yaml"
    path.write_text(text, encoding="utf-8")
    with pytest.raises(ScenarioError) as info:
        load_rules(str(path))
    find_problem(
        info.value.problems, path, line(text, "    schools:"), "debates[0].schools", "at least 2"
    )


def test_a_school_needs_its_argument(tmp_path: Path) -> None:
    path, _ = broken(
        tmp_path,
        "        name: Soviet entry decisive (Hasegawa)\n        argument: >-",
        "        name: Soviet entry decisive (Hasegawa)\n        argumnt: >-",
    )
    with pytest.raises(ScenarioError) as info:
        load_rules(str(path))
    fields = {p.field for p in info.value.problems}
    assert "debates[0].schools[0].argument" in fields
    assert "debates[0].schools[0].argumnt" in fields


def test_a_parameter_no_effect_names_is_a_warning(tmp_path: Path) -> None:
    path, text = broken(
        tmp_path,
        "\ndebates:\n",
        '\n  - {id: spare_shock, name: "A shock nobody uses", value: 3}\ndebates:\n',
    )
    (warning,) = [w for w in scenario_warnings(str(path)) if "spare_shock" in w.message]
    assert warning.line == line(text, "id: spare_shock")
    assert "named by no effect" in warning.message


def test_a_variant_choosing_an_unknown_school_is_blamed_at_its_line(tmp_path: Path) -> None:
    variant = tmp_path / "bad_school.yaml"
    variant.write_text(
        "variant: bad_school\nscenario: august-1945\ntitle: A bad school\n"
        "question: Which school?\nchanges:\n"
        "  - set: debates.entry_or_bombs.school\n    value: revisionist\n",
        encoding="utf-8",
    )
    with pytest.raises(ScenarioError) as info:
        load_rules("august-1945", str(variant))
    (problem,) = info.value.problems
    assert Path(problem.file) == variant
    assert problem.line == 6
    assert "unknown school 'revisionist'" in problem.message


# ------------------------------------------------------------- compiled numbers


def _amounts(effects: tuple[e.Effect, ...], track: int) -> list[int]:
    """Returns every amount added to `track` by these effects, branches included."""
    out: list[int] = []
    for eff in effects:
        if isinstance(eff, e.Add | e.Raise) and eff.track == track:
            out.append(eff.amount)
        elif isinstance(eff, e.When | e.Chance):
            out += _amounts(eff.then, track) + _amounts(eff.otherwise, track)
    return out


def _bomb_and_entry(rules: Rules) -> tuple[list[int], list[int]]:
    """Returns the peace party's amounts in the bomb's success and in the declaration of war."""
    peace = rules.track_index("peace")
    bomb = next(a for a in rules.actions if a.id == "drop_bomb")
    declare = next(o for ev in rules.events for o in ev.options if o.id == "declare_war")
    return _amounts(bomb.success, peace), _amounts(declare.effects, peace)


HASEGAWA = {
    "bomb_shock": 8,
    "bomb_war_party": -3,
    "second_bomb_shock": 2,
    "hope_end_shock": 10,
    "hope_end_extra": 4,
    "invasion_shock": 10,
    "invasion_war_party": -8,
}


def test_the_default_school_keeps_the_numbers_the_scenario_had() -> None:
    """Hasegawa's school gives the sizes the scenario used before the debate (8, 2, 5 for the
    bombs; 10 + 4 and 10 for the entry): the goldens do not move."""
    rules = load_rules("august-1945")
    assert dict(rules.parameters) == HASEGAWA
    (debate,) = rules.debates
    assert debate.id == "entry_or_bombs"
    assert debate.school.id == "hasegawa"
    assert [s.id for s in debate.others] == ["bombs_decisive"]
    assert _bomb_and_entry(rules) == ([8, 2, 5], [10, 4, 10])


def test_the_variant_changes_the_compiled_numbers() -> None:
    rules = load_rules("august-1945", "bombs_decisive")
    assert rules.debates[0].school.id == "bombs_decisive"
    assert rules.parameter("bomb_shock") == 24
    assert rules.parameter("invasion_shock") == 4
    assert _bomb_and_entry(rules) == ([24, 2, 5], [3, 1, 4])


@pytest.mark.parametrize("school", ["hasegawa", "bombs_decisive"])
def test_each_school_orders_the_shocks_its_way(school: str) -> None:
    """Hasegawa: the entry weighed more than the two bombs combined [003 ¶57]; the traditional
    view: the bombs weighed more (FACTS §5.3 D13) — his blows mirrored."""
    rules = load_rules("august-1945")
    (values,) = [dict(s.values) for s in rules.debates[0].schools if s.id == school]
    bombs = values["bomb_shock"] + values["second_bomb_shock"]
    entry = values["hope_end_shock"] + values["invasion_shock"]
    if school == "hasegawa":
        assert entry > bombs
        assert values["invasion_war_party"] < values["bomb_war_party"]
    else:
        assert bombs > entry + values["hope_end_extra"]
        assert values["bomb_war_party"] < values["invasion_war_party"]
