"""Seeded all-historical batches of the fishery scenario (calibration and variant tests)."""

from __future__ import annotations

import functools

from game import load_game
from game.sim.batch import BatchSpec, run_batch

SCENARIO = "fishery-auctions"


@functools.cache
def historical_runs(variant: str | None, seeds: int) -> tuple[dict, ...]:
    """Results of `seeds` games with every side played by the historical agent (each with the
    scenario's calibration checks: `calibration`, `near_history`)."""
    game = load_game(SCENARIO, variant)
    agents = tuple((f.id, "historical") for f in game.rules.factions)
    spec = BatchSpec(SCENARIO, variant, agents, seeds, 5, calibration=True)
    return tuple(run_batch(spec, workers=1))


def share(results: tuple[dict, ...], test: object) -> float:
    """The share of results for which `test(result)` holds."""
    return sum(1 for r in results if test(r)) / len(results)  # type: ignore[operator]
