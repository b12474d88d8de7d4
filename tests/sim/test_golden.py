"""Golden playthroughs: fixed seeds replay to the reviewed per-faction observation files.

Regenerate with `python main.py golden` and review the diff when a rule change is intended.
"""

from __future__ import annotations

from pathlib import Path

import pytest

from game import available_scenarios, load_game
from game.agents import make_agent
from game.sim.golden import GOLDEN_AGENTS, GOLDEN_SEEDS, golden_text
from game.sim.play import play

GOLDEN = Path(__file__).resolve().parents[1] / "golden"
CASES = [(sid, seed) for sid in sorted(available_scenarios()) for seed in GOLDEN_SEEDS]


@pytest.mark.parametrize(("scenario", "seed"), CASES)
def test_golden_playthrough(scenario: str, seed: int) -> None:
    path = GOLDEN / f"{scenario}-seed{seed}.txt"
    assert path.exists(), f"missing {path}: run `python main.py golden` and review it"
    game = load_game(scenario)
    agents = {f.index: make_agent(GOLDEN_AGENTS, game, f.index) for f in game.rules.factions}
    record, _ = play(game, agents, seed)
    assert golden_text(game, record) == path.read_text(encoding="utf-8")


def test_golden_text_shows_each_faction_only_its_own_tracks() -> None:
    game = load_game("railway-sale")
    agents = {f.index: make_agent("random", game, f.index) for f in game.rules.factions}
    record, _ = play(game, agents, 3)
    text = golden_text(game, record)
    ussr_lines = [line for line in text.splitlines() if line.startswith("  [ussr] score")]
    japan_lines = [line for line in text.splitlines() if line.startswith("  [japan] score")]
    assert ussr_lines
    assert japan_lines
    assert all("japan_value=" not in line for line in ussr_lines)
    assert all("railway_value=" not in line for line in japan_lines)
