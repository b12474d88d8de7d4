"""The search and beliefs benchmarks (`bench/search.py`, `bench/beliefs.py`; run by `make bench`,
not by CI) still run, and put their sections where `bench/run.py` keeps them.

Tiny budgets, one scenario: this keeps `make bench` from breaking unnoticed. No timing is
asserted (speed is measured by the benchmark, never by tests).
"""

from __future__ import annotations

import importlib
from pathlib import Path
from types import ModuleType

import pytest

from game.agents import mcts

BENCH = Path(__file__).resolve().parents[2] / "bench"


def _bench(name: str, monkeypatch: pytest.MonkeyPatch) -> ModuleType:
    monkeypatch.syspath_prepend(str(BENCH))
    return importlib.import_module(name)


def test_the_search_benchmark_reports_rates_moves_beliefs_and_a_profile(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    for level, iterations in (("easy", 8), ("normal", 16), ("hard", 24)):
        monkeypatch.setitem(mcts.LEVELS, level, mcts.Budget(iterations, 1))
    search = _bench("search", monkeypatch)
    cfg = search.Config(0, 2, 1, 2, 1, 0.01, True, ("fishery-auctions",))
    text = search.measure(cfg, "python bench/search.py --test", "not pinned")
    assert text.startswith(search.HEADING)
    for part in ("iterations per second", "Time to choose a move", "Beliefs' cost", "Profile"):
        assert part in text
    rows = [line for line in text.splitlines() if line.startswith("| `fishery-auctions` |")]
    assert len(rows) == 1 + 2 + 2 * 3 + 1  # baseline, 2 points, 2 seats × 3 levels, beliefs
    assert "| Soviet Union | hard | spread | 1 |" in text


def test_the_beliefs_benchmark_compares_both_samplers(monkeypatch: pytest.MonkeyPatch) -> None:
    beliefs = _bench("beliefs", monkeypatch)
    games = [beliefs.play(("railway-sale", "historical", seed)) for seed in (0, 1)]
    assert games == [beliefs.play(("railway-sale", "historical", seed)) for seed in (0, 1)]
    for g in games:
        assert g.decisions > 0
        assert all(0 <= a <= 1 and 0 <= d <= 1 for a, d in g.errors.values())
    result = beliefs.aggregate("railway-sale", "historical", games)
    # The railway's hidden tracks (ussr_losses, japan_outlay, ceiling_report and leak_planted
    # joined them in issue 13).
    assert len(result.rows) + len(result.exact_for_both) == 13
    text = beliefs.full_report([result], ["- head"], "\n## Reading\n\nkept\n")
    assert "| ussr | `japan_value` | 0–3000 | 575–675 |" in text
    assert text.endswith("\n## Reading\n\nkept\n")


def test_sections_are_replaced_in_place_and_the_trust_section_stays_last(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    run = _bench("run", monkeypatch)
    path = tmp_path / "RESULTS.md"
    path.write_text("# engine\n\n| a | 1 |\n\n## Trust: copied\n\nkept\n", encoding="utf-8")
    run.write_section(path, "## Search", "## Search (issue 12)\n\nfirst\n")
    run.write_section(path, "## Beliefs", "## Beliefs (issue 12)\n\nbeliefs\n")
    run.write_section(path, "## Search", "## Search (issue 12)\n\nsecond\n\n")
    text = path.read_text(encoding="utf-8")
    assert text == (
        "# engine\n\n| a | 1 |\n\n## Search (issue 12)\n\nsecond\n\n"
        "## Beliefs (issue 12)\n\nbeliefs\n\n## Trust: copied\n\nkept\n"
    )
    assert run.section_of(text, "## Beliefs") == "## Beliefs (issue 12)\n\nbeliefs\n"
    assert run.kept_section(path) == "\n## Trust: copied\n\nkept\n"
