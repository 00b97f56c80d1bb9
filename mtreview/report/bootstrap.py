"""Corpus scores with 95% bootstrap confidence intervals, and the paired bootstrap test, as sacrebleu
computes them (same resampling, same seed 12345, same CI rule, same p-value), in bounded memory.

sacrebleu builds every resample at once (``stats[idxs]``: resamples x segments x statistics floats):
360 MB for chrF on 5,000 segments, gigabytes beyond. Here each resample is a vector of counts (how often
each segment was drawn) and its statistics are ``counts @ stats``: the same multiset sum, one resample
at a time. The indices come from the same generator calls, so the resamples are sacrebleu's own."""

from __future__ import annotations

import os
from collections.abc import Iterator, Sequence
from dataclasses import dataclass

import numpy as np
from sacrebleu.metrics.base import Metric
from sacrebleu.significance import _compute_p_value, estimate_ci

from ..textio import nfc

N_BOOTSTRAP = 1000
_BATCH_CELLS = 4_000_000  # indices generated per batch (32 MB of int64)


def default_seed() -> int | None:
    """sacrebleu's seed rule: ``SACREBLEU_SEED`` if set ('none' = unseeded), else 12345."""
    seed = os.environ.get("SACREBLEU_SEED", "12345")
    return None if seed.lower() == "none" else int(seed)


def estimate_interval(scores: np.ndarray) -> tuple[float, float, float, float]:
    """sacrebleu's ``estimate_ci`` (the resampled scores' mean and the 95% CI's half-width), and the two
    bounds it halves: the resampled scores 1/40 from each end. Those bounds are the interval itself; the
    mean +- half-width sacrebleu prints is as wide, but centred on the mean, so that a skewed distribution
    put it past the metric's range (QA: three segments' BLEU 100, 100, 0 gave a mean of [16.1, 116.1], a
    TER of [-16.1, 83.9])."""
    mean, ci = estimate_ci(scores)
    ordered = np.sort(scores)
    cut = len(ordered) // 40
    return float(mean), float(ci), float(ordered[cut]), float(ordered[len(ordered) - cut - 1])


def resample_counts(n: int, n_samples: int, seed: int | None) -> Iterator[np.ndarray]:
    """For each resample, how often each of ``n`` segments is drawn (with replacement).

    Draws the same index matrix as sacrebleu's ``rng.choice(n, size=(n_samples, n))``, a few rows at a time."""
    rng = np.random.default_rng(seed)
    rows = max(1, _BATCH_CELLS // max(n, 1))
    done = 0
    while done < n_samples:
        b = min(rows, n_samples - done)
        idxs = rng.choice(n, size=(b, n), replace=True)
        for row in idxs:
            yield np.bincount(row, minlength=n)
        done += b


@dataclass
class CorpusScore:
    """One corpus-level metric with its bootstrap estimate (``mean`` +- ``ci`` is sacrebleu's 95% CI;
    ``lower``/``upper`` the percentile bounds whose half-distance ``ci`` is, see ``estimate_interval``)."""

    system: str
    metric: str
    score: float
    mean: float | None = None
    ci: float | None = None
    n_bootstrap: int = 0
    signature: str = ""
    segments: int = 0
    lower: float | None = None
    upper: float | None = None

    @property
    def low(self) -> float | None:
        return self.lower

    @property
    def high(self) -> float | None:
        return self.upper

    def to_dict(self) -> dict:
        return {"system": self.system, "metric": self.metric, "score": self.score, "mean": self.mean,
                "ci": self.ci, "ci_low": self.low, "ci_high": self.high, "n_bootstrap": self.n_bootstrap,
                "signature": self.signature, "segments": self.segments}


@dataclass
class PairedResult:
    """Paired bootstrap test of ``system`` against ``baseline`` for one metric (sacrebleu's ``paired_bs``)."""

    metric: str
    baseline: str
    system: str
    baseline_score: float
    system_score: float
    p_value: float
    system_mean: float
    system_ci: float
    baseline_mean: float
    baseline_ci: float
    n_bootstrap: int
    segments: int
    changed: int = 0
    system_ci_low: float | None = None  # the percentile bounds of the system's CI (``estimate_interval``)
    system_ci_high: float | None = None

    def to_dict(self) -> dict:
        return dict(self.__dict__)


def _stats_matrix(metric: Metric, hyps: Sequence[str], refs: Sequence[Sequence[str | None]]) -> tuple[np.ndarray, float]:
    # in NFC, as `mtreview score` compares them (QA: a project whose MT has decomposed accents reported
    # corpus chrF 32.7 where score's summary said 100.0 for the same texts)
    hyps = [nfc(h) for h in hyps]
    refs = [[None if r is None else nfc(r) for r in side] for side in refs]
    stats = metric._extract_corpus_statistics(hyps, refs)  # type: ignore[arg-type]  # None = no reference
    score = metric._aggregate_and_compute(stats).score
    # float32 as sacrebleu stores them, so the resampled sums (and scores) round the same way
    return np.asarray(stats, dtype="float32").reshape(len(hyps), -1), score


def _resampled_scores(metric: Metric, stats: np.ndarray, n_samples: int, seed: int | None) -> np.ndarray:
    out = np.empty(n_samples)
    for k, counts in enumerate(resample_counts(len(stats), n_samples, seed)):
        summed = counts.astype("float32") @ stats
        out[k] = metric._compute_score_from_stats(summed).score
    return out


def corpus_score(metric: Metric, system: str, hyps: Sequence[str], refs: Sequence[Sequence[str | None]],
                 n_bootstrap: int = N_BOOTSTRAP, seed: int | None = None) -> CorpusScore:
    """Corpus score of ``hyps`` against reference streams ``refs`` (None = no reference for that segment),
    with sacrebleu's 95% bootstrap CI when ``n_bootstrap > 1``."""
    seed = default_seed() if seed is None else seed
    stats, score = _stats_matrix(metric, hyps, refs)
    res = CorpusScore(system, metric.__class__.__name__, score, segments=len(hyps))
    if n_bootstrap > 1 and len(hyps) > 0:
        scores = _resampled_scores(metric, stats, n_bootstrap, seed)
        res.mean, res.ci, res.lower, res.upper = estimate_interval(scores)
        res.n_bootstrap = n_bootstrap
        metric.n_bootstrap = n_bootstrap
        metric.seed = str(seed).lower()
    res.signature = str(metric.get_signature())
    res.metric = _metric_name(metric)
    return res


def paired_bootstrap(metric: Metric, baseline: tuple[str, Sequence[str]], system: tuple[str, Sequence[str]],
                     refs: Sequence[Sequence[str | None]], n_bootstrap: int = N_BOOTSTRAP,
                     seed: int | None = None) -> PairedResult:
    """sacrebleu's paired bootstrap resampling test (Koehn 2004, as in Moses' script): is the difference
    between ``system`` and ``baseline`` more than resampling explains? Same statistic and p-value as
    ``sacrebleu.significance.PairedTest(test_type='bs')``."""
    seed = default_seed() if seed is None else seed
    bl_stats, bl_score = _stats_matrix(metric, baseline[1], refs)
    sys_stats, sys_score = _stats_matrix(metric, system[1], refs)
    # the baseline's own CI: sacrebleu draws it with a fresh generator on the same seed
    bl_scores = _resampled_scores(metric, bl_stats, n_bootstrap, seed)
    bl_mean, bl_ci = estimate_ci(bl_scores)
    # the paired test resamples both systems with the same indices
    scores_bl = np.empty(n_bootstrap)
    scores_sys = np.empty(n_bootstrap)
    for k, counts in enumerate(resample_counts(len(bl_stats), n_bootstrap, seed)):
        c = counts.astype("float32")
        scores_bl[k] = metric._compute_score_from_stats(c @ bl_stats).score
        scores_sys[k] = metric._compute_score_from_stats(c @ sys_stats).score
    sys_mean, sys_ci, sys_low, sys_high = estimate_interval(scores_sys)
    diffs = np.abs(scores_sys - scores_bl)
    p = _compute_p_value(diffs - diffs.mean(), abs(bl_score - sys_score))
    changed = sum(1 for a, b in zip(baseline[1], system[1], strict=True) if a != b)
    return PairedResult(_metric_name(metric), baseline[0], system[0], bl_score, sys_score, float(p),
                        float(sys_mean), float(sys_ci), float(bl_mean), float(bl_ci), n_bootstrap,
                        len(bl_stats), changed, sys_low, sys_high)


def means_with_ci(columns: np.ndarray, n_bootstrap: int = N_BOOTSTRAP,
                  seed: int | None = None) -> list[tuple[float, float, float]]:
    """Mean of each column of per-segment values (segments x metrics; NaN = missing) with a 95% bootstrap
    CI (the same resampling and CI rule as above, one draw shared by all columns).
    Returns (mean, resampled mean, half-width) per column."""
    return [(mean, bmean, ci) for mean, bmean, ci, _, _ in means_with_bounds(columns, n_bootstrap, seed)]


def means_with_bounds(columns: np.ndarray, n_bootstrap: int = N_BOOTSTRAP,
                      seed: int | None = None) -> list[tuple[float, float, float, float, float]]:
    """``means_with_ci``, each with its CI's percentile bounds too (``estimate_interval``): (mean,
    resampled mean, half-width, lower, upper) per column; NaN for a column without values."""
    seed = default_seed() if seed is None else seed
    values = np.asarray(columns, dtype="float64")
    if values.ndim == 1:
        values = values[:, None]
    present = ~np.isnan(values)
    filled = np.where(present, values, 0.0)
    n = len(values)
    if n == 0:
        return [(float("nan"),) * 5 for _ in range(values.shape[1])]
    # A resample's counts add up to n, so a column without gaps divides by n; only columns with missing
    # values need their own denominator (how many present segments the resample drew).
    gappy = np.flatnonzero(~present.all(axis=0))
    weights = present[:, gappy].astype("float64")
    resampled = np.empty((n_bootstrap, values.shape[1]))
    for k, counts in enumerate(resample_counts(n, n_bootstrap, seed)):
        c = counts.astype("float64")
        denom = np.full(values.shape[1], float(n))
        if len(gappy):
            denom[gappy] = np.einsum("i,ij->j", c, weights)
        with np.errstate(invalid="ignore", divide="ignore"):
            resampled[k] = np.einsum("i,ij->j", c, filled) / denom
    out = []
    for j in range(values.shape[1]):
        col = values[present[:, j], j]
        if len(col) == 0:
            out.append((float("nan"),) * 5)
            continue
        drawn = resampled[~np.isnan(resampled[:, j]), j]
        if len(drawn) == 0:
            # No resample drew a segment with a value (a metric of a few segments, --bootstrap 2): no
            # interval to give (QA: sacrebleu's estimate_ci raised IndexError, a traceback)
            out.append((float(col.mean()), *(float("nan"),) * 4))
            continue
        m, ci, low, high = estimate_interval(drawn)
        out.append((float(col.mean()), m, ci, low, high))
    return out


def _metric_name(metric: Metric) -> str:
    name = metric.__class__.__name__
    name = {"FastTER": "TER", "FastCHRF": "CHRF"}.get(name, name)
    if name == "CHRF" and getattr(metric, "word_order", 0) > 0:
        return "chrF++"
    return {"CHRF": "chrF"}.get(name, name)
