"""Whether a project can be written now: asked of SQLite before long work that ends in a write.

``score PROJECT`` retranslates and scores everything, then stores it all in one transaction. While another
program held the project's write lock (the review app saving, an ``sqlite3`` shell inside ``BEGIN
IMMEDIATE``), that transaction waited out its busy timeout (30 s) and failed: the whole run was lost. A short
``BEGIN IMMEDIATE`` ... ``ROLLBACK`` up front finds this out before any of the work."""

from __future__ import annotations

import sqlite3
from typing import Any

from .errors import StoreError

# How long the probe waits for the lock: a save by the review app holds it for milliseconds, so a few
# seconds tell a save in progress (which then ends) from a program that keeps the lock.
PROBE_WAIT_S = 5.0


def check_write_lock(project: Any, wait_s: float | None = None) -> None:
    """Raise ``StoreError`` (one line naming the file) when another program holds the project's write lock
    for longer than ``wait_s`` (default :data:`PROBE_WAIT_S`); take nothing and change nothing otherwise."""
    conn: sqlite3.Connection = project.conn
    if conn.in_transaction:  # this connection holds the lock already (or will, in its own transaction)
        return
    wait = PROBE_WAIT_S if wait_s is None else wait_s
    before = conn.execute("PRAGMA busy_timeout").fetchone()[0]
    conn.execute(f"PRAGMA busy_timeout={max(0, int(wait * 1000))}")
    try:
        conn.execute("BEGIN IMMEDIATE")
        conn.execute("ROLLBACK")
    except sqlite3.OperationalError as err:
        name = str(getattr(err, "sqlite_errorname", ""))
        if not (name.startswith(("SQLITE_BUSY", "SQLITE_LOCKED")) or "locked" in str(err)):
            raise
        raise StoreError(f"{project.path}: another program is writing to this project (the review app, or an "
                         f"open transaction in an sqlite3 shell) and kept it locked for over {wait:g} s; nothing "
                         "was done: try again once it has finished") from None
    finally:
        conn.execute(f"PRAGMA busy_timeout={int(before)}")
