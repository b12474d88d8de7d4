"""The comparison report's parts: the model's assumptions read from a scenario file, the plots'
SVG, and how `--out` knows a previous report."""

from __future__ import annotations

import re
import sys
from pathlib import Path

import pytest
from matplotlib.figure import Figure

import game.report
from game.cli import main
from game.report.assumptions import named_assumptions, touched_assumptions
from game.report.plots import to_svg
from game.scenario.loader import read_scenario, read_variant, scenario_path, variant_path
from game.sim.outputs import is_output


def _touched(scenario: str, variant: str) -> list[tuple[str, str, str]]:
    path = scenario_path(scenario)
    data, node = read_scenario(path)
    spec, _ = read_variant(variant_path(scenario, variant))
    lines = path.read_text(encoding="utf-8").splitlines()
    found = touched_assumptions(spec.changes, data, node, lines)
    for a in found:  # each line number points at the file's own mark or field
        text = lines[a.line - 1]
        assert "ASSUMPTION" in text or "- id:" in text or "assumption" in text, a
    return [(a.subject, a.text, a.code) for a in found]


def test_a_variants_changes_bring_the_assumptions_of_what_they_touch() -> None:
    found = _touched("railway-sale", "no_us_recognition")
    subjects = {s for s, _, _ in found}
    assert subjects == {"Event “The United States recognises the USSR”"}
    texts = [t for _, t, _ in found]
    # a named mark above its number: the mark's text, its next lines included
    assert any(t.startswith("recognition_odds: a monthly chance of 0.5") for t in texts)
    # a named mark keeps its name; a comment's next lines are part of it
    assert any(t.startswith("show_force: the show itself raises tension by 8") for t in texts)
    assert any(t.endswith("by 5.") for t in texts)


def test_a_set_track_brings_its_assumption_field() -> None:
    found = _touched("railway-sale", "army_unrestrained")
    assert ("Track “The army's weight in Tokyo”", "An index with no historical unit.") in {
        (s, t) for s, t, _ in found
    }


def test_a_debate_school_set_by_a_variant_brings_that_schools_assumption() -> None:
    found = _touched("august-1945", "bombs_decisive")
    texts = " ".join(t for _, t, _ in found)
    assert "sizes mirrored" in texts
    assert "The sizes are the model's" not in texts  # the school the variant leaves


def test_a_comment_beside_its_number_keeps_the_number() -> None:
    found = _touched("august-1945", "hokkaido_zone")
    assert ("the reply came two days later, on 18 August [003 ¶66]", "probability: 0.5") in {
        (t, c) for _, t, c in found
    }


def test_a_bare_mark_says_which_option_and_numbers_it_concerns() -> None:
    found = _touched("august-1945", "emperor_clause")
    assert (
        "option “Keep Stimson's clause on the dynasty; leave Stalin out”: these numbers",
        "{add: {peace: 10, war_party: -4, allied_friction: 8}}",
    ) in {(t, c) for _, t, c in found}


def test_the_scenarios_named_assumptions() -> None:
    data, node = read_scenario(scenario_path("august-1945"))
    found = named_assumptions(data, node)
    subjects = [a.subject for a in found]
    assert "Track “US–Soviet friction”" in subjects
    assert any(s.endswith("(the scenario follows it)") for s in subjects)
    assert all(a.text for a in found)


def _figure() -> Figure:
    fig = Figure(figsize=(3, 2))
    ax = fig.add_subplot()
    ax.plot([1, 2, 3], [2, 1, 3], label="a")
    ax.set_title("Ω ≤ 5 %")
    return fig


def test_a_plot_is_deterministic_inline_svg_with_its_own_ids() -> None:
    one = to_svg(_figure(), "plot-a")
    assert one == to_svg(_figure(), "plot-a")  # no date, no random id
    assert one.startswith('<svg id="plot-a" ')
    assert "<?xml" not in one
    assert "DOCTYPE" not in one
    assert "<metadata" not in one
    ids = re.findall(r'\bid="([^"]+)"', one)
    assert ids
    assert all(i == "plot-a" or i.startswith("plot-a-") for i in ids)
    refs = re.findall(r'href="#([^"]+)"|url\(#([^)]+)\)', one)
    assert refs
    assert all((a or b) in ids for a, b in refs)  # every reference resolves within the plot
    other = to_svg(_figure(), "plot-b")
    assert not set(ids) & set(re.findall(r'\bid="([^"]+)"', other))


def test_out_knows_a_previous_report(tmp_path: Path) -> None:
    page, table, mine = tmp_path / "report.html", tmp_path / "report.csv", tmp_path / "x.html"
    page.write_text("<!-- amur comparison report -->\n<!DOCTYPE html>\n", encoding="utf-8")
    table.write_text("section,run,item,label,stat,value\n", encoding="utf-8")
    mine.write_text("<!DOCTYPE html>\n<p>mine</p>\n", encoding="utf-8")
    assert is_output(page, "comparison")
    assert is_output(table, "comparison")
    assert not is_output(mine, "comparison")


def test_without_matplotlib_compare_says_how_to_install_it(
    monkeypatch: pytest.MonkeyPatch, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    drawing = ("matplotlib", "game.report")  # the package too: it holds its submodules
    monkeypatch.setattr(game, "report", game.report)  # put back after the fresh import
    for name in [m for m in sys.modules if m.startswith(drawing)]:
        monkeypatch.delitem(sys.modules, name)
    monkeypatch.setitem(sys.modules, "matplotlib", None)  # as if not installed
    out = tmp_path / "report"
    args = ["compare", "--scenario", "railway-sale", "--games", "2", "--out", str(out)]
    assert main(args) == 1
    assert 'pip install -e ".[report]"' in capsys.readouterr().err
    assert not out.exists()  # refused before anything was made or played
