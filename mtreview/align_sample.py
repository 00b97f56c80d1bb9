"""The sentence pairs a document's similarities are calibrated on, and those that count as unrelated.

The calibration and the evidence curve (``align_evidence.fit_evidence``) use pairs drawn from the whole
document. Whether the documents look like translations of each other (``align.Alignment.related_share``)
compares a first alignment's aligned sentences with unrelated pairs, and pairs drawn from the whole
document include its true pairs and their neighbours; in a short document they are many: the 16 pairs of a
four-sentence document hold its 4 translations, so "more alike than nine in ten unrelated pairs" was out of
reach even for a perfect translation (QA: four sentences with their exact retranslation got confidence 0 on
every bead and the warning that the MT does not look like a translation; six or eight sentences 0.75). So
there the unrelated pairs are those away from the first alignment's path.
"""

from __future__ import annotations

from collections.abc import Sequence

import numpy as np

RANDOM_SAMPLE = 2000  # pairs drawn per document (every pair of a document with fewer)
PATH_GAP = 1          # pairs within this many sentences of a first alignment's partners are not unrelated


def random_pairs(n: int, m: int, seed: int = 0) -> tuple[np.ndarray, np.ndarray]:
    """(source rows, target columns) of the pairs the similarities are calibrated on: every pair of a
    short document, a random draw of ``RANDOM_SAMPLE`` of a long one. They include the true pairs: the
    calibration's zero is what a pair of the document looks like at random (the generic evidence curve is
    set in those units); the pairs that are unrelated are told once a first alignment is known
    (``away_from_path``)."""
    if not n or not m:
        return np.zeros(0, dtype=np.int64), np.zeros(0, dtype=np.int64)
    if n * m <= RANDOM_SAMPLE:
        return np.divmod(np.arange(n * m), m)
    rng = np.random.default_rng(seed)
    return rng.integers(0, n, RANDOM_SAMPLE), rng.integers(0, m, RANDOM_SAMPLE)


def away_from_path(rows: np.ndarray, cols: np.ndarray, path: Sequence[tuple[int, int]],
                   gap: int = PATH_GAP) -> np.ndarray:
    """Mask of the pairs (``rows``, ``cols``) more than ``gap`` sentences away from the target sentences
    that ``path`` (DP states) gives their source sentence (a source sentence left unaligned: from the
    target sentences on either side of where it lies)."""
    n = path[-1][0] if path else 0
    lo, hi = np.zeros(n, dtype=np.int64), np.zeros(n, dtype=np.int64)
    for (i0, j0), (i1, j1) in zip(path[:-1], path[1:], strict=True):
        if i1 > i0:
            lo[i0:i1], hi[i0:i1] = (j0, j1 - 1) if j1 > j0 else (j0 - 1, j0)
    if not len(rows):
        return np.zeros(0, dtype=bool)
    return (cols < lo[rows] - gap) | (cols > hi[rows] + gap)
