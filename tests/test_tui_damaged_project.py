"""A project damaged past its first pages opens (SQLite reads pages only when a query needs them), and the
damage shows when the review reads the segments or saves a decision: the review ends with one line naming
the file (as decide, note, export and report do), exit 2, never Textual's traceback."""

from __future__ import annotations

import sqlite3
from contextlib import closing
from pathlib import Path

import fixtures_tui
import test_store
from fixtures_tui import read_when_written, review_in_tmux

from mtreview.cli import main

data_dir = fixtures_tui.data_dir


def _damage_table(path: Path, table: str) -> None:
    """Overwrite the root page of ``table`` with bytes SQLite cannot read as a page (a bad sector)."""
    with closing(sqlite3.connect(path, isolation_level=None)) as conn:
        conn.execute("PRAGMA wal_checkpoint(TRUNCATE)")
        page_size = conn.execute("PRAGMA page_size").fetchone()[0]
        root = conn.execute("SELECT rootpage FROM sqlite_master WHERE name=?", (table,)).fetchone()[0]
    with open(path, "r+b") as fh:
        fh.seek((root - 1) * page_size)
        fh.write(b"\x55" * page_size)


def _damaged_project(tmp_path: Path, table: str) -> Path:
    path = tmp_path / "p.mtr"
    proj, _ids = test_store.make_project(path, 300)
    proj.close()
    assert main(["decide", str(path), "reject", "--segments", "1-250"]) == 0  # events fill pages of their own
    _damage_table(path, table)
    return path


def test_review_of_a_damaged_project_ends_with_one_line_and_status_2(tmp_path: Path, data_dir: Path) -> None:
    path = _damaged_project(tmp_path, "segments")
    term, rc_file = review_in_tmux("damaged", path, data_dir, tmp_path)
    try:
        assert read_when_written(rc_file, term) == "2"
        shown = "".join(term.screen().splitlines())  # the line wraps at the terminal's width
        assert "Traceback" not in shown and "DatabaseError" not in shown
        assert "mtreview: error:" in shown and "damaged, not a readable mtreview project" in shown
    finally:
        term.close()
