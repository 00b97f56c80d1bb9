"""A project whose rows SQLite reads but mtreview cannot have written: a byte flipped on the disk inside a
text (SQLite keeps no checksum of its rows), or inside one of the JSON values the project keeps (sentence
indexes, event payloads). Each is one line calling the file damaged, exit 2 (QA, fuzzing: "sqlite3.
OperationalError: Could not decode to UTF-8 column 'final_text'" and a JSONDecodeError were tracebacks, exit 1)."""

from __future__ import annotations

import sqlite3
from contextlib import closing
from pathlib import Path

import pytest
import test_store

from mtreview.cli import main
from mtreview.store import Project


def _project(path: Path) -> None:
    proj, ids = test_store.make_project(path, 4)
    proj.decide(ids[0], "accept_mt", reviewer="ann")
    proj.close()


def _set(path: Path, sql: str) -> None:
    with closing(sqlite3.connect(path, isolation_level=None)) as conn:
        conn.execute(sql)
        conn.execute("PRAGMA wal_checkpoint(TRUNCATE)")


@pytest.mark.parametrize(("sql", "said"), [
    ("UPDATE segments SET mt_text=CAST(x'53656eff' AS TEXT) WHERE id=2", "column 'mt_text' holds text that is not UTF-8"),
    ("UPDATE segments SET mt_idx='[1' WHERE id=2", "column 'mt_idx' holds '[1', not the JSON mtreview wrote"),
    ("UPDATE segments SET source_idx='7' WHERE id=2", "column 'source_idx' holds '7', not a list of sentence numbers"),
])
@pytest.mark.parametrize("args", [["export", "{p}", "--all", "--format", "jsonl", "-o", "{d}/out.jsonl"],
                                  ["report", "{p}", "--json", "-o", "{d}/out.json"],
                                  ["decide", "{p}", "accept-mt", "--all"]])
def test_a_damaged_value_is_one_line(tmp_path: Path, capsys: pytest.CaptureFixture[str], sql: str, said: str,
                                     args: list[str]) -> None:
    path = tmp_path / "p.mtr"
    _project(path)
    _set(path, sql)
    assert main([a.format(p=path, d=tmp_path) for a in args]) == 2
    err = capsys.readouterr().err
    assert err == (f"mtreview: error: {path}: damaged, not a readable mtreview project ({said}); a copy of it cut "
                   "short? Open the original or a backup\n")
    assert not list(tmp_path.glob("out.*"))


def test_a_damaged_event_payload_is_one_line(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    path = tmp_path / "p.mtr"
    _project(path)
    _set(path, "UPDATE events SET payload='{' WHERE id=1")
    with Project.open(path, writable=False) as proj:  # the project's events, as undo and the review read them
        with pytest.raises(sqlite3.DatabaseError, match="column 'payload' holds '{'"):
            proj.events()
    assert main(["decide", str(path), "undo"]) == 2
    assert "damaged, not a readable mtreview project" in capsys.readouterr().err


@pytest.mark.parametrize("version", ["1", "2"])
@pytest.mark.parametrize("args", [["note", "{p}"], ["decide", "{p}", "accept-mt", "--all"]])
def test_a_schema_version_older_than_the_tables_is_damaged(tmp_path: Path, capsys: pytest.CaptureFixture[str],
                                                           version: str, args: list[str]) -> None:
    # The file has every table of this version; its meta row says an older one, so the migrations would
    # add what it already has (QA, fuzzing: "sqlite3.OperationalError: duplicate column name: scores")
    path = tmp_path / "p.mtr"
    _project(path)
    _set(path, f"UPDATE meta SET value='{version}' WHERE key='schema_version'")
    assert main([a.format(p=path) for a in args]) == 2
    err = capsys.readouterr().err
    assert err.startswith(f"mtreview: error: {path}: damaged, not a readable mtreview project (its schema "
                          f"version says {version}, yet it has what a later version adds: ")
    assert err.count("\n") == 1
    with closing(sqlite3.connect(path)) as conn:  # the failed migration changed nothing
        assert conn.execute("SELECT value FROM meta WHERE key='schema_version'").fetchone()[0] == version
