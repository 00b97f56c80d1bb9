"""Whether a project can be written now: asked of SQLite before long work that ends in a write.

``score PROJECT`` retranslates and scores everything, then stores it all in one transaction. While another
program held the project's write lock (the review app saving, an ``sqlite3`` shell inside ``BEGIN
IMMEDIATE``), that transaction waited out its busy timeout (30 s) and failed: the whole run was lost. A short
``BEGIN IMMEDIATE`` ... ``ROLLBACK`` up front finds this out before any of the work."""

from __future__ import annotations

import sqlite3
import time
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from typing import Any

from . import store_schema
from .errors import StoreError

# How long the probe waits for the lock: a save by the review app holds it for milliseconds, so a few
# seconds tell a save in progress (which then ends) from a program that keeps the lock.
PROBE_WAIT_S = 5.0


def lock_wait_message(path: object, seconds: float) -> str:
    """The line a command prints when it starts waiting for another program's lock on the project ``path``."""
    return (f"{path}: another program is writing to this project (the review app, or an open transaction in "
            f"an sqlite3 shell); waiting up to {seconds:.0f} s for it to finish (Ctrl-C stops)")


@contextmanager
def announce_lock_waits(path: object, log: Callable[[str], None]) -> Iterator[None]:
    """Within the block, a write to a project that waits for another program's lock first says so through
    ``log`` (one line naming ``path``, the wait, and Ctrl-C), instead of waiting up to 30 s in silence."""
    before = store_schema.lock_wait_notice
    store_schema.lock_wait_notice = lambda seconds: log(lock_wait_message(path, seconds))
    try:
        yield
    finally:
        store_schema.lock_wait_notice = before


def check_write_lock(project: Any, wait_s: float | None = None,
                     log: Callable[[str], None] | None = None) -> None:
    """Raise ``StoreError`` (one line naming the file) when another program holds the project's write lock
    for longer than ``wait_s`` (default :data:`PROBE_WAIT_S`); take nothing and change nothing otherwise.
    With ``log``, a wait longer than a second is announced first (:func:`lock_wait_message`)."""
    conn: sqlite3.Connection = project.conn
    if conn.in_transaction:  # this connection holds the lock already (or will, in its own transaction)
        return
    wait = PROBE_WAIT_S if wait_s is None else wait_s
    before = conn.execute("PRAGMA busy_timeout").fetchone()[0]
    try:
        if log is not None and wait > 1 and _locked(conn, 1.0):
            log(lock_wait_message(project.path, wait - 1))
            still = _locked(conn, wait - 1)
        else:
            still = _locked(conn, wait)
        if still:
            raise StoreError(f"{project.path}: another program is writing to this project (the review app, or an "
                             f"open transaction in an sqlite3 shell) and kept it locked for over {wait:g} s; "
                             "nothing was done: try again once it has finished")
    finally:
        conn.execute(f"PRAGMA busy_timeout={int(before)}")


def _locked(conn: sqlite3.Connection, wait: float) -> bool:
    """Whether another program kept the write lock for ``wait`` seconds; errors other than a lock are raised.
    Waits in slices of :data:`store_schema.LOCK_WAIT_SLICE_MS`: SQLite's own wait is one C call that Ctrl-C
    cannot end (QA: Ctrl-C took effect only when the whole wait was over)."""
    deadline = time.monotonic() + wait
    while True:
        left = deadline - time.monotonic()
        conn.execute(f"PRAGMA busy_timeout={max(0, min(int(left * 1000), store_schema.LOCK_WAIT_SLICE_MS))}")
        try:
            conn.execute("BEGIN IMMEDIATE")
            conn.execute("ROLLBACK")
            return False
        except sqlite3.OperationalError as err:
            name = str(getattr(err, "sqlite_errorname", ""))
            if not (name.startswith(("SQLITE_BUSY", "SQLITE_LOCKED")) or "locked" in str(err)):
                raise
            if time.monotonic() >= deadline:
                return True
