"""Translation edit rate, computed exactly as sacrebleu's ``lib_ter`` does, only faster.

sacrebleu re-implements Tercom: greedy word shifts, each judged by a *beam* edit distance (only cells near
the length-scaled diagonal of the DP matrix are computed). Its cost is the pure-Python DP with per-cell
tuples, run once for every shift candidate. Here the same algorithm is reproduced step for step
(candidate enumeration, filters, the 1000-candidate limit, the ranking tuple: sacrebleu's ``_shift`` line
by line), with shortcuts that cannot change a value:

* distances and back-traces come from :mod:`mtreview.ter_dp` (bit-parallel where provably equal to the
  beam DP, the beam DP itself otherwise);
* a candidate whose gain cannot beat the best one even with the unrestricted distance (a lower bound of
  the beam distance) is not given the exact distance;
* start positions with no hypothesis error within the longest shift are skipped, since every candidate
  there fails sacrebleu's first filter anyway.

When the C module ``mtreview._ter_native`` (``mtreview/native/ter.c``, the same algorithm) was built,
:func:`ter_edits` hands it the words; :func:`ter_edits_python` is the pure-Python path (the fallback, and
the reference the tests hold the C code to). Tests compare both against sacrebleu on random, shift-heavy
and real data.
"""

from __future__ import annotations

from collections.abc import Sequence

from . import accel
from .ter_dp import _BEAM_WIDTH, band_ok, beam, beam_rows, bit_alignment, bit_rows, full, levenshtein, peq
from .ter_dp import trace as beam_trace

# sacrebleu.metrics.lib_ter constants (Tercom-inspired limits).
_MAX_SHIFT_SIZE = 10
_MAX_SHIFT_DIST = 50
_MAX_SHIFT_CANDIDATES = 1000

# The C implementation, or None (not built, or MTREVIEW_NO_NATIVE): looked up once, not per segment.
_NATIVE = accel.load("_ter_native")


def _alignment(trace: str) -> tuple[list[int], list[int], list[int]]:
    """sacrebleu's ``trace_to_alignment`` of the flipped trace, read directly from the unflipped one
    (here ``d`` consumes a hypothesis word only, ``i`` a reference word only), as lists.

    Returns (align: reference position -> hypothesis position, prefix sums of the reference error flags,
    prefix sums of the hypothesis error flags). Every reference position gets an entry, so ``align`` is a
    list."""
    pos_hyp = -1
    align: list[int] = []
    ref_cum = [0]
    hyp_cum = [0]
    r = h = 0
    for op in trace:
        if op == " ":
            pos_hyp += 1
            align.append(pos_hyp)
            hyp_cum.append(h)
            ref_cum.append(r)
        elif op == "s":
            pos_hyp += 1
            align.append(pos_hyp)
            h += 1
            r += 1
            hyp_cum.append(h)
            ref_cum.append(r)
        elif op == "d":  # flipped: an insertion into the hypothesis
            pos_hyp += 1
            h += 1
            hyp_cum.append(h)
        else:  # "i", flipped: a deletion of a reference word
            align.append(pos_hyp)
            r += 1
            ref_cum.append(r)
    return align, ref_cum, hyp_cum


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
        # A reference shorter than the beam width is covered whole by every row (no beam to compute).
        self.full = self.n_r < _BEAM_WIDTH
        self.beam = [] if self.full else beam(n_h, self.n_r)
        self.full = self.full or full(self.beam, self.n_r)
        self.peq = peq(ref)
        self.lower_memo: dict[tuple[int, ...], int] = {}
        self.memo: dict[tuple[int, ...], int] = {}
        self.base: list[int] = []
        self.base_rows: list[list[int]] | None = None
        self.base_bits: list[tuple[int, ...]] = []

    def lower(self, hyp: list[int], prefix: int = 0) -> int:
        """The unrestricted distance: a lower bound of the beam distance, equal to it when ``band_ok``.
        ``prefix``: how many leading words ``hyp`` shares with the last traced hypothesis (their
        bit-parallel state is reused)."""
        key = tuple(hyp)
        d = self.lower_memo.get(key)
        if d is None:
            if prefix and self.base_bits:
                d = levenshtein(hyp, self.peq, self.n_r, start=prefix, state=self.base_bits[prefix])
            else:
                d = levenshtein(hyp, self.peq, self.n_r)
            self.lower_memo[key] = d
        return d

    def exact(self, hyp: list[int], prefix: int = 0) -> int:
        """The beam distance sacrebleu computes."""
        key = tuple(hyp)
        d = self.memo.get(key)
        if d is None:
            d = self.lower(hyp, prefix)
            if not self.full and not band_ok(self.beam, self.n_h, self.n_r, d):
                # Rows of the last traced hypothesis are shared up to the first differing word.
                if self.base_rows is None:
                    self.base_rows = beam_rows(self.base, self.ref, self.beam)
                start = 0
                for a, b in zip(hyp, self.base, strict=True):
                    if a != b:
                        break
                    start += 1
                d = beam_rows(hyp, self.ref, self.beam, start + 1, self.base_rows)[-1][-1]
            self.memo[key] = d
        return d

    def traced(self, hyp: list[int]) -> tuple[int, tuple[list[int], list[int], list[int]]]:
        """Beam distance and the alignment its back-trace gives (``_alignment``). When the unrestricted
        optimum provably stays inside the beam, both DPs give the same trace (every cell on an optimal path
        has the same value in both, and the operation choice only compares values), so the bit-parallel one
        is used, and the alignment is read during its walk."""
        self.base = hyp
        self.base_rows = None
        self.base_bits = bit_rows(hyp, self.peq, self.n_r)
        lower = self.base_bits[-1][2]
        self.lower_memo[tuple(hyp)] = lower
        if self.full or band_ok(self.beam, self.n_h, self.n_r, lower):
            d, alignment = lower, bit_alignment(hyp, self.ref, self.base_bits)
        else:
            self.base_rows = beam_rows(hyp, self.ref, self.beam)
            d = self.base_rows[-1][-1]
            alignment = _alignment(beam_trace(hyp, self.ref, self.base_rows))
        self.memo[tuple(hyp)] = d
        return d, alignment


def _best_shift(words_h: list[int], words_r: list[int], ref_pos: dict[int, list[int]], dist: _Distance,
                checked: int) -> tuple[int, list[int], int, int]:
    """One round of sacrebleu's ``_shift``. Returns (gain, shifted words, candidates checked, pre-shift
    distance).

    The (start_h, start_r, length) triples come in ``_find_shifted_pairs`` order: hypothesis position,
    then reference position (only those holding the same word can match), then growing length."""
    pre_score, (align, ref_cum, hyp_cum) = dist.traced(words_h)
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
                        prefix = min(start_h, idx)  # words before both the block and its target stay put
                        if best is not None and not (pre_score - dist.lower(shifted, prefix), length, -start_h,
                                                     -idx, shifted) > best:
                            continue
                        candidate = (pre_score - dist.exact(shifted, prefix), length, -start_h, -idx, shifted)
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


def _word_ids(words_hyp: Sequence[str], words_ref: Sequence[str]) -> tuple[list[int], list[int]]:
    """Both sides as small ints (equal words, equal ids): both TER paths compare ints, not strings."""
    vocab: dict[str, int] = {}
    ref = [vocab.setdefault(w, len(vocab)) for w in words_ref]
    hyp = [vocab.setdefault(w, len(vocab)) for w in words_hyp]
    return hyp, ref


def ter_edits(words_hyp: Sequence[str], words_ref: Sequence[str]) -> tuple[int, int]:
    """(number of edits, reference length) for tokenised words, equal to sacrebleu's
    ``translation_edit_rate``. Runs in C when ``mtreview._ter_native`` was built."""
    n_r = len(words_ref)
    if n_r == 0:
        return len(words_hyp), 0
    if _NATIVE is None:
        return ter_edits_python(words_hyp, words_ref)
    try:
        return _NATIVE.ter_edits_words(words_hyp, words_ref), n_r  # str words: C gives them ids too
    except TypeError:  # words that are not exact str (subclasses, other hashables): ids made here
        hyp, ref = _word_ids(words_hyp, words_ref)
        return _NATIVE.ter_edits(hyp, ref), n_r


def ter_edits_python(words_hyp: Sequence[str], words_ref: Sequence[str]) -> tuple[int, int]:
    """:func:`ter_edits` in pure Python (the path taken without the C module)."""
    n_r = len(words_ref)
    n_h = len(words_hyp)
    if n_r == 0:
        return n_h, 0
    hyp, ref = _word_ids(words_hyp, words_ref)
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
