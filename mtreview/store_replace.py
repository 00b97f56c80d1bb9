"""Handing an existing project file over to a new one (``import --force``) without harming a reader.

A finished project is renamed onto the old file. Two things make a plain rename unsafe: a program that has
the old file open (``mtreview review``) keeps writing into the unlinked inode, and the old file's ``-wal``
and ``-shm`` stay behind under the same name, so SQLite replays the *old* project's pages onto the new
file the next time it is opened. ``prepare_replace`` refuses the first case and clears the second.
"""

from __future__ import annotations

import sqlite3
from pathlib import Path

from .errors import StoreError
from .store_schema import _open, has_sqlite_header


def prepare_replace(path: str | Path) -> None:
    """Make ``path`` safe to rename a new project onto, or raise ``StoreError`` if another program has it open.

    Leaving WAL mode needs the only connection to the file: SQLite refuses it ("database is locked") while
    any other connection, in any process, has the project open, and succeeds after such a process died
    (its committed changes are folded into the old file, which is being replaced anyway). Success also
    removes the ``-wal`` and ``-shm`` files that would otherwise be replayed onto the new project."""
    p = Path(path)
    if p.is_file() and has_sqlite_header(p):
        try:
            conn = _open(p, "rw")
        except sqlite3.Error:
            conn = None  # unreadable or read-only: nobody can be writing to it through SQLite here
        if conn is not None:
            try:
                conn.execute("PRAGMA busy_timeout=0")  # a writer mid-commit counts as "open": ask, don't wait
                conn.execute("PRAGMA journal_mode=DELETE").fetchone()
            except sqlite3.OperationalError as err:
                if "locked" in str(err) or "busy" in str(err):
                    raise StoreError(f"{p}: is open in another program (mtreview review?); close it there "
                                     "before replacing it with --force") from None
            except sqlite3.DatabaseError:
                pass  # a damaged file: replacing it is what --force asked for
            finally:
                conn.close()
    # Left by a crash, or by a file that is not a database: they would be replayed onto the new project.
    for suffix in ("-wal", "-shm"):
        Path(str(p) + suffix).unlink(missing_ok=True)
