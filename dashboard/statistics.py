"""Intervals the dashboard draws: Wilson for shares, normal approximation for means and their differences.

Means come from cube sums (n, sum, sum of squares), so an interval costs nothing per click.
"""

from __future__ import annotations

import math

Z95 = 1.959964


def wilson(hits: float, n: float, z: float = Z95) -> tuple[float, float]:
    """The Wilson score interval of a share hits/n (0, 0 when n is 0)."""
    if not n:
        return 0.0, 0.0
    share = hits / n
    denominator = 1 + z * z / n
    centre = (share + z * z / (2 * n)) / denominator
    half = z * math.sqrt(share * (1 - share) / n + z * z / (4 * n * n)) / denominator
    return max(0.0, centre - half), min(1.0, centre + half)


def mean_interval(n: float, total: float, total_sq: float) -> tuple[float, float, float]:
    """Mean and its 95% interval from n, sum and sum of squares (NaN when n < 2)."""
    if n < 2:
        mean = total / n if n else math.nan
        return mean, math.nan, math.nan
    mean = total / n
    variance = max(0.0, (total_sq - n * mean * mean) / (n - 1))
    half = Z95 * math.sqrt(variance / n)
    return mean, mean - half, mean + half


def difference_interval(a: tuple[float, float, float], b: tuple[float, float, float]) -> tuple[float, float, float]:
    """Difference of means a - b with its 95% interval; each side given as (n, sum, sum of squares)."""
    (n_a, s_a, q_a), (n_b, s_b, q_b) = a, b
    if n_a < 2 or n_b < 2:
        return math.nan, math.nan, math.nan
    mean_a, mean_b = s_a / n_a, s_b / n_b
    var_a = max(0.0, (q_a - n_a * mean_a ** 2) / (n_a - 1))
    var_b = max(0.0, (q_b - n_b * mean_b ** 2) / (n_b - 1))
    half = Z95 * math.sqrt(var_a / n_a + var_b / n_b)
    difference = mean_a - mean_b
    return difference, difference - half, difference + half


def histogram_percentile(buckets: list[float], counts: list[float], share: float) -> float:
    """The `share` percentile (0..1) of values binned in 50-cent buckets (midpoint of the bucket)."""
    total = sum(counts)
    if not total:
        return math.nan
    target, running = share * total, 0.0
    for bucket, count in zip(buckets, counts):
        running += count
        if running >= target:
            return bucket + 0.25
    return buckets[-1] + 0.25
