"""What is wrong with a file given as a project when SQLite cannot use it: opening it without writing to
it (``read_version``), and saying on one line why it cannot be used: damaged, not an mtreview project (another
program's database, a compressed copy), or not readable where it lies (a read-only folder, a deleted
``-wal`` journal). The readers of a file they may not write read it alone (``immutable``)."""

from __future__ import annotations

import os
import sqlite3
import stat
from pathlib import Path

from .errors import StoreError
from .store_schema import SCHEMA_VERSION, _open, _uri, is_environment_error, sqlite_reason

# The tables each schema version adds: a file whose meta table claims a version but lacks one of them is
# another program's database (or an mtreview project someone took apart), refused on opening rather than
# with a traceback at its first query (QA: "sqlite3.OperationalError: no such table: segments", exit 1).
_TABLES_ADDED = {1: ("meta", "documents", "sentences", "segments", "candidates", "scores", "flags", "events"),
                 2: ("segment_state", "translation_cache"), 3: ("segment_extras",), 4: ("segment_notes",)}


def schema_problem(conn: sqlite3.Connection, version: str) -> str | None:
    """What makes a file with this ``meta`` schema version no mtreview project: a version that is no
    positive whole number, or a table that version has missing; None when neither (a version newer than
    this mtreview knows is the caller's to refuse)."""
    number = int(version) if version.isascii() and version.isdigit() else 0
    if number < 1:
        return f"schema version {version!r}"
    tables = {r[0] for r in conn.execute("SELECT name FROM sqlite_master WHERE type='table'")}
    for since in range(1, min(number, SCHEMA_VERSION) + 1):
        for table in _TABLES_ADDED[since]:
            if table not in tables:
                return f"no {table} table"
    return None


def _wal_removed(path: Path, err: sqlite3.Error) -> bool:
    """Whether ``err`` comes of the project's ``-wal`` journal deleted while a connection has it open: the
    shared-memory index beside it still lists pages in the journal, and reading one finds the file (missing,
    or made anew, empty) short. The program that has it open keeps writing into the deleted file, and writes
    it all into the project when it closes. Asked of ``stat`` only: opening and closing a file of a database
    this process has open would drop its locks on it (see ``_connect``)."""
    if getattr(err, "sqlite_errorname", "") != "SQLITE_IOERR_SHORT_READ":
        return False
    try:
        if Path(str(path) + "-shm").stat().st_size == 0:
            return False
    except OSError:
        return False
    try:
        return Path(str(path) + "-wal").stat().st_size == 0
    except OSError:
        return True


def wal_removed_hint(path: Path, err: sqlite3.Error) -> str:
    """The clause a failure message gets when ``err`` comes of a deleted journal (``_wal_removed``), or ""."""
    return (f"; {path.name}-wal, its journal of changes not yet in the file, was deleted while another program "
            "has the project open: close that program (it then writes them into the file), and try again"
            if _wal_removed(path, err) else "")


def damaged_message(path: Path, failure: sqlite3.Error) -> str:
    """The line for a project file SQLite finds corrupt (a broken copy, a bad disk sector)."""
    return (f"{path}: damaged, not a readable mtreview project ({failure}); a copy of it cut short? Open the "
            "original or a backup")


def use_failure(path: Path, err: sqlite3.DatabaseError) -> StoreError | None:
    """The one-line ``StoreError`` for an SQLite failure met while using an open project: a damaged file
    (SQLite reads the pages it needs only when a query needs them, so opening finds only a damaged start),
    or one that cannot be read there (an I/O error, a deleted journal); None for other errors, which are
    mtreview's own (a bug)."""
    name = str(getattr(err, "sqlite_errorname", ""))
    if name.startswith(("SQLITE_CORRUPT", "SQLITE_NOTADB")):
        return StoreError(damaged_message(path, err))
    if (damage := _damaged_value(err)) is not None:
        return StoreError(damaged_message(path, damage))
    if is_environment_error(err):
        return StoreError(f"{path}: cannot read the project ({sqlite_reason(err, path)}){wal_removed_hint(path, err)}")
    return None


def _damaged_value(err: sqlite3.DatabaseError) -> sqlite3.Error | None:
    """A value of the file that mtreview cannot have written, as SQLite or Python's sqlite3 tells it: text that
    is not UTF-8 (a byte flipped on the disk: SQLite keeps no checksum of its rows), JSON that SQLite's own
    json functions cannot parse; None for other errors. QA, fuzzing: "sqlite3.OperationalError: Could not
    decode to UTF-8 column 'final_text'" was a traceback, exit 1."""
    text = str(err)
    if text.startswith("Could not decode to UTF-8 column"):
        column = text.split("'")[1] if text.count("'") >= 2 else "?"
        return sqlite3.DatabaseError(f"column {column!r} holds text that is not UTF-8")
    if text == "malformed JSON":
        return sqlite3.DatabaseError("a stored JSON value is malformed")
    return None


def _wal_holds_changes(path: Path) -> bool:
    try:
        return Path(str(path) + "-wal").stat().st_size > 0
    except OSError:
        return False


def _packed(path: Path) -> str | None:
    """What a compressed or archived file is, with the command that unpacks it (a project sent as
    ``p.mtr.gz``, said to be "not an SQLite file" before), or None. Read with ``open()``: SQLite has just
    found no database there, so this process holds no lock on it that closing could drop."""
    from .compressed import compression_of, file_head

    found = compression_of(file_head(path) or b"")
    return None if found is None else (f"{found[0]}, not an mtreview project as it is: unpack it first "
                                       f"({found[1].format(name=path)})")


def _open_immutable(path: Path) -> sqlite3.Connection:
    """A connection that reads the file alone: no lock, and no ``-wal`` or ``-shm`` made beside it."""
    conn = sqlite3.connect(_uri(path, "ro") + "&immutable=1", uri=True, check_same_thread=False)
    conn.row_factory = sqlite3.Row
    return conn


def _reads_alone(path: Path) -> bool:
    """Whether a reader should read the project file alone (``immutable``): when this user may not write it,
    or its mode lets nobody write it, and no ``-wal`` or ``-shm`` is beside it. SQLite reading a WAL file
    makes ``-wal`` and ``-shm`` beside it with the file's own mode, and a read-only connection cannot remove
    them as it closes (QA: after ``export`` of a project made read-only, ``p.mtr-wal`` and ``p.mtr-shm`` were
    left, read-only; once the project was writable again, every decision failed with "attempt to write a
    readonly database"). Where they exist already, another program may have the project open and be writing
    to it: read through them, with SQLite's locks, as before."""
    try:
        mode = path.stat().st_mode
    except OSError:
        return False
    no_write = not os.access(path, os.W_OK) or not mode & stat.S_IWUSR
    return no_write and not any(os.path.lexists(str(path) + suffix) for suffix in ("-wal", "-shm"))


def read_version(path: Path, writable: bool) -> tuple[sqlite3.Connection, tuple[str] | None]:
    """Open a project file without writing to it; return the connection and its schema version row (None
    when the file has none). Raises ``StoreError`` saying what is wrong: not a database, damaged, or (the
    project may be sound) a disk or folder that does not let SQLite open it there.

    SQLite opens a WAL file only where it can create the shared-memory file beside it; a reader (export,
    report) of a project on read-only media or in a folder it may not write reads the file alone instead
    (``immutable``), which holds every decision when no ``-wal`` file beside it holds newer ones. So does a
    reader of a file it may not write, or that nobody may write (``_reads_alone``)."""
    if not writable and _reads_alone(path):
        conn = _open_immutable(path)
        try:
            return conn, conn.execute("SELECT value FROM meta WHERE key='schema_version'").fetchone()
        except sqlite3.DatabaseError:
            conn.close()  # the usual way below says what is wrong with it
    conn = _open(path, "rw")
    try:
        return conn, conn.execute("SELECT value FROM meta WHERE key='schema_version'").fetchone()
    except sqlite3.DatabaseError as err:
        conn.close()
        failure = err
    name = str(getattr(failure, "sqlite_errorname", ""))
    if not is_environment_error(failure):
        if name.startswith("SQLITE_CORRUPT"):
            raise StoreError(damaged_message(path, failure)) from None
        empty = path.stat().st_size == 0
        why = "an empty file" if empty else "not an SQLite file" if "not a database" in str(failure) else str(failure)
        packed = _packed(path)
        if packed:
            raise StoreError(f"{path}: {packed}") from None
        raise StoreError(f"{path}: not an mtreview project ({why})") from None
    if not writable and not _wal_holds_changes(path):
        conn = _open_immutable(path)
        try:
            return conn, conn.execute("SELECT value FROM meta WHERE key='schema_version'").fetchone()
        except sqlite3.DatabaseError:
            conn.close()
    wal = (f"; {path.name}-wal beside it holds changes not yet in the file: copy both to a writable folder"
           if _wal_holds_changes(path) else "")
    raise StoreError(f"{path}: cannot be opened here ({sqlite_reason(failure, path)}); the project file was "
                     f"not changed{wal or wal_removed_hint(path, failure)}") from None


def open_checked(path: Path, writable: bool) -> sqlite3.Connection:
    """A connection to the project file at ``path`` whose schema version this mtreview reads, nothing
    written to it yet (no pragma); ``StoreError`` saying what the file is otherwise."""
    from . import __version__

    try:
        # Read the version before any pragma: a foreign SQLite file or an empty file must be refused
        # without being switched to WAL or written to.
        conn, version = read_version(path, writable)
    except sqlite3.Error as err:
        raise StoreError(f"{path}: cannot open ({err})") from None
    if version is None:
        conn.close()
        raise StoreError(f"{path}: not an mtreview project (no schema version)")
    try:
        problem = schema_problem(conn, str(version[0]))
    except sqlite3.DatabaseError as err:
        conn.close()
        raise (use_failure(path, err) or StoreError(f"{path}: cannot open ({err})")) from None
    if problem:
        conn.close()
        raise StoreError(f"{path}: not an mtreview project ({problem})")
    if int(version[0]) > SCHEMA_VERSION:
        conn.close()
        raise StoreError(f"{path}: made by a newer mtreview (schema version {version[0]}; this mtreview "
                         f"{__version__} reads up to {SCHEMA_VERSION}): upgrade mtreview to open it")
    return conn


def in_memory_copy(path: Path, writable: bool) -> sqlite3.Connection:
    """The project at ``path`` copied into memory, for a reader to upgrade to the current schema where it
    cannot write the file (its memory: about the file's size)."""
    conn = open_checked(path, writable)
    memory = sqlite3.connect(":memory:", isolation_level=None, check_same_thread=False)
    memory.row_factory = sqlite3.Row
    try:
        conn.backup(memory)
    except sqlite3.DatabaseError as err:
        memory.close()
        raise (use_failure(path, err) or StoreError(f"{path}: cannot read it ({err})")) from None
    finally:
        conn.close()
    memory.execute("PRAGMA foreign_keys=ON")
    return memory
