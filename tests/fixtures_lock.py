"""A one-segment project and another program's connection holding its write lock, for the lock-wait tests."""

from __future__ import annotations

import sqlite3
from collections.abc import Iterator
from pathlib import Path

import pytest

from mtreview.store import Project


@pytest.fixture
def project(tmp_path: Path) -> Path:
    proj = Project.create(tmp_path / "p.mtr", "ru", "en")
    proj.add_segments([((0,), (0,), "Флот готов.", "The fleet is ready.", 1.0)])
    proj.set_risks([(proj.segment_ids()[0], 0.1)])
    proj.close()
    return tmp_path / "p.mtr"


@pytest.fixture
def locker(project: Path) -> Iterator[sqlite3.Connection]:
    """Another program's connection, holding the write lock (as an sqlite3 shell after BEGIN IMMEDIATE)."""
    conn = sqlite3.connect(project, isolation_level=None)
    conn.execute("BEGIN IMMEDIATE")
    yield conn
    if conn.in_transaction:
        conn.execute("ROLLBACK")
    conn.close()
