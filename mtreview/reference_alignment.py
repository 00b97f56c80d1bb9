"""Which reference sentences translate which source sentences of a segment, as the import aligned them.

The import aligns a reference document to the source on its own (``project_build``), then gives each segment
the reference sentences of its source sentences as one candidate. That alignment is kept with the candidate
(its params' ``"aligned"``: one entry per source sentence), so that a split or a sentence move cuts the
reference where the alignment allows, rather than by counting its sentences (``repair._carry``): a reference
that joins two source sentences into one sentence, and splits the next in two, has as many sentences as the
source, and the count cut it in the wrong places. A candidate without it (a project imported before, a
retranslation) is still cut by counting.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping, Sequence
from typing import Any

ALIGNED = "aligned"
"""The params key: ``[[source sentence index, [reference sentence indices] or None], ...]`` in source order.
None: a source sentence the aligner put in one bead with the one before it; its reference sentences are
that one's, and no cut may part the two."""

Entry = tuple[int, list[int] | None]


def aligned_params(source: Sequence[int], ref_of_source: Mapping[int, Sequence[int]],
                   blank: Callable[[int], bool]) -> dict[str, Any]:
    """The ``"aligned"`` params of a segment's reference (``source``: its source sentence indices), from the
    import's alignment (``ref_of_source``: the first source sentence of each bead to its reference
    sentences); reference sentences that are ``blank`` are left out, as they are of the candidate's text."""
    return {ALIGNED: [[i, [j for j in ref_of_source[i] if not blank(j)] if i in ref_of_source else None]
                      for i in source]}


def alignment_of(params: dict[str, Any] | None, source: Sequence[int]) -> list[Entry] | None:
    """The stored alignment of a candidate whose segment has the source sentences ``source``, one entry each,
    or None when it has none (or not for exactly these sentences: then it is not to be trusted)."""
    rows = (params or {}).get(ALIGNED)
    if not isinstance(rows, list) or len(rows) != len(source):
        return None
    out: list[Entry] = []
    for row, i in zip(rows, source, strict=True):
        if not (isinstance(row, list) and len(row) == 2 and row[0] == i):
            return None
        out.append((i, None if row[1] is None else [int(j) for j in row[1]]))
    return out


def aligned_cut(entries: Sequence[Entry], lo: int, hi: int) -> tuple[list[int], list[Entry]] | None:
    """The reference sentences of source sentences ``lo``..``hi``-1 and their entries, or None when the cut
    parts sentences the aligner joined (a bead on both sides of it) or leaves that part no reference
    sentence. A first entry of None at ``lo`` = 0 is the segment's own start (the import gave that bead's
    reference sentences to the segment before): it needs no cut."""
    if (lo > 0 and entries[lo][1] is None) or (hi < len(entries) and entries[hi][1] is None):
        return None
    taken = list(entries[lo:hi])
    refs = [j for _i, js in taken for j in js or ()]
    return (refs, taken) if refs else None


def entries_params(params: dict[str, Any] | None, entries: Sequence[Entry] | None) -> dict[str, Any] | None:
    """``params`` with the alignment of a new segment's share (None: a share cut by counting, whose
    alignment is not known, so none is kept)."""
    out = {k: v for k, v in (params or {}).items() if k != ALIGNED}
    if entries is not None:
        out[ALIGNED] = [[i, js] for i, js in entries]
    return out or None
