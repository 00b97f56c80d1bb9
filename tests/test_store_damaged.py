"""A project file that opens but cannot be used: damaged past its first pages, another program's database
with a ``meta`` table, a schema version that is no number, and a ``-wal`` journal deleted while another
program has the project open. Each is one line naming the file, exit 2, never a traceback (exit 1)."""

from __future__ import annotations

import os
import sqlite3
import subprocess
import sys
from contextlib import closing
from pathlib import Path

import pytest
import test_store

from mtreview.cli import main
from mtreview.errors import StoreError
from mtreview.store import Project


def _project(path: Path, n: int = 300) -> list[int]:
    proj, ids = test_store.make_project(path, n)
    proj.close()
    return ids


def _damage_table(path: Path, table: str) -> None:
    """Overwrite the root page of ``table`` with bytes SQLite cannot read as a page: the file header and
    the ``meta`` table stay sound, so the project opens, and the damage shows at the first query that
    reads that table (a bad disk sector, a sync tool's broken merge)."""
    with closing(sqlite3.connect(path, isolation_level=None)) as conn:
        conn.execute("PRAGMA wal_checkpoint(TRUNCATE)")  # every page in the file itself
        page_size = conn.execute("PRAGMA page_size").fetchone()[0]
        root = conn.execute("SELECT rootpage FROM sqlite_master WHERE name=?", (table,)).fetchone()[0]
    with open(path, "r+b") as fh:
        fh.seek((root - 1) * page_size)
        fh.write(b"\x55" * page_size)


def _one_line_error(capsys: pytest.CaptureFixture[str]) -> str:
    err = capsys.readouterr().err
    assert "Traceback" not in err and err.count("\n") == 1, err
    return err


@pytest.mark.parametrize(("args", "table"), [(["decide", "{p}", "accept-mt", "--all"], "segments"),
                                           (["decide", "{p}", "undo"], "events"),
                                           (["note", "{p}", "3", "Check this."], "segments")])
def test_a_project_damaged_past_its_start_is_called_damaged(tmp_path: Path, capsys, args: list[str],
                                                           table: str) -> None:
    path = tmp_path / "p.mtr"
    _project(path)
    assert main(["decide", str(path), "reject", "--segments", "1-250"]) == 0  # events fill pages of their own
    capsys.readouterr()
    _damage_table(path, table)
    assert main([a.format(p=path) for a in args]) == 2
    err = _one_line_error(capsys)
    assert err == (f"mtreview: error: {path}: damaged, not a readable mtreview project (database disk image is "
                   "malformed); a copy of it cut short? Open the original or a backup\n")


def test_a_damaged_notes_table_is_called_damaged_when_the_notes_are_listed(tmp_path: Path, capsys) -> None:
    path = tmp_path / "p.mtr"
    ids = _project(path)
    with Project.open(path) as proj:
        proj.set_note(ids[0], "A query.", reviewer="ann")
    _damage_table(path, "segment_notes")
    assert main(["note", str(path)]) == 2
    assert f"{path}: damaged, not a readable mtreview project" in _one_line_error(capsys)


def test_another_programs_database_with_a_meta_table_is_not_a_project(tmp_path: Path, capsys) -> None:
    path = tmp_path / "app.mtr"
    with closing(sqlite3.connect(path, isolation_level=None)) as conn:
        conn.execute("CREATE TABLE meta (key TEXT PRIMARY KEY, value TEXT)")
        conn.execute("INSERT INTO meta VALUES ('schema_version', '4')")
    before = path.read_bytes()
    assert main(["decide", str(path), "accept-mt", "--all"]) == 2
    assert _one_line_error(capsys) == f"mtreview: error: {path}: not an mtreview project (no documents table)\n"
    assert path.read_bytes() == before  # not switched to WAL, nothing written
    assert sorted(p.name for p in tmp_path.iterdir()) == ["app.mtr"]


@pytest.mark.parametrize("version", ["abc", "0", "-1", ""])
def test_a_schema_version_that_is_no_number_is_not_a_project(tmp_path: Path, capsys, version: str) -> None:
    path = tmp_path / "p.mtr"
    _project(path, 3)
    with closing(sqlite3.connect(path, isolation_level=None)) as conn:
        conn.execute("UPDATE meta SET value=? WHERE key='schema_version'", (version,))
    assert main(["note", str(path)]) == 2
    assert _one_line_error(capsys) == (f"mtreview: error: {path}: not an mtreview project (schema version "
                                       f"{version!r})\n")


def test_a_newer_schema_says_to_upgrade_mtreview(tmp_path: Path, capsys) -> None:
    path = tmp_path / "p.mtr"
    _project(path, 3)
    with closing(sqlite3.connect(path, isolation_level=None)) as conn:
        conn.execute("UPDATE meta SET value='9' WHERE key='schema_version'")
    assert main(["decide", str(path), "reject", "--segments", "1"]) == 2
    err = _one_line_error(capsys)
    assert err.startswith(f"mtreview: error: {path}: made by a newer mtreview (schema version 9;")
    assert err.endswith("reads up to 4): upgrade mtreview to open it\n")


def test_a_journal_deleted_under_an_open_session_is_named_and_nothing_is_lost(tmp_path: Path) -> None:
    """The review app (here: this process) keeps writing into the deleted ``-wal``; another program's
    command fails to read it ("disk I/O error", exit 1 with a traceback before) and now says what happened
    and what to do; once the session closes, every decision it made is in the file."""
    path = tmp_path / "p.mtr"
    ids = _project(path, 40)
    session = Project.open(path)
    try:
        session.decide(ids[0], "accept_mt", reviewer="ann")
        os.unlink(str(path) + "-wal")
        session.decide(ids[1], "reject", reviewer="ann")
        run = subprocess.run([sys.executable, "-m", "mtreview", "decide", str(path), "accept-mt", "--all"],
                             capture_output=True, text=True, timeout=120)
        assert run.returncode == 2, run.stderr
        assert "Traceback" not in run.stderr and run.stderr.count("\n") == 1
        assert run.stderr.startswith(f"mtreview: error: {path}: cannot read the project (disk I/O error); "
                                     "p.mtr-wal, its journal of changes not yet in the file, was deleted while "
                                     "another program has the project open: close that program")
    finally:
        session.close()
    with Project.open(path) as proj:
        statuses = [s.state.status for s in proj.segments()]
    assert statuses[:2] == ["accepted_mt", "rejected"] and set(statuses[2:]) == {"unreviewed"}


def test_a_full_disk_is_not_taken_for_a_deleted_journal(tmp_path: Path) -> None:
    """The journal hint needs SQLite's short read: a write refused for another cause, with an empty
    ``-wal`` beside the project (just opened), says only its own cause."""
    path = tmp_path / "p.mtr"
    ids = _project(path, 3)
    with Project.open(path) as proj:
        assert (tmp_path / "p.mtr-wal").stat().st_size == 0
        pages = proj.conn.execute("PRAGMA page_count").fetchone()[0]
        proj.conn.execute(f"PRAGMA max_page_count={pages}")
        with pytest.raises(StoreError) as info:
            proj.decide(ids[0], "edit", text="A long edit. " * 2000, reviewer="ann")
    assert str(info.value) == f"{path}: cannot write to the project (the disk is full); this change was not saved"
