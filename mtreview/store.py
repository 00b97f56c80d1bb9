"""The project store: one SQLite file (``.mtr``) per review project.

WAL journal, ``synchronous=FULL``, foreign keys on. Decisions are an append-only ``events`` table; the
current state of a segment is *derived* from its events (``derive_states``) and also kept materialised in
``segment_state`` inside the same transaction, so the TUI can list 100,000 segments without replaying the
log. Every decision is its own committed transaction: once a call returns, the decision survives ``kill -9``.

Undo and redo are events too. A decision is *effective* when it has been undone as many times as redone.
"""

from __future__ import annotations

import json
import sqlite3
import time
from collections.abc import Iterable, Iterator, Sequence
from contextlib import contextmanager
from dataclasses import dataclass
from datetime import UTC, datetime
from pathlib import Path
from typing import Any, Self

from .errors import StoreError

SCHEMA_VERSION = 2

DECISIONS = ("accept_mt", "accept_candidate", "edit", "reject")
STRUCTURAL = ("merge", "split", "move")
STATUS_OF_ACTION = {
    "accept_mt": "accepted_mt",
    "accept_candidate": "accepted_candidate",
    "edit": "edited",
    "reject": "rejected",
}
STATUSES = ("unreviewed", "accepted_mt", "accepted_candidate", "edited", "rejected")

# Version 1: documents, sentences, segments, candidates, scores, flags, events.
_SCHEMA_V1 = """
CREATE TABLE meta (key TEXT PRIMARY KEY, value TEXT NOT NULL);
CREATE TABLE documents (
    id INTEGER PRIMARY KEY,
    role TEXT NOT NULL CHECK (role IN ('source', 'mt', 'reference')),
    lang TEXT NOT NULL,
    path TEXT,
    text TEXT NOT NULL
);
CREATE TABLE sentences (
    id INTEGER PRIMARY KEY,
    document_id INTEGER NOT NULL REFERENCES documents(id),
    idx INTEGER NOT NULL,
    paragraph INTEGER NOT NULL,
    text TEXT NOT NULL,
    UNIQUE (document_id, idx)
);
CREATE TABLE segments (
    id INTEGER PRIMARY KEY,
    position REAL NOT NULL,
    active INTEGER NOT NULL DEFAULT 1,
    source_idx TEXT NOT NULL,
    mt_idx TEXT NOT NULL,
    source_text TEXT NOT NULL,
    mt_text TEXT NOT NULL,
    confidence REAL,
    risk REAL
);
CREATE INDEX segments_order ON segments(active, position);
CREATE TABLE candidates (
    id INTEGER PRIMARY KEY,
    segment_id INTEGER NOT NULL REFERENCES segments(id),
    kind TEXT NOT NULL CHECK (kind IN ('retranslation', 'reference', 'edit')),
    name TEXT NOT NULL,
    text TEXT NOT NULL,
    model TEXT,
    params TEXT,
    rank INTEGER NOT NULL DEFAULT 0,
    created_at TEXT NOT NULL
);
CREATE INDEX candidates_segment ON candidates(segment_id);
CREATE TABLE scores (
    segment_id INTEGER NOT NULL REFERENCES segments(id),
    candidate_id INTEGER NOT NULL DEFAULT 0,
    scope TEXT NOT NULL,
    metric TEXT NOT NULL,
    value REAL,
    signature TEXT,
    PRIMARY KEY (segment_id, candidate_id, scope, metric)
);
CREATE TABLE flags (
    id INTEGER PRIMARY KEY,
    segment_id INTEGER NOT NULL REFERENCES segments(id),
    name TEXT NOT NULL,
    detail TEXT NOT NULL,
    severity REAL NOT NULL DEFAULT 1.0
);
CREATE INDEX flags_segment ON flags(segment_id);
CREATE TABLE events (
    id INTEGER PRIMARY KEY AUTOINCREMENT,
    segment_id INTEGER REFERENCES segments(id),
    action TEXT NOT NULL,
    text TEXT,
    candidate TEXT,
    reviewer TEXT NOT NULL,
    created_at TEXT NOT NULL,
    target INTEGER REFERENCES events(id)
);
CREATE INDEX events_segment ON events(segment_id);
CREATE INDEX events_target ON events(target);
"""

# Version 2: the scores at the moment of a decision, a payload for structural (repair) events, the
# materialised segment state, and the retranslation cache.
_MIGRATE_1_TO_2 = """
ALTER TABLE events ADD COLUMN scores TEXT;
ALTER TABLE events ADD COLUMN payload TEXT;
CREATE TABLE segment_state (
    segment_id INTEGER PRIMARY KEY REFERENCES segments(id),
    status TEXT NOT NULL,
    final_text TEXT,
    candidate TEXT,
    reviewer TEXT,
    decided_at TEXT,
    event_id INTEGER REFERENCES events(id)
);
CREATE INDEX segment_state_status ON segment_state(status);
CREATE TABLE translation_cache (
    model TEXT NOT NULL,
    revision TEXT NOT NULL,
    params TEXT NOT NULL,
    source TEXT NOT NULL,
    hypotheses TEXT NOT NULL,
    PRIMARY KEY (model, revision, params, source)
);
"""


def _migrate_1_to_2(conn: sqlite3.Connection) -> None:
    for stmt in _split_sql(_MIGRATE_1_TO_2):
        conn.execute(stmt)
    rows = conn.execute("SELECT id FROM segments").fetchall()
    conn.executemany(
        "INSERT INTO segment_state(segment_id, status) VALUES (?, 'unreviewed')", [(r[0],) for r in rows]
    )
    # Rebuild the state from the events a version-1 project already holds.
    for seg_id, state in derive_states(conn).items():
        _write_state(conn, seg_id, state)


MIGRATIONS = {1: _migrate_1_to_2}


def now_iso() -> str:
    """UTC time, ISO 8601 with milliseconds."""
    return datetime.now(UTC).isoformat(timespec="milliseconds")


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
class Segment:
    """An alignment bead: source sentences, MT sentences, their joined texts and the current state."""

    id: int
    number: int  # 1-based position among active segments in document order
    source_idx: tuple[int, ...]
    mt_idx: tuple[int, ...]
    source_text: str
    mt_text: str
    confidence: float | None
    risk: float | None
    state: SegmentState


@dataclass(frozen=True)
class Candidate:
    """A retranslation, the human reference, or an edit proposal for a segment."""

    id: int
    segment_id: int
    kind: str
    name: str
    text: str
    model: str | None
    params: dict[str, Any] | None
    rank: int


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


def _connect(path: Path) -> sqlite3.Connection:
    conn = sqlite3.connect(str(path), timeout=30.0, isolation_level=None, check_same_thread=False)
    conn.row_factory = sqlite3.Row
    conn.execute("PRAGMA journal_mode=WAL")
    conn.execute("PRAGMA synchronous=FULL")
    conn.execute("PRAGMA foreign_keys=ON")
    conn.execute("PRAGMA busy_timeout=30000")
    return conn


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


class Project:
    """An open review project. One small API serves the CLI and the TUI alike.

    A Project is safe to use from one thread at a time; open a second Project on the same file for a
    reader in another thread or process (WAL lets it read while a writer commits)."""

    def __init__(self, path: str | Path, conn: sqlite3.Connection) -> None:
        self.path = Path(path)
        self.conn = conn

    # -- opening ---------------------------------------------------------------------------------------

    @classmethod
    def create(cls, path: str | Path, source_lang: str, target_lang: str, name: str | None = None,
               overwrite: bool = False) -> Project:
        """Create a new, empty project file (refuses to overwrite unless asked)."""
        p = Path(path)
        if p.exists():
            if not overwrite:
                raise StoreError(f"{p}: already exists (pass --force to replace it)")
            for suffix in ("", "-wal", "-shm"):
                Path(str(p) + suffix).unlink(missing_ok=True)
        if not p.parent.exists():
            raise StoreError(f"{p}: folder {p.parent} does not exist")
        conn = _connect(p)
        with _tx(conn):
            for stmt in _split_sql(_SCHEMA_V1):
                conn.execute(stmt)
            conn.execute("INSERT INTO meta VALUES ('schema_version', '1')")
        proj = cls(p, conn)
        proj._migrate()
        with _tx(conn):
            for key, value in (("source_lang", source_lang), ("target_lang", target_lang),
                               ("name", name or p.stem), ("created_at", now_iso())):
                conn.execute("INSERT OR REPLACE INTO meta VALUES (?, ?)", (key, value))
        return proj

    @classmethod
    def open(cls, path: str | Path) -> Project:
        """Open an existing project, migrating it to the current schema version."""
        p = Path(path)
        if not p.exists():
            raise StoreError(f"{p}: no such project file")
        if p.is_dir():
            raise StoreError(f"{p}: is a directory, expected a project file (.mtr)")
        with open(p, "rb") as fh:
            head = fh.read(16)
        if head and head != b"SQLite format 3\x00":
            raise StoreError(f"{p}: not an mtreview project (not an SQLite file)")
        try:
            conn = _connect(p)
            version = conn.execute("SELECT value FROM meta WHERE key='schema_version'").fetchone()
        except sqlite3.DatabaseError as err:
            raise StoreError(f"{p}: not an mtreview project ({err})") from None
        if version is None:
            raise StoreError(f"{p}: not an mtreview project (no schema version)")
        if int(version[0]) > SCHEMA_VERSION:
            raise StoreError(f"{p}: made by a newer mtreview (schema {version[0]} > {SCHEMA_VERSION}); upgrade")
        proj = cls(p, conn)
        proj._migrate()
        return proj

    def close(self) -> None:
        """Close the connection (everything is already committed)."""
        self.conn.close()

    def __enter__(self) -> Self:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    @property
    def schema_version(self) -> int:
        return int(self.conn.execute("SELECT value FROM meta WHERE key='schema_version'").fetchone()[0])

    def _migrate(self) -> None:
        while (version := self.schema_version) < SCHEMA_VERSION:
            with _tx(self.conn):
                MIGRATIONS[version](self.conn)
                self.conn.execute("UPDATE meta SET value=? WHERE key='schema_version'", (str(version + 1),))

    def meta(self, key: str, default: str | None = None) -> str | None:
        row = self.conn.execute("SELECT value FROM meta WHERE key=?", (key,)).fetchone()
        return row[0] if row else default

    def set_meta(self, key: str, value: str) -> None:
        with _tx(self.conn):
            self.conn.execute("INSERT OR REPLACE INTO meta VALUES (?, ?)", (key, value))

    @property
    def source_lang(self) -> str:
        return self.meta("source_lang") or ""

    @property
    def target_lang(self) -> str:
        return self.meta("target_lang") or ""

    # -- building ---------------------------------------------------------------------------------------

    def add_document(self, role: str, lang: str, text: str, sentences: Sequence[Any],
                     path: str | None = None) -> int:
        """Store a document and its sentences (objects with ``index``, ``paragraph``, ``text``)."""
        with _tx(self.conn):
            cur = self.conn.execute("INSERT INTO documents(role, lang, path, text) VALUES (?,?,?,?)",
                                    (role, lang, path, text))
            doc_id = int(cur.lastrowid)
            self.conn.executemany(
                "INSERT INTO sentences(document_id, idx, paragraph, text) VALUES (?,?,?,?)",
                [(doc_id, s.index, s.paragraph, s.text) for s in sentences],
            )
        return doc_id

    def document_sentences(self, role: str) -> list[str]:
        """Sentence texts of the (first) document with this role, in order."""
        rows = self.conn.execute(
            "SELECT s.text FROM sentences s JOIN documents d ON d.id = s.document_id"
            " WHERE d.role=? AND d.id=(SELECT min(id) FROM documents WHERE role=?) ORDER BY s.idx",
            (role, role),
        )
        return [r[0] for r in rows]

    def document_paragraphs(self, role: str) -> list[int]:
        """Paragraph number of each sentence of the document with this role."""
        rows = self.conn.execute(
            "SELECT s.paragraph FROM sentences s JOIN documents d ON d.id = s.document_id"
            " WHERE d.role=? AND d.id=(SELECT min(id) FROM documents WHERE role=?) ORDER BY s.idx",
            (role, role),
        )
        return [r[0] for r in rows]

    def add_segments(self, beads: Iterable[tuple[Sequence[int], Sequence[int], str, str, float | None]]) -> list[int]:
        """Append segments: (source indices, MT indices, source text, MT text, confidence), in order."""
        with _tx(self.conn):
            start = self.conn.execute("SELECT coalesce(max(position), -1) FROM segments").fetchone()[0] + 1
            ids = []
            for k, (src, mt, src_text, mt_text, conf) in enumerate(beads):
                cur = self.conn.execute(
                    "INSERT INTO segments(position, source_idx, mt_idx, source_text, mt_text, confidence)"
                    " VALUES (?,?,?,?,?,?)",
                    (start + k, json.dumps(list(src)), json.dumps(list(mt)), src_text, mt_text, conf),
                )
                ids.append(int(cur.lastrowid))
            self.conn.executemany("INSERT INTO segment_state(segment_id, status) VALUES (?, 'unreviewed')",
                                  [(i,) for i in ids])
        return ids

    def add_candidates(self, rows: Iterable[tuple[int, str, str, str, str | None, dict | None, int]]) -> int:
        """Add candidates: (segment id, kind, name, text, model, params, rank). Returns how many."""
        stamp = now_iso()
        with _tx(self.conn):
            cur = self.conn.executemany(
                "INSERT INTO candidates(segment_id, kind, name, text, model, params, rank, created_at)"
                " VALUES (?,?,?,?,?,?,?,?)",
                [(s, k, n, t, m, json.dumps(p) if p is not None else None, r, stamp)
                 for s, k, n, t, m, p, r in rows],
            )
            return cur.rowcount

    def clear_candidates(self, kind: str, model: str | None = None) -> None:
        """Remove candidates of a kind (and model), e.g. before storing fresh retranslations."""
        with _tx(self.conn):
            if model is None:
                self.conn.execute("DELETE FROM candidates WHERE kind=?", (kind,))
            else:
                self.conn.execute("DELETE FROM candidates WHERE kind=? AND model=?", (kind, model))

    def set_scores(self, rows: Iterable[tuple[int, int, str, str, float | None, str | None]]) -> None:
        """Upsert scores: (segment id, candidate id or 0 for the MT, scope, metric, value, signature)."""
        with _tx(self.conn):
            self.conn.executemany(
                "INSERT OR REPLACE INTO scores(segment_id, candidate_id, scope, metric, value, signature)"
                " VALUES (?,?,?,?,?,?)",
                list(rows),
            )

    def set_flags(self, segment_id: int, flags: Iterable[tuple[str, str, float]]) -> None:
        """Replace a segment's check flags: (name, human explanation, severity)."""
        with _tx(self.conn):
            self._set_flags_nocommit(segment_id, flags)

    def _set_flags_nocommit(self, segment_id: int, flags: Iterable[tuple[str, str, float]]) -> None:
        self.conn.execute("DELETE FROM flags WHERE segment_id=?", (segment_id,))
        self.conn.executemany("INSERT INTO flags(segment_id, name, detail, severity) VALUES (?,?,?,?)",
                              [(segment_id, n, d, s) for n, d, s in flags])

    def set_risks(self, risks: Iterable[tuple[int, float | None]]) -> None:
        """Set the risk of segments: (segment id, risk in [0, 1])."""
        with _tx(self.conn):
            self.conn.executemany("UPDATE segments SET risk=? WHERE id=?", [(r, s) for s, r in risks])

    @contextmanager
    def transaction(self) -> Iterator[sqlite3.Connection]:
        """One transaction for bulk writes by the core (scoring, retranslation, repair)."""
        with _tx(self.conn):
            yield self.conn

    # -- reading ---------------------------------------------------------------------------------------

    def _segment_from_row(self, row: sqlite3.Row, number: int) -> Segment:
        return Segment(
            id=row["id"], number=number,
            source_idx=tuple(json.loads(row["source_idx"])), mt_idx=tuple(json.loads(row["mt_idx"])),
            source_text=row["source_text"], mt_text=row["mt_text"],
            confidence=row["confidence"], risk=row["risk"],
            state=SegmentState(row["status"] or "unreviewed", row["final_text"], row["candidate"],
                               row["reviewer"], row["decided_at"], row["event_id"]),
        )

    _SEGMENT_SELECT = (
        "SELECT g.*, st.status, st.final_text, st.candidate, st.reviewer, st.decided_at, st.event_id"
        " FROM segments g LEFT JOIN segment_state st ON st.segment_id = g.id WHERE g.active=1"
    )

    def segments(self) -> list[Segment]:
        """All active segments in document order, numbered from 1."""
        rows = self.conn.execute(self._SEGMENT_SELECT + " ORDER BY g.position").fetchall()
        return [self._segment_from_row(r, n) for n, r in enumerate(rows, 1)]

    def iter_segments(self) -> Iterator[Segment]:
        """Active segments in document order, streamed."""
        for n, r in enumerate(self.conn.execute(self._SEGMENT_SELECT + " ORDER BY g.position"), 1):
            yield self._segment_from_row(r, n)

    def segment_ids(self) -> list[int]:
        """Ids of active segments in document order (cheap, for large projects)."""
        return [r[0] for r in self.conn.execute("SELECT id FROM segments WHERE active=1 ORDER BY position")]

    def segment(self, segment_id: int) -> Segment:
        """One segment by id (its ``number`` is computed)."""
        row = self.conn.execute(self._SEGMENT_SELECT.replace("WHERE g.active=1", "WHERE g.id=?"),
                                (segment_id,)).fetchone()
        if row is None:
            raise StoreError(f"{self.path}: no segment with id {segment_id}")
        number = self.conn.execute("SELECT count(*) FROM segments WHERE active=1 AND position <= ?",
                                   (row["position"],)).fetchone()[0]
        return self._segment_from_row(row, number)

    def count_segments(self) -> int:
        return int(self.conn.execute("SELECT count(*) FROM segments WHERE active=1").fetchone()[0])

    def status_counts(self) -> dict[str, int]:
        """Number of active segments per status."""
        counts = dict.fromkeys(STATUSES, 0)
        for status, n in self.conn.execute(
            "SELECT st.status, count(*) FROM segments g JOIN segment_state st ON st.segment_id=g.id"
            " WHERE g.active=1 GROUP BY st.status"
        ):
            counts[status] = n
        return counts

    def candidates(self, segment_id: int) -> list[Candidate]:
        """Candidates of a segment: retranslations first (by rank), then the reference, then edits."""
        rows = self.conn.execute(
            "SELECT * FROM candidates WHERE segment_id=? ORDER BY"
            " CASE kind WHEN 'retranslation' THEN 0 WHEN 'reference' THEN 1 ELSE 2 END, rank, id",
            (segment_id,),
        )
        return [Candidate(r["id"], r["segment_id"], r["kind"], r["name"], r["text"], r["model"],
                          json.loads(r["params"]) if r["params"] else None, r["rank"]) for r in rows]

    def scores(self, segment_id: int, candidate_id: int = 0) -> dict[str, dict[str, float | None]]:
        """Scores of the MT (or a candidate) by scope then metric, e.g. ``{'pseudo': {'chrf': 51.2}}``."""
        out: dict[str, dict[str, float | None]] = {}
        for r in self.conn.execute(
            "SELECT scope, metric, value FROM scores WHERE segment_id=? AND candidate_id=?",
            (segment_id, candidate_id),
        ):
            out.setdefault(r[0], {})[r[1]] = r[2]
        return out

    def flags(self, segment_id: int) -> list[tuple[str, str, float]]:
        """Check flags of a segment: (name, explanation, severity)."""
        return [(r[0], r[1], r[2]) for r in self.conn.execute(
            "SELECT name, detail, severity FROM flags WHERE segment_id=? ORDER BY id", (segment_id,))]

    def events(self, segment_id: int | None = None) -> list[Event]:
        """The event log (of one segment, or all), oldest first."""
        q, args = "SELECT * FROM events", ()
        if segment_id is not None:
            q, args = q + " WHERE segment_id=?", (segment_id,)
        return [Event(r["id"], r["segment_id"], r["action"], r["text"], r["candidate"], r["reviewer"],
                      r["created_at"], r["target"], json.loads(r["scores"]) if r["scores"] else None,
                      json.loads(r["payload"]) if r["payload"] else None)
                for r in self.conn.execute(q + " ORDER BY id", args)]

    # -- decisions -------------------------------------------------------------------------------------

    def _scores_snapshot(self, segment_id: int) -> str | None:
        snap = self.scores(segment_id)
        risk = self.conn.execute("SELECT risk FROM segments WHERE id=?", (segment_id,)).fetchone()
        if risk is not None and risk[0] is not None:
            snap["risk"] = {"risk": risk[0]}
        return json.dumps(snap) if snap else None

    def decide(self, segment_id: int, action: str, text: str | None = None, candidate: str | None = None,
               reviewer: str = "reviewer") -> SegmentState:
        """Record a decision as one committed transaction and return the segment's new state.

        ``accept_mt`` takes the MT text; ``accept_candidate`` needs ``candidate`` (its name) and ``text``;
        ``edit`` needs ``text``; ``reject`` leaves the pair out of the cleaned corpus."""
        if action not in DECISIONS:
            raise ValueError(f"unknown decision {action!r}")
        seg = self.conn.execute("SELECT mt_text, active FROM segments WHERE id=?", (segment_id,)).fetchone()
        if seg is None:
            raise StoreError(f"{self.path}: no segment with id {segment_id}")
        if action == "accept_mt":
            text = seg["mt_text"]
        elif action in ("accept_candidate", "edit") and text is None:
            raise ValueError(f"{action} needs a text")
        if action == "accept_candidate" and not candidate:
            raise ValueError("accept_candidate needs the candidate's name")
        with _tx(self.conn):
            cur = self.conn.execute(
                "INSERT INTO events(segment_id, action, text, candidate, reviewer, created_at, scores)"
                " VALUES (?,?,?,?,?,?,?)",
                (segment_id, action, text, candidate, reviewer, now_iso(), self._scores_snapshot(segment_id)),
            )
            row = self.conn.execute("SELECT * FROM events WHERE id=?", (cur.lastrowid,)).fetchone()
            state = _state_from_event(row)
            _write_state(self.conn, segment_id, state)
        return state

    def _is_effective(self, event_id: int) -> bool:
        undos, redos = self.conn.execute(
            "SELECT sum(action='undo'), sum(action='redo') FROM events WHERE target=?", (event_id,)
        ).fetchone()
        return (undos or 0) == (redos or 0)

    def _undo_stacks(self) -> tuple[list[int], list[int]]:
        """The undo stack (effective decisions, latest last) and the redo stack (undone since the last
        new decision, latest last), from the log."""
        done: list[int] = []
        undone: list[int] = []
        actions = {}
        for r in self.conn.execute("SELECT id, action, target FROM events ORDER BY id"):
            actions[r[0]] = r[1]
            if r[1] in DECISIONS or r[1] in STRUCTURAL:
                done.append(r[0])
                undone.clear()
            elif r[1] == "undo" and r[2] in done:
                done.remove(r[2])
                undone.append(r[2])
            elif r[1] == "redo" and undone and r[2] == undone[-1]:
                undone.pop()
                done.append(r[2])
        return done, undone

    def undo(self, reviewer: str = "reviewer") -> int | None:
        """Undo the most recent effective decision (or repair). Returns its segment id, or None."""
        done, _ = self._undo_stacks()
        if not done:
            return None
        return self._apply_undo_redo(done[-1], "undo", reviewer)

    def redo(self, reviewer: str = "reviewer") -> int | None:
        """Redo the most recently undone decision, if nothing was decided since. Returns its segment id."""
        _, undone = self._undo_stacks()
        if not undone:
            return None
        return self._apply_undo_redo(undone[-1], "redo", reviewer)

    def _apply_undo_redo(self, target_id: int, action: str, reviewer: str) -> int | None:
        target = self.conn.execute("SELECT * FROM events WHERE id=?", (target_id,)).fetchone()
        with _tx(self.conn):
            stamp = now_iso()
            self.conn.execute(
                "INSERT INTO events(segment_id, action, reviewer, created_at, target) VALUES (?,?,?,?,?)",
                (target["segment_id"], action, reviewer, stamp, target_id),
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

    def record_structure_change(self, action: str, removed: Sequence[int],
                                added: Sequence[tuple[float, Sequence[int], Sequence[int], str, str, float | None]],
                                reviewer: str = "reviewer", detail: dict[str, Any] | None = None) -> list[int]:
        """Replace segments ``removed`` by new ones (position, source idx, MT idx, source text, MT text,
        confidence) in one transaction, logged as an undoable ``merge``/``split``/``move`` event."""
        if action not in STRUCTURAL:
            raise ValueError(f"unknown structural action {action!r}")
        with _tx(self.conn):
            new_ids = []
            for pos, src, mt, src_text, mt_text, conf in added:
                cur = self.conn.execute(
                    "INSERT INTO segments(position, source_idx, mt_idx, source_text, mt_text, confidence)"
                    " VALUES (?,?,?,?,?,?)",
                    (pos, json.dumps(list(src)), json.dumps(list(mt)), src_text, mt_text, conf),
                )
                new_ids.append(int(cur.lastrowid))
                self.conn.execute("INSERT INTO segment_state(segment_id, status) VALUES (?, 'unreviewed')",
                                  (cur.lastrowid,))
            self.conn.executemany("UPDATE segments SET active=0 WHERE id=?", [(i,) for i in removed])
            payload = {"removed": list(removed), "added": new_ids, **(detail or {})}
            self.conn.execute(
                "INSERT INTO events(segment_id, action, reviewer, created_at, payload) VALUES (?,?,?,?,?)",
                (removed[0] if removed else None, action, reviewer, now_iso(), json.dumps(payload)),
            )
        return new_ids

    def rebuild_state(self) -> None:
        """Recompute the materialised ``segment_state`` from the event log."""
        states = derive_states(self.conn)
        with _tx(self.conn):
            self.conn.execute("UPDATE segment_state SET status='unreviewed', final_text=NULL, candidate=NULL,"
                              " reviewer=NULL, decided_at=NULL, event_id=NULL")
            for seg_id, st in states.items():
                _write_state(self.conn, seg_id, st)

    # -- translation cache -------------------------------------------------------------------------------

    def cache_get(self, model: str, revision: str, params: str, sources: Sequence[str]) -> dict[str, list[str]]:
        """Cached hypotheses for these sources (only those present)."""
        out: dict[str, list[str]] = {}
        for i in range(0, len(sources), 500):
            chunk = list(sources[i:i + 500])
            q = ("SELECT source, hypotheses FROM translation_cache WHERE model=? AND revision=? AND params=?"
                 " AND source IN ({})".format(",".join("?" * len(chunk))))
            for r in self.conn.execute(q, (model, revision, params, *chunk)):
                out[r[0]] = json.loads(r[1])
        return out

    def cache_put(self, model: str, revision: str, params: str, items: Iterable[tuple[str, list[str]]]) -> None:
        """Store hypotheses, committed at once so an interrupted run resumes from here."""
        with _tx(self.conn):
            self.conn.executemany(
                "INSERT OR REPLACE INTO translation_cache VALUES (?,?,?,?,?)",
                [(model, revision, params, s, json.dumps(h, ensure_ascii=False)) for s, h in items],
            )


@contextmanager
def _tx(conn: sqlite3.Connection) -> Iterator[None]:
    """BEGIN IMMEDIATE ... COMMIT (rollback on error). IMMEDIATE takes the write lock up front, so two
    writers queue on busy_timeout instead of failing halfway."""
    if conn.in_transaction:  # nested use inside Project.transaction()
        yield
        return
    for attempt in range(50):
        try:
            conn.execute("BEGIN IMMEDIATE")
            break
        except sqlite3.OperationalError as err:
            if "locked" not in str(err) or attempt == 49:
                raise
            time.sleep(0.1)
    try:
        yield
    except BaseException:
        conn.execute("ROLLBACK")
        raise
    conn.execute("COMMIT")


def _split_sql(script: str) -> list[str]:
    return [s.strip() for s in script.split(";") if s.strip()]
