"""Blank sentences (the empty lines of a ``--presegmented`` file) are left out of the alignment and come back
as unaligned beads of their own.

A blank line has no length and no text, so the aligner could add it to a neighbouring bead at no cost, or
leave it alone at the cost of an unaligned sentence: it did the first (``[0, 1] -> [0]``), and the beads
around it lost their confidence to the equally cheap alternatives (0.25-0.35 for right beads). Nothing in a
blank line says where it belongs, so it belongs to no bead, with full confidence.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any

import numpy as np


@dataclass
class Compacted:
    """The inputs of an alignment without their blank sentences, and the indices they keep."""

    source: list[str]
    target: list[str]
    source_paragraphs: list[int] | None
    target_paragraphs: list[int] | None
    retranslations: list[list[str]]
    target_retranslations: list[list[str]]
    embeddings: Any
    kept_source: list[int]
    kept_target: list[int]


def _kept(lines: Sequence[str]) -> list[int]:
    return [i for i, line in enumerate(lines) if line.strip()]


def has_blanks(source: Sequence[str], target: Sequence[str]) -> bool:
    """Whether either side has a blank sentence."""
    return any(not s.strip() for s in source) or any(not t.strip() for t in target)


def compact(source: Sequence[str], target: Sequence[str], source_paragraphs: Sequence[int] | None,
            target_paragraphs: Sequence[int] | None, retranslations: Sequence[Sequence[str]],
            target_retranslations: Sequence[Sequence[str]], embeddings: Any) -> Compacted:
    """Every per-sentence input with the blank sentences of its side left out."""
    ks, kt = _kept(source), _kept(target)

    def pick(seq: Sequence[Any], keep: list[int]) -> list[Any]:
        return [seq[i] for i in keep]

    emb = None
    if embeddings is not None:
        emb = (np.asarray(embeddings[0])[ks], np.asarray(embeddings[1])[kt])
    return Compacted(
        pick(source, ks), pick(target, kt),
        None if source_paragraphs is None else pick(source_paragraphs, ks),
        None if target_paragraphs is None else pick(target_paragraphs, kt),
        [pick(r, ks) for r in retranslations], [pick(r, kt) for r in target_retranslations], emb, ks, kt)


def restore(beads: Sequence[tuple[tuple[int, ...], tuple[int, ...], float]], kept_source: list[int],
            kept_target: list[int], n: int, m: int) -> list[tuple[tuple[int, ...], tuple[int, ...], float]]:
    """The beads of a compacted alignment in the original numbering, each blank sentence an unaligned bead
    (confidence 1) placed in document order: before the first bead that holds a later sentence of its
    side, so both sides still only move forward; one between two sentences of a bead joins that bead."""
    ks, kt = set(kept_source), set(kept_target)
    blank_s = [i for i in range(n) if i not in ks]
    blank_t = [j for j in range(m) if j not in kt]
    out: list[tuple[tuple[int, ...], tuple[int, ...], float]] = []
    si = ti = 0
    for src, tgt, conf in beads:
        s = tuple(kept_source[i] for i in src)
        t = tuple(kept_target[j] for j in tgt)
        while s and si < len(blank_s) and blank_s[si] < s[0]:
            out.append(((blank_s[si],), (), 1.0))
            si += 1
        while t and ti < len(blank_t) and blank_t[ti] < t[0]:
            out.append(((), (blank_t[ti],), 1.0))
            ti += 1
        # A blank line between two sentences of one bead stays inside it (a bead is a contiguous run)
        if s:
            s = tuple(range(s[0], s[-1] + 1))
            while si < len(blank_s) and blank_s[si] <= s[-1]:
                si += 1
        if t:
            t = tuple(range(t[0], t[-1] + 1))
            while ti < len(blank_t) and blank_t[ti] <= t[-1]:
                ti += 1
        out.append((s, t, conf))
    out += [((i,), (), 1.0) for i in blank_s[si:]] + [((), (j,), 1.0) for j in blank_t[ti:]]
    return out


def fold_blanks(beads: Sequence[tuple[tuple[int, ...], tuple[int, ...], float]], source: Sequence[str],
                target: Sequence[str]) -> list[tuple[tuple[int, ...], tuple[int, ...], float]]:
    """For a project, whose segments a reviewer goes through: a blank line's own unaligned bead would be an
    empty segment to skip, so it joins the next bead that has a sentence of its side (the last one, at the
    end of the document), keeping that bead's confidence. A side that is blank throughout stays as it is."""
    out: list[tuple[tuple[int, ...], tuple[int, ...], float]] = []
    pending_s: list[int] = []
    pending_t: list[int] = []
    for s, t, conf in beads:
        if s and not t and not any(source[i].strip() for i in s):
            pending_s += s
            continue
        if t and not s and not any(target[j].strip() for j in t):
            pending_t += t
            continue
        if s and pending_s:  # the blanks just before this bead's first sentence (all sentences come in order)
            s, pending_s = tuple(pending_s) + s, []
        if t and pending_t:
            t, pending_t = tuple(pending_t) + t, []
        out.append((s, t, conf))
    for side, pending in ((0, pending_s), (1, pending_t)):
        if not pending:
            continue
        last = next((k for k in range(len(out) - 1, -1, -1) if out[k][side]), None)
        if last is None:  # nothing else on this side: keep the blanks as they were
            out.append((tuple(pending), (), 1.0) if side == 0 else ((), tuple(pending), 1.0))
            continue
        s, t, conf = out[last]
        out[last] = (s + tuple(pending), t, conf) if side == 0 else (s, t + tuple(pending), conf)
    return out
