"""The decision log: decisions, undo and redo as append-only events, and the state derived from them (the
undo and redo operations are in ``store_undo``).

A decision is *effective* when it has been undone as many times as redone. ``derive_states`` replays the log
and is the definition of a segment's state; ``segment_state`` is a cache of it, written in the same
transaction as each event."""

from __future__ import annotations

import json
import os
import sqlite3
import uuid
from collections.abc import Iterator, Sequence
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from . import store_notes as notes
from .code_placement import check_placement
from .errors import ProjectWriteError, StoreError
from .store_opening import wal_removed_hint
from .store_schema import _tx, inserted_id, is_environment_error, now_iso, sqlite_reason
from .store_values import stored_json
from .timestamps import utc_iso

DECISIONS = ("accept_mt", "accept_candidate", "edit", "reject")
STRUCTURAL = ("merge", "split", "move")
STATUS_OF_ACTION = {
    "accept_mt": "accepted_mt",
    "accept_candidate": "accepted_candidate",
    "edit": "edited",
    "reject": "rejected",
}
STATUSES = ("unreviewed", "accepted_mt", "accepted_candidate", "edited", "rejected")
# The session that wrote an event, from its JSON payload ('' for events written before sessions existed).
_SESSION_SQL = "IFNULL(json_extract(payload, '$.session'), '')"


class DecidedMeanwhile(StoreError):
    """A decision made on the condition that the segment's state is still the one seen (``decide(...,
    expected=...)``) found another session's decision there instead; nothing was saved."""


class UndoRefused(StoreError):
    """A session-scoped undo/redo would clobber what another session did to the segment since."""

    def __init__(self, message: str, segment_id: int | None, reviewer: str | None = None,
                 action: str | None = None, event_id: int | None = None) -> None:
        super().__init__(message)
        self.segment_id = segment_id
        self.reviewer = reviewer
        self.action = action
        self.event_id = event_id
        """The event whose undo/redo was refused: pass it in ``undo(..., skip=...)`` to go past it."""



@dataclass(frozen=True)
class SegmentState:
    """The current review state of a segment."""

    status: str = "unreviewed"
    final_text: str | None = None
    candidate: str | None = None
    reviewer: str | None = None
    decided_at: str | None = None
    event_id: int | None = None



@dataclass(frozen=True)
class Event:
    """One row of the append-only decision log."""

    id: int
    segment_id: int | None
    action: str
    text: str | None
    candidate: str | None
    reviewer: str
    created_at: str
    target: int | None
    scores: dict[str, Any] | None
    payload: dict[str, Any] | None


def _write_state(conn: sqlite3.Connection, seg_id: int, st: SegmentState) -> None:
    conn.execute(
        "INSERT INTO segment_state(segment_id, status, final_text, candidate, reviewer, decided_at, event_id)"
        " VALUES (?,?,?,?,?,?,?) ON CONFLICT(segment_id) DO UPDATE SET status=excluded.status,"
        " final_text=excluded.final_text, candidate=excluded.candidate, reviewer=excluded.reviewer,"
        " decided_at=excluded.decided_at, event_id=excluded.event_id",
        (seg_id, st.status, st.final_text, st.candidate, st.reviewer, st.decided_at, st.event_id),
    )



def _state_from_event(row: sqlite3.Row | None, applied_at: str | None = None) -> SegmentState:
    if row is None:
        return SegmentState()
    return SegmentState(
        status=STATUS_OF_ACTION[row["action"]],
        final_text=None if row["action"] == "reject" else row["text"],
        candidate=row["candidate"],
        reviewer=row["reviewer"],
        decided_at=applied_at or row["created_at"],
        event_id=row["id"],
    )



def derive_states(conn: sqlite3.Connection) -> dict[int, SegmentState]:
    """Replay the whole event log and return the state of every segment that has effective decisions.

    This is the definition of a segment's state; ``segment_state`` is a cache of it."""
    applied: dict[int, tuple[sqlite3.Row, str]] = {}  # decision id -> (row, time it took effect)
    order: list[int] = []  # effective decisions, in the order they took effect
    rows = {r["id"]: r for r in conn.execute("SELECT * FROM events ORDER BY id")}
    for eid, row in rows.items():
        action = row["action"]
        if action in DECISIONS:
            applied[eid] = (row, row["created_at"])
            order.append(eid)
        elif action == "undo" and row["target"] in applied:
            applied.pop(row["target"])
            order.remove(row["target"])
        elif action == "redo" and row["target"] in rows and rows[row["target"]]["action"] in DECISIONS:
            applied[row["target"]] = (rows[row["target"]], row["created_at"])
            order.append(row["target"])
    states: dict[int, SegmentState] = {}
    for eid in order:  # later in the effect order wins
        row, at = applied[eid]
        states[row["segment_id"]] = _state_from_event(row, at)
    return states


class DecisionLog:
    """Decisions and structural (repair) events; mixed into ``Project`` through ``store_undo.UndoLog``,
    which adds undo and redo."""

    # Provided by Project: the connection, the file path, and the score lookup used for snapshots.
    conn: sqlite3.Connection
    path: Any
    scores: Any
    file_id: tuple[int, int] | None = None
    """(st_dev, st_ino) of the file this connection opened, at ``file_path`` (absolute); see ``_write``."""
    file_path: Any = None

    @contextmanager
    def _write(self) -> Iterator[None]:
        """A write transaction that commits only if ``path`` still names the file this Project opened.

        ``import --force`` (or anything else) may rename a new file over the project or delete it while
        it is open; SQLite keeps writing into the old, unlinked inode, so a decision would be "saved"
        where nobody can ever read it. One ``os.stat`` per transaction catches that.

        A full disk, an I/O error or a lost write permission rolls the change back and raises
        ``ProjectWriteError`` naming the file (QA: the review app died with a traceback, losing the edit
        being saved, and ``import`` and ``score`` printed one too)."""
        try:
            with _tx(self.conn, check=self._check_same_file):
                yield
        except sqlite3.OperationalError as err:
            if not is_environment_error(err):
                raise
            reason = sqlite_reason(err, Path(self.path))
            raise ProjectWriteError(f"{self.path}: cannot write to the project ({reason}); this change was not "
                                    f"saved{wal_removed_hint(Path(self.path), err)}", reason) from None

    def _check_same_file(self) -> None:
        if self.file_id is None:
            return
        try:
            st = os.stat(self.file_path or self.path)
            now: tuple[int, int] | None = (st.st_dev, st.st_ino)
        except OSError:
            now = None
        if now != self.file_id:
            raise StoreError(f"{self.path}: was replaced or removed by another program since it was opened; "
                             "this change was not saved (reopen the project)")

    def events(self, segment_id: int | None = None) -> list[Event]:
        """The event log (of one segment, or all), oldest first."""
        q = "SELECT * FROM events"
        args: tuple[Any, ...] = ()
        if segment_id is not None:
            q, args = q + " WHERE segment_id=?", (segment_id,)
        return [Event(r["id"], r["segment_id"], r["action"], r["text"], r["candidate"], r["reviewer"],
                      r["created_at"], r["target"], stored_json(r["scores"], "scores") if r["scores"] else None,
                      stored_json(r["payload"], "payload") if r["payload"] else None)
                for r in self.conn.execute(q + " ORDER BY id", args)]



    @property
    def session_id(self) -> str:
        """This connection's session: written into every event's payload, so that ``undo(session=...)``
        undoes only what this session did (two reviewers may have the same project open)."""
        sid = self.__dict__.get("_session_id")
        if sid is None:
            sid = self.__dict__["_session_id"] = uuid.uuid4().hex[:16]
        return sid

    def _session_payload(self, extra: dict[str, Any] | None = None) -> str:
        return json.dumps({**(extra or {}), "session": self.session_id})

    def _scores_snapshot(self, segment_id: int, risk: float | None) -> str | None:
        snap = self.scores(segment_id)
        if risk is not None:
            snap["risk"] = {"risk": risk}
        return json.dumps(snap) if snap else None

    def decide(self, segment_id: int, action: str, text: str | None = None, candidate: str | None = None,
               reviewer: str = "reviewer", at: str | None = None, bulk: bool = False,
               expected: SegmentState | None = None, codes: list[Any] | None = None) -> SegmentState:
        """Record a decision as one committed transaction and return the segment's new state.

        ``accept_mt`` takes the MT text; ``accept_candidate`` needs ``candidate`` (its name) and ``text``;
        ``edit`` needs ``text``; ``reject`` leaves the pair out of the cleaned corpus. ``at`` (ISO 8601 with
        a time zone) dates a decision made earlier, e.g. one re-imported from an export; default now.
        ``bulk`` marks a decision a rule made for many segments (``mtreview decide``), which calibration
        does not learn from. ``expected``: the state the caller saw; when another session has decided the
        segment since, ``DecidedMeanwhile`` is raised and nothing recorded. ``codes``: the reviewer's explicit
        placement of the segment's inline codes on the text (``code_placement``), kept in the event. A
        malformed ``at`` or ``codes`` raises ``ValueError`` and records nothing."""
        if action not in DECISIONS:
            raise ValueError(f"unknown decision {action!r}")
        stamp = now_iso() if at is None else utc_iso(at)
        if action in ("accept_candidate", "edit") and text is None:
            raise ValueError(f"{action} needs a text")
        if action == "accept_candidate" and not candidate:
            raise ValueError("accept_candidate needs the candidate's name")
        with self._write():
            # Read under the write lock: another session's merge, split or move between this read and the
            # insert would otherwise give the decision to a segment that no longer exists (saved, never seen).
            # One query for the segment, its risk and its current decision (bulk runs make 10^6 of these).
            seg = self.conn.execute("SELECT g.mt_text, g.active, g.risk, st.event_id FROM segments g LEFT JOIN"
                                    " segment_state st ON st.segment_id = g.id WHERE g.id=?", (segment_id,)).fetchone()
            if seg is None:
                raise StoreError(f"{self.path}: no segment with id {segment_id}")
            if not seg["active"]:
                raise StoreError("this segment was merged, split or moved (by another session?) since it was "
                                 "shown; nothing was saved: decide again on the refreshed list")
            if expected is not None:
                if seg["event_id"] != expected.event_id:
                    raise DecidedMeanwhile(f"segment {segment_id} was decided by another session meanwhile; "
                                           "nothing was saved")
            if action == "accept_mt":
                text = seg["mt_text"]
            extra: dict[str, Any] = {"bulk": True} if bulk else {}
            if codes is not None and action != "reject":
                extra["codes"] = check_placement(codes, text or "", self.conn, segment_id)
            cur = self.conn.execute(
                "INSERT INTO events(segment_id, action, text, candidate, reviewer, created_at, scores, payload)"
                " VALUES (?,?,?,?,?,?,?,?)",
                (segment_id, action, text, candidate, reviewer, stamp, self._scores_snapshot(segment_id, seg["risk"]),
                 self._session_payload(extra)),
            )
            # The state of the row just inserted (as _state_from_event would read it back), without reading it.
            state = SegmentState(STATUS_OF_ACTION[action], None if action == "reject" else text, candidate,
                                 reviewer, stamp, inserted_id(cur))
            _write_state(self.conn, segment_id, state)
        return state

    def record_structure_change(self, action: str, removed: Sequence[int],
                                added: Sequence[tuple[float, Sequence[int], Sequence[int], str, str, float | None]],
                                reviewer: str = "reviewer", detail: dict[str, Any] | None = None,
                                extras: Sequence[dict[str, Any] | None] = ()) -> list[int]:
        """Replace segments ``removed`` by new ones (position, source idx, MT idx, source text, MT text,
        confidence) in one transaction, logged as an undoable ``merge``/``split``/``move`` event. ``extras``:
        what each new segment keeps of a bilingual file (``repair_extras``), in the order of ``added``."""
        if action not in STRUCTURAL:
            raise ValueError(f"unknown structural action {action!r}")
        with self._write():
            # Checked under the write lock (QA): two sessions repairing neighbouring segments at once could
            # otherwise both replace a segment, and one sentence ended up in two live segments.
            if removed:
                marks = ",".join("?" * len(removed))
                gone = self.conn.execute(f"SELECT id FROM segments WHERE active=0 AND id IN ({marks})",
                                         list(removed)).fetchone()
                if gone is not None:
                    raise StoreError(f"segment {gone[0]} was merged, split or moved (by another session?) since "
                                     "it was shown; nothing was changed: repair again on the refreshed list")
            new_ids = []
            for pos, src, mt, src_text, mt_text, conf in added:
                cur = self.conn.execute(
                    "INSERT INTO segments(position, source_idx, mt_idx, source_text, mt_text, confidence)"
                    " VALUES (?,?,?,?,?,?)",
                    (pos, json.dumps(list(src)), json.dumps(list(mt)), src_text, mt_text, conf),
                )
                new_ids.append(inserted_id(cur))
                self.conn.execute("INSERT INTO segment_state(segment_id, status) VALUES (?, 'unreviewed')",
                                  (new_ids[-1],))
            self.conn.executemany("UPDATE segments SET active=0 WHERE id=?", [(i,) for i in removed])
            if extras:
                self.conn.executemany("INSERT OR REPLACE INTO segment_extras(segment_id, data) VALUES (?, ?)",
                                      [(i, json.dumps(e, ensure_ascii=False))
                                       for i, e in zip(new_ids, extras, strict=True) if e])
            # Reviewer notes are not lost: the new segments take them (``store_notes.carried_notes``).
            carried = notes.carried_notes(self.conn, action, removed, new_ids, [(a[1], a[2]) for a in added])
            payload = {"removed": list(removed), "added": new_ids, **(detail or {}), **notes.carried_payload(carried),
                       "session": self.session_id}
            cur = self.conn.execute(
                "INSERT INTO events(segment_id, action, reviewer, created_at, payload) VALUES (?,?,?,?,?)",
                (removed[0] if removed else None, action, reviewer, now_iso(), json.dumps(payload)),
            )
            notes.write_carried(self.conn, carried, inserted_id(cur))
        return new_ids

    def rebuild_state(self) -> None:
        """Recompute the materialised ``segment_state`` (and ``segment_notes``) from the event log."""
        states = derive_states(self.conn)
        with self._write():
            self.conn.execute("UPDATE segment_state SET status='unreviewed', final_text=NULL, candidate=NULL,"
                              " reviewer=NULL, decided_at=NULL, event_id=NULL")
            for seg_id, st in states.items():
                _write_state(self.conn, seg_id, st)
            notes.rebuild_notes(self.conn)
