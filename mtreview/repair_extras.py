"""What a repaired segment keeps of the bilingual file its sentences came from (unit id, inline codes,
notes, properties: ``formats.unitstore``).

A project imported from TMX, XLIFF or another bilingual file has one unit per segment at first, each with its
extras. A repair replaces segments by new ones; without extras the export wrote those as plain text, with
new ids (QA: merging two TMX units lost their ``<bpt>``/``<ph>`` codes and ids, and "File<ph/>saved." came
out as "Filesaved."). So a new segment gets extras composed from the units that make it up exactly: the
segments (replaced ones, or earlier ones a repair replaced before, any state) whose sentences together are
the new segment's, none shared. A merge of two units, and a split or undo that gives a unit its own
sentences back, keep everything; a segment whose sentences cut through a unit (a sentence moved out of a
merged unit) keeps only the document it came from.
"""

from __future__ import annotations

import json
import sqlite3
from collections.abc import Sequence
from typing import Any, NamedTuple

from .formats.inline import parts_from_json, parts_to_json
from .formats.unitstore import FILE_STATE_PROPS, notes_union
from .segment import sentence_gap

Sides = tuple[tuple[int, ...], tuple[int, ...]]


class _Unit(NamedTuple):
    """A segment that has extras: its id, (source, MT) sentence indices, texts and extras."""

    id: int
    sides: Sides
    source: str
    mt: str
    extras: dict[str, Any]


def _units_near(conn: sqlite3.Connection, lo: float, hi: float) -> list[_Unit]:
    """Segments with extras whose position lies in [lo, hi] (every segment that ever held sentences of
    this stretch: repairs place new segments between the old neighbours), oldest first."""
    rows = conn.execute(
        "SELECT s.id, s.source_idx, s.mt_idx, s.source_text, s.mt_text, e.data FROM segments s"
        " JOIN segment_extras e ON e.segment_id = s.id WHERE s.position BETWEEN ? AND ? ORDER BY s.id",
        (lo, hi)).fetchall()
    return [_Unit(int(r[0]), (tuple(json.loads(r[1])), tuple(json.loads(r[2]))), r[3], r[4], json.loads(r[5]))
            for r in rows]


def _cover(target: Sides, units: list[_Unit]) -> list[_Unit] | None:
    """Units (largest first, then oldest) that make up exactly ``target``'s sentences without sharing one,
    in document order; None when there are none such."""
    want_src, want_mt = set(target[0]), set(target[1])
    if not want_src and not want_mt:
        return None
    fitting = [u for u in units
               if (u.sides[0] or u.sides[1]) and set(u.sides[0]) <= want_src and set(u.sides[1]) <= want_mt]
    fitting.sort(key=lambda u: (-(len(u.sides[0]) + len(u.sides[1])), u.id))
    got_src: set[int] = set()
    got_mt: set[int] = set()
    picked = []
    for u in fitting:
        if got_src.isdisjoint(u.sides[0]) and got_mt.isdisjoint(u.sides[1]):
            picked.append(u)
            got_src.update(u.sides[0])
            got_mt.update(u.sides[1])
    if got_src != want_src or got_mt != want_mt:
        return None
    return sorted(picked, key=lambda u: (min(u.sides[0] + u.sides[1]), u.id))


def _joined_parts(pieces: Sequence[tuple[list[Any] | None, str]]) -> list[Any] | None:
    """Inline-code parts of several units' texts joined as ``segment.join_sentences`` joins the texts (a unit
    without parts counts by its plain text); None when no unit had parts."""
    if all(parts is None for parts, _ in pieces):
        return None
    out: list[Any] = []
    last = ""
    for parts, text in pieces:
        if not text.strip():
            continue
        if gap := sentence_gap(last, text):
            out.append(gap)
        out.extend(parts if parts is not None else [text])
        last = text
    return out


def _compose(units: list[_Unit]) -> dict[str, Any]:
    """One segment's extras from the extras of the units it is made of, in order."""
    if len(units) == 1:
        return dict(units[0].extras)
    extras = [u.extras for u in units]
    first = extras[0]
    out: dict[str, Any] = {k: first[k] for k in ("id", "origin") if k in first}
    # The units it was made of: such a segment is no unit of the file (export --into leaves them be).
    out["merged"] = [e.get("id") for e in extras]
    props = dict(first.get("props", {}))
    # The segments of one XLIFF 2.0 unit stay in it (as one segment); units of several do not go back.
    one_unit = len({(e.get("props", {}).get("x-xliff2-file"), e.get("props", {}).get("x-xliff2-unit"))
                    for e in extras}) == 1
    if not one_unit:
        for key in ("x-xliff2-unit", "x-xliff2-segment", "x-xliff2-file"):
            props.pop(key, None)
    # Each segment of one 2.0 unit carries the unit's notes: the merge has them once, as the unit does
    notes = (notes_union([e.get("notes", []) for e in extras]) if one_unit and "x-xliff2-unit" in props
             else [n for e in extras for n in e.get("notes", [])])
    if notes:
        out["notes"] = notes
    context = _shared_context(extras, every=False)
    if context:
        out["context_notes"] = context
    # The file's workflow state, kept where its units agree: a merge of a final unit and a new one is neither.
    if len({tuple(e.get("props", {}).get(k) for k in FILE_STATE_PROPS) for e in extras}) > 1:
        for key in FILE_STATE_PROPS:
            props.pop(key, None)
    if props:
        out["props"] = props
    for key in ("src", "tgt"):
        parts = _joined_parts([(parts_from_json(u.extras.get(key)), u.source if key == "src" else u.mt)
                               for u in units])
        if parts is not None:
            out[key] = parts_to_json(parts)
    return out


def repaired_extras(conn: sqlite3.Connection, removed: Sequence[int], added: Sequence[Sides],
                    next_position: float | None) -> list[dict[str, Any] | None]:
    """Extras for each new segment (its source and MT sentence indices) of a repair that replaces the
    segments ``removed``; ``next_position`` is the position of the active segment after them (None at the
    end). Called inside the repair's transaction."""
    if not removed or conn.execute("SELECT 1 FROM segment_extras LIMIT 1").fetchone() is None:
        return [None] * len(added)
    marks = ",".join("?" * len(removed))
    lo, hi = conn.execute(f"SELECT min(position), max(position) FROM segments WHERE id IN ({marks})",
                          list(removed)).fetchone()
    units = _units_near(conn, lo, next_position if next_position is not None else float("inf"))
    out: list[dict[str, Any] | None] = []
    for sides in added:
        cover = _cover(sides, units)
        out.append(_compose(cover) if cover else _same_file(sides, units))
    return out


def _same_file(sides: Sides, units: list[_Unit]) -> dict[str, Any] | None:
    """For a segment that cuts through units: the document they all came from, so that it is exported in
    its file (QA: such a segment went to a made-up <file> named after the project, splitting the real one)."""
    src, mt = set(sides[0]), set(sides[1])
    origins = {u.extras.get("origin") for u in units if src & set(u.sides[0]) or mt & set(u.sides[1])}
    if not origins:
        return None  # not made of a bilingual file's units at all
    # "merged" marks it as no unit of the file, whatever else it keeps (export --into leaves it be)
    out: dict[str, Any] = ({"origin": origins.pop(), "merged": []} if len(origins) == 1 and None not in origins
                           else {"merged": []})
    # The notes of a group or file every unit it cuts through is in still apply to it
    context = _shared_context([u.extras for u in units if src & set(u.sides[0]) or mt & set(u.sides[1])], every=True)
    if context:
        out["context_notes"] = context
    return out


def _shared_context(extras: Sequence[dict[str, Any]], every: bool) -> list[list[str]]:
    """The group and file notes (``context_notes``) of the units ``extras``, each once in first-seen order:
    those of any of them (a merge of whole units: each unit's apply), or with ``every`` only those all share."""
    lists = [[list(p) for p in e.get("context_notes", [])] for e in extras]
    out = list(dict.fromkeys(tuple(p) for notes in lists for p in notes))
    if every:
        out = [p for p in out if all(list(p) in notes for notes in lists)]
    return [list(p) for p in out]
