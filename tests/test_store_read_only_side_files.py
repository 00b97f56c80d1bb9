"""A project made read-only, read, then made writable again. SQLite gives the ``-wal`` and ``-shm`` files it
makes beside a WAL project the project's own mode, and a read-only connection cannot remove them: an export
of a read-only project left them read-only, and once the project was writable again every decision failed
("attempt to write a readonly database"). A reader of such a file now reads it alone, and a writer makes
its own leftover files writable again (or names another user's)."""

from __future__ import annotations

import os
import sqlite3
import stat
from pathlib import Path

import pytest
import test_store

from mtreview.cli import main
from mtreview.errors import StoreError
from mtreview.store import Project


def _project(path: Path) -> list[int]:
    proj, ids = test_store.make_project(path, 3)
    proj.close()
    return ids


def _leave_read_only_side_files(path: Path) -> None:
    """What a read of a read-only WAL project by a user who may not write it leaves: ``-wal`` and ``-shm``
    with the project's read-only mode (a read-only connection does not remove them as it closes)."""
    conn = sqlite3.connect(f"file:{path}?mode=ro", uri=True)
    assert conn.execute("SELECT value FROM meta WHERE key='schema_version'").fetchone() is not None
    conn.close()
    for suffix in ("-wal", "-shm"):
        side = Path(str(path) + suffix)
        assert side.exists()
        side.chmod(0o444)


def test_a_reader_of_a_read_only_project_makes_no_file_beside_it(tmp_path: Path) -> None:
    path = tmp_path / "p.mtr"
    ids = _project(path)
    with Project.open(path) as proj:
        proj.decide(ids[1], "reject", reviewer="ann")
    path.chmod(0o444)
    with Project.open(path, writable=False) as reader:
        assert sorted(p.name for p in tmp_path.iterdir()) == ["p.mtr"]
        assert [s.state.status for s in reader.segments()] == ["unreviewed", "rejected", "unreviewed"]
    assert sorted(p.name for p in tmp_path.iterdir()) == ["p.mtr"]


def test_a_reader_still_reads_changes_a_writer_keeps_in_the_wal(tmp_path: Path) -> None:
    """Reading the file alone would miss what another session's ``-wal`` holds: with one, the reader reads
    both, as before."""
    path = tmp_path / "p.mtr"
    ids = _project(path)
    with Project.open(path) as writer:
        writer.decide(ids[0], "accept_mt", reviewer="ann")
        assert (tmp_path / "p.mtr-wal").stat().st_size > 0
        path.chmod(0o444)
        with Project.open(path, writable=False) as reader:
            assert reader.segments()[0].state.status == "accepted_mt"
        path.chmod(0o644)


def test_own_read_only_side_files_are_made_writable_again(tmp_path: Path, capsys) -> None:
    path = tmp_path / "p.mtr"
    _project(path)
    _leave_read_only_side_files(path)
    with Project.open(path):  # (root could write them anyway; their owner could not, nor save a decision)
        for suffix in ("-wal", "-shm"):
            assert stat.S_IMODE(os.stat(str(path) + suffix).st_mode) == 0o644
    assert main(["note", str(path), "2", "Ask the client."]) == 0
    assert main(["decide", str(path), "reject", "--segments", "3"]) == 0
    with Project.open(path, writable=False) as proj:
        assert [s.state.status for s in proj.segments()] == ["unreviewed", "unreviewed", "rejected"]
        assert proj.note(proj.segment_ids()[1]).text == "Ask the client."


def test_another_users_read_only_side_file_is_named(tmp_path: Path, monkeypatch) -> None:
    path = tmp_path / "p.mtr"
    _project(path)
    _leave_read_only_side_files(path)
    wal = str(path) + "-wal"
    real_access = os.access
    monkeypatch.setattr("os.geteuid", lambda: os.stat(wal).st_uid + 1)  # this user owns none of them
    monkeypatch.setattr("os.access", lambda p, mode: False if str(p).endswith(("-wal", "-shm")) and mode == os.W_OK
                        else real_access(p, mode))
    with pytest.raises(StoreError) as info:
        Project.open(path)
    assert str(info.value) == (f"{path}: p.mtr-wal beside it is read-only and another user's (left by their "
                               "program reading the project while it was read-only), so every decision would "
                               "be refused; ask them to delete it or make it writable")
    with Project.open(path, writable=False) as reader:  # reading it is still fine
        assert len(reader.segments()) == 3


def test_a_reader_sees_what_an_open_session_saves_after_it_opened(tmp_path: Path) -> None:
    """With another session open (its ``-wal`` beside the file, still empty), the reader reads through SQLite's
    locks, not the file alone: a decision saved after it opened shows in its next read, and a checkpoint
    cannot change the file under it."""
    path = tmp_path / "p.mtr"
    ids = _project(path)
    with Project.open(path) as writer:
        assert (tmp_path / "p.mtr-wal").stat().st_size == 0
        path.chmod(0o444)
        try:
            with Project.open(path, writable=False) as reader:
                assert reader.segments()[0].state.status == "unreviewed"
                writer.decide(ids[0], "accept_mt", reviewer="ann")
                assert reader.segments()[0].state.status == "accepted_mt"
        finally:
            path.chmod(0o644)
