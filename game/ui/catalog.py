"""The scenarios on disk, found once per run (reading every scenario file is slow), and their
rules and games by id."""

from __future__ import annotations

import functools
from pathlib import Path

from game.core.game import Game
from game.core.rules import Rules
from game.scenario.loader import available_scenarios, load_rules, scenarios_dir


@functools.cache
def _catalog(folder: str) -> dict[str, Path]:
    return available_scenarios()


def scenario_files() -> dict[str, Path]:
    """Returns scenario id → file for the scenarios folder (cached per folder)."""
    return dict(_catalog(str(scenarios_dir())))


def rules_of(scenario: str, variant: str | None = None) -> Rules:
    """Returns a scenario's rules by id (or path), patched by a variant (id or path)."""
    path = scenario_files().get(scenario)
    return load_rules(str(path) if path else scenario, variant)


def game_of(scenario: str, variant: str | None = None) -> Game:
    return Game(rules_of(scenario, variant))
