"""`decide`, `decide ... undo` and `note` on a project another program is writing to say on one line what they
wait for (as `score` does), then go ahead once the lock is released. QA: they waited up to 30 s in silence."""

from __future__ import annotations

import sqlite3
from pathlib import Path

import fixtures_lock
import pytest

import mtreview.cli.cmd_decide as cmd_decide
import mtreview.cli.cmd_note as cmd_note
from mtreview.cli import main
from mtreview.store import Project

project = fixtures_lock.project
locker = fixtures_lock.locker


def _releasing_reporter(locker: sqlite3.Connection, said: list[str]):  # noqa: ANN202
    """The command's stderr logger, recording each line; the other program finishes once told (no race on the
    clock)."""
    def reporter():  # noqa: ANN202
        def log(line: str) -> None:
            said.append(line)
            if locker.in_transaction:
                locker.execute("ROLLBACK")
        return log
    return reporter


@pytest.mark.parametrize(("module", "args"), [
    (cmd_decide, ["decide", "{p}", "accept-mt", "--all"]),
    (cmd_note, ["note", "{p}", "1", "Check the term."]),
])
def test_a_command_that_waits_for_the_lock_says_so(project: Path, locker: sqlite3.Connection,
                                                   monkeypatch: pytest.MonkeyPatch, module, args) -> None:  # noqa: ANN001
    said: list[str] = []
    monkeypatch.setattr(module, "reporter", _releasing_reporter(locker, said))
    assert main([a.format(p=project) for a in args]) == 0
    assert said and said[0].startswith(f"{project}: another program is writing to this project")
    assert "Ctrl-C stops" in said[0]
    with Project.open(project) as proj:
        seg = proj.segment_ids()[0]
        if args[0] == "decide":
            assert proj.segments()[0].state.status == "accepted_mt"
        else:
            assert proj.notes()[seg].text == "Check the term."


def test_decide_undo_says_so_too(project: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    assert main(["decide", str(project), "accept-mt", "--all"]) == 0
    conn = sqlite3.connect(project, isolation_level=None)
    conn.execute("BEGIN IMMEDIATE")
    said: list[str] = []
    monkeypatch.setattr(cmd_decide, "reporter", _releasing_reporter(conn, said))
    try:
        assert main(["decide", str(project), "undo"]) == 0
    finally:
        if conn.in_transaction:
            conn.execute("ROLLBACK")
        conn.close()
    assert said[0].startswith(f"{project}: another program is writing to this project")
    with Project.open(project) as proj:
        assert proj.segments()[0].state.status == "unreviewed"


@pytest.mark.parametrize(("module", "args"), [
    (cmd_decide, ["decide", "{p}", "reject", "--segments", "2"]),
    (cmd_note, ["note", "{p}", "2", "Check the term."]),
])
def test_an_older_project_upgraded_under_a_lock_says_what_it_waits_for(tmp_path: Path, monkeypatch: pytest.MonkeyPatch,
                                                                       module, args) -> None:  # noqa: ANN001
    """Opening a project an older mtreview made upgrades it in the file, a write: with another program holding
    the lock, that wait was silent for up to 30 s (the notice started only once the project was open)."""
    from test_store_old_read_only import _version_3_project

    path = tmp_path / "old.mtr"
    _version_3_project(path)
    conn = sqlite3.connect(path, isolation_level=None)
    conn.execute("BEGIN IMMEDIATE")
    said: list[str] = []
    monkeypatch.setattr(module, "reporter", _releasing_reporter(conn, said))
    try:
        assert main([a.format(p=path) for a in args]) == 0
    finally:
        if conn.in_transaction:
            conn.execute("ROLLBACK")
        conn.close()
    assert said and said[0].startswith(f"{path}: another program is writing to this project")
    with Project.open(path) as proj:
        assert proj.schema_version >= 4
        if args[0] == "decide":
            assert proj.segments()[1].state.status == "rejected"
        else:
            assert proj.notes()[proj.segment_ids()[1]].text == "Check the term."
