"""Dot products between sentence profiles inside a band, and the cosine of multi-sentence beads built from
them.

Only pairs near the alignment path are ever compared: ``band_dots`` computes, for each row ``i``, the dot
products with the columns ``lo[i] .. lo[i]+width-1``. Rows are processed in chunks; inside a chunk the
entries of both sides are joined on the features they share (a dense product over the shared vocabulary
would pay for every rare n-gram in every pair).
"""

from __future__ import annotations

import numpy as np

from .align_features import Profiles

# Upper bound on the (row, column, shared feature) products materialised at once.
_PAIR_BUDGET = 4_000_000


def _sorted_entries(p: Profiles, r0: int, r1: int) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    """Entries of rows r0..r1-1 sorted by feature id: (ids, local row, value)."""
    a, b = p.indptr[r0], p.indptr[r1]
    ids = p.ids[a:b]
    rows = np.repeat(np.arange(r1 - r0), np.diff(p.indptr[r0:r1 + 1]))
    order = np.argsort(ids, kind="stable")
    return ids[order], rows[order], p.vals[a:b][order].astype(np.float64)


def _groups(sorted_ids: np.ndarray) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    """Distinct ids of a sorted array with the start and length of each run."""
    if len(sorted_ids) == 0:
        z = np.zeros(0, np.int64)
        return z, z, z
    start = np.flatnonzero(np.concatenate(([True], sorted_ids[1:] != sorted_ids[:-1])))
    lengths = np.diff(np.concatenate((start, [len(sorted_ids)])))
    return sorted_ids[start], start, lengths


def _block_dots(a: Profiles, r0: int, r1: int, b: Profiles, c0: int, c1: int) -> np.ndarray | None:
    """Dense block of dot products rows r0..r1 x columns c0..c1 by a sparse join on shared features;
    None when the join would exceed the budget (the caller splits the rows)."""
    if a.dense is not None and b.dense is not None:
        return a.dense[r0:r1].astype(np.float64) @ b.dense[c0:c1].astype(np.float64).T
    ids_a, row_a, val_a = _sorted_entries(a, r0, r1)
    ids_b, row_b, val_b = _sorted_entries(b, c0, c1)
    ua, sa, na = _groups(ids_a)
    ub, sb, nb = _groups(ids_b)
    _, ia, ib = np.intersect1d(ua, ub, assume_unique=True, return_indices=True)
    lens = na[ia] * nb[ib]
    total = int(lens.sum())
    n_rows, n_cols = r1 - r0, c1 - c0
    if total > _PAIR_BUDGET and n_rows > 1:
        return None
    if total == 0:
        return np.zeros((n_rows, n_cols))
    # For shared feature k, every pair of its entries in a (na) and b (nb): index t -> (t // nb, t % nb).
    first = np.repeat(np.cumsum(lens) - lens, lens)
    t = np.arange(total) - first
    nbk = np.repeat(nb[ib], lens)
    ea = np.repeat(sa[ia], lens) + t // nbk
    eb = np.repeat(sb[ib], lens) + t % nbk
    flat = row_a[ea] * n_cols + row_b[eb]
    return np.bincount(flat, val_a[ea] * val_b[eb], minlength=n_rows * n_cols).reshape(n_rows, n_cols)


def band_dots(a: Profiles, b: Profiles, lo: np.ndarray, width: int) -> np.ndarray:
    """``D[i, k] = a_i . b_{lo[i]+k}`` for ``0 <= k < width``; 0 where the column is outside ``b``.

    ``lo`` must be non-decreasing (a band that follows a monotone path). Rows are processed in chunks;
    each chunk joins its rows' and its columns' features (exact, linear in the shared entries)."""
    n = a.n
    out = np.zeros((n, max(width, 0)), dtype=np.float32)
    if n == 0 or b.n == 0 or width <= 0:
        return out
    lo = np.asarray(lo, dtype=np.int64)
    r0, step = 0, 64
    while r0 < n:
        r1 = min(n, r0 + step)
        c0 = int(min(max(lo[r0], 0), b.n))
        c1 = int(min(b.n, lo[r1 - 1] + width))
        if c1 > c0:
            block = _block_dots(a, r0, r1, b, c0, c1)
            if block is None:
                step = max(1, (r1 - r0) // 2)  # too many shared entries: retry this chunk smaller
                continue
            kk = lo[r0:r1, None] + np.arange(width)[None, :] - c0
            valid = (kk >= 0) & (kk < c1 - c0)
            rows = np.broadcast_to(np.arange(r1 - r0)[:, None], kk.shape)
            out[r0:r1][valid] = block[rows[valid], kk[valid]]
        if step < 64:
            step *= 2
        r0 = r1
    return out


def neighbour_dots(p: Profiles, span: int) -> np.ndarray:
    """``N[i, d-1] = p_i . p_{i+d}`` for ``1 <= d <= span`` (dot products within one document, for the norm
    of a multi-sentence bead). Computed per offset by a sorted merge of the two shifted documents, which is
    linear in the number of stored features (a dense block product would be quadratic here)."""
    out = np.zeros((p.n, max(span, 0)), dtype=np.float32)
    if span <= 0 or p.n < 2:
        return out
    if p.dense is not None:
        v = p.dense.astype(np.float64)
        for d in range(1, min(span, p.n - 1) + 1):
            out[: p.n - d, d - 1] = np.einsum("ij,ij->i", v[:-d], v[d:])
        return out
    counts = np.diff(p.indptr)
    owner = np.repeat(np.arange(p.n, dtype=np.int64), counts)
    n_ids = int(p.ids.max()) + 1 if len(p.ids) else 1
    key = owner * n_ids + p.ids  # sorted: rows in order, ids sorted within a row
    vals = p.vals.astype(np.float64)
    for d in range(1, span + 1):
        # Entries of row i+d, relabelled as row i, matched against row i's entries by binary search.
        shifted = key - d * n_ids
        keep = owner >= d
        pos = np.searchsorted(key, shifted[keep])
        pos_c = np.minimum(pos, len(key) - 1)
        hit = key[pos_c] == shifted[keep]
        rows = owner[keep][hit] - d
        prod = vals[keep][hit] * vals[pos_c[hit]]
        out[:, d - 1] = np.bincount(rows, prod, minlength=p.n)[: p.n]
    return out


def pair_dots(a: Profiles, b: Profiles, rows: np.ndarray, cols: np.ndarray) -> np.ndarray:
    """Dot products of arbitrary pairs ``(a_rows[k], b_cols[k])`` (used to sample unrelated pairs)."""
    if a.dense is not None and b.dense is not None:
        return np.einsum("ij,ij->i", a.dense[rows].astype(np.float64), b.dense[cols].astype(np.float64))
    out = np.zeros(len(rows), dtype=np.float64)
    for k, (i, j) in enumerate(zip(rows.tolist(), cols.tolist(), strict=True)):
        ia, va = a.row(i)
        ib, vb = b.row(j)
        _, xa, xb = np.intersect1d(ia, ib, assume_unique=True, return_indices=True)
        out[k] = float(np.dot(va[xa].astype(np.float64), vb[xb]))
    return out


def band_gather(mat: np.ndarray, rows: np.ndarray, cols: np.ndarray, offset: np.ndarray) -> np.ndarray:
    """``mat[r, c - offset[r]]`` with 0 outside the stored band (rows: (R, 1), cols: (R, W))."""
    width = mat.shape[1]
    if width == 0 or mat.shape[0] == 0:
        return np.zeros(np.broadcast_shapes(rows.shape, cols.shape))
    r = np.clip(rows, 0, mat.shape[0] - 1)
    k = cols - offset[r]
    ok = (k >= 0) & (k < width) & (rows >= 0)
    return np.where(ok, mat[r, np.clip(k, 0, width - 1)], 0.0)
