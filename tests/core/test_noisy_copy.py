"""A `copy` with `noise` is an intelligence report: off by at most the noise either way,
different between seeds, the same for the same seed, and exact without noise."""

from __future__ import annotations

from pathlib import Path

from game import load_game

SCENARIO = """\
id: report-test
title: A report (test)
period: 1900 (test)
summary: A test scenario for noisy copies.
calendar:
  - {start: 1900-01-01, end: 1900-03-01, step: month}
max_orders: 1
factions:
  - {id: red, name: Red, briefing: Learn.}
  - {id: blue, name: Blue, briefing: Hide.}
tracks:
  - {id: secret, name: Secret, range: [0, 1000], initial: 500, visible_to: [blue]}
  - {id: report, name: Report, range: [0, 1000], initial: 0}
  - {id: exact, name: Exact, range: [0, 1000], initial: 0}
actions:
  - id: spy
    faction: red
    label: Spy
    effects: [{copy: {from: secret, to: report}, noise: NOISE}, {copy: {from: secret, to: exact}}]
time_limit: {id: over, label: Over}
outcome_classes:
  - {id: done, label: Done}
scoring:
  factions:
    red: [{track: report}, {track: exact}]
    blue: [{track: secret}]
baseline:
  outcome_class: done
  summary: Red spies.
"""


def _reports(tmp_path: Path, noise: int, seeds: range) -> list[tuple[int, int]]:
    path = tmp_path / f"report{noise}.yaml"
    path.write_text(SCENARIO.replace("NOISE", str(noise)), encoding="utf-8")
    game = load_game(str(path))
    rules = game.rules
    out = []
    for seed in seeds:
        state = game.initial_state(seed)
        while state.turn == 0:  # Red spies, then every side ends the first turn
            legal = game.legal_actions(state, game.to_act(state))
            spy = [a for a in legal if game.notation(a) == "red:spy"]
            state = game.apply(state, spy[0] if spy else legal[-1])
        tracks = state.tracks
        out.append((tracks[rules.track_index("report")], tracks[rules.track_index("exact")]))
    return out


def test_a_noisy_copy_is_a_report_within_its_noise(tmp_path: Path) -> None:
    reports = _reports(tmp_path, 100, range(40))
    assert all(exact == 500 for _, exact in reports)
    assert all(400 <= report <= 600 for report, _ in reports)
    assert len({report for report, _ in reports}) > 20
    assert min(r for r, _ in reports) < 450 < 550 < max(r for r, _ in reports)
    assert _reports(tmp_path, 100, range(40)) == reports


def test_a_copy_without_noise_is_exact(tmp_path: Path) -> None:
    assert {report for report, _ in _reports(tmp_path, 0, range(10))} == {500}
