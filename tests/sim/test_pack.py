"""Exercise packs (issue 16 item 5): a role briefing per side with only what that side knew,
the teacher's debrief questions, the sources; Markdown and printable HTML; the CLI's checks."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from game.cli import main
from game.core.opening import opening_events
from game.scenario.loader import load_game, scenario_path, variants_of
from game.sim.pack import exercise_pack, questions, role_briefing
from game.sim.sheet import MARK, Section, Sheet, to_html, to_markdown

SCENARIOS = ("railway-sale", "fishery-auctions", "august-1945")


@pytest.mark.parametrize("scenario", SCENARIOS)
def test_a_briefing_tells_no_side_what_only_another_knew(scenario: str) -> None:
    """No track hidden from a side is named in its briefing, and no opening event it does not
    see is told; its own hidden tracks and events are."""
    rules = load_game(scenario).rules
    for side in rules.factions:
        text = to_markdown(role_briefing(rules, side.index))
        seen_section = text.split("## What you can see during the game")[1].split("##")[0]
        for track in rules.tracks:
            shown = f" {track.name};" in f" {seen_section.strip()[:-1]};"
            assert shown == bool(track.mask >> side.index & 1) or track.index in {
                i for t in rules.tracks for i in (*t.raisers, *t.shares)
            }, (side.id, track.id)
        for event in rules.events:
            if event in opening_events(rules, side.index):
                assert event.title in text
        assert side.briefing in text


def test_each_side_reads_its_own_aims_and_fears_not_the_others() -> None:
    rules = load_game("august-1945").rules
    japan = next(f for f in rules.factions if f.id == "japan")
    ussr = next(f for f in rules.factions if f.id == "ussr")
    text = to_markdown(role_briefing(rules, japan.index))
    own, other = rules.persona(japan.index), rules.persona(ussr.index)
    assert own is not None
    assert other is not None
    assert own.summary in text
    assert other.summary not in text
    assert all(r.label in text for r in own.red_lines)
    assert not any(r.label in text for r in other.red_lines)


def test_the_questions_carry_history_every_variant_and_the_thesis() -> None:
    rules = load_game("august-1945").rules
    path = scenario_path("august-1945")
    text = to_markdown(questions(rules, path))
    assert rules.baseline.summary in text
    assert all(item.text in text for item in rules.baseline.timeline)
    for vid in variants_of(path):
        assert f"({vid})" in text
    assert rules.debates[0].question in text


def test_html_sheets_print_offline_and_escape_the_scenario_text() -> None:
    rules = load_game("railway-sale").rules
    for sheet in exercise_pack(rules, scenario_path("railway-sale")):
        page = to_html(sheet)
        assert MARK in page
        assert "<script" not in page
        assert not re.search(r"""(src|href)=["']?https?:""", page)
        assert page.count("<h2>") == len(sheet.sections)
    odd = Sheet("x", "A <b> title", "sub & co", (Section("H", ("a <script> p",), ("b > c",)),))
    page = to_html(odd)
    assert "<script>" not in page
    assert "a &lt;script&gt; p" in page
    assert "b &gt; c" in page
    assert "A &lt;b&gt; title" in page


def _run(args: list[str], capsys: pytest.CaptureFixture[str]) -> tuple[int, str, str]:
    code = main(args)
    captured = capsys.readouterr()
    return code, captured.out, captured.err


def test_the_command_writes_the_pack_and_keeps_the_teachers_own_files(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    out = tmp_path / "pack"
    code, printed, _ = _run(["briefing", "--scenario", "railway-sale", "--out", str(out)], capsys)
    assert code == 0
    names = sorted(p.name for p in out.iterdir())
    assert names == sorted(
        f"{stem}.{ext}"
        for stem in ("briefing-ussr", "briefing-japan", "questions", "sources")
        for ext in ("html", "md")
    )
    assert "8 files" in " ".join(printed.split())  # the console may wrap the line
    code, _, _ = _run(["briefing", "--scenario", "railway-sale", "--out", str(out)], capsys)
    assert code == 0  # its own files are replaced
    (out / "questions.md").write_text("the teacher's own questions\n")
    code, _, err = _run(["briefing", "--scenario", "railway-sale", "--out", str(out)], capsys)
    assert code != 0
    assert "questions.md" in err
    assert (out / "questions.md").read_text() == "the teacher's own questions\n"
    code, _, err = _run(["briefing", "--scenario", "no-such", "--out", str(out)], capsys)
    assert code != 0
    assert "no-such" in err
    afile = tmp_path / "afile"
    afile.write_text("x")
    code, _, err = _run(["briefing", "--scenario", "railway-sale", "--out", str(afile)], capsys)
    assert code != 0


def test_the_worked_variant_of_the_teaching_guide_is_accepted(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """docs/teaching.md's example is a real variant: `validate` accepts it and it plays."""
    guide = (Path(__file__).resolve().parents[2] / "docs" / "teaching.md").read_text()
    blocks = re.findall(r"```yaml\n(.*?)```", guide, re.S)
    assert len(blocks) == 1
    path = tmp_path / "early_recognition.yaml"
    path.write_text(blocks[0])
    code, out, err = _run(["validate", "--strict", str(path)], capsys)
    assert code == 0, err
    assert "ok" in out
    code, _, err = _run(
        [
            "simulate",
            "--scenario",
            "railway-sale",
            "--variant",
            str(path),
            "--games",
            "2",
            "--workers",
            "1",
            "--no-progress",
            "--agents",
            "all=historical",
        ],
        capsys,
    )
    assert code == 0, err
