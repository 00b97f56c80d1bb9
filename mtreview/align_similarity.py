"""Dot products between sentence profiles inside a band, and the cosine of multi-sentence beads built from
them.

Only pairs near the alignment path are ever compared: ``band_dots`` computes, for each row ``i``, the dot
products with the columns ``lo[i] .. lo[i]+width-1``. Rows are processed in chunks; inside a chunk both sides
are projected onto the features they share and multiplied as small dense matrices (BLAS), which is much
faster than a sparse join in numpy and exact.
"""

from __future__ import annotations

import numpy as np

from .align_features import Profiles

# Upper bound on the dense work of one chunk (rows + columns) x shared features, in matrix elements.
_CHUNK_BUDGET = 6_000_000


def _dense(p: Profiles, r0: int, r1: int, shared: np.ndarray) -> np.ndarray:
    a, b = p.indptr[r0], p.indptr[r1]
    ids, vals = p.ids[a:b], p.vals[a:b]
    out = np.zeros((r1 - r0, len(shared)), dtype=np.float32)
    if len(ids) == 0 or len(shared) == 0:
        return out
    pos = np.searchsorted(shared, ids)
    pos_c = np.minimum(pos, len(shared) - 1)
    hit = shared[pos_c] == ids
    rows = np.repeat(np.arange(r1 - r0), np.diff(p.indptr[r0:r1 + 1]))
    out[rows[hit], pos_c[hit]] = vals[hit]
    return out


def band_dots(a: Profiles, b: Profiles, lo: np.ndarray, width: int) -> np.ndarray:
    """``D[i, k] = a_i . b_{lo[i]+k}`` for ``0 <= k < width``; 0 where the column is outside ``b``.

    ``lo`` must be non-decreasing (a band that follows a monotone path)."""
    n = a.n
    out = np.zeros((n, max(width, 0)), dtype=np.float32)
    if n == 0 or b.n == 0 or width <= 0:
        return out
    lo = np.asarray(lo, dtype=np.int64)
    feats_a = np.diff(a.indptr)
    r0 = 0
    step = 64
    while r0 < n:
        r1 = min(n, r0 + step)
        c0 = int(max(lo[r0], 0))
        c1 = int(min(b.n, lo[r1 - 1] + width))
        if c1 > c0:
            a_ids = a.ids[a.indptr[r0]:a.indptr[r1]]
            b_ids = b.ids[b.indptr[c0]:b.indptr[c1]]
            shared = np.intersect1d(a_ids, b_ids)
            work = (r1 - r0 + c1 - c0) * len(shared)
            if work > _CHUNK_BUDGET and r1 - r0 > 8:
                step = max(8, step // 2)  # too big: retry this chunk smaller
                continue
            if len(shared):
                m = _dense(a, r0, r1, shared) @ _dense(b, c0, c1, shared).T
                kk = lo[r0:r1, None] + np.arange(width)[None, :] - c0
                valid = (kk >= 0) & (kk < c1 - c0)
                rows = np.broadcast_to(np.arange(r1 - r0)[:, None], kk.shape)
                block = np.zeros((r1 - r0, width), dtype=np.float32)
                block[valid] = m[rows[valid], kk[valid]]
                out[r0:r1] = block
            if work < _CHUNK_BUDGET // 4 and step < 1024:
                step *= 2
        r0 = r1
    del feats_a
    return out


def neighbour_dots(p: Profiles, span: int) -> np.ndarray:
    """``N[i, d-1] = p_i . p_{i+d}`` for ``1 <= d <= span`` (dot products within one document, for the norm
    of a multi-sentence bead)."""
    if span <= 0:
        return np.zeros((p.n, 0), dtype=np.float32)
    return band_dots(p, p, np.arange(p.n) + 1, span)


def pair_dots(a: Profiles, b: Profiles, rows: np.ndarray, cols: np.ndarray) -> np.ndarray:
    """Dot products of arbitrary pairs ``(a_rows[k], b_cols[k])`` (used to sample unrelated pairs)."""
    out = np.zeros(len(rows), dtype=np.float64)
    for k, (i, j) in enumerate(zip(rows.tolist(), cols.tolist(), strict=True)):
        ia, va = a.row(i)
        ib, vb = b.row(j)
        _, xa, xb = np.intersect1d(ia, ib, assume_unique=True, return_indices=True)
        out[k] = float(np.dot(va[xa].astype(np.float64), vb[xb]))
    return out
