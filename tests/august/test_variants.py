"""Counterfactual variants respond in the direction the sources argue (modest seed counts).

Each variant file in scenarios/variants/august_1945/ runs headless and is compared with the
historical baseline. The directions (FACTS.md §3.6):
- Hasegawa's thesis that Soviet entry weighed more than the two bombs [003 ¶57] — contested
  (FACTS §5.3 D13): without Soviet entry, Japan's median acceptance comes later than without
  the bombs; both come later than history.
- An assurance on the dynasty in the Proclamation strengthens the moderates [003 ¶27]: earlier
  surrender, some before Soviet entry.
- Stalin's signature ends Tokyo's hope in Moscow earlier [003 ¶42]: no later surrender.
- The Stavka's 11 August [003 ¶47]: Soviet entry on the 11th and a later surrender.
- A Hokkaido zone granted: the Soviet landing goes ahead [003 ¶67; ¶69].
- Acceptance on 28 July: the war ends before Soviet entry [003 ¶12; ¶41].
- No Soviet entry: no Soviet gains, and sometimes no surrender at all by 5 September.
"""

from __future__ import annotations

import datetime as dt

import pytest

from game import load_game
from game.scenario.loader import read_variant
from tests.august.runs import (
    VARIANT_DIR,
    historical_runs,
    median_acceptance,
    near_history,
    share,
)

BASE = 150  # shares the calibration test's cached batch
SEEDS = 40
VARIANTS = sorted(p.stem for p in VARIANT_DIR.glob("*.yaml"))


def test_every_variant_the_issue_asks_for_exists() -> None:
    assert set(VARIANTS) >= {
        "quick_start",
        "no_atomic_bomb",
        "emperor_clause",
        "stalin_signs",
        "entry_11_august",
        "hokkaido_zone",
        "accept_28_july",
        "no_soviet_entry",
    }


@pytest.mark.parametrize("name", VARIANTS)
def test_variant_file_explains_itself(name: str) -> None:
    """Each variant names its question and the sources' view, with citations."""
    spec, _ = read_variant(VARIANT_DIR / f"{name}.yaml")
    assert spec.variant == name
    assert spec.scenario == "august-1945"
    assert spec.title.strip()
    assert "?" in spec.question
    assert "[00" in spec.sources_view, "sources_view must cite the sources"
    assert spec.cite.strip()
    assert load_game("august-1945", name).rules.variant == name


def test_hasegawa_soviet_entry_weighed_more_than_the_bombs() -> None:
    """Hasegawa's contested thesis [003 ¶57; FACTS §5.3 D13], as the model encodes it."""
    base = median_acceptance(historical_runs(None, BASE))
    no_bomb = median_acceptance(historical_runs("no_atomic_bomb", SEEDS))
    no_entry = median_acceptance(historical_runs("no_soviet_entry", SEEDS))
    assert base < no_bomb < no_entry, (base, no_bomb, no_entry)


def test_without_the_bomb_the_stavka_keeps_11_august() -> None:
    """Without Hiroshima nothing moves the date up [003 ¶47; ¶81]."""
    runs = historical_runs("no_atomic_bomb", SEEDS)
    assert all(r.war == dt.date(1945, 8, 11) for r in runs)
    assert all(r.tracks["bombs_used"] == 0 for r in runs)


def test_without_soviet_entry_there_are_no_soviet_gains() -> None:
    runs = historical_runs("no_soviet_entry", SEEDS)
    assert all(r.war is None for r in runs)
    assert all(r.tracks["soviet_gains"] == 0 for r in runs)
    assert share(runs, "prolonged_war") >= 0.1
    assert share(historical_runs(None, BASE), "prolonged_war") == 0


def test_an_emperor_clause_brings_the_surrender_forward() -> None:
    """The advisers' argument [003 ¶27]; Tokyo read the silence as a reason to wait [003 ¶42]."""
    base = historical_runs(None, BASE)
    runs = historical_runs("emperor_clause", SEEDS)
    assert median_acceptance(runs) < median_acceptance(base)
    assert share(runs, "early_surrender") >= 0.15 > share(base, "early_surrender")
    assert all(r.tracks["kokutai"] == 2 for r in runs)


def test_stalins_signature_does_not_delay_the_surrender() -> None:
    base = historical_runs(None, BASE)
    runs = historical_runs("stalin_signs", SEEDS)
    assert all(r.tracks["stalin_signed"] == 1 for r in runs)
    assert all(r.tracks["moscow_hope"] == 0 for r in runs)
    assert median_acceptance(runs) <= median_acceptance(base)


def test_entry_on_11_august_comes_later_and_so_does_the_surrender() -> None:
    base = historical_runs(None, BASE)
    runs = historical_runs("entry_11_august", SEEDS)
    on_time = [r for r in runs if r.war == dt.date(1945, 8, 11)]
    assert len(on_time) >= 0.9 * len(runs)
    assert median_acceptance(runs) > median_acceptance(base)
    assert sum(near_history(r) for r in runs) < sum(near_history(r) for r in base)


def test_a_granted_hokkaido_zone_is_occupied() -> None:
    runs = historical_runs("hokkaido_zone", 40)
    assert share(runs, "soviet_hokkaido") >= 0.8
    assert all(r.tracks["us_hokkaido_consent"] == 1 for r in runs)
    assert share(historical_runs(None, BASE), "soviet_hokkaido") == 0


def test_acceptance_on_28_july_starts_a_race_for_soviet_entry() -> None:
    """The variant's premise: the cabinet carries the Council and Japan accepts on 28 July (in
    the scenario the Council can block it: `test_decisions`). An accepted surrender is a race:
    Moscow may still declare war until the surrender takes hold [003 ¶12; ¶58]. Some games end
    with no Soviet soldier across the border, others with a Soviet war on a Japan that had
    already accepted."""
    runs = historical_runs("accept_28_july", 40)
    accepted = [r for r in runs if r.offer == dt.date(1945, 7, 28)]
    assert len(accepted) == len(runs)  # the premise: the Council is carried in every game
    clean = [r for r in accepted if r.end == "war_ends_without_soviet_entry"]
    raced = [r for r in accepted if r.war is not None]
    assert clean
    assert raced
    for r in clean:
        assert r.outcome == "early_surrender"
        assert r.tracks["soviet_gains"] == 0
    # A war declared on a Japan that had already accepted does not meet Yalta's first condition
    # (a game whose surrender a coup suspended may still see the USSR enter first).
    assert any(r.tracks["entered_first"] == 0 for r in raced)


def test_quick_start_begins_on_1_july_and_still_lands_near_history() -> None:
    runs = historical_runs("quick_start", SEEDS)
    assert all(r.first_date == dt.date(1945, 7, 1) for r in runs)
    assert sum(near_history(r) for r in runs) >= 0.7 * len(runs)
