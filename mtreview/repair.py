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
* Candidates (retranslations, the reference) translate the source, so a new segment keeps those that are well
  defined for its source sentences (``_carry``): a merge joins each candidate that every merged segment with
  source has (same kind and name), texts in order; a split or a source-sentence move cuts a candidate where
  the source is cut, when the candidate has as many sentences (the target language's splitter, as the import
  uses) as the source (each source sentence counted by the source language's splitter), so each part keeps
  its share; a reference imported as a document of its own is cut instead where the import aligned it to the
  source, never inside one of its sentences (``reference_alignment``); a candidate that does not split so is
  dropped (``uncarried_candidates`` names it). An MT
  sentence move leaves the sources, and so the candidates, as they were. Risk and scores of new segments
  wait for a rescore (``R``, or ``mtreview score``).
* Reviewer notes are never lost: a merge joins the merged segments' notes (one per line), a split leaves the
  note with the first part, a move with the new segment keeping most of the old one's sentences
  (``store_notes.carried_notes``, inside ``record_structure_change``); undo brings the old notes back.
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
from .reference_alignment import Entry, aligned_cut, alignment_of, entries_params
from .repair_extras import repaired_extras
from .segment import join_sentences, segment_text
from .store import Candidate, Project

SIDES = ("source", "mt")
MANUAL_CONFIDENCE = 1.0
CARRIED_KINDS = ("retranslation", "reference")


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


def _load_any(project: Project, segment_id: int) -> _Seg:
    """A segment, replaced or not."""
    row = project.conn.execute("SELECT id, position, source_idx, mt_idx FROM segments WHERE id=?",
                               (segment_id,)).fetchone()
    if row is None:
        raise UsageError(f"no segment with id {segment_id}")
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


@dataclass(frozen=True)
class _Piece:
    """Source sentences ``lo``..``hi``-1 (positions in its source list) of a replaced segment that a new
    segment takes."""

    seg: _Seg
    lo: int
    hi: int


def _sentence_counts(project: Project, seg: _Seg) -> list[int]:
    """How many sentences each of the segment's source sentences is for the source language's splitter
    (0 for a blank one): a stored "sentence" of a line-aligned file may hold several."""
    texts = _texts(project, "source", seg.source)
    return [len(segment_text(texts[i], project.source_lang)) if texts[i].strip() else 0 for i in seg.source]


def _sentence_pieces(text: str, lang: str) -> tuple[list[str], bool]:
    """The candidate's sentences (the target language's splitter) as pieces of its text, and whether they
    are exact slices (their concatenation is the text, so a cut keeps its spacing); else the sentences."""
    sents = [s.text for s in segment_text(text, lang)]
    starts, pos = [], 0
    for sent in sents:
        at = text.find(sent, pos)
        if at < 0:  # the splitter changed the text (joined wrapped lines): cut the sentences as they are
            return sents, False
        starts.append(at)
        pos = at + len(sent)
    if not starts:
        return [], True
    starts[0] = 0
    return [text[a:b] for a, b in zip(starts, [*starts[1:], len(text)], strict=True)], True


def _share(text: str, counts: Sequence[int], lo: int, hi: int, lang: str) -> str | None:
    """The part of a candidate of a segment (whose source sentences split into ``counts``) that translates its
    source sentences ``lo``..``hi``-1; None when the candidate cannot be cut there (its sentences do not
    match the source's one to one)."""
    before, inside, after = sum(counts[:lo]), sum(counts[lo:hi]), sum(counts[hi:])
    if not before and not after:
        return text  # not cut: all of its source
    pieces, exact = _sentence_pieces(text, lang)
    if len(pieces) != before + inside + after:
        return None
    taken = pieces[before:before + inside]
    return "".join(taken).strip() if exact else join_sentences(taken)


def _carry(project: Project, parts: Sequence[Sequence[_Piece]]) -> list[list[tuple[str, str, str, str | None,
                                                                                  dict | None, int]]]:
    """For each new segment (the pieces of replaced segments it is made of, in order), the candidates it keeps
    (kind, name, text, model, params, rank): each retranslation or reference that every piece with source
    text has and that can be cut to that piece, the pieces' shares joined in order. Pieces without source
    text (an MT-only segment, blank lines) need none. Read before the repair replaces the segments."""
    cands: dict[int, list[Candidate]] = {}
    counts: dict[int, list[int]] = {}
    out = []
    for pieces in parts:
        needed = []
        for piece in pieces:
            if piece.seg.id not in counts:
                counts[piece.seg.id] = _sentence_counts(project, piece.seg)
                cands[piece.seg.id] = [c for c in project.candidates(piece.seg.id) if c.kind in CARRIED_KINDS]
            if sum(counts[piece.seg.id][piece.lo:piece.hi]):
                needed.append(piece)
        rows = []
        for cand in cands[needed[0].seg.id] if needed else []:
            shares: list[str] = []
            entries: list[Entry] | None = []
            for piece in needed:
                match = next((c for c in cands[piece.seg.id] if (c.kind, c.name) == (cand.kind, cand.name)), None)
                share = None if match is None else _piece_share(project, match, piece, counts[piece.seg.id])
                if share is None:
                    break
                shares.append(share[0])
                entries = None if entries is None or share[1] is None else [*entries, *share[1]]
            else:
                rows.append((cand.kind, cand.name, join_sentences(shares), cand.model,
                             entries_params(cand.params, entries), cand.rank))
        out.append(rows)
    return out


def _piece_share(project: Project, cand: Candidate, piece: _Piece,
                 counts: Sequence[int]) -> tuple[str, list[Entry] | None] | None:
    """The part of ``cand`` (a candidate of ``piece.seg``) that translates the piece's source sentences, and
    its alignment: a reference the import aligned is cut where that alignment allows (``reference_alignment``),
    any other candidate by counting sentences (``_share``). None when it cannot be cut there."""
    entries = alignment_of(cand.params, piece.seg.source) if cand.kind == "reference" else None
    if entries is not None:
        if piece.lo == 0 and piece.hi == len(entries):
            return cand.text, entries  # not cut
        cut = aligned_cut(entries, piece.lo, piece.hi)
        if cut is None:
            return None
        try:
            texts = _texts(project, "reference", cut[0])
        except UsageError:
            pass  # the reference document lacks them: count, as for a project without the alignment
        else:
            return join_sentences(texts[j] for j in cut[0]), cut[1]
    text = _share(cand.text, counts, piece.lo, piece.hi, project.target_lang)
    return None if text is None else (text, None)


def _add_carried(project: Project, new_ids: Sequence[int],
                 carried: Sequence[Sequence[tuple[str, str, str, str | None, dict | None, int]]]) -> None:
    """Store the candidates ``_carry`` kept for each new segment. A separate transaction after the repair's:
    a crash in between leaves new segments without candidates (``R`` rescores what it can)."""
    rows = [(new_id, *row) for new_id, kept in zip(new_ids, carried, strict=True) for row in kept]
    if rows:
        project.add_candidates(rows)


def carry_candidates(project: Project, new_id: int, old_ids: Sequence[int]) -> list[str]:
    """Give ``new_id`` (the merge of ``old_ids``, in order) each retranslation and reference that all the
    old segments with source text have, their texts joined in order. Returns the names carried over."""
    segs = [_load_any(project, i) for i in old_ids]
    (kept,) = _carry(project, [[_Piece(s, 0, len(s.source)) for s in segs]])
    _add_carried(project, [new_id], [kept])
    return [row[1] for row in kept]


def split_candidates(project: Project, segment_id: int, source_at: int) -> tuple[list[str], list[str]]:
    """Names of the retranslations and references a split after ``source_at`` source sentences would keep
    (each part its share) and would drop, for the split dialog to say before the split."""
    seg = _load(project, segment_id)
    if not 0 <= source_at <= len(seg.source):
        raise UsageError(f"segment {segment_id} has {len(seg.source)} source sentences; cannot split after "
                         f"{source_at}")
    parts = _carry(project, [[_Piece(seg, 0, source_at)], [_Piece(seg, source_at, len(seg.source))]])
    kept = list(dict.fromkeys(row[1] for rows in parts for row in rows))
    had = [c.name for c in project.candidates(seg.id) if c.kind in CARRIED_KINDS]
    return kept, [n for n in dict.fromkeys(had) if n not in kept]


def uncarried_candidates(project: Project, removed: Sequence[int], added: Sequence[int]) -> list[str]:
    """Names of the retranslations and references of the ``removed`` segments that a new segment made of some
    of their source sentences lacks (they could not be cut there, or another segment joined lacked them),
    in order, each once: what a repair dropped."""
    old = [_load_any(project, i) for i in removed]
    names: list[str] = []
    for new_id in added:
        new = _load_any(project, new_id)
        have = {(c.kind, c.name) for c in project.candidates(new_id)}
        for seg in old:
            shared = [i for i in seg.source if i in set(new.source)]
            if not shared or not any(t.strip() for t in _texts(project, "source", shared).values()):
                continue
            names += [c.name for c in project.candidates(seg.id)
                      if c.kind in CARRIED_KINDS and (c.kind, c.name) not in have]
    return list(dict.fromkeys(names))


def merge_with_next(project: Project, segment_id: int, reviewer: str = "reviewer") -> int:
    """Merge a segment with the next one; returns the new segment's id. The well-defined candidates
    (``carry_candidates``) come along."""
    seg = _load(project, segment_id)
    nxt = _neighbour(project, seg, +1)
    if nxt is None:
        raise UsageError(f"segment {segment_id} is the last one: there is no next segment to merge with")
    new = _new_segment(project, seg.position, seg.source + nxt.source, seg.mt + nxt.mt)
    carried = _carry(project, [[_Piece(seg, 0, len(seg.source)), _Piece(nxt, 0, len(nxt.source))]])
    (new_id,) = _record(project, "merge", [seg, nxt], [new], reviewer, {"segments": [seg.id, nxt.id]})
    _add_carried(project, [new_id], carried)
    return new_id


def split_segment(project: Project, segment_id: int, source_at: int, mt_at: int,
                  reviewer: str = "reviewer") -> tuple[int, int]:
    """Split a segment after its first ``source_at`` source sentences and first ``mt_at`` MT sentences.

    Either part may have an empty side (that makes an unaligned sentence), but not both: each new segment
    keeps at least one sentence. Each part keeps its share of the candidates that can be cut where the
    source is (``_carry``). Returns the ids of the two new segments, in document order."""
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
    carried = _carry(project, [[_Piece(seg, 0, source_at)], [_Piece(seg, source_at, len(seg.source))]])
    ids = _record(project, "split", [seg], added, reviewer, {"source_at": source_at, "mt_at": mt_at})
    _add_carried(project, ids, carried)
    return ids[0], ids[1]


def move_sentence(project: Project, segment_id: int, side: str, direction: str | int,
                  reviewer: str = "reviewer") -> list[int]:
    """Move one sentence of ``side`` (``source`` or ``mt``) to the neighbouring segment.

    ``direction`` ``next`` (or +1) moves the segment's last sentence of that side to the start of the next
    segment; ``prev`` (or -1) moves its first sentence to the end of the previous segment. A segment left
    with no sentence at all disappears. Candidates follow the source sentences (``_carry``): a source move
    cuts them where it can, an MT move keeps them. Returns the ids of the new segments, in document order."""
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
    # The source sentences each new segment takes of the old ones, for its candidates (an MT move: all its own)
    n, m = len(seg.source), len(other.source)
    if side == "mt":
        pieces = {seg.id: [_Piece(seg, 0, n)], other.id: [_Piece(other, 0, m)]}
    elif step > 0:
        pieces = {seg.id: [_Piece(seg, 0, n - 1)], other.id: [_Piece(seg, n - 1, n), _Piece(other, 0, m)]}
    else:
        pieces = {seg.id: [_Piece(seg, 1, n)], other.id: [_Piece(other, 0, m), _Piece(seg, 0, 1)]}
    kept = [s for s in (first, second) if parts[s.id][0] or parts[s.id][1]]
    added = [_new_segment(project, s.position, *parts[s.id]) for s in kept]
    carried = _carry(project, [pieces[s.id] for s in kept])
    ids = _record(project, "move", [first, second], added, reviewer,
                  {"side": side, "sentence": moved, "to": other.id})
    _add_carried(project, ids, carried)
    return ids
