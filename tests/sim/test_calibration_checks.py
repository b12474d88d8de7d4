"""The calibration evaluator (`game.sim.calibration`): each check of a finished game, and the
share of a batch near history with its Wilson interval."""

from __future__ import annotations

import dataclasses

import pytest

from game import load_game
from game.agents import make_agent
from game.core.game import Outcome
from game.sim.batch import BatchSpec, run_batch
from game.sim.calibration import (
    calibration_markdown,
    is_near_history,
    summarise_calibration,
    verdicts,
)
from game.sim.play import play
from game.sim.stats import share_ci


def _outcome(reason: str, outcome_class: str) -> Outcome:
    return Outcome(reason, reason, outcome_class, outcome_class, {})


def test_a_date_that_never_happened_is_outside_every_range() -> None:
    """At the start nothing is agreed or signed: even the open-ended signature check fails."""
    game = load_game("railway-sale")
    state = game.initial_state(1)
    found = verdicts(game.rules, state, _outcome("no_sale", "no_sale"))
    assert list(found) == [c.id for c in game.rules.calibration]
    assert found == {
        "sale_signed": False,
        "agreed_in_window": False,
        "price": False,
        "signed_by_1935": False,
    }
    assert not is_near_history(game.rules, state, _outcome("sale_signed", "historical"))


def test_a_historical_game_passes_every_check() -> None:
    game = load_game("august-1945")
    agents = {f.index: make_agent("historical", game, f.index) for f in game.rules.factions}
    _, state = play(game, agents, 7)
    outcome = game.outcome(state)
    assert outcome is not None
    found = verdicts(game.rules, state, outcome)
    assert all(found.values()) == is_near_history(game.rules, state, outcome)
    assert (outcome.outcome_class == "historical") == is_near_history(game.rules, state, outcome)


def test_a_scenario_without_checks_is_never_near_history() -> None:
    game = load_game("railway-sale")
    rules = dataclasses.replace(game.rules, calibration=())
    assert not is_near_history(rules, game.initial_state(1), _outcome("sale_signed", "historical"))


def test_the_summary_gives_the_share_with_its_wilson_interval() -> None:
    rules = load_game("fishery-auctions").rules
    ids = [c.id for c in rules.calibration]
    results = []
    for i in range(10):
        checks = dict.fromkeys(ids, True)
        if i >= 7:
            checks[ids[i % len(ids)]] = False
        results.append({"calibration": checks, "near_history": all(checks.values())})
    summary = summarise_calibration(results, rules)
    near = summary["near_history"]
    ci = share_ci(7, 10)
    assert (near["count"], near["share"], near["low"], near["high"]) == (7, 0.7, ci.low, ci.high)
    assert [c["id"] for c in summary["checks"]] == ids
    assert sum(c["count"] for c in summary["checks"]) == 10 * len(ids) - 3
    with pytest.raises(ValueError, match="no games"):
        summarise_calibration([], rules)


def test_batch_lines_carry_the_checks_and_the_markdown_names_them() -> None:
    game = load_game("railway-sale")
    agents = tuple((f.id, "historical") for f in game.rules.factions)
    results = list(run_batch(BatchSpec("railway-sale", None, agents, 3, 1, calibration=True), 1))
    plain = list(run_batch(BatchSpec("railway-sale", None, agents, 3, 1), 1))
    for line, bare in zip(results, plain, strict=True):
        assert set(line) - set(bare) == {"calibration", "near_history"}
    summary = summarise_calibration(results, game.rules) | {
        "scenario": "railway-sale",
        "title": game.rules.title,
        "variant": None,
        "agents": dict(agents),
        "seed": 1,
    }
    text = calibration_markdown(summary)
    assert text.startswith("## Calibration: The Railway Sale")
    assert "wall time" not in text
    for check in game.rules.calibration:
        assert f"(`{check.id}`)" in text
