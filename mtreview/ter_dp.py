"""The edit-distance machinery behind :mod:`mtreview.ter_fast`: sacrebleu's beam DP and its exact shortcuts.

sacrebleu's TER computes a *beam* edit distance: in row i (hypothesis word i) only columns near
``i * len(ref) / len(hyp)`` are computed; cells outside stay 'infinite' (1e16). Here:

* ``beam`` gives each row's computed column range, exactly as sacrebleu derives it;
* ``levenshtein`` is the unrestricted distance, bit-parallel (Myers 1999 / Hyyrö 2001) over Python
  integers; ``band_ok`` says when every path of that cost stays inside the beam, in which case the beam
  distance equals it (and, since the operation choice only compares values of cells on optimal paths,
  so does the back-trace: ``bit_trace``);
* ``beam_rows`` / ``trace`` are the beam DP itself (integer rows, sacrebleu's tie-breaking: match or
  substitution, then deletion, then insertion) for the cases the shortcut does not cover.
"""

from __future__ import annotations

import math
from collections.abc import Sequence
from itertools import accumulate

_BEAM_WIDTH = 25
INF = int(1e16)


def beam(n_h: int, n_r: int) -> list[tuple[int, int]]:
    """Per hypothesis row i (1..n_h), the computed column range [lo, hi) of sacrebleu's beam DP."""
    ratio = n_r / n_h if n_h else 1
    if _BEAM_WIDTH < ratio / 2:
        width = math.ceil(ratio / 2 + _BEAM_WIDTH)
    else:
        width = _BEAM_WIDTH
    out = [(0, n_r + 1)]  # row 0: the initial row, all insertions
    for i in range(1, n_h + 1):
        diag = math.floor(i * ratio)
        lo = max(0, diag - width)
        hi = n_r + 1 if i == n_h else min(n_r + 1, diag + width)
        out.append((lo, hi))
    return out


def full(beam: list[tuple[int, int]], n_r: int) -> bool:
    return all(lo == 0 and hi == n_r + 1 for lo, hi in beam)


def band_ok(beam: list[tuple[int, int]], n_h: int, n_r: int, d: int) -> bool:
    """True if every cell that a path of cost <= d can pass through lies inside the beam.

    A cell (i, j) on such a path has |j - i| <= (its prefix cost) and |(n_r - j) - (n_h - i)| <= (its
    suffix cost), so with x = j - i: |x| + |delta - x| <= d, i.e. x in [(delta - d) / 2, (delta + d) / 2]."""
    delta = n_r - n_h
    x_lo = -((d - delta) // 2)  # ceil((delta - d) / 2)
    x_hi = (delta + d) // 2
    for i in range(1, n_h + 1):
        lo, hi = beam[i]
        j_lo = max(0, i + x_lo)
        j_hi = min(n_r, i + x_hi)
        if j_lo > j_hi:
            continue
        if j_lo < lo or j_hi >= hi:
            return False
    return True


def peq(ref: Sequence[int]) -> dict[int, int]:
    """Bit masks of the positions of each reference word."""
    masks: dict[int, int] = {}
    for j, w in enumerate(ref):
        masks[w] = masks.get(w, 0) | (1 << j)
    return masks


def levenshtein(hyp: Sequence[int], peq: dict[int, int], m: int, rows: list[tuple[int, ...]] | None = None,
                start: int = 0, state: tuple[int, ...] | None = None) -> int:
    """Unrestricted word-level Levenshtein distance, bit-parallel (global alignment variant).

    ``state`` = (plus, minus, distance, ...) after ``hyp[:start]`` resumes from there (a shared prefix).
    With ``rows``, appends (plus, minus, distance, hplus, hminus) after each hypothesis word: row i of the
    DP is then ``D[i][j] = i + popcount(plus_i & (2**j - 1)) - popcount(minus_i & (2**j - 1))``, i.e. bit
    j - 1 of plus/minus says ``D[i][j] - D[i][j - 1]`` is +1/-1, and bit j - 1 of hplus/hminus says
    ``D[i][j] - D[i - 1][j]`` is +1/-1."""
    if m == 0:
        return len(hyp)
    full = (1 << m) - 1
    top = 1 << (m - 1)
    if state is not None:
        pv, mv, score = state[0], state[1], state[2]
    else:
        pv, mv, score = full, 0, m
    get = peq.get
    for k in range(start, len(hyp)):
        eq = get(hyp[k], 0)
        xv = eq | mv
        xh = (((eq & pv) + pv) ^ pv) | eq
        ph = mv | (~(xh | pv) & full)
        mh = pv & xh
        if ph & top:
            score += 1
        elif mh & top:
            score -= 1
        phs = ((ph << 1) | 1) & full  # carry-in 1: the top row D[0][j] = j grows along the hypothesis
        mhs = (mh << 1) & full
        pv = mhs | (~(xv | phs) & full)
        mv = phs & xv
        if rows is not None:
            rows.append((pv, mv, score, ph, mh))
    return score


def bit_rows(hyp: Sequence[int], peq: dict[int, int], m: int) -> list[tuple[int, ...]]:
    """The bit-parallel state after each prefix of ``hyp`` (row 0 first); the last one holds the distance."""
    rows: list[tuple[int, ...]] = [((1 << m) - 1, 0, m, 0, 0)]  # row 0: D[0][j] = j
    levenshtein(hyp, peq, m, rows)
    return rows


def bit_trace(hyp: Sequence[int], ref: Sequence[int], rows: list[tuple[int, ...]]) -> str:
    """Back-trace of the *unrestricted* DP (rows from ``bit_rows``), with sacrebleu's operation preference
    (match/substitution, then deletion, then insertion). Each step reads the cell above and the one
    diagonally up-left from the current value and two delta bits (no popcounts)."""
    ops = []
    i, j, cur = len(hyp), len(ref), rows[-1][2] if ref else len(hyp)
    while i > 0 and j > 0:
        bit = 1 << (j - 1)
        row = rows[i]
        up = cur - 1 if row[3] & bit else cur + 1 if row[4] & bit else cur  # D[i - 1][j]
        prev = rows[i - 1]
        diag = up - 1 if prev[0] & bit else up + 1 if prev[1] & bit else up  # D[i - 1][j - 1]
        if hyp[i - 1] == ref[j - 1]:
            if diag == cur:
                ops.append(" ")
                i -= 1
                j -= 1
                cur = diag
                continue
        elif diag + 1 == cur:
            ops.append("s")
            i -= 1
            j -= 1
            cur = diag
            continue
        if up + 1 == cur:
            ops.append("d")
            i -= 1
            cur = up
        else:
            ops.append("i")
            j -= 1
            cur -= 1
    ops.append("d" * i + "i" * j)  # column 0 is all deletions, row 0 all insertions
    ops.reverse()
    return "".join(ops)


def bit_alignment(hyp: Sequence[int], ref: Sequence[int],
                  rows: list[tuple[int, ...]]) -> tuple[list[int], list[int], list[int]]:
    """What ``ter_fast`` reads from ``bit_trace``'s back-trace, filled in during the walk itself: (align:
    reference position -> hypothesis position, prefix sums of the reference error flags, prefix sums of
    the hypothesis error flags). The walk is ``bit_trace``'s, step for step."""
    n_h, n_r = len(hyp), len(ref)
    align = [0] * n_r
    ref_err = [0] * n_r
    hyp_err = [0] * n_h
    i, j, cur = n_h, n_r, rows[-1][2] if ref else n_h
    while i > 0 and j > 0:
        bit = 1 << (j - 1)
        row = rows[i]
        up = cur - 1 if row[3] & bit else cur + 1 if row[4] & bit else cur  # D[i - 1][j]
        prev = rows[i - 1]
        diag = up - 1 if prev[0] & bit else up + 1 if prev[1] & bit else up  # D[i - 1][j - 1]
        if hyp[i - 1] == ref[j - 1]:
            if diag == cur:  # a match: hypothesis word i - 1 sits at reference position j - 1
                i -= 1
                j -= 1
                align[j] = i
                continue
        elif diag + 1 == cur:  # a substitution
            i -= 1
            j -= 1
            align[j] = i
            ref_err[j] = hyp_err[i] = 1
            continue
        if up + 1 == cur:  # hypothesis word i - 1 only
            i -= 1
            hyp_err[i] = 1
            cur = up
        else:  # reference word j - 1 only, after hypothesis word i - 1
            j -= 1
            align[j] = i - 1
            ref_err[j] = 1
            cur -= 1
    # The rest of the first column: hypothesis words only; of the first row: reference words only.
    hyp_err[:i] = [1] * i
    ref_err[:j] = [1] * j
    align[:j] = [i - 1] * j
    return align, [0, *accumulate(ref_err)], [0, *accumulate(hyp_err)]


def beam_rows(hyp: Sequence[int], ref: Sequence[int], beam: list[tuple[int, int]], start: int = 1,
               rows: list[list[int]] | None = None) -> list[list[int]]:
    """The integer rows of sacrebleu's beam DP (cells outside the beam hold the 'infinity' 1e16).

    ``rows`` may hold already computed rows 0..start-1 (a shared hypothesis prefix)."""
    n_r = len(ref)
    inf = INF
    if rows is None:
        rows = [list(range(n_r + 1))]
    else:
        rows = rows[:start]
    prev = rows[-1]
    for i in range(start, len(hyp) + 1):
        lo, hi = beam[i]
        w = hyp[i - 1]
        cur = [inf] * (n_r + 1)
        if lo == 0:
            cur[0] = prev[0] + 1
            lo = 1
        left = cur[lo - 1]
        for j in range(lo, hi):
            v = prev[j - 1] if w == ref[j - 1] else prev[j - 1] + 1
            d = prev[j] + 1
            if d < v:
                v = d
            d = left + 1
            if d < v:
                v = d
            if v > inf:  # a cell reachable only through uncomputed cells stays 'infinite'
                v = inf
            cur[j] = v
            left = v
        rows.append(cur)
        prev = cur
    return rows


def trace(hyp: Sequence[int], ref: Sequence[int], rows: list[list[int]]) -> str:
    """Back-trace of the beam DP with sacrebleu's operation choice at each visited cell."""
    ops = []
    i, j = len(hyp), len(ref)
    inf = INF
    while i > 0 or j > 0:
        if i == 0:
            op = "i"  # the initial row: insertions of reference words
        elif j == 0:
            op = "d"
        else:
            cur, prev = rows[i], rows[i - 1]
            val, op = inf, "x"
            sub = prev[j - 1] + (0 if hyp[i - 1] == ref[j - 1] else 1)
            if sub < val:
                val, op = sub, (" " if hyp[i - 1] == ref[j - 1] else "s")
            if prev[j] + 1 < val:
                val, op = prev[j] + 1, "d"
            if cur[j - 1] + 1 < val:
                val, op = cur[j - 1] + 1, "i"
            if op == "x":
                raise RuntimeError("TER beam search left the final cell unreachable")
        ops.append(op)
        if op in (" ", "s"):
            i -= 1
            j -= 1
        elif op == "i":
            j -= 1
        else:
            i -= 1
    ops.reverse()
    return "".join(ops)
