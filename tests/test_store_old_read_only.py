"""A project an older mtreview made, read where it cannot be written (read-only media, another user's file):
``export``, ``report`` and ``note`` upgraded its schema in the file first, failed to write, and said "cannot
write to the project ... this change was not saved" to a user who only wanted to read it. The reader now
upgrades a copy in memory and leaves the file as it is."""

from __future__ import annotations

import sqlite3
from contextlib import closing
from pathlib import Path

import test_store

from mtreview.cli import main
from mtreview.store import SCHEMA_VERSION, Project


def _version_3_project(path: Path) -> None:
    """A project as mtreview wrote it at schema version 3 (before reviewer notes), one segment rejected."""
    proj, ids = test_store.make_project(path, 3)
    proj.decide(ids[1], "reject", reviewer="ann")
    proj.close()
    with closing(sqlite3.connect(path, isolation_level=None)) as conn:
        conn.execute("DROP TABLE segment_notes")
        conn.execute("UPDATE meta SET value='3' WHERE key='schema_version'")
    with closing(sqlite3.connect(path, isolation_level=None)) as conn:
        conn.execute("PRAGMA wal_checkpoint(TRUNCATE)")


def test_an_old_read_only_project_is_read_without_being_written(tmp_path: Path, capsys) -> None:
    path = tmp_path / "old.mtr"
    _version_3_project(path)
    path.chmod(0o444)
    before = path.read_bytes()
    out = tmp_path / "out.tsv"
    assert main(["export", str(path), "--all", "-f", "tsv", "-o", str(out)]) == 0
    rows = [line.split("\t")[4] for line in out.read_text(encoding="utf-8").splitlines()[1:]]
    assert rows == ["unreviewed", "rejected", "unreviewed"]
    assert main(["note", str(path)]) == 0  # no notes in a version-3 project; listed, none
    assert main(["decide", str(path), "reject", "--all", "--dry-run"]) == 0
    err = capsys.readouterr().err
    assert "cannot write" not in err and "2 segments would be decided (reject): 1, 3" in err
    assert path.read_bytes() == before
    assert sorted(p.name for p in tmp_path.iterdir()) == ["old.mtr", "out.tsv"]
    with Project.open(path, writable=False) as proj:
        assert proj.schema_version == SCHEMA_VERSION and proj.notes() == {}


def test_an_old_project_that_can_be_written_is_upgraded_in_the_file(tmp_path: Path) -> None:
    path = tmp_path / "old.mtr"
    _version_3_project(path)
    with Project.open(path, writable=False):
        pass
    with closing(sqlite3.connect(path, isolation_level=None)) as conn:
        assert conn.execute("SELECT value FROM meta WHERE key='schema_version'").fetchone()[0] == str(SCHEMA_VERSION)
