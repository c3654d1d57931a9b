"""Intervals for claim metrics: Wilson for shares, Newcombe for share differences, bootstrap for pay."""

from __future__ import annotations

import math
from dataclasses import dataclass

import numpy as np

Z95 = 1.959963984540054


def wilson(hits: int, n: int, z: float = Z95) -> tuple[float | None, float | None]:
    """Wilson score interval for hits / n; (None, None) when n is 0."""
    if n <= 0:
        return None, None
    p = hits / n
    centre = (p + z * z / (2 * n)) / (1 + z * z / n)
    half = z * math.sqrt(p * (1 - p) / n + z * z / (4 * n * n)) / (1 + z * z / n)
    return max(0.0, centre - half), min(1.0, centre + half)


def newcombe(hits_a: int, n_a: int, hits_b: int, n_b: int) -> tuple[float | None, float | None]:
    """Newcombe's hybrid score interval for p_a - p_b (method 10), built from two Wilson intervals."""
    if n_a <= 0 or n_b <= 0:
        return None, None
    p_a, p_b = hits_a / n_a, hits_b / n_b
    low_a, high_a = wilson(hits_a, n_a)
    low_b, high_b = wilson(hits_b, n_b)
    difference = p_a - p_b
    low = difference - math.sqrt((p_a - low_a) ** 2 + (high_b - p_b) ** 2)
    high = difference + math.sqrt((high_a - p_a) ** 2 + (p_b - low_b) ** 2)
    return low, high


@dataclass(frozen=True)
class Sample:
    """Observed values as distinct sorted values and their counts (pay repeats the same figures often)."""

    values: np.ndarray
    counts: np.ndarray

    @property
    def n(self) -> int:
        return int(self.counts.sum())

    def median(self) -> float:
        return float(_medians(self.values, self.counts[None, :])[0])


def _medians(values: np.ndarray, counts: np.ndarray) -> np.ndarray:
    """The median of each row of `counts` (how often each of the sorted `values` was drawn)."""
    n = int(counts[0].sum())
    cumulative = np.cumsum(counts, axis=1)
    # The values at ranks ceil(n/2) and floor(n/2) + 1 (1-based): the same rank when n is odd.
    low = (cumulative < (n + 1) // 2).sum(axis=1)
    high = (cumulative < n // 2 + 1).sum(axis=1)
    return (values[low] + values[high]) / 2


def _resampled_medians(sample: Sample, rng: np.random.Generator, draws: int) -> np.ndarray:
    """Medians of `draws` resamples with replacement. Drawing n values with replacement from the
    sample is drawing multinomial counts of its distinct values, which costs the number of distinct
    values per draw instead of n."""
    counts = rng.multinomial(sample.n, sample.counts / sample.n, size=draws)
    return _medians(sample.values, counts)


def bootstrap_median_difference(a: Sample, b: Sample, *, seed: int = 20240531,
                                draws: int = 1000) -> tuple[float, float]:
    """Percentile bootstrap 95% interval for median(a) - median(b), resampling each group."""
    rng = np.random.default_rng(seed)
    differences = _resampled_medians(a, rng, draws) - _resampled_medians(b, rng, draws)
    low, high = np.percentile(differences, [2.5, 97.5])
    return float(low), float(high)


def bootstrap_median(values: Sample, *, seed: int = 20240531, draws: int = 1000) -> tuple[float, float]:
    """Percentile bootstrap 95% interval for the median of `values`."""
    medians = _resampled_medians(values, np.random.default_rng(seed), draws)
    low, high = np.percentile(medians, [2.5, 97.5])
    return float(low), float(high)
