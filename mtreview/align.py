"""Sentence alignment guided by retranslation.

The contract every caller relies on: ``align_sentences`` returns beads in document order that cover every
sentence of both sides exactly once; a bead with an empty side is an insertion or a deletion.

How (details in the ``align_*`` modules):

1. Every sentence gets a sparse profile of character n-grams and anchors (``align_features``). The main
   signal compares the *retranslated* source sentences with the target sentences (Bleualign's idea, with a
   chrF-like character n-gram similarity); with a translation of the target back into the source language
   the reverse comparison is added. Without any translation the source and target are compared as written,
   transliterated: names, numbers, punctuation and cognates, weighted by rarity.
2. Costs (``align_scoring``) add similarity evidence for each sentence of a bead, the Gale-Church length
   model, paragraph and sentence breaks; a sentence that matches nothing costs less unaligned than glued.
   The document is aligned twice: the first alignment measures how similar this document's aligned
   sentences really are (a good MT, a poor MT, a free human translation, no MT at all differ a lot), and,
   with a translation, its length ratio and variance; the second alignment uses what was measured.
3. Dynamic programming over beads 1-1, 1-2, 2-1, 2-2, 1-3, 3-1 (up to 6 sentences by default), 1-0 and 0-1
   (``align_dp``), coarse to fine: long documents are first aligned as blocks of sentences and the full
   resolution search is restricted to a band around that path, so time and memory grow about linearly.
4. Every bead gets a confidence in [0, 1] (``align_confidence``). A posterior only weighs alignments
   against each other; two documents that are not translations of each other still have a "best"
   alignment, with high posteriors (QA: 0.9-1.0 on a recipe against a storm warning). So the first alignment
   also measures how related the documents are (``Alignment.related_share``: the share of its aligned
   sentences more alike than 19 in 20 unrelated pairs, pairs away from its path (``align_sample``); 0.93-1.0
   on real translations here, 0.1-0.29 on unrelated documents), and an aligned bead's confidence is scaled
   down where that share is low.
"""

from __future__ import annotations

import math
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from typing import Any

import numpy as np

from .align_blanks import compact, has_blanks, restore
from .align_boundary import fit_boundary
from .align_breaks import bare_lines, furniture_breaks, paragraph_starts, weak_breaks
from .align_confidence import bead_posteriors
from .align_dp import band_from_path, full_band, run_dp
from .align_evidence import UNRELATED_SHARE, fit_evidence
from .align_features import Profiles, build_profiles, char_lengths, copied_script, prune_common
from .align_scoring import BeadCosts, DocumentSide, Signal


@dataclass(frozen=True)
class Bead:
    """Source sentence indices, target sentence indices (0-based), and a confidence in [0, 1]."""

    source: tuple[int, ...]
    target: tuple[int, ...]
    confidence: float


class Alignment(list[Bead]):
    """The beads, and ``related_share``: the share of the aligned sentences that are more alike than 19 in
    20 unrelated pairs of the same documents (None where it could not be measured: no content signal,
    no retranslation or embeddings, fewer than 8 aligned sentences, or fewer than ``MIN_UNRELATED`` pairs
    away from the alignment). Low means the documents are probably not translations of each other."""

    related_share: float | None = None


# Where the related share starts to lower aligned beads' confidence, and where it has lowered it to 0:
# real translations measured 0.93-0.99 (Text+Berg, the bundled article, with MT or embeddings), 0.93-0.94 on
# average on pieces of Text+Berg of 5 to 40 sentences; unrelated documents 0.1-0.29 (QA's recipe and storm
# warning, with embeddings or a retranslation), 0.31-0.5 on average for pieces of Text+Berg against the
# French of another piece (same topic; ``scripts/bench_align_pieces.py``).
RELATED_FULL = 0.55
RELATED_NONE = 0.35
# Unrelated pairs are those away from the first alignment's path (``align_sample``): the path's own pairs are
# the best of their neighbourhood even where nothing is a translation, so a share above the 0.9 quantile of
# pairs taken elsewhere was 0.5 on average for unrelated pieces of Text+Berg; above the 0.95 quantile 0.4,
# with real translations unchanged (0.93-0.94, pieces of 5 to 40 sentences).
UNRELATED_QUANTILE = 0.95
# Fewer unrelated pairs than this (a document of four or five sentences) say too little to judge it by.
MIN_UNRELATED = 6


def unrelated_warning(beads: Sequence[Bead], source: object, target: object) -> str | None:
    """A one-line warning when an alignment of ``source`` and ``target`` (names for the message) says the
    documents look unrelated (its ``related_share`` below the middle of the two bounds), else None."""
    share = getattr(beads, "related_share", None)
    if share is None or share >= (RELATED_NONE + RELATED_FULL) / 2:
        return None
    return (f"warning: {target} does not look like a translation of {source}: only {share:.0%} of the aligned "
            "sentences are more alike than unrelated sentence pairs (the alignment's confidences are lowered "
            "to match); check the files and the languages")


def relatedness(share: float | None) -> float:
    """The factor on aligned beads' confidence for a related share (1 when it was not measured)."""
    if share is None:
        return 1.0
    return float(np.clip((share - RELATED_NONE) / (RELATED_FULL - RELATED_NONE), 0.0, 1.0))


# Largest bead searched, in sentences of both sides together. 6 reaches 3-3 and 1-5 beads (a long sentence
# that an OCR'd or list-like translation cut into five); each step up costs about 15% more time.
MAX_BEAD = 6


def bead_types(max_sentences: int = MAX_BEAD) -> list[tuple[int, int]]:
    """Bead shapes searched: 1-0 and every a-b with a, b >= 1 and a + b <= ``max_sentences`` (the 0-1 bead
    is built into the DP). The default covers 1-1, 1-2, 2-1, 1-3, 3-1, 2-2, 1-4, 4-1, 2-3, 3-2, 1-5, 5-1,
    2-4, 4-2 and 3-3."""
    types = [(1, 0)]
    for total in range(2, max_sentences + 1):
        for a in range(1, total):
            types.append((a, total - a))
    return types


# Passes over the n + 1 state rows at full resolution: two alignments, then the forward and backward
# passes of the confidences (the coarse levels of a long document add a few per cent, not counted).
FINE_PASSES = 4
# A full (unbanded) DP is used up to this many states; above it, the coarse-to-fine search.
FULL_DP_STATES = 160_000
MAX_BLOCK = 16
COARSE_MAX_DF = 0.1  # features in more than this share of the blocks are ignored when aligning blocks


@dataclass
class _Level:
    signals: list[Signal]
    src: DocumentSide
    tgt: DocumentSide


def _pool_level(level: _Level, f: int) -> _Level:
    n, m = len(level.src.lengths), len(level.tgt.lengths)
    gs, gt = np.arange(n) // f, np.arange(m) // f
    ns, nt = (n + f - 1) // f, (m + f - 1) // f
    signals = []
    for s in level.signals:
        if s.left.dense is not None:
            continue  # dense vectors: pruning common features would leave nothing (the fine level uses them)
        # Blocks share most common n-grams; only the rarer ones tell blocks apart, and they are cheap.
        left, right = prune_common([s.left.pool(gs, ns), s.right.pool(gt, nt)], COARSE_MAX_DF)
        signals.append(Signal(left, right, s.group))
    return _Level(signals,
                  DocumentSide(np.bincount(gs, level.src.lengths, ns), None),
                  DocumentSide(np.bincount(gt, level.tgt.lengths, nt), None))


def _solve(level: _Level, types: list[tuple[int, int]], finest: bool = True,
           on_rows: Callable[[int], None] | None = None, measured: dict[str, float] | None = None
           ) -> tuple[list[tuple[int, int]], list[float]]:
    """Best path of states; at the finest level the second value is each bead's confidence, at coarser
    levels its cost. ``on_rows``: told the state rows each pass of the finest level did (see
    :data:`FINE_PASSES`). ``measured`` receives ``related_share`` where it can be measured."""
    n, m = len(level.src.lengths), len(level.tgt.lengths)
    if (n + 1) * (m + 1) <= FULL_DP_STATES:
        lo, width = full_band(n, m)
    else:
        f = min(MAX_BLOCK, max(2, math.ceil(math.sqrt((n + 1) * (m + 1) / FULL_DP_STATES))))
        coarse_path, _ = _solve(_pool_level(level, f), types, finest=False)
        path = [(min(i * f, n), min(j * f, m)) for i, j in coarse_path]
        lo, width = band_from_path(path, n, m, buffer=max(4, f // 2))
    costs = BeadCosts(level.signals, level.src, level.tgt, lo, width, types)
    path, steps = run_dp(n, m, lo, width, types, costs, costs.null_target(), on_rows)
    second = False
    if finest and level.signals:
        # Second pass with the evidence curve measured on this document's first alignment.
        member = _path_members(path, costs)
        if len(member) >= 8:
            translated = any(sig.group != "literal" for sig in level.signals)
            unrelated = costs.unrelated_similarity()
            away = costs.unrelated_similarity(path) if translated and measured is not None else np.zeros(0)
            if measured is not None and len(away) >= MIN_UNRELATED:
                # Names and numbers alone (no retranslation, no embeddings) say too little of most sentences
                # to judge a whole document by.
                measured["related_share"] = float(np.mean(member > np.quantile(away, UNRELATED_QUANTILE)))
            # The evidence curve keeps the pairs of the whole document: measured against the pairs away from
            # the path instead, it aligned no better (Text+Berg and its halves: strict F1 0.9136 -> 0.9135,
            # confidence AUC 0.759 -> 0.757 on average; pieces of 5 to 40 sentences a little worse).
            # With a translation the first alignment rests on similarity and leaves out the aligned
            # sentences that look unrelated; that bias is corrected by a share of them (fit_evidence).
            costs.evidence = fit_evidence(member, unrelated, UNRELATED_SHARE if translated else 0.0)
            if translated:
                # With a translation the first alignment rests on content, so its 1-1 beads measure the
                # length model fairly; without one it rests on length already and refitting would only
                # tighten the model around its own guesses.
                costs.fit_length(path)
            # Its beads tell what crosses a boundary inside a bead and between beads (names and numbers
            # do, even without a translation).
            costs.boundary = fit_boundary(path, costs)
            path, steps = run_dp(n, m, lo, width, types, costs, costs.null_target(), on_rows)
            second = True
    if finest:
        if on_rows is not None and not second:
            on_rows(n + 1)  # the second pass, not needed here
        return path, bead_posteriors(n, m, lo, width, types, costs, costs.null_target(), path, steps, on_rows)
    return path, steps


def _path_members(path: list[tuple[int, int]], costs: BeadCosts) -> np.ndarray:
    """Similarity of every sentence of the path's aligned (non-null) beads with the rest of its bead."""
    by_type: dict[tuple[int, int], list[tuple[int, int]]] = {}
    for (i0, j0), (i1, j1) in zip(path[:-1], path[1:], strict=True):
        if i1 > i0 and j1 > j0:
            by_type.setdefault((i1 - i0, j1 - j0), []).append((i1, j1))
    sims = []
    for (a, b), ends in by_type.items():
        e = np.asarray(ends)
        sims += [x.ravel() for x in costs.member_similarity(a, b, e[:, :1], e[:, 1:])]
    return np.concatenate(sims) if sims else np.zeros(0)


def _signals(source: Sequence[str], target: Sequence[str], retranslations: Sequence[Sequence[str]],
             target_retranslations: Sequence[Sequence[str]], embeddings: Any = None) -> list[Signal]:
    signals: list[Signal] = []
    if embeddings is not None:
        signals.append(Signal(Profiles.from_dense(embeddings[0]), Profiles.from_dense(embeddings[1]), "semantic"))
    if retranslations:
        profs = build_profiles([*retranslations, target])
        signals += [Signal(p, profs[-1], "forward") for p in profs[:-1]]
    if target_retranslations:
        profs = build_profiles([source, *target_retranslations])
        signals += [Signal(profs[0], p, "backward") for p in profs[1:]]
    if not any(s.group != "semantic" for s in signals):
        src_p, tgt_p = build_profiles([source, target])
        signals.append(Signal(src_p, tgt_p, "literal"))
    return signals


def _check_lines(what: str, lines: Sequence[Sequence[str]], expected: int) -> list[list[str]]:
    out = []
    for k, doc in enumerate(lines):
        if len(doc) != expected:
            raise ValueError(f"{what} #{k + 1} has {len(doc)} lines, expected {expected} (one per sentence)")
        out.append([str(x) for x in doc])
    return out


def progress_total(n: int, m: int) -> int:
    """Units of work :func:`align_sentences` reports for ``n`` source and ``m`` target sentences."""
    return FINE_PASSES * (n + 1)


def align_sentences(
    source: Sequence[str],
    target: Sequence[str],
    *,
    source_paragraphs: Sequence[int] | None = None,
    target_paragraphs: Sequence[int] | None = None,
    retranslations: Sequence[Sequence[str]] | None = None,
    target_retranslations: Sequence[Sequence[str]] | None = None,
    max_bead: int = MAX_BEAD,
    embeddings: Any = None,
    progress: Callable[[int], None] | None = None,
) -> Alignment:
    """Align two sentence lists and return beads in document order covering every sentence exactly once
    (an :class:`Alignment`: a list of beads that also says how related the documents look).

    ``retranslations``: translations of ``source`` into the target language, each line-aligned with
    ``source`` (several are combined: their similarities are averaged, a blank line left out).
    ``target_retranslations``: translations of ``target`` into the source language, line-aligned with
    ``target``. With neither, the alignment rests on length, anchors (numbers, names, punctuation) and
    paragraph breaks.

    ``progress`` is told the work each step did, in units of which the whole alignment has
    :func:`progress_total` (for a progress bar)."""
    n, m = len(source), len(target)
    retr = _check_lines("retranslation", retranslations or [], n)
    tretr = _check_lines("target retranslation", target_retranslations or [], m)
    if has_blanks(source, target):  # blank lines of a presegmented file: each its own unaligned bead
        c = compact(source, target, source_paragraphs, target_paragraphs, retr, tretr, embeddings)
        inner = align_sentences(c.source, c.target, source_paragraphs=c.source_paragraphs,
                                target_paragraphs=c.target_paragraphs, retranslations=c.retranslations,
                                target_retranslations=c.target_retranslations, max_bead=max_bead,
                                embeddings=c.embeddings, progress=progress)
        if progress is not None:  # the work the left-out sentences would have reported
            progress(progress_total(n, m) - progress_total(len(c.source), len(c.target)))
        out = Alignment(Bead(s, t, conf) for s, t, conf in
                        restore([(b.source, b.target, b.confidence) for b in inner], c.kept_source,
                                c.kept_target, n, m))
        out.related_share = inner.related_share
        return out
    if n == 0 or m == 0:
        if progress is not None:
            progress(progress_total(n, m))
        return Alignment([Bead((i,), (), 1.0) for i in range(n)] + [Bead((), (j,), 1.0) for j in range(m)])
    types = bead_types(max_bead)
    copied_src, copied_tgt = copied_script(source, target)
    weak_s, weak_t = weak_breaks(source), weak_breaks(target)
    bare_s, bare_t = bare_lines(source), bare_lines(target)
    len_s, len_t = char_lengths(source), char_lengths(target)
    level = _Level(
        _signals(source, target, retr, tretr, embeddings),
        DocumentSide(len_s, paragraph_starts(source_paragraphs, n), weak_s, copied_src,
                     furniture_breaks(bare_s, weak_s, len_s, bare_t, len_t)),
        DocumentSide(len_t, paragraph_starts(target_paragraphs, m), weak_t, copied_tgt,
                     furniture_breaks(bare_t, weak_t, len_t, bare_s, len_s)),
    )
    measured: dict[str, float] = {}
    path, confs = _solve(level, types, on_rows=progress, measured=measured)
    share = measured.get("related_share")
    factor = relatedness(share)
    beads = []
    for (i0, j0), (i1, j1) in zip(path[:-1], path[1:], strict=True):
        beads.append((tuple(range(i0, i1)), tuple(range(j0, j1))))
    out = Alignment(Bead(s, t, c * factor if s and t else c) for (s, t), c in zip(beads, confs, strict=True))
    out.related_share = share
    return out
