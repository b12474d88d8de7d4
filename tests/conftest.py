"""Shared fixtures: every scenario in scenarios/ (with and without each variant) as a Game."""

from __future__ import annotations

import os

import pytest

os.environ.setdefault("SDL_VIDEODRIVER", "dummy")
os.environ.setdefault("SDL_AUDIODRIVER", "dummy")

from game import Game, available_scenarios, load_game
from game.scenario.loader import variants_of

SCENARIOS = sorted(available_scenarios())
VARIANTS = [
    (sid, vid) for sid, path in available_scenarios().items() for vid in sorted(variants_of(path))
]


@pytest.fixture(scope="session", params=SCENARIOS)
def game(request: pytest.FixtureRequest) -> Game:
    """Each scenario's game (session-scoped: hypothesis rejects function-scoped fixtures)."""
    return load_game(request.param)
