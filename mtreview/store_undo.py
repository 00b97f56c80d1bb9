"""Undo and redo of decisions, notes and repairs, read from the append-only event log (``store_events``).

Each session's undo stack is derived from the log, never kept in memory: an undo or redo is itself an event,
and an undo that would overwrite another session's later change to the segment is refused (``UndoRefused``).
"""

from __future__ import annotations

import json
from collections.abc import Collection
from typing import Any

from . import store_notes as notes
from .store_events import (
    _SESSION_SQL,
    DECISIONS,
    STRUCTURAL,
    DecisionLog,
    Event,
    SegmentState,
    UndoRefused,
    _state_from_event,
    _write_state,
)
from .store_notes import NOTE
from .store_schema import now_iso


class UndoLog(DecisionLog):
    """``DecisionLog`` with undo and redo (of one session, or of the whole log); mixed into ``Project``."""

    last_undo_redo: Event | None = None
    """The event the latest ``undo``/``redo`` of this connection acted on."""

    def _is_effective(self, event_id: int) -> bool:
        undos, redos = self.conn.execute(
            "SELECT sum(action='undo'), sum(action='redo') FROM events WHERE target=?", (event_id,)
        ).fetchone()
        return (undos or 0) == (redos or 0)

    def _undo_stacks(self, session: str | None = None) -> tuple[list[int], list[int]]:
        """The undo stack (effective decisions, latest last) and the redo stack (undone since the last
        new decision, latest last), from the log; with ``session``, of that session's events only."""
        done: list[int] = []
        undone: list[int] = []
        q = "SELECT id, action, target FROM events"
        args: tuple[Any, ...] = ()
        if session is not None:
            q, args = q + f" WHERE {_SESSION_SQL} = ?", (session,)
        for r in self.conn.execute(q + " ORDER BY id", args):
            if r[1] in DECISIONS or r[1] in STRUCTURAL or r[1] == NOTE:  # a note is undone as a decision is
                done.append(r[0])
                undone.clear()
            elif r[1] == "undo" and r[2] in done:
                done.remove(r[2])
                undone.append(r[2])
            elif r[1] == "redo" and r[2] in undone:  # the latest, or one before a refused redo (``skip``)
                undone.remove(r[2])
                done.append(r[2])
        return done, undone

    def undo(self, reviewer: str = "reviewer", session: str | None = None,
             skip: Collection[int] = ()) -> int | None:
        """Undo the most recent effective decision (or repair). Returns its segment id, or None.

        With ``session`` (e.g. ``self.session_id``) only that session's own decisions are undone, and an
        undo that would clobber another session's later change to the segment raises ``UndoRefused``.
        ``skip``: event ids whose undo was refused (``UndoRefused.event_id``); they stay done and the undo
        goes to the one before them, so one refusal does not block the rest of the session's stack.
        ``last_undo_redo`` is then the event undone."""
        target = self.undo_target(session, skip)
        if target is None:
            return None
        if session is not None:
            self._check_no_conflict(target, "undo", session)
        return self._apply_undo_redo(target, "undo", reviewer)

    def undo_target(self, session: str | None = None, skip: Collection[int] = ()) -> int | None:
        """The event ``undo(session=session, skip=skip)`` would undo (its refusal unchecked), or None."""
        done, _ = self._undo_stacks(session)
        return next((t for t in reversed(done) if t not in skip), None)

    def event(self, event_id: int) -> Event:
        """One event of the log, by id."""
        r = self.conn.execute("SELECT * FROM events WHERE id=?", (event_id,)).fetchone()
        return Event(r["id"], r["segment_id"], r["action"], r["text"], r["candidate"], r["reviewer"],
                     r["created_at"], r["target"], json.loads(r["scores"]) if r["scores"] else None,
                     json.loads(r["payload"]) if r["payload"] else None)

    def redo(self, reviewer: str = "reviewer", session: str | None = None,
             skip: Collection[int] = ()) -> int | None:
        """Redo the most recently undone decision, if nothing was decided since. Returns its segment id.
        ``session`` and ``skip`` (event ids whose redo was refused: they stay undone) as for ``undo``."""
        target = self.redo_target(session, skip)
        if target is None:
            return None
        if session is not None:
            self._check_no_conflict(target, "redo", session)
        return self._apply_undo_redo(target, "redo", reviewer)

    def redo_target(self, session: str | None = None, skip: Collection[int] = ()) -> int | None:
        """The event ``redo(session=session, skip=skip)`` would redo (its refusal unchecked), or None."""
        _, undone = self._undo_stacks(session)
        return next((t for t in reversed(undone) if t not in skip), None)

    def undo_session(self, session: str, reviewer: str = "reviewer",
                     undone: list[int] | None = None) -> tuple[list[int], list[UndoRefused]]:
        """Undo every effective decision of ``session``, latest first, each in its own transaction. A
        segment another session changed since (or a repair replaced) keeps that change: its refusal is
        returned. Returns the segment ids undone and the refusals. ``undone``: filled as the undo goes, so
        that a caller can say what an interrupted one took back."""
        done, _ = self._undo_stacks(session)
        undone = [] if undone is None else undone
        refused: list[UndoRefused] = []
        # Read once: the undo events are recorded under this Project's session, not ``session``, so the
        # stacks of ``session`` never show them; what an earlier call undid is no longer effective.
        for target in reversed(done):
            if not self._is_effective(target):
                continue
            try:
                self._check_no_conflict(target, "undo", session)
            except UndoRefused as err:
                refused.append(err)
                continue
            try:
                seg = self._apply_undo_redo(target, "undo", reviewer)
            except KeyboardInterrupt:  # Ctrl-C, SIGTERM: it may have come just after the commit
                if not self._is_effective(target):
                    row = self.conn.execute("SELECT segment_id FROM events WHERE id=?", (target,)).fetchone()
                    if row is not None and row[0] is not None:
                        undone.append(int(row[0]))
                raise
            if seg is not None:
                undone.append(seg)
        return undone, refused

    def _check_no_conflict(self, target_id: int, action: str, session: str) -> None:
        """Raise ``UndoRefused`` when another session touched the segments this undo/redo would change
        after ``target_id``, or they were replaced by a repair."""
        target = self.conn.execute("SELECT * FROM events WHERE id=?", (target_id,)).fetchone()
        if target["action"] in STRUCTURAL:
            payload = json.loads(target["payload"])
            # Undo brings back the removed segments in place of the added ones; redo the other way.
            leaving = payload["added"] if action == "undo" else payload["removed"]
        else:
            leaving = [target["segment_id"]]
        if not leaving:
            return
        marks = ",".join("?" * len(leaving))
        inactive = self.conn.execute(f"SELECT id FROM segments WHERE active=0 AND id IN ({marks})",
                                     leaving).fetchone()
        if inactive is not None:
            raise UndoRefused(f"segment {inactive[0]} was replaced by a merge, split or move since",
                              int(inactive[0]), event_id=target_id)
        other = self.conn.execute(
            f"SELECT segment_id, reviewer, action FROM events WHERE id > ? AND segment_id IN ({marks})"
            f" AND {_SESSION_SQL} <> ?{notes.conflicting(target['action'])} ORDER BY id DESC LIMIT 1",
            (target_id, *leaving, session)).fetchone()
        if other is not None:
            raise UndoRefused(f"segment {other[0]} was changed since by {other[1]} ({other[2]}) in another "
                              "session", int(other[0]), other[1], other[2], target_id)

    def _apply_undo_redo(self, target_id: int, action: str, reviewer: str) -> int | None:
        target = self.conn.execute("SELECT * FROM events WHERE id=?", (target_id,)).fetchone()
        self.__dict__["last_undo_redo"] = Event(
            target["id"], target["segment_id"], target["action"], target["text"], target["candidate"],
            target["reviewer"], target["created_at"], target["target"], None,
            json.loads(target["payload"]) if target["payload"] else None)
        with self._write():
            stamp = now_iso()
            self.conn.execute(
                "INSERT INTO events(segment_id, action, reviewer, created_at, target, payload)"
                " VALUES (?,?,?,?,?,?)",
                (target["segment_id"], action, reviewer, stamp, target_id, self._session_payload()),
            )
            if target["action"] in STRUCTURAL:
                payload = json.loads(target["payload"])
                removed, added = payload["removed"], payload["added"]
                if action == "undo":
                    removed, added = added, removed
                self.conn.executemany("UPDATE segments SET active=0 WHERE id=?", [(i,) for i in removed])
                self.conn.executemany("UPDATE segments SET active=1 WHERE id=?", [(i,) for i in added])
                return int(added[0]) if added else None
            seg_id = target["segment_id"]
            if target["action"] == NOTE:  # the segment's note changes, never its decision
                notes.note_after_undo_redo(self.conn, target, action, stamp, self._is_effective)
                return int(seg_id)
            if action == "redo":
                state = _state_from_event(target, stamp)
            else:
                state = SegmentState()
                # The latest other decision on this segment that is still in force takes over.
                for r in self.conn.execute(
                    "SELECT * FROM events WHERE segment_id=? AND action IN ({}) AND id<>? ORDER BY id DESC".format(",".join("?" * len(DECISIONS))), (seg_id, *DECISIONS, target_id)
                ).fetchall():
                    if self._is_effective(r["id"]):
                        state = _state_from_event(r)
                        break
            _write_state(self.conn, seg_id, state)
        return int(seg_id)
