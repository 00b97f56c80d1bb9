"""Bead costs: how unlikely is it that these source sentences and these target sentences translate each other?

Costs are in nats (negative log-likelihood ratios against "unrelated"), summed from:

* **Similarity, sentence by sentence.** Every sentence of a bead must earn its place: it is compared with the
  whole other side of the bead (a target sentence with the retranslation of all the bead's source
  sentences, a source sentence with all its target sentences). A fragment of a split translation still
  shares n-grams with its source; a web-page line glued to a neighbour shares none and pays for it.
  Similarities are rescaled per document and signal so that an unrelated pair scores 0 and a typical
  aligned pair 1 (``Calibration``); ``align_evidence.Evidence`` turns that into nats, first with a generic
  curve, then with one measured on the document itself (see ``align_evidence.fit_evidence``).
* **Length** (Gale & Church 1993): the target length is about ``ratio * source length``, with a variance
  that grows with length.
* **Sentence breaks**: joining two sentences of one side costs ``JOIN_COST``, nothing across a weak break
  (colon, semicolon, lower-case continuation: where splitters over-split); a bead that straddles a
  paragraph break, or starts a paragraph on one side only, costs ``PARAGRAPH_COST``, and so does one that
  joins a line without final punctuation (a heading, a menu item, a button) to a sentence (``align_breaks``).
* **Boundaries** (once measured on a first alignment, see ``align_boundary``): a bead boundary that content
  crosses costs the evidence that its two sides belong to one bead.
"""

from __future__ import annotations

import math
from collections.abc import Sequence
from dataclasses import dataclass

import numpy as np

from .align_boundary import boundary_cost
from .align_evidence import Evidence
from .align_features import Profiles, without_neighbour
from .align_sample import away_from_path, random_pairs
from .align_similarity import band_dots, band_gather, neighbour_dots, pair_dots

# --- the model's few parameters (nats) ----------------------------------------------------------------------
NULL_COST = 3.0        # a sentence left unaligned (prior odds of ~1:20 against)
LENGTH_VARIANCE = 6.8  # Gale & Church's variance per character
JOIN_COST = 1.5        # joining two sentences of one side into one bead across a full stop
JOIN_COST_WEAK = 0.0   # ... across a weak break
PARAGRAPH_COST = 1.5   # a bead that crosses a paragraph break, or starts a paragraph on one side only
CONTENT_MATCH = 0.5                 # calibrated similarity (1 = a typical best match) of a sure content match
# The documents' length ratio yields to the content matches' beyond this factor. Real translations measured
# within 1.08 of theirs (Text+Berg, its halves, the bundled article; every MT and embeddings setting); an MT
# that dropped every third sentence measured 1.39 (Text+Berg), and with the documents' ratio the first
# alignment glued source sentences in pairs to fit it (strict F1 0.758; 0.824 with the content ratio).
CONTENT_RATIO_GAP = 1.2
# ... but with fewer content matches than this, only beyond the wider factor: a few pairs' ratio is noisy
# (pieces of Text+Berg of 5 beads aligned worse with 1.2: strict F1 0.890 -> 0.877).
CONTENT_RATIO_PAIRS = 20
CONTENT_RATIO_GAP_FEW = 1.5
LENGTH_BONUS = float(np.log(3.0))   # a length-matched pair against an unrelated one (see _length_cost)


@dataclass
class Signal:
    """One similarity signal: ``left`` rows belong to source sentences, ``right`` rows to target sentences.

    ``group`` names what is compared (``forward``: retranslated source vs target; ``backward``: source vs
    retranslated target; ``literal``: source vs target as written). Signals of one group (several
    retranslations) are averaged over those that have the sentences (a blank line has none); then the
    groups are averaged."""

    left: Profiles
    right: Profiles
    group: str


@dataclass
class Calibration:
    """Cosine of an unrelated pair (``random``) and of a typical aligned pair (``typical``)."""

    random: float
    typical: float

    def rescale(self, cos: np.ndarray) -> np.ndarray:
        return (cos - self.random) / (self.typical - self.random)


class _SignalBand:
    """A signal's dot products inside the pair band plus what is needed for multi-sentence norms."""

    def __init__(self, sig: Signal, plo: np.ndarray, pwidth: int, span_a: int, span_b: int,
                 sample: tuple[np.ndarray, np.ndarray]) -> None:
        self.group = sig.group
        self.dots = band_dots(sig.left, sig.right, plo, pwidth).astype(np.float64)
        self.sq_left = sig.left.sq_norms()
        self.sq_right = sig.right.sq_norms()
        self.nb_left = neighbour_dots(sig.left, span_a - 1).astype(np.float64)
        self.nb_right = neighbour_dots(sig.right, span_b - 1).astype(np.float64)
        rows, cols = sample
        self.random_cos = pair_dots(sig.left, sig.right, rows, cols) / np.sqrt(
            np.maximum(self.sq_left[rows] * self.sq_right[cols], 1e-12)) if len(rows) else np.zeros(0)
        self.calibration = self._calibrate(sig.right.n, plo)
        self._sig, self._plo, self._pwidth = sig, plo, pwidth
        self._exclusive: tuple[np.ndarray, np.ndarray] | None = None

    def exclusive_dots(self) -> tuple[np.ndarray, np.ndarray]:
        """Dot products inside the pair band of what neighbouring sentences do not share (``align_boundary``):
        ``(before, after)``: ``before[r, c]`` pairs source ``r`` without what source ``r+1`` has with target
        ``c`` without what target ``c-1`` has; ``after`` the reverse (source ``r`` without ``r-1``, target
        ``c`` without ``c+1``). Computed once, when a boundary model first needs them."""
        if self._exclusive is None:
            sig = self._sig
            self._exclusive = (
                band_dots(without_neighbour(sig.left, 1), without_neighbour(sig.right, -1),
                          self._plo, self._pwidth).astype(np.float64),
                band_dots(without_neighbour(sig.left, -1), without_neighbour(sig.right, 1),
                          self._plo, self._pwidth).astype(np.float64))
        return self._exclusive

    def _calibrate(self, m: int, plo: np.ndarray) -> Calibration:
        if len(self.random_cos) == 0 or m == 0:
            return Calibration(0.0, 1.0)
        random = float(self.random_cos.mean())
        # Best candidate of each source sentence inside the band: mostly its true partner.
        cols_all = plo[:, None] + np.arange(self.dots.shape[1])[None, :]
        norms = np.sqrt(np.maximum(self.sq_left[:, None] * self.sq_right[np.minimum(cols_all, m - 1)], 1e-12))
        cos = np.where(cols_all < m, self.dots / norms, 0.0)
        best = cos.max(axis=1)[self.sq_left > 0] if cos.size else np.zeros(0)
        typical = float(np.median(best)) if len(best) else random + 0.1
        # A signal that never rises above noise (unrelated scripts, no names) gets a wide scale, so that it
        # cannot produce strong evidence either way.
        typical = max(typical, random + 0.05)
        return Calibration(random, typical)


@dataclass
class DocumentSide:
    """What the cost model needs about one side, besides similarity profiles."""

    lengths: np.ndarray                   # characters per sentence
    paragraph_start: np.ndarray | None     # bool per sentence, None when paragraphs carry no information
    weak_break: np.ndarray | None = None   # bool per sentence: the break after it is weak
    copied: np.ndarray | None = None       # bool per sentence: written in the other side's script
    furniture_break: np.ndarray | None = None  # bool per sentence: the break after it borders page furniture


class BeadCosts:
    """The cost function handed to ``run_dp``: bead costs for chunks of state rows."""

    def __init__(self, signals: Sequence[Signal], src: DocumentSide, tgt: DocumentSide,
                 lo: np.ndarray, width: int, bead_types: Sequence[tuple[int, int]], seed: int = 0) -> None:
        self.n, self.m = len(src.lengths), len(tgt.lengths)
        self.lo, self.width, self.types = lo, width, list(bead_types)
        self.src, self.tgt = src, tgt
        span_a = max(a for a, _ in self.types)
        span_b = max(b for _, b in self.types)
        n, m = self.n, self.m
        # Pair band: sentence pair (r, c) is needed if some bead through an allowed state covers it.
        r = np.arange(n)
        self.plo = np.maximum(lo[np.maximum(r - span_a + 1, 0)] - span_b, 0)
        phi = lo[np.minimum(r + span_a, n)] + width
        self.pwidth = int((phi - self.plo).max()) if n else 0
        sample = random_pairs(n, m, seed)
        self.sample = sample
        self.bands = [_SignalBand(s, self.plo, self.pwidth, span_a, span_b, sample) for s in signals]
        self.groups: dict[str, list[int]] = {}
        for k, band in enumerate(self.bands):
            self.groups.setdefault(band.group, []).append(k)
        # Signals that share their group are averaged where present (``combine``); only theirs is measured.
        self.averaged = [len(self.groups[band.group]) > 1 for band in self.bands]
        total_s, total_t = float(src.lengths.sum()), float(tgt.lengths.sum())
        self.ratio = total_t / total_s if total_s > 0 and total_t > 0 else 1.0
        # The documents' length ratio is a translation's only where both hold the same text. An MT page with
        # three times the article's length in menus and boilerplate gave a ratio of 4, and every source
        # sentence took 4-5 lines of boilerplate instead of its translation (QA). Where the sentences that
        # are each other's best match by content have a length ratio far from it, theirs is used.
        measured = self._content_ratio()
        if measured is not None:
            content, pairs = measured
            gap = CONTENT_RATIO_GAP if pairs >= CONTENT_RATIO_PAIRS else CONTENT_RATIO_GAP_FEW
            if max(content / self.ratio, self.ratio / content) > gap:
                self.ratio = content
        self.variance = LENGTH_VARIANCE
        self.len_cum_s = np.concatenate(([0.0], np.cumsum(src.lengths)))
        self.len_cum_t = np.concatenate(([0.0], np.cumsum(tgt.lengths)))
        self.evidence = Evidence()
        # Evidence that a boundary's two sides belong to one bead, as a function of their similarity across it
        # (``align_boundary``); measured on the document's first alignment, None before.
        self.boundary: Evidence | None = None
        # Unit of that similarity (``align_boundary.fit_boundary`` sets it from the document's own boundaries).
        self.crossing_scale = 1.0

    def _content_ratio(self) -> tuple[float, int] | None:
        """Length ratio (target / source characters) of the sentence pairs that are each other's best match
        by a translation signal (a retranslation, embeddings), clearly above chance; without one, by what
        the two sides share as written (numbers, names, punctuation, Latin-script words), a copy of the other
        side's text left out, and the number of those pairs. None where there are too few of them to tell
        (fewer than 3, or than 30% of the shorter document)."""
        # Without a model the literal signal is all the content evidence there is (QA: an MT page with menu
        # lines, a cookie banner and "Share on Facebook" took the documents' ratio, 1.8, and its real
        # sentences swallowed the boilerplate lines around them, when no retranslation could be had).
        bands = ([b for b in self.bands if b.group != "literal"]
                 or [b for b in self.bands if b.group == "literal"])
        n, m = self.n, self.m
        if not bands or not n or not m or not self.pwidth:
            return None
        cols = self.plo[:, None] + np.arange(self.pwidth)[None, :]
        valid = cols < m
        safe = np.minimum(cols, m - 1)
        sims = []
        for band in bands:
            norms = np.sqrt(np.maximum(band.sq_left[:, None] * band.sq_right[safe], 1e-12))
            cos = band.dots[:, :self.pwidth] / norms
            sims.append(band.calibration.rescale(cos))
        sim = np.where(valid, np.mean(sims, axis=0), -np.inf)
        best_k = sim.argmax(axis=1)
        best_c, best_s = cols[np.arange(n), best_k], sim[np.arange(n), best_k]
        # Each target sentence's best source sentence (the last of the ties), over the band's valid pairs.
        rr, cc = np.nonzero(valid)
        order = np.lexsort((sim[rr, cc], cols[rr, cc]))
        tc, tr, ts = cols[rr, cc][order], rr[order], sim[rr, cc][order]
        last = np.r_[tc[1:] != tc[:-1], True]
        best_r, col_best = np.full(m, -1), np.full(m, -np.inf)
        best_r[tc[last]], col_best[tc[last]] = tr[last], ts[last]
        copy = np.zeros(n, dtype=bool)
        if self.src.copied is not None:
            copy |= self.src.copied
        if self.tgt.copied is not None:
            copy |= self.tgt.copied[np.minimum(best_c, m - 1)]
        mutual = np.flatnonzero((best_s > CONTENT_MATCH) & (best_c < m) & ~copy
                                & (best_r[np.minimum(best_c, m - 1)] == np.arange(n)))
        if len(mutual) < max(min(3, n, m), math.ceil(0.3 * min(n, m))):
            return None
        # A pair's bead takes the neighbours on either side whose own best match is the pair's other member:
        # a sentence the MT split in two matches its source with either half (their ratio is not the pair's).
        ls = lt = 0.0
        for r in mutual:
            c = int(best_c[r])
            group_s, group_t = [int(r)], [c]
            for step in (-1, 1):
                k = c + step
                while 0 <= k < m and best_r[k] == r and col_best[k] > CONTENT_MATCH:
                    group_t.append(k)
                    k += step
                k = int(r) + step
                while 0 <= k < n and best_c[k] == c and best_s[k] > CONTENT_MATCH:
                    group_s.append(k)
                    k += step
            ls += float(self.src.lengths[group_s].sum())
            lt += float(self.tgt.lengths[group_t].sum())
        return (lt / ls, len(mutual)) if ls > 0 and lt > 0 else None

    # -- similarity ------------------------------------------------------------------------------------------

    def combine(self, per_signal: list[np.ndarray], present: list[np.ndarray | None]) -> np.ndarray:
        """Mean within each group over the signals ``present`` (both sentences non-blank; None for a signal
        alone in its group, whose presence does not matter), mean over groups.

        Several retranslations are averaged rather than the best one taken: the best of several noisy
        similarities favours a chance match. On Text+Berg, Google and Europarl MT together aligned better by
        their mean than by their best in 10 of 12 settings (whole document and each half, one or both
        directions, with or without embeddings), the same in one, 0.001 of strict F1 worse in one."""
        out = []
        for ks in self.groups.values():
            if len(ks) == 1:
                out.append(per_signal[ks[0]])
                continue
            vals = np.array([per_signal[k] for k in ks])
            weight = np.array([np.broadcast_to(np.asarray(present[k]), vals.shape[1:]) for k in ks], dtype=float)
            count = weight.sum(axis=0)
            mean = (vals * weight).sum(axis=0) / np.maximum(count, 1.0)
            out.append(np.where(count > 0, mean, vals.max(axis=0)))  # all blank: as low as it comes
        return np.mean(out, axis=0)

    def unrelated_similarity(self, path: Sequence[tuple[int, int]] | None = None) -> np.ndarray:
        """Calibrated, combined similarity of the sampled unrelated pairs; with a first alignment's ``path``,
        of those away from its aligned pairs (``align_sample.away_from_path``)."""
        if not self.bands:
            return np.zeros(0)
        rows, cols = self.sample
        keep = away_from_path(rows, cols, path) if path is not None else np.ones(len(rows), dtype=bool)
        rows, cols = rows[keep], cols[keep]
        return self.combine([b.calibration.rescale(b.random_cos[keep]) for b in self.bands],
                            [(b.sq_left[rows] > 0) & (b.sq_right[cols] > 0) if avg else None
                             for b, avg in zip(self.bands, self.averaged, strict=True)])

    def member_similarity(self, a: int, b: int, rows: np.ndarray, j: np.ndarray) -> list[np.ndarray]:
        """Calibrated similarity of every member of beads (a, b) ending at states (rows, j) with the other
        side of its bead: ``a`` arrays for the source members (last first), then ``b`` for the target."""
        shape = np.broadcast_shapes(rows.shape, j.shape)
        if not self.bands:
            return [np.zeros(shape) for _ in range(a + b)]
        per_member: list[list[np.ndarray]] = [[] for _ in range(a + b)]
        present: list[list[np.ndarray | None]] = [[] for _ in range(a + b)]
        src_rows = [np.clip(rows - 1 - p, 0, self.n - 1) for p in range(a)]
        tgt_cols = [np.clip(j - 1 - q, 0, self.m - 1) for q in range(b)]
        for band, averaged in zip(self.bands, self.averaged, strict=True):
            blk = [[band_gather(band.dots, rows - 1 - p, j - 1 - q, self.plo) for q in range(b)] for p in range(a)]
            n_src = np.zeros(shape) + sum(band.sq_left[r] for r in src_rows)
            for p in range(a):
                for p2 in range(p + 1, a):  # sentence i-1-p2 comes p2-p sentences before i-1-p
                    n_src = n_src + 2 * band.nb_left[src_rows[p2], p2 - p - 1]
            n_tgt = np.zeros(shape) + sum(band.sq_right[c] for c in tgt_cols)
            for q in range(b):
                for q2 in range(q + 1, b):
                    n_tgt = n_tgt + 2 * band.nb_right[tgt_cols[q2], q2 - q - 1]
            cal = band.calibration
            for p in range(a):
                dot = sum(blk[p][q] for q in range(b))
                cos = dot / np.sqrt(np.maximum(band.sq_left[src_rows[p]] * n_tgt, 1e-12))
                per_member[p].append(cal.rescale(cos))
                present[p].append((band.sq_left[src_rows[p]] > 0) & (n_tgt > 0) if averaged else None)
            for q in range(b):
                dot = sum(blk[p][q] for p in range(a))
                cos = dot / np.sqrt(np.maximum(band.sq_right[tgt_cols[q]] * n_src, 1e-12))
                per_member[a + q].append(cal.rescale(cos))
                present[a + q].append((band.sq_right[tgt_cols[q]] > 0) & (n_src > 0) if averaged else None)
        return [self.combine(x, v) for x, v in zip(per_member, present, strict=True)]

    # -- other terms -------------------------------------------------------------------------------------------

    def null_target(self) -> np.ndarray:
        """Cost of leaving each target sentence unaligned."""
        return np.full(self.m, NULL_COST)

    def _length_cost(self, ls: np.ndarray, lt: np.ndarray) -> np.ndarray:
        # Gale-Church: lt ~ N(ratio * ls, variance * mean length). Against an unrelated pair (whose delta
        # is spread ~3x wider) this is worth log(3) - delta^2 (1 - 1/9) / 2 nats; capped because real
        # translations sometimes add or drop a clause.
        mean = np.maximum((ls * self.ratio + lt) / 2, 1.0)
        delta = (lt - self.ratio * ls) / np.sqrt(self.variance * mean)
        return -(LENGTH_BONUS - np.minimum(delta * delta, 16.0) * (4.0 / 9.0))

    def _join_cost(self, a: int, b: int, rows: np.ndarray, j: np.ndarray) -> np.ndarray:
        cost = np.zeros(np.broadcast_shapes(rows.shape, j.shape))
        for side, count, idx, size in ((self.src, a, rows, self.n), (self.tgt, b, j, self.m)):
            for p in range(1, count):  # the break after sentence idx-1-p lies inside the bead
                k = np.clip(idx - 1 - p, 0, size - 1)
                if side.weak_break is None:
                    cost = cost + JOIN_COST
                else:
                    cost = cost + np.where(side.weak_break[k], JOIN_COST_WEAK, JOIN_COST)
                if side.furniture_break is not None:
                    extra = side.furniture_break[k]
                    if side.paragraph_start is not None:  # a paragraph break is paid for already
                        extra = extra & ~side.paragraph_start[np.clip(k + 1, 0, size - 1)]
                    cost = cost + PARAGRAPH_COST * extra
        return cost

    def _paragraph_cost(self, a: int, b: int, rows: np.ndarray, j: np.ndarray) -> np.ndarray:
        cost = np.zeros(np.broadcast_shapes(rows.shape, j.shape))
        ps, pt = self.src.paragraph_start, self.tgt.paragraph_start
        if ps is not None and a > 1:
            inner = sum(ps[np.clip(rows - 1 - p, 0, self.n - 1)].astype(np.float64) for p in range(a - 1))
            cost = cost + PARAGRAPH_COST * inner
        if pt is not None and b > 1:
            inner = sum(pt[np.clip(j - 1 - q, 0, self.m - 1)].astype(np.float64) for q in range(b - 1))
            cost = cost + PARAGRAPH_COST * inner
        if ps is not None and pt is not None and a and b:
            s0 = ps[np.clip(rows - a, 0, self.n - 1)]
            t0 = pt[np.clip(j - b, 0, self.m - 1)]
            cost = cost + PARAGRAPH_COST * (s0 != t0)
        return cost

    def _has_copy(self, a: int, b: int, rows: np.ndarray, j: np.ndarray) -> np.ndarray:
        """Whether the bead holds a sentence written in the other side's script.

        Such a sentence is an untranslated copy (an MT that passed a title through). It may align 1-1 (it
        may be the only "translation" there is), but its overlap with the source is no evidence of a
        translation, so such a bead earns no similarity evidence; and it never joins a multi-sentence bead,
        where the real translation next to it would otherwise carry it along."""
        out = np.zeros(np.broadcast_shapes(rows.shape, j.shape), dtype=bool)
        for side, count, idx, size in ((self.src, a, rows, self.n), (self.tgt, b, j, self.m)):
            if side.copied is None or not side.copied.any():
                continue
            for p in range(count):
                out = out | side.copied[np.clip(idx - 1 - p, 0, size - 1)]
        return out

    def bead_cost(self, a: int, b: int, rows: np.ndarray, j: np.ndarray) -> np.ndarray:
        """Cost of beads (a, b) ending at states (rows, j); +inf where the bead would leave the document."""
        shape = np.broadcast_shapes(rows.shape, j.shape)
        if b == 0:  # 1-0: a source sentence left unaligned
            cost = np.full(shape, NULL_COST)
        else:
            ls = self.len_cum_s[np.clip(rows, 0, self.n)] - self.len_cum_s[np.clip(rows - a, 0, self.n)]
            lt = self.len_cum_t[np.clip(j, 0, self.m)] - self.len_cum_t[np.clip(j - b, 0, self.m)]
            cost = self._length_cost(ls + np.zeros(shape), lt + np.zeros(shape))
            evidence = sum(self.evidence(s_hat) for s_hat in self.member_similarity(a, b, rows, j))
            copy = self._has_copy(a, b, rows, j)
            if a > 1 or b > 1:
                evidence = np.where(copy, -np.inf, evidence)
            else:
                # Text copied from the source resembles the source without being evidence of a translation.
                evidence = np.where(copy, np.minimum(evidence, 0.0), evidence)
            cost = cost - evidence
            cost = cost + self._paragraph_cost(a, b, rows, j) + self._join_cost(a, b, rows, j)
        return np.where((j - b >= 0) & (j <= self.m) & (rows - a >= 0), cost, np.inf)

    def fit_length(self, path: Sequence[tuple[int, int]]) -> None:
        """Re-estimate the length ratio and variance from the 1-1 beads of a first alignment."""
        ls, lt = [], []
        for (i0, j0), (i1, j1) in zip(path[:-1], path[1:], strict=True):
            if i1 - i0 == 1 and j1 - j0 == 1:
                ls.append(self.src.lengths[i0])
                lt.append(self.tgt.lengths[j0])
        if len(ls) < 20:
            return
        a, b = np.asarray(ls), np.asarray(lt)
        ok = (a > 0) & (b > 0)
        if ok.sum() < 20:
            return
        ratio = float(np.sum(b[ok]) / np.sum(a[ok]))
        mean = (a[ok] * ratio + b[ok]) / 2
        # Median of a chi-square with one degree of freedom is 0.455: robust to the odd wrong bead.
        var = float(np.median((b[ok] - ratio * a[ok]) ** 2 / mean) / 0.455)
        self.ratio, self.variance = ratio, float(np.clip(var, 1.0, 50.0))

    # -- the CostFn ----------------------------------------------------------------------------------------

    def __call__(self, i0: int, i1: int) -> dict[tuple[int, int], np.ndarray]:
        rows = np.arange(i0, i1)[:, None]
        j = self.lo[i0:i1, None] + np.arange(self.width)[None, :]
        out = {(a, b): self.bead_cost(a, b, rows, j) for a, b in self.types}
        if self.boundary is not None:
            # Every aligned bead pays for the boundary it ends at. Unaligned sentences do not: the boundary
            # model is measured between aligned beads, and a caption or a page header that repeats a name of
            # the next sentence is no reason to glue it to a bead.
            bc = boundary_cost(self, rows, j)
            out = {(a, b): c + bc if a and b else c for (a, b), c in out.items()}
        return out
