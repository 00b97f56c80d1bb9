"""Which project segment each unit of the original is, for ``export --into`` (XLIFF and TMX alike).

The project's segments that are units of the file, by (file, unit id) as the reader numbered them, in
document order (a file may repeat an id): a unit takes the first segment of its key whose source is its
own. Only what that matching needs is held per segment (its source, its id, whether it is decided); what a
decided one writes (its unit, with codes and review, and what its target may be in the file) is read from
the project when its unit is reached, a window of decided segments at a time (a few queries per window, not
per segment), so a large project costs its sources, not its reviews (QA: 50,000 decided units took 200 MB
before a byte was written).
"""

from __future__ import annotations

import json
from collections import deque
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

from .code_placement import Placement
from .export_into_changed import Basis, FileTarget
from .formats.inline import parts_from_json
from .store_notes import read_notes

if TYPE_CHECKING:
    from .export_into import IntoTally
    from .store import Project

Key = tuple[Any, Any]  # (the unit's file or origin, its id), None where it has none

# Each active segment in document order: what the import kept of its unit decides its key (extras are JSON)
_ROWS = ("SELECT g.id, g.source_text, coalesce(st.status, 'unreviewed'), json_extract(x.data, '$.origin'),"
         " json_extract(x.data, '$.id'), json_type(x.data, '$.merged') IS NOT NULL"
         " FROM segments g LEFT JOIN segment_state st ON st.segment_id = g.id"
         " LEFT JOIN segment_extras x ON x.segment_id = g.id WHERE g.active=1 ORDER BY g.position")
WINDOW = 256  # decided segments read from the project at once
_UNKNOWN = object()


@dataclass(slots=True)
class Entry:
    """A project segment that is one unit of the file: its source (to check the unit is the same)."""

    source: str
    seg_id: int
    number: int  # its place among the project's segments, from 1
    slot: int  # its place among the decided ones (-1: not decided)

    @property
    def decided(self) -> bool:
        return self.slot >= 0


class Decisions:
    """The project's segments by key, in document order; ``tally`` counts the decided ones a repair made of
    several units (or of part of one): they are not written."""

    def __init__(self, project: Project, tally: IntoTally) -> None:
        self.project = project
        # One snapshot of the project, read as the export goes on (a review open on it may decide meanwhile):
        # what the queues say is decided is what is read later
        self.snapshot = not project.conn.in_transaction
        if self.snapshot:
            project.conn.execute("BEGIN")
        self.queues: dict[Key, Entry | deque[Entry]] = {}  # one entry, or several in document order
        self.order: list[Entry] = []  # the decided ones
        self.read: dict[int, tuple[Any, Basis]] = {}  # the window read last, by segment id
        self.only_origin: Any = _UNKNOWN  # the one file name of the project's units, if one (take)
        for number, (seg_id, source, status, origin, uid, merged) in enumerate(project.conn.execute(_ROWS), 1):
            decided = status != "unreviewed"
            if merged:
                tally.repaired += decided
                continue
            entry = Entry(source, seg_id, number, len(self.order) if decided else -1)
            if decided:
                self.order.append(entry)
            have = self.queues.get((origin, uid))
            if have is None:
                self.queues[(origin, uid)] = entry
            elif isinstance(have, Entry):
                self.queues[(origin, uid)] = deque((have, entry))
            else:
                have.append(entry)

    def close(self) -> None:
        """End the snapshot (the export has read what it needs)."""
        if self.snapshot and self.project.conn.in_transaction:
            self.project.conn.execute("COMMIT")
        self.snapshot = False

    def take(self, key: Key, source: FileTarget) -> Entry | None:
        """The first segment of ``key`` whose source is ``source`` (taken out of its queue), or None. A unit of a
        ``<file>`` without ``original`` is looked up under the project's one file name where it has just one:
        an export names its ``<file>`` after the project where the units had none (XLIFF 1.2 requires one),
        and that export, imported again, goes back into the file it came from (QA: "it has no unit '1' in
        file 'job'")."""
        if key[0] is None and key not in self.queues:
            if self.only_origin is _UNKNOWN:  # (read once: the queues only shrink)
                origins = {origin for origin, _ in self.queues}
                self.only_origin = origins.pop() if len(origins) == 1 else None
            if self.only_origin is not None:
                key = (self.only_origin, key[1])
        have = self.queues.get(key)
        if isinstance(have, Entry):
            if not same_source(have.source, source):
                return None
            del self.queues[key]
            return have
        for i, entry in enumerate(have or ()):
            if same_source(entry.source, source):
                del have[i]  # type: ignore[union-attr]
                return entry
        return None

    def left(self) -> list[tuple[Key, Entry]]:
        """The segments no unit of the file took, in the order they were queued."""
        return [(key, e) for key, have in self.queues.items()
                for e in ((have,) if isinstance(have, Entry) else have)]

    def load(self, entry: Entry) -> tuple[Any, Basis]:
        """A decided segment as the export unit (``formats.BilingualUnit``) and what its target may be in the
        file without having changed since the import; read with the decided segments after it."""
        if entry.seg_id not in self.read:
            self.read = self._read(self.order[entry.slot:entry.slot + WINDOW])
        return self.read.pop(entry.seg_id)

    def _read(self, window: list[Entry]) -> dict[int, tuple[Any, Basis]]:
        from .export import segment_unit

        conn = self.project.conn
        ids = [e.seg_id for e in window]
        marks = ",".join("?" * len(ids))
        segs = self.project.numbered_segments([(e.seg_id, e.number) for e in window])
        extras = {sid: json.loads(data) for sid, data in conn.execute(
            f"SELECT segment_id, data FROM segment_extras WHERE segment_id IN ({marks})", ids)}
        texts: dict[int, set[str]] = {}
        for sid, text in conn.execute(f"SELECT DISTINCT segment_id, text FROM events WHERE segment_id IN ({marks})"
                                      " AND text IS NOT NULL AND action <> 'note'", ids):
            texts.setdefault(sid, set()).add(text)
        events = [s.state.event_id for s in segs.values() if s.state.event_id is not None]
        placements: dict[int, Placement | None] = {}
        for eid, codes in conn.execute(f"SELECT id, json_extract(payload, '$.codes') FROM events WHERE id IN "
                                       f"({','.join('?' * len(events))})", events):
            data = json.loads(codes) if codes is not None else None  # as code_placement.decision_placement
            placements[eid] = [(int(o), int(i)) for o, i in data] if isinstance(data, list) else None
        notes = read_notes(conn, ids)  # the reviewers' notes of the window, in one query
        out = {}
        for sid in ids:
            seg, extra = segs[sid], extras.get(sid)
            unit = segment_unit(self.project, seg, keep_ids=True, extras=extra, notes=notes,
                                placement=placements.get(seg.state.event_id) if seg.state.event_id is not None else None)
            out[sid] = (unit, Basis(parts_from_json((extra or {}).get("tgt")), frozenset(texts.get(sid, ()))))
        return out


def same_text(a: str, b: str) -> bool:
    return " ".join(a.split()) == " ".join(b.split())


def same_source(stored: str, source: FileTarget) -> bool:
    """Whether a segment's stored source is the file's ``source``, as read now or, for a project imported
    before spaces were added around line-break codes, as read then ("Zeilezwei" for "Zeile zwei")."""
    return any(same_text(stored, reading.text) for reading in source.readings())
