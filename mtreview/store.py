"""The project store: one SQLite file (``.mtr``) per review project.

WAL journal, ``synchronous=FULL``, foreign keys on. Decisions are an append-only ``events`` table; the
current state of a segment is *derived* from its events (``derive_states``) and also kept materialised in
``segment_state`` inside the same transaction, so the TUI can list 100,000 segments without replaying the
log. Every decision is its own committed transaction: once a call returns, the decision survives ``kill -9``.

Undo and redo are events too. A decision is *effective* when it has been undone as many times as redone.
"""


from __future__ import annotations

import json
import os
import sqlite3
from collections.abc import Iterable, Iterator, Sequence
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path
from typing import Any, Self

from .errors import ProjectWriteError, StoreError
from .store_access import refuse_unwritable
from .store_events import (  # noqa: F401  (re-exported: the store's public vocabulary)
    DECISIONS,
    STATUS_OF_ACTION,
    STATUSES,
    STRUCTURAL,
    DecisionLog,
    Event,
    SegmentState,
    _write_state,
    derive_states,
)
from .store_migrations import migrate_from
from .store_notes import Note, NotesLog  # noqa: F401  (Note re-exported)
from .store_opening import in_memory_copy, open_checked, use_failure
from .store_schema import (
    _SCHEMA_V1,
    SCHEMA_VERSION,
    _connect,
    _split_sql,
    _tx,
    configure,
    has_sqlite_header,
    inserted_id,
    is_environment_error,
    now_iso,
    sqlite_reason,
)
from .store_undo import UndoLog
from .store_values import stored_indexes, stored_json
from .textio import name_text


def is_project_file(path: str | Path) -> bool:
    """A project file: ``.mtr``, or any file that starts with the SQLite header."""
    p = Path(path)
    if p.suffix.lower() == ".mtr":
        return True
    return has_sqlite_header(p)


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



class Project(UndoLog, NotesLog):
    """An open review project. One small API serves the CLI and the TUI alike.

    A Project is safe to use from one thread at a time; open a second Project on the same file for a
    reader in another thread or process (WAL lets it read while a writer commits)."""

    def __init__(self, path: str | Path, conn: sqlite3.Connection) -> None:
        self.path = Path(path)
        self.conn = conn
        self.file_path = self.path.absolute()  # a later chdir must not look like a removed file
        st = os.stat(self.file_path)  # just after connecting: the identity every write checks (see _write)
        self.file_id = (st.st_dev, st.st_ino)

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
        try:
            conn = _connect(p, create=True)
            with _tx(conn):
                for stmt in _split_sql(_SCHEMA_V1):
                    conn.execute(stmt)
                conn.execute("INSERT INTO meta VALUES ('schema_version', '1')")
        except sqlite3.OperationalError as err:
            if not is_environment_error(err):
                raise
            reason = sqlite_reason(err, p)
            raise ProjectWriteError(f"{p}: cannot create the project ({reason})", reason) from None
        proj = cls(p, conn)
        proj._migrate()
        with _tx(conn):
            for key, value in (("source_lang", source_lang), ("target_lang", target_lang),
                               ("name", name_text(name or p.stem)), ("created_at", now_iso())):
                conn.execute("INSERT OR REPLACE INTO meta VALUES (?, ?)", (key, value))
        return proj

    @classmethod
    def open(cls, path: str | Path, writable: bool = True) -> Project:
        """Open an existing project, migrating it to the current schema version.

        With ``writable`` (the default) a project this user cannot write is refused at once, with one line,
        rather than at the first decision; readers (export, report) pass ``writable=False``."""
        p = Path(path)
        if not p.exists():
            raise StoreError(f"{p}: no such project file")
        if p.is_dir():
            raise StoreError(f"{p}: is a directory, expected a project file (.mtr)")
        if not p.is_file():  # a FIFO (SQLite said "disk I/O error"), a device
            raise StoreError(f"{p}: is not a regular file, expected a project file (.mtr)")
        if writable:
            refuse_unwritable(p)
        conn = open_checked(p, writable)
        try:
            configure(conn)
        except sqlite3.OperationalError as err:
            conn.close()
            raise StoreError(f"{p}: cannot be opened for writing ({err})") from None
        proj = cls(p, conn)
        try:
            proj._migrate()
        except ProjectWriteError:
            conn.close()
            if writable:
                raise
            # A reader of a project an older mtreview made, which it cannot write (read-only media, another
            # user's file): upgraded in memory for this read, the file left as it is (QA: export and report
            # said "cannot write to the project ... this change was not saved").
            proj = cls(p, in_memory_copy(p, writable))
            proj._migrate()
        return proj

    def close(self) -> None:
        """Close the connection (everything is already committed)."""
        self.conn.close()

    def __enter__(self) -> Self:
        return self

    def __exit__(self, exc_type: object, exc: BaseException | None, tb: object) -> None:
        """Close; an SQLite failure that ends the block because of the file (damaged, unreadable there)
        leaves it as one ``StoreError`` naming the file instead of a traceback (exit 1)."""
        self.close()
        if isinstance(exc, sqlite3.DatabaseError):
            failure = use_failure(self.path, exc)
            if failure is not None:
                raise failure from exc

    @property
    def schema_version(self) -> int:
        return int(self.conn.execute("SELECT value FROM meta WHERE key='schema_version'").fetchone()[0])

    def _migrate(self) -> None:
        while (version := self.schema_version) < SCHEMA_VERSION:
            with self._write():
                migrate_from(self.conn, version, self.path)

    def meta(self, key: str, default: str | None = None) -> str | None:
        row = self.conn.execute("SELECT value FROM meta WHERE key=?", (key,)).fetchone()
        return row[0] if row else default

    def set_meta(self, key: str, value: str) -> None:
        with self._write():
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
        with self._write():
            cur = self.conn.execute("INSERT INTO documents(role, lang, path, text) VALUES (?,?,?,?)",
                                    (role, lang, None if path is None else name_text(path), text))
            doc_id = inserted_id(cur)
            self.conn.executemany(
                "INSERT INTO sentences(document_id, idx, paragraph, text) VALUES (?,?,?,?)",
                [(doc_id, s.index, s.paragraph, s.text) for s in sentences],
            )
        return doc_id

    def append_sentences(self, document_id: int, rows: Iterable[tuple[int, int, str]]) -> None:
        """Append sentences (index, paragraph, text) to a document, batch by batch, so a 300,000-unit file
        never has to sit in memory as one list."""
        with self._write():
            self.conn.executemany("INSERT INTO sentences(document_id, idx, paragraph, text) VALUES (?,?,?,?)",
                                  [(document_id, i, p, t) for i, p, t in rows])

    def document_text(self, role: str) -> str:
        """The text of the (first) document with this role as imported ('' for a bilingual file's units)."""
        row = self.conn.execute("SELECT text FROM documents WHERE role=? ORDER BY id LIMIT 1", (role,)).fetchone()
        return row[0] if row else ""

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
        with self._write():
            start = self.conn.execute("SELECT coalesce(max(position), -1) FROM segments").fetchone()[0] + 1
            ids = []
            for k, (src, mt, src_text, mt_text, conf) in enumerate(beads):
                cur = self.conn.execute(
                    "INSERT INTO segments(position, source_idx, mt_idx, source_text, mt_text, confidence)"
                    " VALUES (?,?,?,?,?,?)",
                    (start + k, json.dumps(list(src)), json.dumps(list(mt)), src_text, mt_text, conf),
                )
                ids.append(inserted_id(cur))
            self.conn.executemany("INSERT INTO segment_state(segment_id, status) VALUES (?, 'unreviewed')",
                                  [(i,) for i in ids])
        return ids

    def add_candidates(self, rows: Iterable[tuple[int, str, str, str, str | None, dict | None, int]]) -> int:
        """Add candidates: (segment id, kind, name, text, model, params, rank). Returns how many."""
        stamp = now_iso()
        with self._write():
            cur = self.conn.executemany(
                "INSERT INTO candidates(segment_id, kind, name, text, model, params, rank, created_at)"
                " VALUES (?,?,?,?,?,?,?,?)",
                [(s, k, name_text(n), t, m, json.dumps(p) if p is not None else None, r, stamp)
                 for s, k, n, t, m, p, r in rows],
            )
            return cur.rowcount

    def clear_candidates(self, kind: str, model: str | None = None) -> None:
        """Remove candidates of a kind (and model), e.g. before storing fresh retranslations."""
        with self._write():
            if model is None:
                self.conn.execute("DELETE FROM candidates WHERE kind=?", (kind,))
            else:
                self.conn.execute("DELETE FROM candidates WHERE kind=? AND model=?", (kind, model))

    def set_scores(self, rows: Iterable[tuple[int, int, str, str, float | None, str | None]]) -> None:
        """Upsert scores: (segment id, candidate id or 0 for the MT, scope, metric, value, signature)."""
        with self._write():
            self.conn.executemany(
                "INSERT OR REPLACE INTO scores(segment_id, candidate_id, scope, metric, value, signature)"
                " VALUES (?,?,?,?,?,?)",
                list(rows),
            )

    def set_flags(self, segment_id: int, flags: Iterable[tuple[str, str, float]]) -> None:
        """Replace a segment's check flags: (name, human explanation, severity)."""
        with self._write():
            self._set_flags_nocommit(segment_id, flags)

    def _set_flags_nocommit(self, segment_id: int, flags: Iterable[tuple[str, str, float]]) -> None:
        self.conn.execute("DELETE FROM flags WHERE segment_id=?", (segment_id,))
        self.conn.executemany("INSERT INTO flags(segment_id, name, detail, severity) VALUES (?,?,?,?)",
                              [(segment_id, n, d, s) for n, d, s in flags])

    def set_risks(self, risks: Iterable[tuple[int, float | None]]) -> None:
        """Set the risk of segments: (segment id, risk in [0, 1])."""
        with self._write():
            self.conn.executemany("UPDATE segments SET risk=? WHERE id=?", [(r, s) for s, r in risks])

    @contextmanager
    def transaction(self) -> Iterator[sqlite3.Connection]:
        """One transaction for bulk writes by the core (scoring, retranslation, repair)."""
        with self._write():
            yield self.conn

    # -- reading ---------------------------------------------------------------------------------------

    def _segment_from_row(self, row: sqlite3.Row, number: int) -> Segment:
        return Segment(
            id=row["id"], number=number,
            source_idx=stored_indexes(row["source_idx"], "source_idx"), mt_idx=stored_indexes(row["mt_idx"], "mt_idx"),
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

    def numbered_segments(self, numbered: list[tuple[int, int]]) -> dict[int, Segment]:
        """Segments by id, given as (id, number) pairs where the caller knows their numbers (one query)."""
        number = dict(numbered)
        rows = self.conn.execute(self._SEGMENT_SELECT.replace(
            "WHERE g.active=1", f"WHERE g.id IN ({','.join('?' * len(number))})"), list(number)).fetchall()
        return {r["id"]: self._segment_from_row(r, number[r["id"]]) for r in rows}

    def is_active(self, segment_id: int) -> bool:
        """Whether the segment is still in the list (not merged, split or moved away by a repair)."""
        row = self.conn.execute("SELECT active FROM segments WHERE id=?", (segment_id,)).fetchone()
        return bool(row and row[0])

    def count_segments(self) -> int:
        return int(self.conn.execute("SELECT count(*) FROM segments WHERE active=1").fetchone()[0])

    def is_scored(self) -> bool:
        """Whether any active segment has a risk (``mtreview score`` ran; blank pairs never get one)."""
        return self.conn.execute("SELECT 1 FROM segments WHERE active=1 AND risk IS NOT NULL LIMIT 1"
                                 ).fetchone() is not None

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
                          stored_json(r["params"], "params") if r["params"] else None, r["rank"]) for r in rows]

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

    # -- translation cache -------------------------------------------------------------------------------

    def cache_get(self, model: str, revision: str, params: str, sources: Sequence[str]) -> dict[str, list[str]]:
        """Cached hypotheses for these sources (only those present)."""
        out: dict[str, list[str]] = {}
        for i in range(0, len(sources), 500):
            chunk = list(sources[i:i + 500])
            q = ("SELECT source, hypotheses FROM translation_cache WHERE model=? AND revision=? AND params=?"
                 " AND source IN ({})".format(",".join("?" * len(chunk))))
            for r in self.conn.execute(q, (model, revision, params, *chunk)):
                out[r[0]] = stored_json(r[1], "hypotheses")
        return out

    def cache_put(self, model: str, revision: str, params: str, items: Iterable[tuple[str, list[str]]]) -> None:
        """Store hypotheses, committed at once so an interrupted run resumes from here."""
        with self._write():
            self.conn.executemany(
                "INSERT OR REPLACE INTO translation_cache VALUES (?,?,?,?,?)",
                [(model, revision, params, s, json.dumps(h, ensure_ascii=False)) for s, h in items],
            )

