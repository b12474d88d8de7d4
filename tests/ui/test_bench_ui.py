"""The front-end benchmark (`bench/ui.py`, run by `make bench`, not by CI) still drives the app.

It reuses the UI tests' helpers; when those change, this keeps `make bench` from breaking
unnoticed. No timing is asserted (speed is measured by the benchmark, never by tests).
"""

from __future__ import annotations

import importlib.util
from pathlib import Path

BENCH = Path(__file__).resolve().parents[2] / "bench" / "ui.py"


def test_the_ui_benchmark_measures_a_game_screen() -> None:
    spec = importlib.util.spec_from_file_location("bench_ui", BENCH)
    assert spec is not None
    assert spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    measured = module.frame_times("The Railway Sale", 2, 10)
    assert len(measured) == 2
    for median, p99 in measured:
        assert 0 < median <= p99
