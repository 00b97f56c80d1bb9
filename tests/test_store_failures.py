"""A project file under failure: a full disk while saving, and a folder where SQLite cannot create the
files a WAL project needs beside it (read-only media, a folder of another user).

A full disk is SQLite's ``max_page_count`` (it fails a write the way a full disk does); an unwritable
folder is a ``-shm`` name that cannot be created (a dangling link), which works the same for root."""

from __future__ import annotations

import sqlite3
from pathlib import Path

import pytest
import test_store

from mtreview.cli import main
from mtreview.errors import ProjectWriteError, StoreError
from mtreview.store import Project

LONG = "A very long edit that needs pages the file does not have. " * 400


def make_project(path: Path, n: int = 4) -> list[int]:
    proj, ids = test_store.make_project(path, n)
    proj.close()
    return ids


def fill_disk(proj: Project) -> None:
    """No page more for this connection: its next growing write fails with SQLITE_FULL."""
    pages = proj.conn.execute("PRAGMA page_count").fetchone()[0]
    proj.conn.execute(f"PRAGMA max_page_count={pages}")


def test_a_full_disk_refuses_the_decision_on_one_line_and_keeps_the_earlier_ones(tmp_path: Path) -> None:
    path = tmp_path / "p.mtr"
    ids = make_project(path)
    with Project.open(path) as proj:
        proj.decide(ids[0], "accept_mt", reviewer="ann")
        fill_disk(proj)
        with pytest.raises(ProjectWriteError, match=r"p\.mtr: cannot write to the project \(the disk is full\)"):
            proj.decide(ids[1], "edit", text=LONG, reviewer="ann")
        # Rolled back, and the write lock is not held: another session can save meanwhile.
        assert not proj.conn.in_transaction
        with Project.open(path) as other:
            other.decide(ids[2], "reject", reviewer="bo")
        # Space again: the same decision goes through on the same connection.
        proj.conn.execute("PRAGMA max_page_count=1073741823")
        assert proj.decide(ids[1], "edit", text=LONG, reviewer="ann").status == "edited"
    with Project.open(path) as proj:
        assert [s.state.status for s in proj.segments()] == ["accepted_mt", "edited", "rejected", "unreviewed"]


def test_import_onto_a_full_disk_names_the_project_and_leaves_nothing(tmp_path: Path, monkeypatch, capsys) -> None:
    import mtreview.store_schema as schema

    real = schema.configure

    def small_disk(conn: sqlite3.Connection) -> None:
        real(conn)
        conn.execute("PRAGMA max_page_count=8")

    monkeypatch.setattr(schema, "configure", small_disk)
    src, mt = tmp_path / "src.ru", tmp_path / "mt.en"
    src.write_text("".join(f"Предложение номер {i} о море.\n" for i in range(300)), encoding="utf-8")
    mt.write_text("".join(f"Sentence number {i} about the sea.\n" for i in range(300)), encoding="utf-8")
    out = tmp_path / "big.mtr"
    assert main(["import", str(src), str(mt), "-s", "ru", "-t", "en", "--aligned", "-o", str(out)]) == 2
    err = capsys.readouterr().err
    assert err.count("\n") == 1 and "Traceback" not in err
    assert f"{out}: cannot write the new project (the disk is full); nothing was imported" in err
    assert sorted(p.name for p in tmp_path.iterdir()) == ["mt.en", "src.ru"]  # no temporary file left


@pytest.fixture
def shm_cannot_be_made(tmp_path: Path) -> Path:
    """A project whose ``-shm`` file SQLite cannot create, as in a folder it may not write."""
    path = tmp_path / "p.mtr"
    ids = make_project(path)
    with Project.open(path) as proj:
        proj.decide(ids[0], "edit", text="Kept.", reviewer="ann")
    Path(str(path) + "-shm").symlink_to(tmp_path / "no-such-folder" / "shm")
    return path


def test_a_reader_reads_a_project_in_a_folder_it_cannot_write(shm_cannot_be_made: Path) -> None:
    # QA: export and report of a project on read-only media said "not an mtreview project".
    with Project.open(shm_cannot_be_made, writable=False) as proj:
        assert [s.state.status for s in proj.segments()] == ["edited", "unreviewed", "unreviewed", "unreviewed"]


def test_export_from_a_folder_it_cannot_write(shm_cannot_be_made: Path, tmp_path: Path, capsys) -> None:
    out = tmp_path / "out.tsv"
    assert main(["export", str(shm_cannot_be_made), "--format", "tsv", "-o", str(out)]) == 0
    assert out.read_text(encoding="utf-8") == "Предложение 0.\tKept.\n"


def test_calibrate_dry_run_reads_a_project_in_a_folder_it_cannot_write(shm_cannot_be_made: Path, capsys) -> None:
    # QA: a dry run only reads, yet it was refused as for a write ("cannot be opened here")
    assert main(["calibrate", str(shm_cannot_be_made), "--dry-run"]) == 2
    err = capsys.readouterr().err
    assert "is not scored yet" in err and "cannot be opened" not in err


def test_a_project_that_cannot_be_opened_there_is_not_called_foreign(shm_cannot_be_made: Path) -> None:
    before = shm_cannot_be_made.read_bytes()
    with pytest.raises(StoreError) as info:
        Project.open(shm_cannot_be_made)
    message = str(info.value)
    assert "not an mtreview project" not in message
    assert message.startswith(f"{shm_cannot_be_made}: cannot be opened here (unable to open database file)")
    assert shm_cannot_be_made.read_bytes() == before


def test_a_reader_refuses_rather_than_skip_changes_left_in_the_wal(shm_cannot_be_made: Path) -> None:
    """With changes in a ``-wal`` that cannot be read there, reading the file alone would lose them."""
    Path(str(shm_cannot_be_made) + "-wal").write_bytes(b"\0" * 64)
    with pytest.raises(StoreError, match=r"p\.mtr-wal beside it holds changes not yet in the file"):
        Project.open(shm_cannot_be_made, writable=False)


def test_a_truncated_project_is_called_damaged(tmp_path: Path) -> None:
    path = tmp_path / "p.mtr"
    make_project(path, n=400)
    with sqlite3.connect(path) as conn:  # the whole project in the main file, as a copy would have it
        conn.execute("PRAGMA wal_checkpoint(TRUNCATE)")
    cut = tmp_path / "cut.mtr"
    cut.write_bytes(path.read_bytes()[:8192])
    with pytest.raises(StoreError, match=r"cut\.mtr: damaged, not a readable mtreview project"):
        Project.open(cut, writable=False)


def test_a_decision_waits_once_for_another_writer_then_is_refused(tmp_path: Path) -> None:
    """A write lock held elsewhere (a DB browser's open transaction) is waited for once, busy_timeout long,
    not fifty times over (QA: the review app froze for minutes)."""
    path = tmp_path / "p.mtr"
    ids = make_project(path)
    holder = sqlite3.connect(path, isolation_level=None)
    holder.execute("BEGIN IMMEDIATE")
    try:
        with Project.open(path) as proj:
            proj.conn.execute("PRAGMA busy_timeout=100")
            begins: list[str] = []
            proj.conn.set_trace_callback(lambda sql: begins.append(sql) if sql.startswith("BEGIN") else None)
            with pytest.raises(ProjectWriteError, match=r"p\.mtr: cannot write to the project \(database is "
                                                        r"locked: another program is writing to it"):
                proj.decide(ids[0], "accept_mt")
            assert len(begins) <= 2  # one wait (and at most one quick retry), not 50
    finally:
        holder.execute("ROLLBACK")
        holder.close()
    with Project.open(path) as proj:
        assert proj.decide(ids[0], "accept_mt").status == "accepted_mt"
