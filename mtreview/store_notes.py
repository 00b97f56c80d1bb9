"""Reviewer notes: a comment or query on a segment, kept as ``note`` events in the decision log.

A note is saved at once, as one event in its own committed transaction (``Project.set_note``), with the
reviewer and the time; an empty text clears it. ``segment_notes`` holds each segment's note as it stands,
written in the same transaction (as ``segment_state`` is for decisions); ``derive_notes`` replays the log and
is its definition. A note is undone and redone like a decision, on the same undo stack: undoing a note brings
back the note before it, and never touches the segment's decision.

A repair (merge, split, move) carries notes to the segments it makes (``carried_notes``): a merge joins them
(one per line), a split leaves the note with the first part, a sentence move with the new segment that keeps
most of the old one's sentences. What was carried is in the repair's event, so the log still defines every
note; undoing the repair brings the old segments back with their own notes.
"""

from __future__ import annotations

import json
import re
import sqlite3
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass, replace
from typing import Any

from .controls import strip_controls
from .errors import StoreError
from .store_schema import inserted_id, now_iso
from .textio import strip_nonchars
from .timestamps import utc_iso

_SURROGATE_RE = re.compile("[\ud800-\udfff]")
NOTE = "note"
"""The event action of a note (its ``text`` is the note; empty: cleared)."""
NOTE_JOINER = "\n"
"""Between the notes of segments a merge joins."""
_REPAIRS = ("merge", "split", "move")  # store_events.STRUCTURAL, spelt out: store_events imports this module


@dataclass(frozen=True)
class Note:
    """A segment's note as it stands: its text, who wrote it and when (UTC, ISO 8601), and the event."""

    text: str
    reviewer: str
    noted_at: str
    event_id: int | None = None


def note_text(text: str) -> str:
    """A note as stored: line ends as ``\\n``, control characters dropped (as the import drops them from texts:
    no XML file can carry them), no blank lines around it; only whitespace is no note ('')."""
    if not isinstance(text, str):
        raise ValueError(f"a note is text, not {type(text).__name__}")
    # A lone surrogate (a command-line argument that is not UTF-8) cannot be stored: U+FFFD, as file names are.
    text = _SURROGATE_RE.sub("\ufffd", text)
    text, _ = strip_controls(text.replace("\r\n", "\n").replace("\r", "\n"))
    text, _ = strip_nonchars(text)  # U+FFFE/U+FFFF as well: the XML exports dropped them, JSONL kept them
    return text.strip()


def write_note(conn: sqlite3.Connection, seg_id: int, note: Note | None) -> None:
    """Set (or, for None or an empty text, remove) the stored note of a segment."""
    if note is None or not note.text:
        conn.execute("DELETE FROM segment_notes WHERE segment_id=?", (seg_id,))
        return
    conn.execute(
        "INSERT INTO segment_notes(segment_id, text, reviewer, noted_at, event_id) VALUES (?,?,?,?,?)"
        " ON CONFLICT(segment_id) DO UPDATE SET text=excluded.text, reviewer=excluded.reviewer,"
        " noted_at=excluded.noted_at, event_id=excluded.event_id",
        (seg_id, note.text, note.reviewer, note.noted_at, note.event_id))


def read_note(conn: sqlite3.Connection, seg_id: int) -> Note | None:
    """The note of one segment (active or not), or None."""
    row = conn.execute("SELECT text, reviewer, noted_at, event_id FROM segment_notes WHERE segment_id=?",
                       (seg_id,)).fetchone()
    return None if row is None else Note(row[0], row[1], row[2], row[3])


def read_notes(conn: sqlite3.Connection, ids: Iterable[int] | None = None) -> dict[int, Note]:
    """Notes by segment id: of these segments (active or not), or of every active segment."""
    if ids is None:
        rows = conn.execute("SELECT n.segment_id, n.text, n.reviewer, n.noted_at, n.event_id FROM segment_notes n"
                            " JOIN segments g ON g.id = n.segment_id WHERE g.active=1").fetchall()
    else:
        wanted = list(ids)
        rows = []
        for k in range(0, len(wanted), 500):
            chunk = wanted[k:k + 500]
            rows += conn.execute("SELECT segment_id, text, reviewer, noted_at, event_id FROM segment_notes"
                                 f" WHERE segment_id IN ({','.join('?' * len(chunk))})", chunk).fetchall()
    return {int(r[0]): Note(r[1], r[2], r[3], r[4]) for r in rows}


def ids_with_note(conn: sqlite3.Connection) -> set[int]:
    """Ids of active segments that have a note (the review list's filter)."""
    return {int(r[0]) for r in conn.execute(
        "SELECT n.segment_id FROM segment_notes n JOIN segments g ON g.id = n.segment_id WHERE g.active=1")}


def _note_of_event(row: sqlite3.Row, at: str | None = None) -> Note:
    return Note(row["text"] or "", row["reviewer"], at or row["created_at"], row["id"])


def _carried_from_payload(payload: dict[str, Any], event_id: int) -> dict[int, Note]:
    return {int(sid): Note(n["text"], n["reviewer"], n["at"], event_id) for sid, n in payload.get("notes", {}).items()}


_NOTE_EVENTS_SQL = (f"(action = '{NOTE}' OR (action IN ('undo', 'redo')"
                    f" AND target IN (SELECT id FROM events WHERE action = '{NOTE}')))")


def conflicting(action: str) -> str:
    """A condition (``AND ...``) on the events another session wrote that keep an undo or redo of an event of
    ``action`` from going ahead: for a note, only notes (and their undo/redo); for a decision, anything but
    notes (another reviewer's note does not block taking back a decision); for a repair, everything."""
    if action == NOTE:
        return f" AND {_NOTE_EVENTS_SQL}"
    return "" if action in _REPAIRS else f" AND NOT {_NOTE_EVENTS_SQL}"


def carried_note(conn: sqlite3.Connection, seg_id: int) -> Note | None:
    """The note a repair gave segment ``seg_id`` when it made it (None: none, or it was not made by a repair)."""
    row = conn.execute(
        "SELECT e.id, j.value FROM events e, json_each(e.payload, '$.notes') j"
        f" WHERE e.action IN ({','.join('?' * len(_REPAIRS))}) AND j.key = ? ORDER BY e.id LIMIT 1",
        (*_REPAIRS, str(seg_id))).fetchone()
    if row is None:
        return None
    value = json.loads(row[1])
    return Note(value["text"], value["reviewer"], value["at"], int(row[0]))


def note_after_undo_redo(conn: sqlite3.Connection, target: sqlite3.Row, action: str, stamp: str,
                         is_effective: Callable[[int], bool]) -> None:
    """Write the note a segment has after ``action`` (undo or redo) of the note event ``target``: a redo puts
    it back; an undo brings back the latest other note still in force, else the one a repair gave it."""
    seg_id = int(target["segment_id"])
    if action == "redo":
        write_note(conn, seg_id, _note_of_event(target, stamp))
        return
    note = None
    for row in conn.execute("SELECT * FROM events WHERE segment_id=? AND action=? AND id<>? ORDER BY id DESC",
                            (seg_id, NOTE, target["id"])).fetchall():
        if is_effective(row["id"]):
            note = _note_of_event(row)
            break
    write_note(conn, seg_id, note if note is not None else carried_note(conn, seg_id))


def derive_notes(conn: sqlite3.Connection) -> dict[int, Note]:
    """Replay the whole event log and return every segment's note (the definition ``segment_notes`` caches)."""
    applied: dict[int, tuple[sqlite3.Row, str]] = {}  # note event id -> (row, time it took effect)
    order: list[int] = []
    notes: dict[int, Note] = {}
    rows = {r["id"]: r for r in conn.execute("SELECT * FROM events ORDER BY id")}
    for eid, row in rows.items():
        action = row["action"]
        if action == NOTE:
            applied[eid] = (row, row["created_at"])
            order.append(eid)
        elif action == "undo" and row["target"] in applied:
            applied.pop(row["target"])
            order.remove(row["target"])
        elif action == "redo" and row["target"] in rows and rows[row["target"]]["action"] == NOTE:
            applied[row["target"]] = (rows[row["target"]], row["created_at"])
            order.append(row["target"])
        elif action in _REPAIRS and row["payload"]:
            notes.update(_carried_from_payload(json.loads(row["payload"]), eid))
    for eid in order:  # later in the effect order wins
        row, at = applied[eid]
        notes[int(row["segment_id"])] = _note_of_event(row, at)
    return {sid: n for sid, n in notes.items() if n.text}


def rebuild_notes(conn: sqlite3.Connection) -> None:
    """Recompute ``segment_notes`` from the event log (inside the caller's transaction)."""
    conn.execute("DELETE FROM segment_notes")
    for seg_id, note in derive_notes(conn).items():
        write_note(conn, seg_id, note)


def carried_notes(conn: sqlite3.Connection, action: str, removed: Sequence[int], new_ids: Sequence[int],
                  added: Sequence[tuple[Sequence[int], Sequence[int]]]) -> dict[int, Note]:
    """The notes the new segments of a repair take from the ones it replaces (``added``: each new segment's
    source and MT sentence indices, in the order of ``new_ids``): a split's note goes to the first part, any
    other repair's to the new segment sharing most sentences with the old one (the first on a tie); notes
    landing on one segment are joined, each once, in document order."""
    old = read_notes(conn, removed)
    if not old or not new_ids:
        return {}
    gathered: dict[int, list[Note]] = {}
    for seg_id in removed:
        if seg_id not in old:
            continue
        target = new_ids[0]
        if action != "split" and len(new_ids) > 1:
            row = conn.execute("SELECT source_idx, mt_idx FROM segments WHERE id=?", (seg_id,)).fetchone()
            src, mt = set(json.loads(row[0])), set(json.loads(row[1]))
            shared = [len(src & set(s)) + len(mt & set(m)) for s, m in added]
            target = new_ids[shared.index(max(shared))]
        gathered.setdefault(target, []).append(old[seg_id])
    return {sid: Note(NOTE_JOINER.join(dict.fromkeys(n.text for n in notes)),
                      ", ".join(dict.fromkeys(n.reviewer for n in notes)), max(n.noted_at for n in notes))
            for sid, notes in gathered.items()}


def carried_payload(carried: dict[int, Note]) -> dict[str, Any]:
    """What a repair's event keeps of the notes it carried (``{}`` when none), for ``derive_notes``."""
    if not carried:
        return {}
    return {"notes": {str(sid): {"text": n.text, "reviewer": n.reviewer, "at": n.noted_at}
                      for sid, n in carried.items()}}


def write_carried(conn: sqlite3.Connection, carried: dict[int, Note], event_id: int) -> None:
    """Store the notes a repair carried, under its event."""
    for seg_id, note in carried.items():
        write_note(conn, seg_id, replace(note, event_id=event_id))


class NotesLog:
    """Reviewer notes on segments; mixed into ``Project`` (after ``DecisionLog``, which provides these)."""

    conn: sqlite3.Connection
    path: Any
    _write: Any
    _session_payload: Any

    def set_note(self, segment_id: int, text: str, reviewer: str = "reviewer", at: str | None = None) -> Note | None:
        """Save ``text`` as the note on a segment, as one committed transaction; an empty text clears it.
        Returns the note now in force (None: none). Logged as an undoable ``note`` event, unless the note
        is already that text (nothing is logged then). ``at``: ISO 8601 with a time zone; default now."""
        text = note_text(text)
        stamp = now_iso() if at is None else utc_iso(at)
        with self._write():
            seg = self.conn.execute("SELECT active FROM segments WHERE id=?", (segment_id,)).fetchone()
            if seg is None:
                raise StoreError(f"{self.path}: no segment with id {segment_id}")
            if not seg[0]:
                raise StoreError("this segment was merged, split or moved (by another session?) since it was "
                                 "shown; the note was not saved: write it again on the refreshed list")
            current = read_note(self.conn, segment_id)
            if (current.text if current is not None else "") == text:
                return current
            cur = self.conn.execute(
                "INSERT INTO events(segment_id, action, text, reviewer, created_at, payload) VALUES (?,?,?,?,?,?)",
                (segment_id, NOTE, text, reviewer, stamp, self._session_payload()))
            note = Note(text, reviewer, stamp, inserted_id(cur)) if text else None
            write_note(self.conn, segment_id, note)
        return note

    def note(self, segment_id: int) -> Note | None:
        """The note on a segment, or None."""
        return read_note(self.conn, segment_id)

    def notes(self) -> dict[int, Note]:
        """The notes of every active segment, by segment id."""
        return read_notes(self.conn)
