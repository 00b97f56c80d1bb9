"""A project locked by another program: `score` says what it waits for and how to stop, and Ctrl-C can stop
the wait. QA: `score PROJECT` waited 5 s (before the work) or 30 s (the final write, when the lock was taken
mid-run) in silence, and a Ctrl-C took effect only once the whole wait was over."""

from __future__ import annotations

import sqlite3
from pathlib import Path

import fixtures_lock
import pytest

import mtreview.project_lock as project_lock
from mtreview.cli import main
from mtreview.store import Project

project = fixtures_lock.project
locker = fixtures_lock.locker


def test_a_write_that_waits_for_the_lock_says_so_and_then_goes_ahead(project: Path,
                                                                     locker: sqlite3.Connection) -> None:
    said: list[str] = []

    def log(line: str) -> None:
        said.append(line)
        locker.execute("ROLLBACK")  # the other program finishes once told (no race on the clock)

    with Project.open(project) as proj, project_lock.announce_lock_waits(project, log):
        proj.set_meta("note", "written")
        assert proj.meta("note") == "written"
    assert len(said) == 1
    assert said[0].startswith(f"{project}: another program is writing to this project")
    assert "waiting up to" in said[0] and "Ctrl-C stops" in said[0]


def test_after_the_notice_the_wait_is_in_slices_ctrl_c_can_end(project: Path,
                                                               locker: sqlite3.Connection) -> None:
    statements: list[str] = []
    said: list[str] = []
    with Project.open(project) as proj, project_lock.announce_lock_waits(project, said.append):
        proj.conn.execute("PRAGMA busy_timeout=2500")  # (a shorter wait than the store's 30 s, for the test)
        proj.conn.set_trace_callback(statements.append)
        with pytest.raises(Exception, match="locked"):
            proj.set_meta("note", "never")
        proj.conn.set_trace_callback(None)
        assert proj.conn.execute("PRAGMA busy_timeout").fetchone()[0] == 2500  # given back as it was
    assert len(said) == 1
    waits = [int(s.split("=")[1]) for s in statements if s.startswith("PRAGMA busy_timeout=")]
    # one short silent try, then slices of a quarter second, never the whole wait in one SQLite call
    assert waits and max(waits[:-1]) <= 1000 and waits[-1] == 2500
    assert statements.count("BEGIN IMMEDIATE") >= 3


def test_without_a_notice_nothing_changes(project: Path, locker: sqlite3.Connection) -> None:
    statements: list[str] = []
    with Project.open(project) as proj:
        proj.conn.execute("PRAGMA busy_timeout=300")
        proj.conn.set_trace_callback(statements.append)
        with pytest.raises(Exception, match="locked"):
            proj.set_meta("note", "never")
    assert not any(s.startswith("PRAGMA busy_timeout=") for s in statements)


def test_score_says_it_waits_for_the_lock_before_the_work(project: Path, locker: sqlite3.Connection,
                                                          monkeypatch: pytest.MonkeyPatch,
                                                          capsys: pytest.CaptureFixture[str]) -> None:
    monkeypatch.setattr(project_lock, "PROBE_WAIT_S", 1.5)
    assert main(["score", str(project), "--no-retranslate"]) == 2
    lines = capsys.readouterr().err.splitlines()
    assert len(lines) == 2
    assert lines[0].startswith(f"mtreview: {project}: another program is writing to this project")
    assert "(Ctrl-C stops)" in lines[0]
    assert "kept it locked for over 1.5 s" in lines[1]
