"""The SQLite schema of a project file, its migrations' SQL, and the connection/transaction helpers."""

from __future__ import annotations

import os
import sqlite3
import time
import urllib.parse
from collections.abc import Callable, Iterator
from contextlib import contextmanager, suppress
from datetime import UTC, datetime
from pathlib import Path

SCHEMA_VERSION = 4

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



# Version 3: what a bilingual file carries beyond the two texts (unit id, inline codes, notes, properties),
# one JSON value per segment, so an export can restore it. Version 2 kept it in ``meta`` as ``unit:<id>``.
_MIGRATE_2_TO_3 = """
CREATE TABLE segment_extras (
    segment_id INTEGER PRIMARY KEY REFERENCES segments(id),
    data TEXT NOT NULL
);
INSERT INTO segment_extras(segment_id, data)
    SELECT CAST(substr(key, 6) AS INTEGER), value FROM meta WHERE key LIKE 'unit:%';
DELETE FROM meta WHERE key LIKE 'unit:%'
"""

# Version 4: the reviewer's note on a segment (a comment or query), as it stands now; the ``note`` events
# of the log are its history (``store_notes``). IF NOT EXISTS: a test or tool that set an older version on
# a new file runs this again.
_MIGRATE_3_TO_4 = """
CREATE TABLE IF NOT EXISTS segment_notes (
    segment_id INTEGER PRIMARY KEY REFERENCES segments(id),
    text TEXT NOT NULL,
    reviewer TEXT NOT NULL,
    noted_at TEXT NOT NULL,
    event_id INTEGER REFERENCES events(id)
)
"""


def inserted_id(cur: sqlite3.Cursor) -> int:
    """The rowid of the row that the INSERT just run on ``cur`` added (sqlite3 types ``lastrowid`` as
    optional: it is None only before any INSERT)."""
    rowid = cur.lastrowid
    if rowid is None:
        raise RuntimeError("no row was inserted")
    return rowid


def now_iso() -> str:
    """UTC time, ISO 8601 with milliseconds."""
    return datetime.now(UTC).isoformat(timespec="milliseconds")


def _uri(path: Path, mode: str) -> str:
    # quoted from its bytes: a name that is not UTF-8 (surrogate escapes in ``str``) cannot be encoded as text
    return "file:" + urllib.parse.quote(os.fsencode(path.absolute())) + f"?mode={mode}"


def _connect(path: Path, create: bool = False) -> sqlite3.Connection:
    """A connection to a project file, configured for the store (WAL, synchronous=FULL, foreign keys).

    Every access to a project file goes through SQLite: closing any other descriptor on the file (a
    header check with ``open()``, say) drops all the POSIX locks this process holds on it, and another
    process closing its connection then believes it is the last one and deletes the WAL under us."""
    conn = _open(path, "rwc" if create else "rw")
    configure(conn)
    return conn


def _open(path: Path, mode: str) -> sqlite3.Connection:
    """A bare connection (no pragma written yet), never creating the file unless ``mode`` is ``rwc``."""
    conn = sqlite3.connect(_uri(path, mode), uri=True, timeout=30.0, isolation_level=None,
                           check_same_thread=False)
    conn.row_factory = sqlite3.Row
    return conn


def configure(conn: sqlite3.Connection) -> None:
    """The store's pragmas; journal_mode=WAL writes to the file, so run it only on a verified project."""
    conn.execute("PRAGMA journal_mode=WAL")
    conn.execute("PRAGMA synchronous=FULL")
    conn.execute("PRAGMA foreign_keys=ON")
    conn.execute("PRAGMA busy_timeout=30000")


def has_sqlite_header(path: Path) -> bool:
    """Whether a file is an SQLite database, asked of SQLite itself (see ``_connect`` for why not
    ``open()``); never creates or changes a file. Opened immutable: a read-only connection to a WAL database
    creates its ``-wal`` and ``-shm`` beside it and cannot remove them (QA: asking whether an export's
    output ``v.en`` was a project left ``v.en-wal`` and ``v.en-shm``); immutable, SQLite reads the file alone,
    with no lock and no other file, which is all the question needs."""
    try:
        if path.stat().st_size < 512:  # the smallest database is one 512-byte page; SQLite reads less as empty
            return False
        conn = sqlite3.connect(_uri(path, "ro") + "&immutable=1", uri=True, isolation_level=None,
                               check_same_thread=False)
    except (OSError, sqlite3.Error):
        return False
    try:
        conn.execute("PRAGMA schema_version").fetchone()
        return True
    except sqlite3.DatabaseError as err:
        # "file is not a database" is the answer; anything else (say, a WAL file in a read-only folder)
        # means SQLite recognised the format but cannot read it here.
        return "not a database" not in str(err)
    finally:
        conn.close()


# A command line's one-line notice when a write finds the project locked by another program and waits for it
# (called with the seconds it will wait at most): score waited 30 s in silence (QA). None (the review app,
# which has a screen of its own, and library use): wait silently. Set by project_lock.announce_lock_waits.
lock_wait_notice: Callable[[float], None] | None = None
LOCK_NOTICE_AFTER_MS = 1000
LOCK_WAIT_SLICE_MS = 250  # after the notice: how long one try waits, so that Ctrl-C is felt that soon


@contextmanager
def _tx(conn: sqlite3.Connection, check: Callable[[], None] | None = None) -> Iterator[None]:
    """BEGIN IMMEDIATE ... COMMIT (rollback on error). IMMEDIATE takes the write lock up front, so two
    writers queue on busy_timeout instead of failing halfway. ``check`` runs just before COMMIT; what it
    raises rolls the transaction back (the store uses it to refuse writing into a replaced file)."""
    if conn.in_transaction:  # nested use inside Project.transaction(): the outer one checks and commits
        yield
        return
    # BEGIN IMMEDIATE itself waits up to busy_timeout for another writer; SQLite may also answer "locked" at
    # once (without calling the busy handler), so try again, but only within that one wait (QA: 50 attempts of
    # a 30 s timeout froze the review app for up to 25 minutes while another program held the lock).
    total_ms = conn.execute("PRAGMA busy_timeout").fetchone()[0]
    deadline = time.monotonic() + total_ms / 1000
    notice = lock_wait_notice if total_ms > LOCK_NOTICE_AFTER_MS else None
    shortened = notice is not None
    if shortened:  # wait silently only briefly (a save takes milliseconds), then say what it waits for
        conn.execute(f"PRAGMA busy_timeout={LOCK_NOTICE_AFTER_MS}")
    try:
        while True:
            try:
                conn.execute("BEGIN IMMEDIATE")
                break
            except sqlite3.OperationalError as err:
                if "locked" not in str(err) or time.monotonic() >= deadline:
                    raise
                if notice is not None:
                    notice(max(0.0, deadline - time.monotonic()))
                    notice = None
                    # SQLite's wait is one C call that Ctrl-C cannot end: wait in slices, so that it can
                    conn.execute(f"PRAGMA busy_timeout={LOCK_WAIT_SLICE_MS}")
                time.sleep(0.1 if not shortened else 0.01)
    finally:
        if shortened:
            conn.execute(f"PRAGMA busy_timeout={total_ms}")
    try:
        yield
        if check is not None:
            check()
        conn.execute("COMMIT")
    except BaseException:
        # A failed COMMIT (a full disk) can leave the transaction open, holding the write lock that every
        # other session waits on; a failed statement may have ended it already, and ROLLBACK would then
        # raise over the error that says what went wrong.
        if conn.in_transaction:
            with suppress(sqlite3.Error):
                conn.execute("ROLLBACK")
        raise



# SQLite failures caused by where the file lies or who else uses it, not by what it holds.
_ENVIRONMENT_ERRORS = ("SQLITE_FULL", "SQLITE_IOERR", "SQLITE_CANTOPEN", "SQLITE_READONLY", "SQLITE_BUSY",
                       "SQLITE_LOCKED", "SQLITE_PERM")


def is_environment_error(err: sqlite3.Error) -> bool:
    """Whether SQLite failed because of the file's surroundings (a full disk, a read-only folder or file
    system, a lock held elsewhere) rather than its content: the project itself may be perfectly sound."""
    return str(getattr(err, "sqlite_errorname", "")).startswith(_ENVIRONMENT_ERRORS)


def read_only_file_system(path: Path) -> bool:
    """Whether the folder of ``path`` lies on a file system mounted read-only."""
    try:
        return bool(os.statvfs(path.absolute().parent).f_flag & os.ST_RDONLY)
    except OSError:
        return False


def sqlite_reason(err: sqlite3.Error, path: Path) -> str:
    """SQLite's message with the cause a person can act on: SQLite reports a full disk as a "disk I/O
    error" when it cannot grow the shared-memory file, and a read-only mount as "unable to open"."""
    text = str(err)
    try:
        full = os.statvfs(path.absolute().parent).f_bavail == 0
    except OSError:
        full = False
    if getattr(err, "sqlite_errorname", "") == "SQLITE_FULL":
        return "the disk is full"
    if str(getattr(err, "sqlite_errorname", "")).startswith(("SQLITE_BUSY", "SQLITE_LOCKED")):
        return f"{text}: another program is writing to it; try again when it is done"
    if full:
        return f"{text}: the disk is full"
    if read_only_file_system(path):
        return f"{text}: a read-only file system"
    return text


def _split_sql(script: str) -> list[str]:
    return [s.strip() for s in script.split(";") if s.strip()]

