"""Migrations of a project file from one schema version to the next (``Project.open`` runs them in order)."""

from __future__ import annotations

import sqlite3
from pathlib import Path

from .errors import StoreError
from .store_events import _write_state, derive_states
from .store_opening import damaged_message
from .store_schema import _MIGRATE_1_TO_2, _MIGRATE_2_TO_3, _MIGRATE_3_TO_4, _split_sql


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


def _migrate_2_to_3(conn: sqlite3.Connection) -> None:
    for stmt in _split_sql(_MIGRATE_2_TO_3):
        conn.execute(stmt)


def _migrate_3_to_4(conn: sqlite3.Connection) -> None:
    # Reviewer notes: a new table, empty (a version-3 log holds no note events).
    for stmt in _split_sql(_MIGRATE_3_TO_4):
        conn.execute(stmt)


MIGRATIONS = {1: _migrate_1_to_2, 2: _migrate_2_to_3, 3: _migrate_3_to_4}


def migrate_from(conn: sqlite3.Connection, version: int, path: Path) -> None:
    """Migrate the project at ``path`` from ``version`` to the next and record it (in the caller's transaction).
    A file that already has what a later version adds has a damaged version number, and is called damaged
    (QA, fuzzing: schema version 1 in a version-4 file was "sqlite3.OperationalError: duplicate column name:
    scores", a traceback, exit 1)."""
    try:
        MIGRATIONS[version](conn)
    except sqlite3.OperationalError as err:
        if not str(err).startswith("duplicate column name") and not str(err).endswith("already exists"):
            raise  # a read-only file, say, which the caller upgrades in memory instead
        found = sqlite3.DatabaseError(f"its schema version says {version}, yet it has what a later version adds: {err}")
        raise StoreError(damaged_message(path, found)) from None
    conn.execute("UPDATE meta SET value=? WHERE key='schema_version'", (str(version + 1),))
