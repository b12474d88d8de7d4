"""A saved game's chronicle (issue 16 item 4): decisions with their reasons, news with their
citations, history beside them by date; Markdown and one offline HTML page; the CLI's errors."""

from __future__ import annotations

import dataclasses
import json
import re
from pathlib import Path

import pytest

from game.agents.base import make_agents, parse_agents
from game.cli import main
from game.core.actions import END
from game.scenario.loader import load_game
from game.sim.chronicle import chronicle
from game.sim.chronicle_page import to_html, to_markdown
from game.sim.play import play
from game.sim.record import GameRecord, RecordError, load_record, save_record


def _game(scenario: str = "railway-sale", seed: int = 2) -> tuple[object, GameRecord]:
    game = load_game(scenario)
    names = parse_agents(game, "all=historical")
    record, _ = play(game, make_agents(game, names), seed, names=names, explain=True)
    return game, record


def test_every_decision_is_told_with_its_reason_on_its_turns_date() -> None:
    game, record = _game()
    story = chronicle(game, record)  # type: ignore[arg-type]
    decisions = [(row.date, e) for row in story.rows for e in row.game if e.kind == "decision"]
    moves = [a for a in record.actions if game.parse_action(a).kind != END]  # type: ignore[attr-defined]
    assert len(decisions) == len(moves)
    assert all(e.reason for _, e in decisions)  # the historical agent says why at every choice
    dates = [row.date for row in story.rows]
    assert dates == sorted(dates)
    assert len(dates) == len(set(dates))
    history = [e for row in story.rows for e in row.history]
    assert len(history) == len(game.rules.baseline.timeline)  # type: ignore[attr-defined]
    assert all(e.cite for e in history)


def test_news_seen_by_one_side_says_so() -> None:
    game, record = _game("august-1945", seed=1)
    story = chronicle(game, record)  # type: ignore[arg-type]
    seen = {e.seen_by for row in story.rows for e in row.game if e.kind == "news"}
    assert "Japan" in seen
    assert "" in seen


def test_markdown_and_html_carry_the_same_story() -> None:
    game, record = _game()
    story = chronicle(game, record)  # type: ignore[arg-type]
    md, page = to_markdown(story), to_html(story)
    first = next(e for row in story.rows for e in row.game if e.kind == "decision")
    assert first.text in md
    assert first.reason in md
    assert "Sep 1934" in md  # history's agreement, at the month's precision of the turns
    assert page.count("<tr>") == len(story.rows) + 1
    assert "<script" not in page
    assert not re.search(r"""(src|href)=["']?https?:""", page)


def test_html_escapes_what_a_student_wrote() -> None:
    game, record = _game()
    first = next(i for i, a in enumerate(record.actions) if not a.endswith(":end"))
    record = dataclasses.replace(record, reasons={first: "<script>alert(1)</script> & so"})
    page = to_html(chronicle(game, record))  # type: ignore[arg-type]
    assert "<script>" not in page
    assert "&lt;script&gt;alert(1)&lt;/script&gt; &amp; so" in page


def test_reasons_round_trip_in_the_save_and_past_the_end_are_refused(tmp_path: Path) -> None:
    _, record = _game()
    path = tmp_path / "game.json"
    save_record(path, record)
    assert load_record(path).reasons == record.reasons
    data = json.loads(path.read_text())
    data["reasons"][str(len(record.actions))] = "a move that was never made"
    path.write_text(json.dumps(data))
    with pytest.raises(RecordError, match=rf"reasons\.{len(record.actions)}"):
        load_record(path)


def test_a_save_without_reasons_is_written_as_before(tmp_path: Path) -> None:
    _, record = _game()
    path = tmp_path / "game.json"
    save_record(path, dataclasses.replace(record, reasons={}))
    assert "reasons" not in json.loads(path.read_text())


def _run(args: list[str], capsys: pytest.CaptureFixture[str]) -> tuple[int, str, str]:
    code = main(args)
    captured = capsys.readouterr()
    return code, captured.out, captured.err


def test_the_command_writes_both_formats_and_refuses_what_it_should(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    save = tmp_path / "game.json"
    code, _, _ = _run(
        [
            "record",
            "--scenario",
            "railway-sale",
            "--agents",
            "all=historical",
            "--seed",
            "2",
            "--explain",
            "--out",
            str(save),
        ],
        capsys,
    )
    assert code == 0
    assert load_record(save).reasons
    for name in ("story.md", "story.html"):
        code, out, _ = _run(["chronicle", str(save), "--out", str(tmp_path / name)], capsys)
        assert code == 0
        assert "reasons" in out
        assert "the chronicle of game 2" in (tmp_path / name).read_text()
    code, _, _ = _run(["chronicle", str(save), "--out", str(tmp_path / "story.md")], capsys)
    assert code == 0  # a previous chronicle is replaced
    notes = tmp_path / "notes.md"
    notes.write_text("my own notes\n")
    code, _, err = _run(["chronicle", str(save), "--out", str(notes)], capsys)
    assert code != 0
    assert "notes.md" in err
    assert notes.read_text() == "my own notes\n"
    code, _, err = _run(["chronicle", str(save), "--out", str(tmp_path / "story.txt")], capsys)
    assert code != 0
    assert ".html or a .md" in err
    broken = tmp_path / "broken.json"
    broken.write_text('{"format": "amur-save", "format_version": 1')
    code, _, err = _run(["chronicle", str(broken), "--out", str(tmp_path / "b.md")], capsys)
    assert code != 0
    assert "broken.json" in err
    assert not (tmp_path / "b.md").exists()
