"""Statistics of batch runs in pure Python, deterministic to the last digit: means with Student t
intervals, paired differences (paired t over the same seeds), shares with Wilson intervals.

No bootstrap: resampling would make an interval depend on a generator; the t interval of a mean
over hundreds of games is what the central limit theorem gives, and the same numbers give the same
interval everywhere. A median's interval is distribution-free: two order statistics of the
sample, chosen by the binomial law of how many values fall under the true median.
"""

from __future__ import annotations

import math
import statistics
from collections.abc import Sequence
from dataclasses import dataclass

CONFIDENCE = 0.95


@dataclass(frozen=True, slots=True)
class Interval:
    """An estimate and its confidence interval."""

    value: float
    low: float | None
    """None when the sample is too small for an interval (a mean of one game)."""
    high: float | None
    n: int
    """The sample's size."""


@dataclass(frozen=True, slots=True)
class Paired:
    """How sample `a` compares with sample `b` played on the same seeds (a − b)."""

    diff: Interval
    """The mean difference a − b, with its paired t interval."""
    wins: int
    """Seeds on which a scored strictly higher than b."""
    ties: int
    losses: int


def _betacf(a: float, b: float, x: float) -> float:
    """Returns the continued fraction of the incomplete beta function (modified Lentz's method,
    Numerical Recipes §6.4)."""
    tiny = 1e-300
    c, d = 1.0, 1.0 - (a + b) * x / (a + 1.0)
    d = 1.0 / (d if abs(d) > tiny else tiny)
    h = d
    for m in range(1, 1000):
        for num in (
            m * (b - m) * x / ((a + 2 * m - 1) * (a + 2 * m)),
            -(a + m) * (a + b + m) * x / ((a + 2 * m) * (a + 2 * m + 1)),
        ):
            d = 1.0 + num * d
            d = 1.0 / (d if abs(d) > tiny else tiny)
            c = 1.0 + num / c
            c = c if abs(c) > tiny else tiny
            h *= d * c
        if abs(d * c - 1.0) < 1e-15:
            break
    return h


def _betai(a: float, b: float, x: float) -> float:
    """Returns the regularized incomplete beta function I_x(a, b)."""
    if x <= 0.0:
        return 0.0
    if x >= 1.0:
        return 1.0
    ln = math.lgamma(a + b) - math.lgamma(a) - math.lgamma(b)
    front = math.exp(ln + a * math.log(x) + b * math.log1p(-x))
    if x < (a + 1.0) / (a + b + 2.0):
        return front * _betacf(a, b, x) / a
    return 1.0 - front * _betacf(b, a, 1.0 - x) / b


def t_cdf(t: float, df: int) -> float:
    """Returns P(T ≤ t) for Student's t with `df` degrees of freedom."""
    tail = 0.5 * _betai(df / 2.0, 0.5, df / (df + t * t))
    return 1.0 - tail if t >= 0 else tail


def t_quantile(p: float, df: int) -> float:
    """Returns the t with P(T ≤ t) = p (0.5 < p < 1) for `df` ≥ 1 degrees of freedom."""
    if not 0.5 < p < 1.0 or df < 1:
        raise ValueError(f"t quantile of p={p}, df={df}: need 0.5 < p < 1 and df ≥ 1")
    low, high = 0.0, 1.0
    while t_cdf(high, df) < p:
        low, high = high, high * 2.0
    for _ in range(200):  # bisection: stops when the interval no longer shrinks
        mid = (low + high) / 2.0
        if mid in (low, high):
            break
        if t_cdf(mid, df) < p:
            low = mid
        else:
            high = mid
    return (low + high) / 2.0


def mean_ci(values: Sequence[float], confidence: float = CONFIDENCE) -> Interval:
    """Returns the mean of `values` with its Student t interval (None bounds for fewer than 2)."""
    n = len(values)
    if n == 0:
        raise ValueError("the mean of no values")
    mean = statistics.fmean(values)
    if n < 2:
        return Interval(mean, None, None, n)
    half = t_quantile(0.5 + confidence / 2.0, n - 1) * statistics.stdev(values) / math.sqrt(n)
    return Interval(mean, mean - half, mean + half, n)


def paired_diff(a: Sequence[float], b: Sequence[float], confidence: float = CONFIDENCE) -> Paired:
    """Returns the mean of a − b over pairs played on the same seeds, its paired t interval, and
    on how many seeds a was strictly higher, equal, lower."""
    if len(a) != len(b):
        raise ValueError(f"paired samples of different sizes ({len(a)} and {len(b)})")
    diffs = [x - y for x, y in zip(a, b, strict=True)]
    return Paired(
        mean_ci(diffs, confidence),
        wins=sum(d > 0 for d in diffs),
        ties=sum(d == 0 for d in diffs),
        losses=sum(d < 0 for d in diffs),
    )


def share_ci(count: int, n: int, confidence: float = CONFIDENCE) -> Interval:
    """Returns the share count/n with its Wilson score interval (sound near 0 and 1, where the
    normal approximation's interval leaves [0, 1])."""
    if not 0 <= count <= n or n < 1:
        raise ValueError(f"a share of {count} in {n}")
    z = statistics.NormalDist().inv_cdf(0.5 + confidence / 2.0)
    p = count / n
    scale = 1.0 + z * z / n
    centre = (p + z * z / (2 * n)) / scale
    half = z * math.sqrt(p * (1 - p) / n + z * z / (4 * n * n)) / scale
    low = 0.0 if count == 0 else centre - half  # exact at the ends, not a rounding residue
    high = 1.0 if count == n else centre + half
    return Interval(p, low, high, n)


def quartiles(values: Sequence[float]) -> tuple[float, float, float]:
    """Returns the first quartile, the median and the third quartile (inclusive method)."""
    if len(values) == 1:
        return values[0], values[0], values[0]
    q1, median, q3 = statistics.quantiles(values, n=4, method="inclusive")
    return q1, median, q3


def median_ranks(n: int, confidence: float = CONFIDENCE) -> tuple[int, int] | None:
    """Returns the 0-based ranks (j, n-1-j) of the sorted sample whose values bound the median
    with at least `confidence`: the largest j with 2·P(B ≤ j) ≤ 1 − confidence for B ~ Bin(n, ½),
    exact up to 2,000 values and by the normal approximation above; None when even the
    smallest and largest value do not reach `confidence` (five values or fewer at 95 %)."""
    alpha = 1.0 - confidence
    if n <= 2000:
        log_n, log_half = math.lgamma(n + 1), n * math.log(2.0)
        cdf, j = 0.0, -1
        for i in range(n):
            cdf += math.exp(log_n - math.lgamma(i + 1) - math.lgamma(n - i + 1) - log_half)
            if 2.0 * cdf > alpha:
                break
            j = i
    else:
        z = statistics.NormalDist().inv_cdf(1.0 - alpha / 2.0)
        j = math.floor((n - z * math.sqrt(n)) / 2.0) - 1
    if j < 0:
        return None
    return j, n - 1 - j


def median_ci(values: Sequence[float], confidence: float = CONFIDENCE) -> Interval:
    """Returns the median of `values` (the middle value, or the mean of the two middle ones)
    with its distribution-free interval: two of the sample's own values (`median_ranks`), so a
    sample of dates or turns gets dates or turns as bounds. None bounds for five values or
    fewer at 95 %."""
    if not values:
        raise ValueError("the median of no values")
    ordered = sorted(values)
    ranks = median_ranks(len(ordered), confidence)
    median = statistics.median(ordered)
    if ranks is None:
        return Interval(median, None, None, len(ordered))
    return Interval(median, ordered[ranks[0]], ordered[ranks[1]], len(ordered))
