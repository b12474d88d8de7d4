"""Counterfactuals measured (issue 14, item 4): a variant's `expect:` names its headline figures
and the direction the sources argue; `main.py variants` plays history and the variant on the
same seeds and reports the paired difference with its 95 % interval. Here: the loader checks the
section with file, line and field; the readings and the verdicts on made-up result lines; and a
small run of the command end to end (historical agents, a few seeds)."""

from __future__ import annotations

import datetime as dt
import json
from pathlib import Path

import pytest

from game.cli import main
from game.core.rules import Expectation
from game.scenario.errors import ScenarioError
from game.scenario.loader import load_rules, scenario_path, variant_path, variants_of
from game.sim.counterfactual import MOVES, UNCLEAR, WRONG_WAY, compare, reading

SCENARIOS = ("railway-sale", "fishery-auctions", "august-1945")
NOT_COUNTERFACTUALS = {"quick_start"}
"""Variants that change no history (a later start) and so name no headline figure."""

ESCORTS = (
    scenario_path("fishery-auctions").parent / "variants/fishery_auctions/escorts_from_1932.yaml"
)


def test_every_counterfactual_names_a_headline_figure_with_a_source() -> None:
    for scenario in SCENARIOS:
        for variant in variants_of(scenario_path(scenario)):
            rules = load_rules(scenario, variant)
            if variant in NOT_COUNTERFACTUALS:
                assert rules.expectations == (), variant
                continue
            assert rules.expectations, f"{variant} names no headline figure (expect:)"
            for e in rules.expectations:
                assert e.cite.strip(), (variant, e.id)
                assert e.why.strip(), (variant, e.id)
                assert e.direction in {1, -1}


def _broken(tmp_path: Path, old: str, new: str) -> str:
    text = ESCORTS.read_text(encoding="utf-8")
    assert old in text
    path = tmp_path / "escorts.yaml"
    path.write_text(text.replace(old, new, 1), encoding="utf-8")
    return str(path)


@pytest.mark.parametrize(
    ("old", "new", "field", "words"),
    [
        ("figure: tension,", "figure: tensions,", "expect[0].figure", "no figure 'tensions'"),
        ("figure: tension,", "outcome: [calm],", "expect[0].outcome", "no outcome class 'calm'"),
        ("figure: tension,", "figure: tension, end: [crisis],", "expect[0]", "exactly one"),
        ("     unset: 0,", "     unset: 1932-01-01,", "expect[0].unset", "give one of numbers"),
        (
            "     unset: 0,",
            "     between: [1, 2], unset: 0,",
            "expect[0].unset",
            "goes with a mean",
        ),
        ("direction: up", "direction: left", "expect[0].direction", "'up' or 'down'"),
    ],
)
def test_a_broken_expectation_is_named_by_file_line_and_field(
    tmp_path: Path, old: str, new: str, field: str, words: str
) -> None:
    path = _broken(tmp_path, old, new)
    with pytest.raises(ScenarioError) as caught:
        load_rules("fishery-auctions", path)
    problems = caught.value.problems
    assert all(p.file == path for p in problems)
    named = [p for p in problems if p.field == field]
    assert named, problems
    assert named[0].line is not None
    assert named[0].line > 1
    assert words in named[0].message, named[0].message


def _line(seed: int, **fields: object) -> dict[str, object]:
    base: dict[str, object] = {"seed": seed, "end": "x", "outcome": "y", "figures": {}}
    return base | fields


ACCEPTED = Expectation(
    "acc",
    "acceptance",
    1,
    "why",
    "cite",
    "mean",
    "figure accepted",
    figure="accepted",
    kind="date",
    unset=float(dt.date(1945, 9, 6).toordinal()),
)
HOKKAIDO = Expectation(
    "zone",
    "zone",
    1,
    "why",
    "cite",
    "share",
    "outcome soviet_hokkaido",
    outcomes=("soviet_hokkaido",),
)


def test_a_date_reads_as_its_day_and_a_missing_one_as_unset() -> None:
    seen = reading(ACCEPTED, _line(1, figures={"accepted": "1945-08-14"}))
    assert seen == dt.date(1945, 8, 14).toordinal()
    assert reading(ACCEPTED, _line(1, figures={"accepted": None})) == ACCEPTED.unset
    assert reading(HOKKAIDO, _line(1, outcome="soviet_hokkaido")) == 1.0
    assert reading(HOKKAIDO, _line(1, outcome="historical")) == 0.0


def test_verdicts_follow_the_interval_of_the_paired_difference() -> None:
    base = [_line(s, outcome="historical") for s in range(40)]
    more = [_line(s, outcome="soviet_hokkaido" if s % 2 else "historical") for s in range(40)]
    assert compare(HOKKAIDO, base, more)["verdict"] == MOVES
    down = Expectation(**{**_fields(HOKKAIDO), "direction": -1})
    assert compare(down, base, more)["verdict"] == WRONG_WAY
    one = [_line(s, outcome="soviet_hokkaido" if s == 3 else "historical") for s in range(40)]
    row = compare(HOKKAIDO, base, one)
    assert row["verdict"] == UNCLEAR
    assert row["low"] < 0 < row["high"]
    assert row["diff"] == pytest.approx(1 / 40)


def test_runs_on_different_seeds_are_not_compared() -> None:
    with pytest.raises(ValueError, match="same seeds"):
        compare(HOKKAIDO, [_line(1)], [_line(2)])


def _fields(e: Expectation) -> dict[str, object]:
    return {name: getattr(e, name) for name in e.__slots__}  # type: ignore[attr-defined]


def test_the_command_writes_its_table_and_figures(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    md, js = tmp_path / "v.md", tmp_path / "v.json"
    args = ["variants", "--scenario", "railway-sale", "--agents", "all=historical"]
    args += [
        "--games",
        "12",
        "--workers",
        "1",
        "--no-progress",
        "--out",
        str(md),
        "--json",
        str(js),
    ]
    assert main(args) == 0
    out = capsys.readouterr().out
    assert "army_unr" in out
    data = json.loads(js.read_text(encoding="utf-8"))
    rows = {(r["variant"], r["id"]): r for r in data["counterfactuals"]}
    assert set(rows) == {
        ("army_unrestrained", "force"),
        ("army_unrestrained", "sold"),
        ("no_us_recognition", "weaker"),
    }
    # historical agents on both sides: the unrestrained army seizes the line in most games
    assert rows[("army_unrestrained", "force")]["verdict"] == MOVES
    assert set(data["spot"]) == {"history", "army_unrestrained", "no_us_recognition"}
    assert set(data["digests"]) == {
        "railway_sale.yaml",
        "army_unrestrained.yaml",
        "no_us_recognition.yaml",
    }
    text = md.read_text(encoding="utf-8")
    assert text.startswith("## Counterfactuals: The Railway Sale (`railway-sale`)")
    assert "| `army_unrestrained` | the line taken by force" in text
    # a second run may replace its own files, but never a file it did not write
    assert main(args) == 0
    other = tmp_path / "notes.md"
    other.write_text("my notes\n", encoding="utf-8")
    bad = [*args[: args.index("--out")], "--out", str(other)]
    assert main(bad) != 0
    assert other.read_text(encoding="utf-8") == "my notes\n"


def test_bad_flags_are_refused_clearly(capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["variants", "--scenario", "railway-sale", "--variant", "no_such"]) != 0
    assert "no such variant" in capsys.readouterr().err
    assert main(["variants", "--scenario", "august-1945", "--variant", "quick_start"]) != 0
    assert "names no headline figures" in capsys.readouterr().err


def test_a_variant_file_outside_the_scenarios_plays_on_workers(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """A variant given by path (a teacher's own) is played from that file by every worker process,
    not looked up by its id among the installed ones (it used to fail in the workers)."""
    source = variant_path("railway-sale", "army_unrestrained").read_text(encoding="utf-8")
    mine = tmp_path / "my_army.yaml"
    mine.write_text(source.replace("variant: army_unrestrained", "variant: my_army"))
    js = tmp_path / "v.json"
    args = ["variants", "--scenario", "railway-sale", "--variant", str(mine)]
    args += ["--agents", "all=historical", "--games", "4", "--workers", "2", "--no-progress"]
    assert main([*args, "--json", str(js)]) == 0
    data = json.loads(js.read_text(encoding="utf-8"))
    assert {r["variant"] for r in data["counterfactuals"]} == {"my_army"}
