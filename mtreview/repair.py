"""Alignment repair: merge a segment with the next, split a segment at a sentence boundary, move a sentence to
the neighbouring segment.

Every repair replaces whole segments: the old ones are deactivated and new ones inserted, in one transaction
logged as an undoable ``merge``/``split``/``move`` event (``Project.record_structure_change``), so
``Project.undo()`` brings the old segments back and ``Project.redo()`` applies the repair again.

* New segment texts are rebuilt from the stored sentences of the source and MT documents (sentences joined
  by one space, none between Chinese or Japanese sentences: ``segment.join_sentences``), so repairs never
  lose or invent text. Segments made exactly of units of an imported bilingual file keep those units' ids,
  inline codes and notes (``repair_extras``).
* New segments are ``unreviewed``: decisions, scores, risk and flags of the replaced segments do not
  carry over (a decision was about a different pair of texts; rescore to get scores back). Undo restores
  the old segments with their decisions intact.
* A merge keeps the candidates that are well defined for the merged pair: each retranslation or reference
  that every merged segment has (same kind and name), their texts joined in order. A split or a move has
  no such candidates (a retranslation cannot be cut at a sentence boundary reliably): rescore.
* Their alignment confidence is 1.0: a person made this alignment.
* Positions are REAL: a split keeps the first part at the old position and puts the second halfway to the
  next segment, so no other segment moves.

The TUI binds keys to these functions; they are also usable from scripts.
"""

from __future__ import annotations

import json
from collections.abc import Sequence
from dataclasses import dataclass

from .errors import UsageError
from .repair_extras import repaired_extras
from .segment import join_sentences
from .store import Project

SIDES = ("source", "mt")
MANUAL_CONFIDENCE = 1.0


@dataclass(frozen=True)
class _Seg:
    id: int
    position: float
    source: tuple[int, ...]
    mt: tuple[int, ...]


def _load(project: Project, segment_id: int) -> _Seg:
    row = project.conn.execute("SELECT id, position, active, source_idx, mt_idx FROM segments WHERE id=?",
                               (segment_id,)).fetchone()
    if row is None:
        raise UsageError(f"no segment with id {segment_id}")
    if not row["active"]:
        raise UsageError(f"segment {segment_id} was replaced by a repair (undo it to get the segment back)")
    return _Seg(int(row["id"]), float(row["position"]), tuple(json.loads(row["source_idx"])),
                tuple(json.loads(row["mt_idx"])))


def _neighbour(project: Project, seg: _Seg, direction: int) -> _Seg | None:
    if direction > 0:
        q = "SELECT id FROM segments WHERE active=1 AND position > ? ORDER BY position LIMIT 1"
    else:
        q = "SELECT id FROM segments WHERE active=1 AND position < ? ORDER BY position DESC LIMIT 1"
    row = project.conn.execute(q, (seg.position,)).fetchone()
    return _load(project, int(row[0])) if row else None


def _texts(project: Project, role: str, indices: Sequence[int]) -> dict[int, str]:
    """Texts of some sentences of the document with this role (only those asked for)."""
    if not indices:
        return {}
    doc = project.conn.execute("SELECT min(id) FROM documents WHERE role=?", (role,)).fetchone()[0]
    out: dict[int, str] = {}
    ids = sorted(set(indices))
    for k in range(0, len(ids), 500):
        chunk = ids[k:k + 500]
        q = "SELECT idx, text FROM sentences WHERE document_id=? AND idx IN ({})".format(",".join("?" * len(chunk)))
        out.update({int(r[0]): r[1] for r in project.conn.execute(q, (doc, *chunk))})
    missing = [i for i in ids if i not in out]
    if missing:
        raise UsageError(f"the project has no {role} sentence {missing[0]}; this segment cannot be repaired")
    return out


def _new_segment(project: Project, position: float, source: Sequence[int], mt: Sequence[int]
                 ) -> tuple[float, list[int], list[int], str, str, float]:
    src_t = _texts(project, "source", source)
    mt_t = _texts(project, "mt", mt)
    return (position, list(source), list(mt), join_sentences(src_t[i] for i in source),
            join_sentences(mt_t[j] for j in mt), MANUAL_CONFIDENCE)


def _record(project: Project, action: str, removed: Sequence[_Seg], added: list[tuple[float, list[int], list[int],
            str, str, float]], reviewer: str, detail: dict[str, object]) -> list[int]:
    """Log the repair (``Project.record_structure_change``), the new segments keeping what they can of an
    imported bilingual file's units (``repair_extras``)."""
    after = _neighbour(project, max(removed, key=lambda s: s.position), +1)
    extras = repaired_extras(project.conn, [s.id for s in removed], [(tuple(a[1]), tuple(a[2])) for a in added],
                             after.position if after else None)
    return project.record_structure_change(action, [s.id for s in removed], added, reviewer=reviewer,
                                           detail=detail, extras=extras)


def carry_candidates(project: Project, new_id: int, old_ids: Sequence[int]) -> list[str]:
    """Give ``new_id`` (the merge of ``old_ids``, in order) each retranslation and reference that all the
    old segments have, their texts joined by a space. Returns the names carried over."""
    per_segment = [project.candidates(i) for i in old_ids]
    if not per_segment:
        return []
    rows = []
    for cand in per_segment[0]:
        if cand.kind not in ("retranslation", "reference"):
            continue
        parts = [next((c for c in cands if (c.kind, c.name) == (cand.kind, cand.name)), None)
                 for cands in per_segment]
        if any(p is None for p in parts):
            continue
        text = join_sentences(p.text for p in parts if p is not None and p.text)
        rows.append((new_id, cand.kind, cand.name, text, cand.model, cand.params, cand.rank))
    if rows:
        project.add_candidates(rows)
    return [r[2] for r in rows]


def merge_with_next(project: Project, segment_id: int, reviewer: str = "reviewer") -> int:
    """Merge a segment with the next one; returns the new segment's id. The well-defined candidates
    (``carry_candidates``) come along."""
    seg = _load(project, segment_id)
    nxt = _neighbour(project, seg, +1)
    if nxt is None:
        raise UsageError(f"segment {segment_id} is the last one: there is no next segment to merge with")
    new = _new_segment(project, seg.position, seg.source + nxt.source, seg.mt + nxt.mt)
    (new_id,) = _record(project, "merge", [seg, nxt], [new], reviewer, {"segments": [seg.id, nxt.id]})
    # A separate transaction: a crash in between leaves a merged segment without candidates (R redoes them).
    carry_candidates(project, new_id, [seg.id, nxt.id])
    return new_id


def split_segment(project: Project, segment_id: int, source_at: int, mt_at: int,
                  reviewer: str = "reviewer") -> tuple[int, int]:
    """Split a segment after its first ``source_at`` source sentences and first ``mt_at`` MT sentences.

    Either part may have an empty side (that makes an unaligned sentence), but not both: each new segment
    keeps at least one sentence. Returns the ids of the two new segments, in document order."""
    seg = _load(project, segment_id)
    if not 0 <= source_at <= len(seg.source):
        raise UsageError(f"segment {segment_id} has {len(seg.source)} source sentences; cannot split after "
                         f"{source_at}")
    if not 0 <= mt_at <= len(seg.mt):
        raise UsageError(f"segment {segment_id} has {len(seg.mt)} MT sentences; cannot split after {mt_at}")
    first = (seg.source[:source_at], seg.mt[:mt_at])
    second = (seg.source[source_at:], seg.mt[mt_at:])
    if not (first[0] or first[1]) or not (second[0] or second[1]):
        raise UsageError("a split must leave at least one sentence on each side of the cut")
    nxt = _neighbour(project, seg, +1)
    position2 = (seg.position + nxt.position) / 2 if nxt else seg.position + 1.0
    if not seg.position < position2 < (nxt.position if nxt else float("inf")):
        raise UsageError("too many splits at this place; merge some segments first")
    added = [_new_segment(project, seg.position, *first), _new_segment(project, position2, *second)]
    ids = _record(project, "split", [seg], added, reviewer, {"source_at": source_at, "mt_at": mt_at})
    return ids[0], ids[1]


def move_sentence(project: Project, segment_id: int, side: str, direction: str | int,
                  reviewer: str = "reviewer") -> list[int]:
    """Move one sentence of ``side`` (``source`` or ``mt``) to the neighbouring segment.

    ``direction`` ``next`` (or +1) moves the segment's last sentence of that side to the start of the next
    segment; ``prev`` (or -1) moves its first sentence to the end of the previous segment. A segment left
    with no sentence at all disappears. Returns the ids of the new segments, in document order."""
    if side == "target":
        side = "mt"
    if side not in SIDES:
        raise UsageError(f"side must be 'source' or 'mt', not {side!r}")
    step = {"next": 1, "prev": -1, "previous": -1, 1: 1, -1: -1}.get(direction)  # type: ignore[call-overload]
    if step is None:
        raise UsageError(f"direction must be 'next' or 'prev', not {direction!r}")
    seg = _load(project, segment_id)
    other = _neighbour(project, seg, step)
    if other is None:
        where = "last" if step > 0 else "first"
        raise UsageError(f"segment {segment_id} is the {where} one: there is no segment to move a sentence to")
    mine = list(seg.source if side == "source" else seg.mt)
    if not mine:
        raise UsageError(f"segment {segment_id} has no {side} sentence to move")
    theirs = list(other.source if side == "source" else other.mt)
    if step > 0:
        moved = mine.pop()
        theirs.insert(0, moved)
    else:
        moved = mine.pop(0)
        theirs.append(moved)

    def rebuilt(s: _Seg, new_side: list[int]) -> tuple[list[int], list[int]]:
        return (new_side, list(s.mt)) if side == "source" else (list(s.source), new_side)

    first, second = (seg, other) if step > 0 else (other, seg)
    parts = {seg.id: rebuilt(seg, mine), other.id: rebuilt(other, theirs)}
    added = [_new_segment(project, s.position, *parts[s.id]) for s in (first, second)
             if parts[s.id][0] or parts[s.id][1]]
    return _record(project, "move", [first, second], added, reviewer,
                   {"side": side, "sentence": moved, "to": other.id})
