"""Intervals for claim metrics: Wilson for shares, Newcombe for share differences, bootstrap for pay."""

from __future__ import annotations

import math

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


def bootstrap_median_difference(a: np.ndarray, b: np.ndarray, *, seed: int = 20240531,
                                max_draws: int = 2000, budget: int = 10_000_000) -> tuple[float, float]:
    """Percentile bootstrap 95% interval for median(a) - median(b), resampling each group.

    Draws are capped so draws x (len(a) + len(b)) stays within `budget` values (at least 200 draws).
    """
    rng = np.random.default_rng(seed)
    draws = int(max(200, min(max_draws, budget // max(1, len(a) + len(b)))))
    differences = np.empty(draws)
    for index in range(draws):
        differences[index] = (np.median(rng.choice(a, size=len(a))) - np.median(rng.choice(b, size=len(b))))
    low, high = np.percentile(differences, [2.5, 97.5])
    return float(low), float(high)


def bootstrap_median(values: np.ndarray, *, seed: int = 20240531, max_draws: int = 2000,
                     budget: int = 10_000_000) -> tuple[float, float]:
    """Percentile bootstrap 95% interval for the median of `values`."""
    rng = np.random.default_rng(seed)
    draws = int(max(200, min(max_draws, budget // max(1, len(values)))))
    medians = np.median(rng.choice(values, size=(draws, len(values))), axis=1) if len(values) * draws <= 5_000_000 \
        else np.array([np.median(rng.choice(values, size=len(values))) for _ in range(draws)])
    low, high = np.percentile(medians, [2.5, 97.5])
    return float(low), float(high)
