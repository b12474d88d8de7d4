"""The dominance audit gives each best simple policy the victory level of its mean margin over
the par, when its par is the victory levels' own (every side historical) and the scenario gives
margins; not otherwise."""

from __future__ import annotations

from pathlib import Path

from game import load_game
from game.sim.audit import AuditSpec
from game.sim.audit_policy import best_policies
from game.sim.audit_report import summarise_audit
from tests.sim.test_audit import AGENTS, TOY


def _summary(path: Path, agents: tuple[tuple[str, str], ...] = AGENTS) -> dict[str, object]:
    spec = AuditSpec(str(path), None, agents, games=1, points_per_game=1, rollouts=1)
    par, tried = best_policies(str(path), None, agents, "blue", ["blue:needle"], 3, 0, 1)
    rules = load_game(str(path)).rules
    return summarise_audit(spec, rules, [], {"blue": (par, tried)})


def test_best_policies_get_a_level_with_margins_and_the_historical_par(tmp_path: Path) -> None:
    plain = _summary(TOY)
    seats = plain["seats"]
    assert isinstance(seats, dict)
    assert all("level" not in p for p in seats["blue"]["best_policies"])
    judged = tmp_path / "judged.yaml"
    text = TOY.read_text(encoding="utf-8") + "victory: {unit: points, draw: 0.5, decisive: 50}\n"
    judged.write_text(text, encoding="utf-8")
    summary = _summary(judged)
    seats = summary["seats"]
    assert isinstance(seats, dict)
    best = seats["blue"]["best_policies"][0]
    assert best["minus_par"] > 0.5
    assert best["level"] == "marginal victory"
    # Against other default agents the audit's par is not the levels' par: no level.
    other = _summary(judged, (("red", "random"), ("blue", "historical")))
    seats = other["seats"]
    assert isinstance(seats, dict)
    assert all("level" not in p for p in seats["blue"]["best_policies"])
