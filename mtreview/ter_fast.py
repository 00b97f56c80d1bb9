"""Translation edit rate, computed exactly as sacrebleu's ``lib_ter`` does, only faster.

sacrebleu re-implements Tercom: greedy word shifts, each judged by a *beam* edit distance (only cells near
the length-scaled diagonal of the DP matrix are computed). Its cost is the pure-Python DP with per-cell
tuples, run once for every shift candidate. Here the same algorithm is reproduced step for step, with
two changes that cannot alter a single value:

* the distance of a shift candidate (no trace needed) comes from a bit-parallel Levenshtein
  (Myers 1999 / Hyyrö 2001) over Python integers, ~15 integer operations per hypothesis word. It equals
  the beam distance whenever every cell a path of that cost can visit lies inside the beam (an exact
  check, ``_band_ok``); otherwise the beam DP itself is run;
* the traced DP (needed once per shift round, for the alignment that filters candidates) stores plain
  integer rows and recomputes the chosen operation only along the back-trace, with sacrebleu's
  tie-breaking (substitution/match, then deletion, then insertion; first strictly smaller wins).

Candidate enumeration, the filters, the 1000-candidate limit and the ranking tuple follow sacrebleu's
``_shift`` line by line; tests compare against sacrebleu on random and real data.
"""

from __future__ import annotations

import math
from collections.abc import Sequence

# sacrebleu.metrics.lib_ter constants (Tercom-inspired limits).
_MAX_SHIFT_SIZE = 10
_MAX_SHIFT_DIST = 50
_BEAM_WIDTH = 25
_MAX_SHIFT_CANDIDATES = 1000
_INF = int(1e16)


def _beam(n_h: int, n_r: int) -> list[tuple[int, int]]:
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


def _full(beam: list[tuple[int, int]], n_r: int) -> bool:
    return all(lo == 0 and hi == n_r + 1 for lo, hi in beam)


def _band_ok(beam: list[tuple[int, int]], n_h: int, n_r: int, d: int) -> bool:
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


def _peq(ref: Sequence[int]) -> dict[int, int]:
    """Bit masks of the positions of each reference word."""
    masks: dict[int, int] = {}
    for j, w in enumerate(ref):
        masks[w] = masks.get(w, 0) | (1 << j)
    return masks


def _levenshtein(hyp: Sequence[int], peq: dict[int, int], m: int,
                 keep: list[tuple[int, int]] | None = None) -> int:
    """Unrestricted word-level Levenshtein distance, bit-parallel (global alignment variant).

    With ``keep``, appends the vertical delta vectors (plus, minus) after each hypothesis word: row i of
    the DP is then ``D[i][j] = i + popcount(plus_i & (2**j - 1)) - popcount(minus_i & (2**j - 1))``."""
    if m == 0:
        return len(hyp)
    full = (1 << m) - 1
    top = 1 << (m - 1)
    pv, mv, score = full, 0, m
    get = peq.get
    for w in hyp:
        eq = get(w, 0)
        xv = eq | mv
        xh = (((eq & pv) + pv) ^ pv) | eq
        ph = mv | (~(xh | pv) & full)
        mh = pv & xh
        if ph & top:
            score += 1
        elif mh & top:
            score -= 1
        ph = ((ph << 1) | 1) & full  # carry-in 1: the top row D[0][j] = j grows along the hypothesis
        mh = (mh << 1) & full
        pv = mh | (~(xv | ph) & full)
        mv = ph & xv
        if keep is not None:
            keep.append((pv, mv))
    return score


def _bit_trace(hyp: Sequence[int], ref: Sequence[int], peq: dict[int, int]) -> tuple[int, str]:
    """Distance and back-trace of the *unrestricted* DP, with sacrebleu's operation preference
    (match/substitution, then deletion, then insertion), from bit-parallel row vectors."""
    n_r = len(ref)
    vectors = [((1 << n_r) - 1, 0)]  # row 0: D[0][j] = j
    d = _levenshtein(hyp, peq, n_r, vectors)

    def value(i: int, j: int) -> int:
        plus, minus = vectors[i]
        mask = (1 << j) - 1
        return i + (plus & mask).bit_count() - (minus & mask).bit_count()

    ops = []
    i, j, cur = len(hyp), n_r, d
    while i > 0 and j > 0:
        diag = value(i - 1, j - 1)
        same = hyp[i - 1] == ref[j - 1]
        if diag + (0 if same else 1) == cur:
            ops.append(" " if same else "s")
            i -= 1
            j -= 1
            cur = diag
            continue
        up = value(i - 1, j)
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
    return d, "".join(ops)


def _beam_rows(hyp: Sequence[int], ref: Sequence[int], beam: list[tuple[int, int]], start: int = 1,
               rows: list[list[int]] | None = None) -> list[list[int]]:
    """The integer rows of sacrebleu's beam DP (cells outside the beam hold the 'infinity' 1e16).

    ``rows`` may hold already computed rows 0..start-1 (a shared hypothesis prefix)."""
    n_r = len(ref)
    inf = _INF
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


def _trace(hyp: Sequence[int], ref: Sequence[int], rows: list[list[int]]) -> str:
    """Back-trace of the beam DP with sacrebleu's operation choice at each visited cell."""
    ops = []
    i, j = len(hyp), len(ref)
    inf = _INF
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


def _alignment(trace: str) -> tuple[list[int], list[int], list[int]]:
    """sacrebleu's ``trace_to_alignment`` of the flipped trace, read directly from the unflipped one
    (here ``d`` consumes a hypothesis word only, ``i`` a reference word only), as lists.

    Returns (align: reference position -> hypothesis position, reference error flags, hypothesis error
    flags). Every reference position gets an entry, so ``align`` is a list."""
    pos_hyp = -1
    align: list[int] = []
    ref_err: list[int] = []
    hyp_err: list[int] = []
    for op in trace:
        if op == " ":
            pos_hyp += 1
            align.append(pos_hyp)
            hyp_err.append(0)
            ref_err.append(0)
        elif op == "s":
            pos_hyp += 1
            align.append(pos_hyp)
            hyp_err.append(1)
            ref_err.append(1)
        elif op == "d":  # flipped: an insertion into the hypothesis
            pos_hyp += 1
            hyp_err.append(1)
        else:  # "i", flipped: a deletion of a reference word
            align.append(pos_hyp)
            ref_err.append(1)
    return align, ref_err, hyp_err


def _prefix_sums(flags: list[int]) -> list[int]:
    out = [0]
    acc = 0
    for f in flags:
        acc += f
        out.append(acc)
    return out


def _perform_shift(words: list[int], start: int, length: int, target: int) -> list[int]:
    if target < start:
        return words[:target] + words[start:start + length] + words[target:start] + words[start + length:]
    if target > start + length:
        return words[:start] + words[start + length:target] + words[start:start + length] + words[target:]
    return (words[:start] + words[start + length:length + target] + words[start:start + length]
            + words[length + target:])


class _Distance:
    """Beam edit distance of hypotheses of one fixed length against one reference, memoised."""

    def __init__(self, ref: list[int], n_h: int) -> None:
        self.ref = ref
        self.n_r = len(ref)
        self.n_h = n_h
        self.beam = _beam(n_h, self.n_r)
        self.full = _full(self.beam, self.n_r)
        self.peq = _peq(ref)
        self.lower_memo: dict[tuple[int, ...], int] = {}
        self.memo: dict[tuple[int, ...], int] = {}
        self.base: list[int] = []
        self.base_rows: list[list[int]] | None = None

    def lower(self, hyp: list[int]) -> int:
        """The unrestricted distance: a lower bound of the beam distance, equal to it when ``_band_ok``."""
        key = tuple(hyp)
        d = self.lower_memo.get(key)
        if d is None:
            d = self.lower_memo[key] = _levenshtein(hyp, self.peq, self.n_r)
        return d

    def exact(self, hyp: list[int]) -> int:
        """The beam distance sacrebleu computes."""
        key = tuple(hyp)
        d = self.memo.get(key)
        if d is None:
            d = self.lower(hyp)
            if not self.full and not _band_ok(self.beam, self.n_h, self.n_r, d):
                # Rows of the last traced hypothesis are shared up to the first differing word.
                if self.base_rows is None:
                    self.base_rows = _beam_rows(self.base, self.ref, self.beam)
                start = 0
                for a, b in zip(hyp, self.base, strict=True):
                    if a != b:
                        break
                    start += 1
                d = _beam_rows(hyp, self.ref, self.beam, start + 1, self.base_rows)[-1][-1]
            self.memo[key] = d
        return d

    def traced(self, hyp: list[int]) -> tuple[int, str]:
        """Beam distance and back-trace. When the unrestricted optimum provably stays inside the beam,
        both DPs give the same trace (every cell on an optimal path has the same value in both, and the
        operation choice only compares values), so the bit-parallel one is used."""
        self.base = hyp
        self.base_rows = None
        lower = self.lower(hyp)
        if self.full or _band_ok(self.beam, self.n_h, self.n_r, lower):
            d, trace = _bit_trace(hyp, self.ref, self.peq)
        else:
            self.base_rows = _beam_rows(hyp, self.ref, self.beam)
            d = self.base_rows[-1][-1]
            trace = _trace(hyp, self.ref, self.base_rows)
        self.memo[tuple(hyp)] = d
        return d, trace


def _best_shift(words_h: list[int], words_r: list[int], ref_pos: dict[int, list[int]], dist: _Distance,
                checked: int) -> tuple[int, list[int], int, int]:
    """One round of sacrebleu's ``_shift``. Returns (gain, shifted words, candidates checked, pre-shift
    distance).

    The (start_h, start_r, length) triples come in ``_find_shifted_pairs`` order: hypothesis position,
    then reference position (only those holding the same word can match), then growing length."""
    pre_score, inv_trace = dist.traced(words_h)
    align, ref_err, hyp_err = _alignment(inv_trace)
    hyp_cum = _prefix_sums(hyp_err)
    ref_cum = _prefix_sums(ref_err)
    n_h, n_r = len(words_h), len(words_r)
    best = None
    for start_h in range(n_h):
        if hyp_cum[min(n_h, start_h + _MAX_SHIFT_SIZE)] == hyp_cum[start_h]:
            continue  # no hypothesis error within reach: every length fails the first filter below
        for start_r in ref_pos.get(words_h[start_h], ()):
            if abs(start_r - start_h) > _MAX_SHIFT_DIST:
                continue
            length = 0
            while words_h[start_h + length] == words_r[start_r + length] and length < _MAX_SHIFT_SIZE:
                length += 1
                # -- the body of sacrebleu's loop over shifted pairs --
                if (hyp_cum[start_h + length] - hyp_cum[start_h] != 0
                        and ref_cum[start_r + length] - ref_cum[start_r] != 0
                        and not start_h <= align[start_r] < start_h + length):
                    prev_idx = -1
                    for offset in range(-1, length):
                        idx = 0 if start_r + offset == -1 else align[start_r + offset] + 1
                        if idx == prev_idx:
                            continue
                        prev_idx = idx
                        shifted = _perform_shift(words_h, start_h, length, idx)
                        checked += 1
                        # The unrestricted distance bounds the gain from above: a candidate that cannot
                        # beat the best one even so skips the (possibly slow) beam distance.
                        if best is not None and not (pre_score - dist.lower(shifted), length, -start_h, -idx,
                                                     shifted) > best:
                            continue
                        candidate = (pre_score - dist.exact(shifted), length, -start_h, -idx, shifted)
                        if best is None or candidate > best:
                            best = candidate
                    if checked >= _MAX_SHIFT_CANDIDATES:
                        return _result(best, words_h, checked, pre_score)
                # -- end of body --
                if n_h == start_h + length or n_r == start_r + length:
                    break
    return _result(best, words_h, checked, pre_score)


def _result(best: tuple | None, words_h: list[int], checked: int, pre_score: int) -> tuple[int, list[int], int, int]:
    if best is None:
        return 0, words_h, checked, pre_score
    return best[0], best[4], checked, pre_score


def ter_edits(words_hyp: Sequence[str], words_ref: Sequence[str]) -> tuple[int, int]:
    """(number of edits, reference length) for tokenised words, equal to sacrebleu's
    ``translation_edit_rate``."""
    n_r = len(words_ref)
    n_h = len(words_hyp)
    if n_r == 0:
        return n_h, 0
    vocab: dict[str, int] = {}
    ref = [vocab.setdefault(w, len(vocab)) for w in words_ref]
    hyp = [vocab.setdefault(w, len(vocab)) for w in words_hyp]
    ref_pos: dict[int, list[int]] = {}
    for j, w in enumerate(ref):
        ref_pos.setdefault(w, []).append(j)
    dist = _Distance(ref, n_h)
    shifts = 0
    checked = 0
    words = hyp
    while True:
        gain, shifted, checked, pre = _best_shift(words, ref, ref_pos, dist, checked)
        if checked >= _MAX_SHIFT_CANDIDATES or gain <= 0:
            break
        shifts += 1
        words = shifted
    # The last round computed the distance of ``words`` (sacrebleu recomputes it from its cache).
    return shifts + pre, n_r
