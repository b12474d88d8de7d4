"""The dominance audit (issue 13): it finds a dominant option and a decision that changes
nothing in a scenario built to have them, honours the scenario's `intended` marks, finds the
best simple policy, gives the same figures whatever the worker count, and rejects bad input."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from click.testing import CliRunner

from game import available_scenarios, load_game
from game.cli import cli
from game.scenario.errors import ScenarioError
from game.sim.audit import AuditSpec, Point, options_at, run_points
from game.sim.audit_policy import best_policies
from game.sim.audit_report import audit_markdown, summarise_audit, unintended_dominant

DATA = Path(__file__).parent / "data"
TOY = DATA / "dominance.yaml"
AGENTS = (("red", "historical"), ("blue", "historical"))


def _spec(path: Path = TOY, **kw: object) -> AuditSpec:
    fields: dict[str, object] = {
        "games": 3,
        "points_per_game": 3,
        "rollouts": 2,
        "sample": ("historical",),
    } | kw
    return AuditSpec(str(path), None, AGENTS, **fields)  # type: ignore[arg-type]


def _points(spec: AuditSpec, workers: int = 1) -> list[Point]:
    return [p for batch in run_points(spec, workers) for p in batch]


def _with_intended(tmp_path: Path, option: str) -> Path:
    path = tmp_path / "intended.yaml"
    text = TOY.read_text(encoding="utf-8")
    path.write_text(
        text
        + f'audit:\n  intended:\n    - {{option: "{option}", reason: "Spite is the point."}}\n',
        encoding="utf-8",
    )
    return path


def test_a_dominant_option_is_found_and_named() -> None:
    spec = _spec()
    game = load_game(spec.scenario)
    summary = summarise_audit(spec, game.rules, _points(spec), {})
    blue = summary["seats"]["blue"]
    assert [row["option"] for row in blue["dominant"]] == ["blue:needle"]
    assert unintended_dominant(summary) == [
        f"blue: blue:needle (best by a margin at {blue['points']} of {blue['points']} points)"
    ]
    assert "**Dominant**: `blue:needle`" in audit_markdown(summary)


def test_an_order_that_changes_nothing_is_counted() -> None:
    """Red's `shout` writes a track nothing reads: at every orders point, shouting and waiting
    are worth the same, so those points change nothing; the bribe's answer always matters."""
    spec = _spec()
    game = load_game(spec.scenario)
    points = _points(spec)
    summary = summarise_audit(spec, game.rules, points, {})
    red = summary["seats"]["red"]
    orders = [p for p in points if p.seat == "red" and p.phase == "orders"]
    events = [p for p in points if p.seat == "red" and p.phase == "choice"]
    assert orders
    assert events
    assert red["changes_nothing"] == len(orders)
    shout = red["options"]["red:shout"]
    assert shout["top"] == shout["offered"] == len(orders)
    assert shout["wins"] == 0
    take = red["options"]["red:choose:bribe:take"]
    assert take["wins"] == take["offered"] == len(events)
    assert red["options"]["red:choose:bribe:refuse"]["top"] == 0


def test_an_option_marked_intended_does_not_fail_the_audit(tmp_path: Path) -> None:
    path = _with_intended(tmp_path, "blue:needle")
    spec = _spec(path)
    game = load_game(str(path))
    assert game.rules.intended == (("blue:needle", "Spite is the point."),)
    summary = summarise_audit(spec, game.rules, _points(spec), {})
    assert unintended_dominant(summary) == []
    (row,) = summary["seats"]["blue"]["dominant"]
    assert row["intended"] == "Spite is the point."
    assert "intended: Spite is the point." in audit_markdown(summary)


def test_an_intended_mark_must_name_a_real_move(tmp_path: Path) -> None:
    path = _with_intended(tmp_path, "blue:dance")
    with pytest.raises(ScenarioError) as err:
        load_game(str(path))
    (problem,) = err.value.problems
    assert problem.field.startswith("audit.intended")
    assert problem.line == path.read_text(encoding="utf-8").count("\n")  # the last line


def test_the_same_points_whatever_the_worker_count() -> None:
    spec = _spec(games=4, rollouts=1)
    one = [p.to_dict() for p in _points(spec, 1)]
    two = [p.to_dict() for p in _points(spec, 2)]
    assert one == two
    assert one != [p.to_dict() for p in _points(_spec(games=4, rollouts=1, seed=7), 1)]


def test_large_families_are_played_out_by_their_middle_and_quarters() -> None:
    game = load_game("railway-sale")
    state = game.initial_state(0)
    seat = state.to_act
    named = options_at(game, state, seat)
    offers = [name for name, _ in named if ":offer:" in name]
    assert offers == [
        f"{game.rules.factions[seat].id}:offer:{p}" for p in ("<low>", "<mid>", "<high>")
    ]
    prices = [a.amount for name, a in named if ":offer:" in name]
    assert prices == sorted(prices)
    assert len(set(prices)) == 3


def test_the_best_simple_policy_is_found() -> None:
    par, tried = best_policies(str(TOY), None, AGENTS, "blue", ["blue:needle"], 3, 0, 1)
    best = tried[0]
    assert [o.words() for o in best.overrides] == ["always blue:needle"]
    assert best.versus_par.diff.value > 0
    assert best.versus_par.wins == 3
    worst = tried[-1]
    assert [o.words() for o in worst.overrides] == ["never blue:needle"]
    assert worst.mean < sum(par) / len(par)


def test_the_command_writes_its_report_and_fails_when_strict(tmp_path: Path) -> None:
    runner = CliRunner()
    report, data = tmp_path / "audit.md", tmp_path / "audit.json"
    args = ["audit", "--scenario", str(TOY), "--games", "3", "--points", "2", "--rollouts", "1"]
    args += ["--policy-games", "2", "--workers", "1", "--out", str(report), "--json", str(data)]
    result = runner.invoke(cli, args)
    assert result.exit_code == 0, result.output
    text = report.read_text(encoding="utf-8")
    assert "# Dominance audit: dominance-test" in text
    # Red's `shout` writes `noise`, which no rule reads: the compiler's warning is in the report.
    assert "## Tracks nothing reads" in text
    assert "track 'noise'" in text
    figures = json.loads(data.read_text(encoding="utf-8"))
    assert set(figures["seats"]) == {"red", "blue"}
    assert figures["seats"]["blue"]["best_policies"][0]["policy"] == ["always blue:needle"]
    again = runner.invoke(cli, args)  # its own previous outputs are replaced without --force
    assert again.exit_code == 0, again.output
    strict = runner.invoke(cli, [*args, "--strict"])
    assert strict.exit_code == 1
    assert "blue: blue:needle" in strict.output


@pytest.mark.parametrize(
    ("extra", "message"),
    [
        (["--agents", "green=historical"], "unknown faction 'green'"),
        (["--agents", "red=wizard"], "unknown agent 'wizard'"),
        (["--json", "out.txt"], "use a .json file name"),
        (["--sample", "historical,oracle"], "unknown agent 'oracle'"),
        (["--out", "no/such/folder/a.md"], "does not exist"),
    ],
)
def test_bad_input_is_refused_before_any_game(extra: list[str], message: str) -> None:
    result = CliRunner().invoke(cli, ["audit", "--scenario", str(TOY), *extra])
    assert result.exit_code != 0
    assert message in result.output


def test_an_existing_report_is_kept_without_force(tmp_path: Path) -> None:
    report = tmp_path / "mine.md"
    report.write_text("my notes", encoding="utf-8")
    result = CliRunner().invoke(cli, ["audit", "--scenario", str(TOY), "--out", str(report)])
    assert result.exit_code != 0
    assert "--force" in result.output
    assert report.read_text(encoding="utf-8") == "my notes"


@pytest.mark.parametrize("scenario", sorted(available_scenarios()))
def test_every_shipped_scenario_can_be_audited(scenario: str) -> None:
    """One small game per scenario: every side has decision points with at least two options
    played out, and the report names every side."""
    game = load_game(scenario)
    agents = tuple((f.id, "historical") for f in game.rules.factions)
    spec = AuditSpec(scenario, None, agents, ("random",), games=1, points_per_game=1, rollouts=1)
    points = _points(spec)
    assert {p.seat for p in points} == {f.id for f in game.rules.factions}
    for point in points:
        assert len(point.values) >= 2
        assert all(len(v) == 1 for v in point.values.values())
    text = audit_markdown(summarise_audit(spec, game.rules, points, {}))
    for f in game.rules.factions:
        assert f"## {f.name}" in text


def test_decisions_per_game_count_the_seat_s_choices_and_those_that_matter() -> None:
    """Red answers the bribe every month (an answer that always matters) and may shout in each
    orders turn (which never does): the estimate of decisions that matter is the events only."""
    spec = _spec(sample=("historical",))
    game = load_game(spec.scenario)
    points = _points(spec)
    red = summarise_audit(spec, game.rules, points, {})["seats"]["red"]["per_game"]
    events = [p for p in points if p.seat == "red" and p.phase == "choice"]
    assert red["events"] == len(events) / spec.games > 0
    assert red["order_turns"] > 0
    assert red["orders"] >= red["order_turns"]
    assert red["that_matter"] == round(red["events"], 1)
    assert red["events"] <= 6  # at most one bribe a month, January to June
