"""Intervals for claim metrics: Wilson for shares, Newcombe for share differences, bootstrap for pay;
and the same intervals widened by the tagger's measured error (docs/methods.md): a Rogan-Gladen
correction drawn by Monte Carlo for shares, a contamination bound for medians, a swap bound for rankings."""

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
    """Observed values as distinct sorted values and their counts (pay repeats the same figures often).

    A weighted sample holds each value's summed weight in `counts` and its Kish effective size in
    `effective`; its median is the weighted median and the bootstrap draws `effective` postings."""

    values: np.ndarray
    counts: np.ndarray
    effective: float | None = None

    @property
    def n(self) -> int:
        return int(self.counts.sum()) if self.effective is None else int(round(self.effective))

    def median(self) -> float:
        if self.effective is not None:
            return weighted_median(self.values, self.counts)
        return float(_medians(self.values, self.counts[None, :])[0])


def weighted_median(values: np.ndarray, weights: np.ndarray) -> float:
    """The value where the cumulative weight first reaches half (the mean of two values when it ends
    exactly at half); with weights all 1 this is the ordinary median."""
    cumulative = np.cumsum(weights)
    half = cumulative[-1] / 2
    low = int(np.searchsorted(cumulative, half, side="left"))
    high = int(np.searchsorted(cumulative, half, side="right"))
    return float((values[low] + values[min(high, len(values) - 1)]) / 2)


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
    counts = rng.multinomial(sample.n, sample.counts / sample.counts.sum(), size=draws)
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


SEED, DRAWS = 20240531, 4000


@dataclass(frozen=True)
class Misclassification:
    """How a claim's per-posting hit by the tagger compares with the hand labels (held-out counts)."""

    true_positive: int
    false_negative: int
    true_negative: int
    false_positive: int
    in_both: int = 0      # postings in the claim's population by tags and by labels
    tags_only: int = 0    # in the population by the tagger's tags only (wrongly included)

    @property
    def sensitivity(self) -> float | None:
        positives = self.true_positive + self.false_negative
        return self.true_positive / positives if positives else None

    @property
    def specificity(self) -> float | None:
        negatives = self.true_negative + self.false_positive
        return self.true_negative / negatives if negatives else None

    @property
    def inclusion(self) -> float | None:
        """The share of the tagger's population that the labels put there too."""
        tagged = self.in_both + self.tags_only
        return self.in_both / tagged if tagged else None


def rogan_gladen(share, sensitivity, specificity):
    """The true share behind an observed `share` measured with this sensitivity and specificity, clipped
    to [0, 1]; NaN where Se + Sp <= 1 (the measurement says nothing). Works on floats and arrays."""
    share, sensitivity, specificity = (np.asarray(x, dtype=float) for x in (share, sensitivity, specificity))
    informative = sensitivity + specificity - 1
    with np.errstate(divide="ignore", invalid="ignore"):
        corrected = np.where(informative > 0, (share + specificity - 1) / informative, np.nan)
    result = np.clip(corrected, 0.0, 1.0)
    return float(result) if result.ndim == 0 else result


def _corrected_draws(hits: int, n: int, error: Misclassification, rng: np.random.Generator,
                     draws: int) -> np.ndarray:
    """Draws of the true share: the observed share from its Jeffreys posterior, Se and Sp from their
    Beta(1 + right, 1 + wrong) posteriors, corrected by Rogan-Gladen; then the postings the tagger put in
    the population wrongly (share 1 - inclusion, Beta posterior) taken out with an unknown hit rate,
    drawn uniformly from 0 to 1. NaN marks a draw whose Se + Sp <= 1."""
    share = rng.beta(hits + 0.5, n - hits + 0.5, draws)
    sensitivity = rng.beta(error.true_positive + 1, error.false_negative + 1, draws)
    specificity = rng.beta(error.true_negative + 1, error.false_positive + 1, draws)
    corrected = rogan_gladen(share, sensitivity, specificity)
    inclusion = rng.beta(error.in_both + 1, error.tags_only + 1, draws)
    outside = rng.uniform(0.0, 1.0, draws)
    with np.errstate(invalid="ignore"):
        return np.clip((corrected - (1 - inclusion) * outside) / inclusion, 0.0, 1.0)


def _percentiles(draws: np.ndarray) -> tuple[float | None, float | None]:
    valid = draws[~np.isnan(draws)]
    if not len(valid):
        return None, None
    low, high = np.percentile(valid, [2.5, 97.5])
    return float(low), float(high)


def share_with_error(hits: int, n: int, error: Misclassification, *, seed: int = SEED,
                     draws: int = DRAWS) -> tuple[float | None, float | None, float]:
    """95% interval of the true share, with sampling and the tagger's error; and the share of draws
    left out because their Se + Sp <= 1."""
    if n <= 0:
        return None, None, 0.0
    sample = _corrected_draws(hits, n, error, np.random.default_rng(seed), draws)
    return (*_percentiles(sample), float(np.isnan(sample).mean()))


def share_difference_with_error(hits_a: int, n_a: int, hits_b: int, n_b: int, error: Misclassification, *,
                                seed: int = SEED, draws: int = DRAWS) -> tuple[float | None, float | None]:
    """95% interval of true share(a) - true share(b), each corrected with the same measured error."""
    if n_a <= 0 or n_b <= 0:
        return None, None
    rng = np.random.default_rng(seed)
    return _percentiles(_corrected_draws(hits_a, n_a, error, rng, draws)
                        - _corrected_draws(hits_b, n_b, error, rng, draws))


def quantile(sample: Sample, q: float) -> float:
    """The value at quantile `q` (0..1) of the sample, by the counts' cumulative distribution."""
    cumulative = np.cumsum(sample.counts) / sample.counts.sum()
    return float(sample.values[min(int(np.searchsorted(cumulative, min(max(q, 0.0), 1.0))), len(sample.values) - 1)])


def median_shift(sample: Sample, wrong_rate: float) -> tuple[float, float]:
    """How far down and up the median can move when a share `wrong_rate` of the values may be wrong:
    replacing that share of values moves the median at most to the 0.5 -/+ wrong_rate quantiles."""
    median = sample.median()
    return max(0.0, median - quantile(sample, 0.5 - wrong_rate)), max(0.0, quantile(sample, 0.5 + wrong_rate) - median)


def count_bounds(count: int, precision_low: float, recall_low: float) -> tuple[float, float]:
    """The range a code's true count may take given the tagger's lowest plausible precision and recall:
    from every detection being right but some being false (count x precision) to some being missed
    (count / recall)."""
    return count * precision_low, count / recall_low if recall_low > 0 else math.inf


def error_share(sampling: tuple, with_error: tuple) -> float | None:
    """The share of the interval's width that comes from the tagger's error: 1 - sampling width / width."""
    if None in (*sampling, *with_error):
        return None
    width = with_error[1] - with_error[0]
    if width <= 0:
        return 0.0
    return min(1.0, max(0.0, 1 - (sampling[1] - sampling[0]) / width))
