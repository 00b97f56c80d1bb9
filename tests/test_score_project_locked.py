"""`score PROJECT` while another program holds the project's write lock. QA: with an sqlite3 shell inside
``BEGIN IMMEDIATE`` (or the review app saving), score retranslated and scored everything, then failed ~30 s
later with "database is locked", and all the work was lost."""

from __future__ import annotations

import json
import sqlite3
from collections.abc import Iterator
from pathlib import Path

import pytest

import mtreview.project_lock as project_lock
import mtreview.project_scoring as project_scoring
from mtreview.cli import main
from mtreview.errors import StoreError
from mtreview.store import Project

SRC = ["Флот готов к походу.", "В 2018 году флот ушёл."]
MT = ["The fleet is ready for the campaign.", "In 2019 the fleet left."]
R1 = ["The fleet is ready to sail.", "In 2018 the fleet left."]


@pytest.fixture
def project(tmp_path: Path) -> Path:
    proj = Project.create(tmp_path / "p.mtr", "ru", "en")
    ids = proj.add_segments([((i,), (i,), s, m, 1.0) for i, (s, m) in enumerate(zip(SRC, MT, strict=True))])
    proj.add_candidates([(sid, "retranslation", "r1", text, None, None, 0) for sid, text in zip(ids, R1, strict=True)])
    proj.close()
    return tmp_path / "p.mtr"


@pytest.fixture
def locker(project: Path) -> Iterator[sqlite3.Connection]:
    """Another program's connection, holding the write lock (as an sqlite3 shell after BEGIN IMMEDIATE)."""
    conn = sqlite3.connect(project, isolation_level=None)
    yield conn
    if conn.in_transaction:
        conn.execute("ROLLBACK")
    conn.close()


def test_a_held_write_lock_is_refused_before_any_scoring(project: Path, locker: sqlite3.Connection,
                                                         monkeypatch: pytest.MonkeyPatch,
                                                         capsys: pytest.CaptureFixture[str]) -> None:
    monkeypatch.setattr(project_lock, "PROBE_WAIT_S", 0.2)
    scored: list[int] = []
    real = project_scoring.project_items
    monkeypatch.setattr(project_scoring, "project_items", lambda *a, **k: scored.append(1) or real(*a, **k))
    locker.execute("BEGIN IMMEDIATE")
    assert main(["score", str(project), "--no-retranslate", "-o", str(project.parent / "s.jsonl")]) == 2
    err = capsys.readouterr().err
    assert err.count("\n") == 1
    assert f"{project}: another program is writing to this project" in err
    assert scored == []  # found out before the work, not after it
    assert not (project.parent / "s.jsonl").exists()
    locker.execute("ROLLBACK")
    assert main(["score", str(project), "--no-retranslate"]) == 0  # once it is done, score goes ahead
    with Project.open(project) as p:
        assert all(s.risk is not None for s in p.segments())


def test_the_probe_takes_nothing_and_keeps_the_busy_timeout(project: Path, locker: sqlite3.Connection) -> None:
    with Project.open(project) as p:
        before = p.conn.execute("PRAGMA busy_timeout").fetchone()[0]
        project_lock.check_write_lock(p, wait_s=0.1)
        assert not p.conn.in_transaction
        assert p.conn.execute("PRAGMA busy_timeout").fetchone()[0] == before
        locker.execute("BEGIN IMMEDIATE")  # another program can still take the lock: the probe let it go
        with pytest.raises(StoreError, match="another program is writing"):
            project_lock.check_write_lock(p, wait_s=0.1)
        assert p.conn.execute("PRAGMA busy_timeout").fetchone()[0] == before


@pytest.mark.parametrize("with_output", [True, False])
def test_a_lock_taken_during_scoring_keeps_the_records_and_says_so(project: Path, locker: sqlite3.Connection,
                                                                  monkeypatch: pytest.MonkeyPatch,
                                                                  capsys: pytest.CaptureFixture[str],
                                                                  with_output: bool) -> None:
    real = project_scoring.project_items

    def lock_after_reading(proj, *args, **kwargs):  # noqa: ANN001, ANN002, ANN003, ANN202
        out = real(proj, *args, **kwargs)
        proj.conn.execute("PRAGMA busy_timeout=100")  # (the store waits 30 s: not in a test)
        locker.execute("BEGIN IMMEDIATE")
        return out

    monkeypatch.setattr(project_scoring, "project_items", lock_after_reading)
    out = project.parent / "s.jsonl"
    assert main(["score", str(project), "--no-retranslate", *(["-o", str(out)] if with_output else [])]) == 2
    err = capsys.readouterr().err.strip().splitlines()[-1]
    assert f"{project}: cannot write to the project" in err and "another program is writing to it" in err
    if with_output:
        assert f"the new ones are in {out}" in err
        records = [json.loads(line) for line in out.read_text(encoding="utf-8").splitlines()]
        assert [r["mt"] for r in records] == MT and all(r["risk"] is not None for r in records)
    else:
        assert "-o FILE keeps the new ones" in err
    locker.execute("ROLLBACK")
    with Project.open(project) as p:
        assert all(s.risk is None for s in p.segments())  # nothing half-written
