"""The tournament's statistics against published values and small samples worked by hand."""

from __future__ import annotations

import math
from fractions import Fraction

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from game.sim.stats import (
    mean_ci,
    median_ci,
    median_ranks,
    paired_diff,
    share_ci,
    t_cdf,
    t_quantile,
)


@pytest.mark.parametrize(
    ("df", "expected"),
    [(1, 12.7062), (2, 4.3027), (4, 2.7764), (9, 2.2622), (29, 2.0452), (100, 1.9840)],
)
def test_t_quantiles_match_the_printed_table(df: int, expected: float) -> None:
    """Two-sided 95 % critical values of Student's t, as every statistics table prints them."""
    assert t_quantile(0.975, df) == pytest.approx(expected, abs=1e-4)


def test_t_quantile_of_one_degree_is_the_cauchy_quantile() -> None:
    """t with one degree of freedom is Cauchy: its p-quantile is tan(π(p − ½)), exactly."""
    for p in (0.6, 0.9, 0.975, 0.995):
        assert t_quantile(p, 1) == pytest.approx(math.tan(math.pi * (p - 0.5)), rel=1e-10)


def test_t_tends_to_the_normal() -> None:
    assert t_quantile(0.975, 10**6) == pytest.approx(1.959964, abs=1e-5)
    assert t_cdf(0.0, 7) == pytest.approx(0.5)
    assert t_cdf(-2.0, 5) == pytest.approx(1 - t_cdf(2.0, 5))


def test_mean_interval_of_one_to_five() -> None:
    """Mean 3, s = √2.5, se = s/√5 = 0.7071, t(0.975, 4) = 2.7764: 3 ± 1.9632."""
    ci = mean_ci([1, 2, 3, 4, 5])
    assert (ci.value, ci.n) == (3.0, 5)
    assert ci.low == pytest.approx(1.0368, abs=1e-4)
    assert ci.high == pytest.approx(4.9632, abs=1e-4)


def test_mean_interval_edge_cases() -> None:
    one = mean_ci([7.5])
    assert (one.value, one.low, one.high) == (7.5, None, None)
    same = mean_ci([2.0, 2.0, 2.0])
    assert (same.low, same.high) == (2.0, 2.0)
    with pytest.raises(ValueError, match="no values"):
        mean_ci([])


def test_paired_difference_by_hand() -> None:
    """a − b = 1, 0, 2, 3: mean 1.5, s = √(5/3), se = 0.6455, t(0.975, 3) = 3.1824: 1.5 ± 2.0543;
    a is higher on three seeds, equal on one."""
    paired = paired_diff([5, 6, 7, 8], [4, 6, 5, 5])
    assert paired.diff.value == 1.5
    assert paired.diff.low == pytest.approx(-0.5543, abs=1e-4)
    assert paired.diff.high == pytest.approx(3.5543, abs=1e-4)
    assert (paired.wins, paired.ties, paired.losses) == (3, 1, 0)


def test_pairing_removes_the_shared_luck() -> None:
    """Two agents whose scores differ by exactly 1 on every seed, over seeds of very different
    luck: the paired interval is exactly +1, though the unpaired means overlap widely."""
    luck = [0.0, 50.0, -30.0, 90.0, 10.0]
    better = [x + 1 for x in luck]
    paired = paired_diff(better, luck)
    assert (paired.diff.value, paired.diff.low, paired.diff.high) == (1.0, 1.0, 1.0)
    assert paired.wins == 5
    assert mean_ci(luck).high > mean_ci(better).low  # unpaired, they cannot be told apart


def test_paired_samples_must_match() -> None:
    with pytest.raises(ValueError, match="different sizes"):
        paired_diff([1, 2], [1])


@pytest.mark.parametrize(
    ("count", "n", "low", "high"),
    [
        (81, 263, 0.2553, 0.3662),
        (15, 148, 0.0624, 0.1605),
        (0, 20, 0.0, 0.1611),
        (1, 29, 0.0061, 0.1718),
    ],
)
def test_wilson_intervals_match_newcombe(count: int, n: int, low: float, high: float) -> None:
    """The score intervals of the worked examples in Newcombe (1998), Statistics in Medicine
    17:857–872."""
    ci = share_ci(count, n)
    assert ci.value == count / n
    assert ci.low == pytest.approx(low, abs=1e-4)
    assert ci.high == pytest.approx(high, abs=1e-4)


def test_wilson_interval_ends_are_exact() -> None:
    """0 of 10: [0, z²/(n + z²)] = [0, 0.2775]; 10 of 10 is its mirror image."""
    none, every = share_ci(0, 10), share_ci(10, 10)
    assert none.low == 0.0
    assert none.high == pytest.approx(0.27753, abs=1e-5)
    assert every.high == 1.0
    assert every.low == pytest.approx(1 - none.high)
    with pytest.raises(ValueError, match="a share of 11 in 10"):
        share_ci(11, 10)


@pytest.mark.parametrize(
    ("n", "ranks"), [(6, (1, 6)), (10, (2, 9)), (20, (6, 15)), (100, (40, 61))]
)
def test_median_ranks_match_the_printed_table(n: int, ranks: tuple[int, int]) -> None:
    """The order statistics of the 95 % interval of a median (1-based in the printed tables)."""
    found = median_ranks(n)
    assert found is not None
    assert (found[0] + 1, found[1] + 1) == ranks


@pytest.mark.parametrize("n", [6, 7, 13, 50, 199, 200, 1000, 2000])
def test_median_ranks_are_the_narrowest_that_cover(n: int) -> None:
    """Exact binomial check: the interval covers at least 95 %, one rank narrower would not."""
    found = median_ranks(n)
    assert found is not None
    low = found[0]

    def coverage(j: int) -> Fraction:  # P(X_(j+1) <= median <= X_(n-j)) = 1 - 2 P(B <= j)
        return 1 - 2 * Fraction(sum(math.comb(n, i) for i in range(j + 1)), 2**n)

    assert coverage(low) >= Fraction(95, 100)
    assert coverage(low + 1) < Fraction(95, 100)


def test_median_of_five_values_or_fewer_has_no_interval() -> None:
    assert median_ranks(5) is None
    one = median_ci([4.0, 1.0, 3.0])
    assert (one.value, one.low, one.high) == (3.0, None, None)
    with pytest.raises(ValueError, match="no values"):
        median_ci([])


def test_median_ranks_join_the_normal_approximation_without_a_jump() -> None:
    exact, approx = median_ranks(2000), median_ranks(2001)
    assert exact is not None
    assert approx is not None
    assert abs(exact[0] - approx[0]) <= 1


@settings(deadline=None)  # no wall-clock limit: CI's machine may be loaded
@given(st.lists(st.integers(-1000, 1000), min_size=6, max_size=300))
def test_a_median_interval_is_two_values_of_the_sample_around_the_median(values: list[int]) -> None:
    ci = median_ci([float(v) for v in values])
    assert ci.low is not None
    assert ci.high is not None
    assert ci.low in values
    assert ci.high in values
    assert ci.low <= ci.value <= ci.high
