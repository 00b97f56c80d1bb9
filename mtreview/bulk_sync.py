"""How hard a bulk run (``mtreview decide``, its ``undo``) makes SQLite wait for the disk on each commit.

A project runs with ``synchronous=FULL``: each commit waits for an fsync of the WAL, so a decision survives
a power cut as soon as it is saved. For a rule deciding 10^5 or 10^6 segments, one transaction per
decision, that fsync is most of the time (``scripts/bench_decide.py``). ``relaxed_sync`` lowers it to
``synchronous=NORMAL`` on the run's own connection while the run lasts:

* Each decision is still its own committed transaction, and once committed it survives a crash of the
  process (kill -9, Ctrl-C, an exception): in WAL mode a commit is in the WAL file (the OS's cache of it)
  before COMMIT returns, whatever ``synchronous`` says. Other sessions keep their own setting.
* A power cut or OS crash during the run may take back the last decisions since the latest checkpoint
  (SQLite syncs the WAL before each checkpoint); the database stays consistent, each decision whole or
  absent, and ``decide PROJECT undo`` takes back those that remain.
* When the run ends as planned, its last commit is made under the previous setting again (``full_from_now``
  before it), and that fsync of the WAL makes every earlier commit of the run durable too. On the way out,
  however the run ends (an error, Ctrl-C), a checkpoint is asked for as well, which syncs the WAL first (best
  effort: a reader may hold part of it back, and a failing disk fails there too).

The previous setting is restored on every way out, errors and Ctrl-C included.
"""

from __future__ import annotations

import sqlite3
from types import TracebackType


class RelaxedSync:
    """``synchronous=NORMAL`` on ``conn`` for the ``with`` block, the previous setting restored after."""

    def __init__(self, conn: sqlite3.Connection) -> None:
        self.conn = conn
        self.previous: int | None = None
        self.relaxed = False  # whether commits are being made without an fsync now
        self.changes = 0  # the connection's total_changes on entry: whether the run wrote anything

    def __enter__(self) -> RelaxedSync:
        # Outside a transaction: a pragma set inside one would change a transaction another layer owns.
        if self.conn.in_transaction:
            raise RuntimeError("relaxed_sync must start outside a transaction")
        self.previous = int(self.conn.execute("PRAGMA synchronous").fetchone()[0])
        self.changes = self.conn.total_changes
        if self.previous > 1:  # FULL (2) or EXTRA (3); OFF or NORMAL already sync no more than NORMAL
            self.conn.execute("PRAGMA synchronous=NORMAL")
            self.relaxed = True
        return self

    def full_from_now(self) -> None:
        """The next commits wait for the disk again: call it before the run's last transaction, whose fsync
        then covers every commit the run made before it (they are earlier in the same WAL file)."""
        if self.relaxed and self.previous is not None:
            self.conn.execute(f"PRAGMA synchronous={self.previous}")
            self.relaxed = False

    def __exit__(self, kind: type[BaseException] | None, err: BaseException | None,
                 tb: TracebackType | None) -> None:
        if self.previous is None:
            return
        try:
            self.conn.execute(f"PRAGMA synchronous={self.previous}")
        except sqlite3.Error:  # a closed connection has no setting to restore
            return
        self.relaxed = False
        if self.conn.total_changes != self.changes and not self.conn.in_transaction:
            # Cheap next to the run (one checkpoint of at most the WAL's last ~1000 pages), and it covers the
            # runs whose last commit was not the one under FULL (stopped early, last decision refused).
            try:
                self.conn.execute("PRAGMA wal_checkpoint(PASSIVE)")
            except sqlite3.Error:  # the error being raised, if any, matters more
                pass


def relaxed_sync(conn: sqlite3.Connection) -> RelaxedSync:
    """``with relaxed_sync(project.conn) as sync: ...; sync.full_from_now(); <last commit>`` (see module)."""
    return RelaxedSync(conn)
