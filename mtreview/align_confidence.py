"""Confidence of each bead: its posterior probability under the alignment model.

Bead costs are in nats, so ``exp(-cost)`` is a (relative) likelihood and the probability that a given bead
is part of the alignment is the summed likelihood of all paths through it over that of all paths:
``P(s -> t) = exp(F(s) - cost(s -> t) + B(t) - Z)`` with ``F`` the log-sum over paths from the start to
``s``, ``B`` from ``t`` to the end (forward-backward, the soft version of the alignment DP, in the same
band). A bead that several alignments compete for gets a low value; a lone sure match gets ~1. This is what
the review UI sorts by.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence

import numpy as np

from .align_dp import BeadType, CostFn, null_run

_ROW_CHUNK = 512
# Bead-cost chunks are kept between the forward and the backward pass up to this many array elements;
# beyond it they are computed again.
_CACHE_LIMIT = 30_000_000


def _shifted(row: np.ndarray, shift: int, width: int, fill: float) -> np.ndarray:
    """``row[k + shift]`` for k in 0..width-1, ``fill`` outside."""
    out = np.full(width, fill)
    lo, hi = max(0, -shift), min(width, width - shift)
    if hi > lo:
        out[lo:hi] = row[lo + shift:hi + shift]
    return out


def bead_posteriors(n: int, m: int, lo: np.ndarray, width: int, bead_types: Sequence[BeadType], costs: CostFn,
                    null_target: np.ndarray, path: Sequence[tuple[int, int]], steps: Sequence[float],
                    on_rows: Callable[[int], None] | None = None) -> list[float]:
    """Posterior probability of each bead of ``path`` (whose costs are ``steps``). ``on_rows`` is told how
    many rows each step did: the forward and the backward pass each cover the ``n + 1`` state rows."""
    types = list(bead_types)
    ks = np.arange(width)
    neg = -np.inf
    null_cum = np.concatenate(([0.0], np.cumsum(null_target)))
    chunks = [(i0, min(n + 1, i0 + _ROW_CHUNK)) for i0 in range(1, n + 1, _ROW_CHUNK)]
    cache: dict[int, dict[BeadType, np.ndarray]] = {}
    cache_ok = (n + 1) * width * len(types) <= _CACHE_LIMIT

    def chunk_costs(k: int) -> dict[BeadType, np.ndarray]:
        if k in cache:
            return cache[k]
        c = costs(*chunks[k])
        if cache_ok:
            cache[k] = c
        return c

    def cols(i: int) -> tuple[np.ndarray, np.ndarray]:
        j = int(lo[i]) + ks
        return j, j <= m

    # Forward: fwd[i, k] = log of the summed likelihood of paths from (0, 0) to (i, lo[i] + k).
    fwd = np.full((n + 1, width), neg)

    def extra_row(cc: dict[BeadType, np.ndarray], r: int) -> np.ndarray | None:
        extra = cc.get((0, 1))
        return None if extra is None else extra[r]

    row0_extra = extra_row(costs(0, 1), 0)

    def forward_scan(base: np.ndarray, i: int, extra: np.ndarray | None) -> np.ndarray:
        j, valid = cols(i)
        c = null_run(null_cum, j, valid, extra)
        with np.errstate(invalid="ignore"):
            run = np.logaddexp.accumulate(np.where(valid, base + c, neg)) - c
        return np.where(valid, run, neg)

    base = np.full(width, neg)
    if lo[0] == 0:
        base[0] = 0.0
    fwd[0] = forward_scan(base, 0, row0_extra)
    for k, (i0, i1) in enumerate(chunks):
        cc = chunk_costs(k)
        for i in range(i0, i1):
            base = np.full(width, neg)
            for a, b in types:
                if a > i:
                    continue
                shift = int(lo[i]) - b - int(lo[i - a])
                if abs(shift) >= width:
                    continue
                cand = _shifted(fwd[i - a], shift, width, neg) - cc[(a, b)][i - i0]
                base = np.logaddexp(base, cand)
            fwd[i] = forward_scan(base, i, extra_row(cc, i - i0))
        if on_rows is not None:
            on_rows(i1 - i0 + (k == 0))  # (row 0 with the first chunk)
    z = fwd[n, m - lo[n]]

    # Backward, keeping only the values on the path.
    on_path: dict[int, list[int]] = {}
    for i, j in path:
        on_path.setdefault(i, []).append(j)
    bwd_at: dict[tuple[int, int], float] = {}
    a_max = max(a for a, _ in types)
    ring: dict[int, np.ndarray] = {}  # row -> bwd + nothing (the last a_max rows)
    cost_rows: dict[int, dict[BeadType, np.ndarray]] = {}
    extra_rows: dict[int, np.ndarray | None] = {0: row0_extra}
    loaded: set[int] = set()

    def backward_scan(base: np.ndarray, i: int, extra: np.ndarray | None) -> np.ndarray:
        # bwd[j] = logaddexp(base[j], bwd[j+1] - null(j) - extra(j+1)) from the right.
        j, valid = cols(i)
        c = null_run(null_cum, j, valid, extra)
        rev = np.where(valid, base - c, neg)[::-1]
        with np.errstate(invalid="ignore"):
            run = np.logaddexp.accumulate(rev)[::-1] + c
        return np.where(valid, run, neg)

    row_chunk = {i: k for k, (i0, i1) in enumerate(chunks) for i in range(i0, i1)}
    last = n  # the first backward row not yet reported to on_rows
    for i in range(n, -1, -1):
        base = np.full(width, neg)
        if i == n:
            base[m - lo[n]] = 0.0
        for a, b in types:
            r = i + a
            if r > n:
                continue
            k = row_chunk[r]
            if k not in loaded:
                cc = chunk_costs(k)
                for rr in range(*chunks[k]):
                    cost_rows[rr] = {t: cc[t][rr - chunks[k][0]] for t in types}
                    extra_rows[rr] = extra_row(cc, rr - chunks[k][0])
                loaded.add(k)
            shift = int(lo[i]) + b - int(lo[r])
            if abs(shift) >= width:
                continue
            nxt = ring[r] - cost_rows[r][(a, b)]
            base = np.logaddexp(base, _shifted(nxt, shift, width, neg))
        if i not in extra_rows:  # a row no bead type reaches from here (n < 1 or types need more rows)
            k = row_chunk[i]
            extra_rows[i] = extra_row(chunk_costs(k), i - chunks[k][0])
        row = backward_scan(base, i, extra_rows[i])
        ring[i] = row
        ring.pop(i + a_max + 1, None)
        cost_rows.pop(i + a_max + 1, None)
        extra_rows.pop(i + a_max + 1, None)
        for j in on_path.get(i, []):
            bwd_at[(i, j)] = float(row[j - lo[i]])
        if on_rows is not None and i % _ROW_CHUNK == 0:
            on_rows(last - i + 1)
            last = i - 1

    out = []
    for (i0, j0), (i1, j1), step in zip(path[:-1], path[1:], steps, strict=True):
        logp = fwd[i0, j0 - lo[i0]] - step + bwd_at[(i1, j1)] - z
        out.append(float(np.clip(np.exp(min(logp, 0.0)), 0.0, 1.0)))
    return out
