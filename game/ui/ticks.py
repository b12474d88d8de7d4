"""Axis ticks at "nice" numbers: 1, 2 or 5 times a power of ten (the debrief's charts)."""

from __future__ import annotations

import math


def nice_step(span: float, n: int) -> float:
    """Returns the 1-2-5 step that cuts `span` into the number of parts nearest `n` (the larger
    step on a tie)."""
    raw = span / max(1, n)
    power = 10.0 ** math.floor(math.log10(raw))
    steps = [m * power for m in (1.0, 2.0, 5.0, 10.0)]
    return min(reversed(steps), key=lambda step: abs(span / step - n))


def nice_ticks(lo: float, hi: float, n: int = 5) -> list[float]:
    """Returns ticks at multiples of a 1-2-5 step that cover [lo, hi] with about `n` intervals:
    the first at or below `lo`, the last at or above `hi`. `nice_ticks(0, 67.5, 5)` is
    `[0, 20, 40, 60, 80]`. A range of one value gets a unit-wide range around it.

    Raises:
        ValueError: if `n` < 1 or a bound is not finite.
    """
    if n < 1:
        raise ValueError(f"need at least one interval, not {n}")
    if not (math.isfinite(lo) and math.isfinite(hi)):
        raise ValueError(f"the bounds must be finite numbers: {lo}, {hi}")
    lo, hi = min(lo, hi), max(lo, hi)
    if hi - lo < 1e-12:
        half = max(abs(lo) * 0.1, 1.0) / 2
        lo, hi = lo - half, hi + half
    step = nice_step(hi - lo, n)
    first = math.floor(lo / step + 1e-9)
    last = math.ceil(hi / step - 1e-9)
    # Round each tick to the step's decimals so 0.1 + 0.2 shows as 0.3.
    digits = max(0, -math.floor(math.log10(step)) + 1)
    return [round(k * step, digits) + 0.0 for k in range(first, last + 1)]


def tick_label(value: float) -> str:
    """Returns a tick's label: `20`, `2.5`, `0.05`, `1,200`."""
    if abs(value - round(value)) < 1e-9:
        return f"{round(value):,}"
    return f"{value:,.6f}".rstrip("0").rstrip(".")
