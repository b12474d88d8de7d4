"""Issue 11: a mutation fuzzer over the shipped scenario files (`mutate.py`): every input loads
or raises the project's own ScenarioError with the file named — no other exception, no hang."""

from __future__ import annotations

import random
import time

import pytest

from game.scenario.errors import ScenarioError
from tests.scenario.helpers import HangError, time_limit
from tests.scenario.mutate import load_text, mutate, shipped

INPUTS = 2000
"""Inputs per CI run (the benchmark `bench/fuzz.py` runs 20,000 and more)."""


@pytest.mark.parametrize("batch", range(4))
def test_mutated_scenarios_load_or_fail_cleanly(batch: int) -> None:
    text = shipped("railway-sale")
    rng = random.Random(f"mutation-fuzz:{batch}")
    errors: list[ScenarioError] = []
    loaded = 0
    for _ in range(INPUTS // 4):
        fuzzed = mutate(text, rng, rounds=rng.randint(1, 4))
        with time_limit(10):
            try:
                load_text(fuzzed)
                loaded += 1
            except ScenarioError as exc:  # any other exception fails the test
                errors.append(exc)
    assert len(errors) + loaded == INPUTS // 4
    assert errors  # the mutations do break files
    assert all(e.problems and all(p.file == "fuzzed.yaml" for p in e.problems) for e in errors)


def test_the_hang_guard_stops_a_loop_that_spends_cpu() -> None:
    """`time_limit` counts the process's CPU time (a loaded machine does not trip it), and
    still stops a block that never ends."""

    def spin() -> None:
        with time_limit(0.2):
            while True:
                pass

    with pytest.raises(HangError):
        spin()
    with time_limit(0.2):
        time.sleep(0.4)  # waiting spends no CPU: no hang
