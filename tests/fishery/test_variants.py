"""The fishery variants exist, load, and move the outcome the way their question suggests.

- No Anti-Comintern Pact: the sources imply Moscow would have signed the 1936 convention
  [001 L7; 001 L37]: most games end with a long-term convention (none under history).
- No freeze in 1932 (FACTS.md §1.3 F3): the squeeze goes on; Japan ends with a smaller share.
- Naval escorts from 1932 (a pure branch, FACTS.md §1.7): tension ends higher than in history.
"""

from __future__ import annotations

import statistics
from pathlib import Path

import pytest

from game import load_game
from game.cli import validate_file
from game.scenario.errors import ScenarioError
from tests.august.test_variant_errors import HEAD
from tests.fishery.runs import historical_runs, share

VARIANT_DIR = Path(__file__).resolve().parents[2] / "scenarios" / "variants" / "fishery_auctions"
SEEDS = 60


def test_the_variants_the_issue_asks_for_exist_and_load() -> None:
    names = sorted(p.stem for p in VARIANT_DIR.glob("*.yaml"))
    assert {"no_anti_comintern_pact", "escorts_from_1932"} <= set(names)
    for name in names:
        assert load_game("fishery-auctions", name).rules.variant == name


def test_without_the_pact_a_long_term_convention_is_signed() -> None:
    base = historical_runs(None, SEEDS)
    runs = historical_runs("no_anti_comintern_pact", SEEDS)
    assert share(base, lambda r: r["outcome"] == "long_term_convention") == 0
    assert share(runs, lambda r: r["outcome"] == "long_term_convention") >= 0.5


def test_without_the_freeze_japan_ends_with_less() -> None:
    base = historical_runs(None, SEEDS)
    runs = historical_runs("no_freeze_1932", SEEDS)
    before = statistics.median(r["figures"]["share_end"] for r in base)
    after = statistics.median(r["figures"]["share_end"] for r in runs)
    assert after < before - 10


def test_escorts_raise_the_tension() -> None:
    base = historical_runs(None, SEEDS)
    runs = historical_runs("escorts_from_1932", SEEDS)
    before = statistics.median(r["figures"]["tension"] for r in base)
    after = statistics.median(r["figures"]["tension"] for r in runs)
    assert after > before + 5


@pytest.mark.parametrize(
    ("change", "message"),
    [
        ("{set: mechanics.auction.lots.wk_icha.water, value: atlantis}", "unknown water"),
        ("{set: mechanics.auction.lots.wk_icha.holder, value: china}", "unknown faction 'china'"),
        ("{set: mechanics.auction.lots.wk_icha.estimate, value: 125}", "multiple of 10"),
        ("{set: mechanics.auction.lots.wk_icha.grounds, value: -3}", "greater than or equal to 1"),
        ("{set: mechanics.auction.lots.no_such_lot.grounds, value: 3}", "unknown id 'no_such_lot'"),
        ("{set: mechanics.auction.run, value: [130, 70]}", "above high end"),
        ("{set: mechanics.auction.bidders.1.funds, value: gold}", "unknown track 'gold'"),
    ],
)
def test_broken_auction_data_is_refused_with_its_line(
    tmp_path: Path, change: str, message: str
) -> None:
    head = HEAD.replace("august-1945", "fishery-auctions").replace(
        "{disable_event: trinity}", "{disable_event: nomonhan}"
    )
    path = tmp_path / "broken.yaml"
    path.write_text(head + f"  - {change}\n", encoding="utf-8")
    with pytest.raises(ScenarioError) as info:
        validate_file(path)
    text = " ".join(str(p) for p in info.value.problems)
    assert message in text, text
    assert any(p.line == 7 for p in info.value.problems), text


SET_OPTIONS = """variant: refuse_by_set
scenario: fishery-auctions
title: No freeze, by setting the options
question: What if Moscow had refused the freeze?
changes:
  - set: events.freeze_1932.options
    value:
      - id: keep_cutting
        label: Refuse and keep cutting
        text: Go on shrinking the Japanese share.
        historical: true
        effects: [{add: {tension: 8}}]
"""


def test_options_set_away_take_the_audit_marks_that_name_them(tmp_path: Path) -> None:
    """The scenario marks agreeing to the 1932 freeze as intended for the audit; a variant that
    sets the event's options to refusal alone loads, without that mark (before, it was refused
    with an error on the scenario's own audit line, which the variant's author did not write)."""
    mark = "ussr:choose:freeze_1932:agree_freeze"
    assert mark in dict(load_game("fishery-auctions").rules.intended)
    path = tmp_path / "refuse_by_set.yaml"
    path.write_text(SET_OPTIONS, encoding="utf-8")
    validate_file(path)
    rules = load_game("fishery-auctions", str(path)).rules
    assert [o.id for o in next(e for e in rules.events if e.id == "freeze_1932").options] == [
        "keep_cutting"
    ]
    assert mark not in dict(rules.intended)
    assert dict(rules.intended)  # the other marks stay
