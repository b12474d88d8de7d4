"""The debrief charts' axis ticks: 1-2-5 steps that cover the range (`game.ui.ticks`)."""

from __future__ import annotations

import itertools
import math

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from game.ui.ticks import nice_step, nice_ticks, tick_label


@pytest.mark.parametrize(
    ("lo", "hi", "n", "ticks"),
    [
        (0, 67.5, 5, [0, 20, 40, 60, 80]),
        (0, 100, 5, [0, 20, 40, 60, 80, 100]),
        (-20, 65.5, 4, [-20, 0, 20, 40, 60, 80]),
        (2.5, 3.5, 4, [2.4, 2.6, 2.8, 3.0, 3.2, 3.4, 3.6]),
        (0, 4, 4, [0, 1, 2, 3, 4]),
        (0.1, 0.3, 2, [0.1, 0.2, 0.3]),
        (1200, 1900, 3, [1200, 1400, 1600, 1800, 2000]),
    ],
)
def test_nice_ticks_cover_the_range_at_1_2_5_steps(
    lo: float, hi: float, n: int, ticks: list[float]
) -> None:
    assert nice_ticks(lo, hi, n) == pytest.approx(ticks)


def test_a_single_value_gets_a_range_around_it() -> None:
    ticks = nice_ticks(3, 3, 4)
    assert ticks[0] < 3 < ticks[-1]


def test_bad_arguments_are_refused() -> None:
    with pytest.raises(ValueError, match="interval"):
        nice_ticks(0, 1, 0)
    with pytest.raises(ValueError, match="finite"):
        nice_ticks(0, math.inf, 4)


def test_labels_drop_needless_decimals() -> None:
    assert [tick_label(v) for v in (20.0, 2.5, 0.05, 1200.0, -20.0)] == [
        "20",
        "2.5",
        "0.05",
        "1,200",
        "-20",
    ]


@settings(max_examples=300, deadline=None)
@given(
    lo=st.floats(-1e6, 1e6, allow_nan=False),
    span=st.floats(1e-3, 1e6, allow_nan=False),
    n=st.integers(1, 10),
)
def test_ticks_always_cover_and_step_by_one_two_or_five(lo: float, span: float, n: int) -> None:
    hi = lo + span
    ticks = nice_ticks(lo, hi, n)
    step = nice_step(hi - lo, n)
    mantissa = step / 10 ** math.floor(math.log10(step))
    assert round(mantissa, 6) in {1.0, 2.0, 5.0, 10.0}
    assert ticks[0] <= lo + step * 1e-6
    assert ticks[-1] >= hi - step * 1e-6
    assert len(ticks) - 1 <= 2 * n + 2  # about n intervals, never a forest of them
    gaps = [b - a for a, b in itertools.pairwise(ticks)]
    assert all(g == pytest.approx(step, rel=1e-6, abs=1e-9) for g in gaps)
