"""Banded dynamic programming over alignment beads.

States are prefix pairs ``(i, j)``: ``i`` source and ``j`` target sentences consumed. A bead ``(a, b)`` moves
from ``(i-a, j-b)`` to ``(i, j)``. Each state row ``i`` only allows ``lo[i] <= j < lo[i] + width`` (the band);
a full DP is the band with ``lo = 0`` and ``width = m + 1``.

The DP runs row by row with numpy over the band. The ``0-1`` bead stays inside a row, which would be a
sequential loop; it is solved as a prefix minimum instead:
``cost[j] = min_k (base[k] + nulls[k+1..j])`` = ``C[j] + cummin(base - C)[j]`` with ``C`` the running sum of
null costs.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence

import numpy as np

BeadType = tuple[int, int]
# Bead costs for the state rows i0..i1-1: {bead type: array (i1-i0, width)}; +inf where not allowed. An
# optional (0, 1) entry is an extra cost for entering each state by a 0-1 bead (on top of ``null_target``).
CostFn = Callable[[int, int], dict[BeadType, np.ndarray]]

_ROW_CHUNK = 512


def full_band(n: int, m: int) -> tuple[np.ndarray, int]:
    """The band that allows every state."""
    return np.zeros(n + 1, dtype=np.int64), m + 1


def band_from_path(path: Sequence[tuple[int, int]], n: int, m: int, buffer: int) -> tuple[np.ndarray, int]:
    """A band around a monotone path of states from ``(0, 0)`` to ``(n, m)``: every state within
    ``buffer`` columns of a path state on the same row (and the rectangle of each step) is allowed.

    Returns ``(lo, width)``; ``lo`` is non-decreasing and consecutive rows overlap, so the band is
    connected."""
    lo = np.full(n + 1, m, dtype=np.int64)
    hi = np.zeros(n + 1, dtype=np.int64)
    for (i0, j0), (i1, j1) in zip(path[:-1], path[1:], strict=True):
        rows = slice(i0, i1 + 1)
        lo[rows] = np.minimum(lo[rows], j0)
        hi[rows] = np.maximum(hi[rows], j1)
    i_last, j_last = path[-1]
    lo[i_last] = min(lo[i_last], j_last)
    hi[i_last] = max(hi[i_last], j_last)
    # Widen by the buffer in both directions, including neighbouring rows (the coarse path may be off by a
    # few rows as well as a few columns).
    lo_w, hi_w = lo.copy(), hi.copy()
    for d in range(1, buffer + 1):
        lo_w[:-d] = np.minimum(lo_w[:-d], lo[d:])
        lo_w[d:] = np.minimum(lo_w[d:], lo[:-d])
        hi_w[:-d] = np.maximum(hi_w[:-d], hi[d:])
        hi_w[d:] = np.maximum(hi_w[d:], hi[:-d])
    lo_w -= buffer
    hi_w += buffer
    lo_w = np.clip(lo_w, 0, m)
    hi_w = np.clip(hi_w, 0, m)
    lo_w = np.minimum.accumulate(lo_w[::-1])[::-1]  # non-decreasing
    hi_w = np.maximum.accumulate(hi_w)
    hi_w[:-1] = np.maximum(hi_w[:-1], lo_w[1:])  # consecutive rows overlap
    lo_w[0], hi_w[-1] = 0, m
    hi_w = np.maximum.accumulate(np.maximum(hi_w, lo_w))
    width = int((hi_w - lo_w).max()) + 1
    return lo_w, width


def null_run(null_cum: np.ndarray, j: np.ndarray, valid: np.ndarray, extra: np.ndarray | None) -> np.ndarray:
    """Running cost of 0-1 beads along one state row (columns ``j``): differences between two columns are
    the cost of the 0-1 beads between them (``null_cum`` is the running sum of ``null_target``; ``extra``
    the row's extra cost, finite, of entering each state by a 0-1 bead, or None)."""
    c = np.where(valid, null_cum[np.minimum(j, len(null_cum) - 1)], 0.0)
    if extra is not None:
        c = c + np.cumsum(np.where(valid, extra, 0.0))
    return c


def run_dp(n: int, m: int, lo: np.ndarray, width: int, bead_types: Sequence[BeadType], costs: CostFn,
           null_target: np.ndarray, on_rows: Callable[[int], None] | None = None
           ) -> tuple[list[tuple[int, int]], list[float]]:
    """Minimum-cost monotone path from ``(0, 0)`` to ``(n, m)`` through the band; returns its states and
    the cost of each of its beads. ``on_rows`` is told how many of the ``n + 1`` state rows each step did.

    ``bead_types`` must not contain ``(0, 1)`` or ``(0, 0)``: the ``0-1`` bead is built in, with cost
    ``null_target[j]`` for leaving target sentence ``j`` unaligned, plus the cost function's ``(0, 1)``
    entry for the state it enters when there is one."""
    inf = np.inf
    a_max = max(a for a, _ in bead_types)
    types = list(bead_types)
    t_null = len(types)  # backpointer code of the 0-1 bead
    back = np.full((n + 1, width), 255, dtype=np.uint8)
    total = np.full((n + 1, width), inf)  # best cost of each state, to recover bead costs
    # Rolling buffer of the last a_max+1 cost rows, each padded with `width` infinities on both sides so
    # that any shift in [-width, width] is a plain slice.
    ring = np.full((a_max + 1, 3 * width), inf)
    ks = np.arange(width)
    null_cum = np.concatenate(([0.0], np.cumsum(null_target)))  # null_cum[j] = cost of targets 0..j-1

    def scan_row(base: np.ndarray, base_ptr: np.ndarray, lo_i: int, extra: np.ndarray | None
                 ) -> tuple[np.ndarray, np.ndarray]:
        j = lo_i + ks
        valid = j <= m
        c = null_run(null_cum, j, valid, extra)
        run = np.minimum.accumulate(base - c) + c
        run = np.where(valid, run, inf)
        ptr = np.where(run < base - 1e-9, t_null, base_ptr).astype(np.uint8)
        return run, ptr

    i0 = 0
    while i0 <= n:
        i1 = min(n + 1, i0 + _ROW_CHUNK)
        chunk = costs(i0, i1)
        extra = chunk.get((0, 1))
        for i in range(i0, i1):
            base = np.full(width, inf)
            base_ptr = np.full(width, 255, dtype=np.uint8)
            if i == 0 and lo[0] == 0:
                base[0] = 0.0  # the start
            lo_i = int(lo[i])
            for t, (a, b) in enumerate(types):
                if a > i:
                    continue
                shift = lo_i - b - int(lo[i - a])
                if shift >= width or shift <= -width:
                    continue
                prev = ring[(i - a) % (a_max + 1), width + shift: 2 * width + shift]
                cand = prev + chunk[(a, b)][i - i0]
                better = cand < base
                if better.any():
                    base = np.where(better, cand, base)
                    base_ptr = np.where(better, t, base_ptr).astype(np.uint8)
            row, ptr = scan_row(base, base_ptr, lo_i, None if extra is None else extra[i - i0])
            ring[i % (a_max + 1), width:2 * width] = row
            back[i] = ptr
            total[i] = row
        if on_rows is not None:
            on_rows(i1 - i0)
        i0 = i1
    # Backtrack from (n, m).
    path = [(n, m)]
    i, j = n, m
    while i > 0 or j > 0:
        code = int(back[i, j - lo[i]])
        if code == 255:
            raise RuntimeError("alignment DP found no path (band disconnected)")
        a, b = (0, 1) if code == t_null else types[code]
        i, j = i - a, j - b
        path.append((i, j))
    path.reverse()
    step = [float(total[i1, j1 - lo[i1]] - total[i0, j0 - lo[i0]])
            for (i0, j0), (i1, j1) in zip(path[:-1], path[1:], strict=True)]
    return path, step
