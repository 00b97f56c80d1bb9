"""Sentence alignment (interim: length-based Gale-Church dynamic programming).

The contract every caller relies on: ``align_sentences`` returns beads in document order that cover every
sentence of both sides exactly once; a bead with an empty side is an insertion or a deletion.
"""

from __future__ import annotations

import math
from collections.abc import Sequence
from dataclasses import dataclass


@dataclass(frozen=True)
class Bead:
    """Source sentence indices, target sentence indices (0-based), and a confidence in [0, 1]."""

    source: tuple[int, ...]
    target: tuple[int, ...]
    confidence: float


_BEADS = {(1, 1): 0.0, (1, 0): 4.0, (0, 1): 4.0, (2, 1): 2.3, (1, 2): 2.3, (2, 2): 4.5}


def _length_cost(ls: int, lt: int, ratio: float) -> float:
    # Gale & Church 1993: the target length is normally distributed around ratio * source length.
    if ls == 0 and lt == 0:
        return 0.0
    mean = (ls + lt / ratio) / 2
    delta = (ratio * ls - lt) / math.sqrt(6.8 * max(mean, 1.0))
    return delta * delta / 2


def align_sentences(
    source: Sequence[str],
    target: Sequence[str],
    *,
    source_paragraphs: Sequence[int] | None = None,
    target_paragraphs: Sequence[int] | None = None,
    retranslations: Sequence[Sequence[str]] | None = None,
) -> list[Bead]:
    """Align two sentence lists. ``retranslations`` are line-aligned with ``source`` (ignored here)."""
    n, m = len(source), len(target)
    if n == 0 or m == 0:
        return [Bead((i,), (), 0.5) for i in range(n)] + [Bead((), (j,), 0.5) for j in range(m)]
    ls = [len(s) for s in source]
    lt = [len(t) for t in target]
    ratio = max(sum(lt), 1) / max(sum(ls), 1)
    inf = float("inf")
    cost = [[inf] * (m + 1) for _ in range(n + 1)]
    back: list[list[tuple[int, int] | None]] = [[None] * (m + 1) for _ in range(n + 1)]
    cost[0][0] = 0.0
    for i in range(n + 1):
        for j in range(m + 1):
            if cost[i][j] == inf:
                continue
            for (di, dj), penalty in _BEADS.items():
                ni, nj = i + di, j + dj
                if ni > n or nj > m:
                    continue
                c = cost[i][j] + penalty
                if di and dj:
                    c += _length_cost(sum(ls[i:ni]), sum(lt[j:nj]), ratio)
                if c < cost[ni][nj]:
                    cost[ni][nj] = c
                    back[ni][nj] = (di, dj)
    beads: list[Bead] = []
    i, j = n, m
    while i or j:
        step = back[i][j]
        assert step is not None
        di, dj = step
        local = cost[i][j] - cost[i - di][j - dj]
        beads.append(Bead(tuple(range(i - di, i)), tuple(range(j - dj, j)), math.exp(-local / 4)))
        i, j = i - di, j - dj
    beads.reverse()
    return beads
