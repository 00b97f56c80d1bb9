"""The project store: decisions, undo/redo, reopen, concurrent reader, migration, integrity."""

from __future__ import annotations

import os
import sqlite3
import threading
from pathlib import Path

import pytest

from mtreview.errors import StoreError
from mtreview.segment import Sentence
from mtreview.store import SCHEMA_VERSION, Project, derive_states
from mtreview.store_schema import _SCHEMA_V1, _split_sql


def make_project(path: Path, n: int = 4) -> tuple[Project, list[int]]:
    proj = Project.create(path, "ru", "en")
    src = [Sentence(i, i, f"Предложение {i}.") for i in range(n)]
    mt = [Sentence(i, i, f"Sentence {i}.") for i in range(n)]
    proj.add_document("source", "ru", " ".join(s.text for s in src), src)
    proj.add_document("mt", "en", " ".join(s.text for s in mt), mt)
    ids = proj.add_segments(([i], [i], src[i].text, mt[i].text, 0.9) for i in range(n))
    return proj, ids


def test_pragmas(tmp_path: Path) -> None:
    proj, _ = make_project(tmp_path / "p.mtr")
    assert proj.conn.execute("PRAGMA journal_mode").fetchone()[0] == "wal"
    assert proj.conn.execute("PRAGMA synchronous").fetchone()[0] == 2  # FULL
    assert proj.conn.execute("PRAGMA foreign_keys").fetchone()[0] == 1
    assert proj.schema_version == SCHEMA_VERSION


def test_decisions_and_state(tmp_path: Path) -> None:
    proj, ids = make_project(tmp_path / "p.mtr")
    proj.add_candidates([(ids[1], "retranslation", "opus", "Sentence one.", "m", {"beam": 4}, 0)])
    proj.decide(ids[0], "accept_mt", reviewer="ann")
    proj.decide(ids[1], "accept_candidate", text="Sentence one.", candidate="opus", reviewer="ann")
    proj.decide(ids[2], "edit", text="Edited two.", reviewer="bob")
    proj.decide(ids[3], "reject", reviewer="bob")
    segs = proj.segments()
    assert [s.state.status for s in segs] == ["accepted_mt", "accepted_candidate", "edited", "rejected"]
    assert [s.state.final_text for s in segs] == ["Sentence 0.", "Sentence one.", "Edited two.", None]
    assert segs[1].state.candidate == "opus"
    assert segs[2].state.reviewer == "bob"
    assert proj.status_counts()["unreviewed"] == 0
    # The log is append-only and holds the actions in order.
    assert [e.action for e in proj.events()] == ["accept_mt", "accept_candidate", "edit", "reject"]


def test_decision_records_scores_at_that_moment(tmp_path: Path) -> None:
    proj, ids = make_project(tmp_path / "p.mtr")
    proj.set_scores([(ids[0], 0, "pseudo", "chrf", 42.5, "chrF2|sig")])
    proj.set_risks([(ids[0], 0.8)])
    proj.decide(ids[0], "accept_mt")
    proj.set_scores([(ids[0], 0, "pseudo", "chrf", 10.0, "chrF2|sig")])
    event = proj.events()[-1]
    assert event.scores == {"pseudo": {"chrf": 42.5}, "risk": {"risk": 0.8}}


def test_undo_redo_sequence(tmp_path: Path) -> None:
    proj, ids = make_project(tmp_path / "p.mtr")
    proj.decide(ids[0], "edit", text="first")
    proj.decide(ids[0], "edit", text="second")
    proj.decide(ids[1], "accept_mt")
    assert proj.undo() == ids[1]
    assert proj.segment(ids[1]).state.status == "unreviewed"
    assert proj.undo() == ids[0]
    # Undoing the second edit brings back the first, not "unreviewed".
    assert proj.segment(ids[0]).state.final_text == "first"
    assert proj.redo() == ids[0]
    assert proj.segment(ids[0]).state.final_text == "second"
    assert proj.redo() == ids[1]
    assert proj.segment(ids[1]).state.status == "accepted_mt"
    assert proj.redo() is None  # nothing left to redo


def test_new_decision_clears_redo(tmp_path: Path) -> None:
    proj, ids = make_project(tmp_path / "p.mtr")
    proj.decide(ids[0], "accept_mt")
    proj.undo()
    proj.decide(ids[1], "reject")
    assert proj.redo() is None
    assert proj.segment(ids[0]).state.status == "unreviewed"


def test_undo_with_nothing_to_undo(tmp_path: Path) -> None:
    proj, _ = make_project(tmp_path / "p.mtr")
    assert proj.undo() is None
    assert proj.events() == []


def test_materialised_state_equals_replayed_log(tmp_path: Path) -> None:
    proj, ids = make_project(tmp_path / "p.mtr", n=6)
    import random

    rng = random.Random(7)
    for _ in range(60):
        op = rng.choice(["decide", "decide", "undo", "redo"])
        if op == "decide":
            proj.decide(rng.choice(ids), rng.choice(["accept_mt", "reject", "edit"]), text=f"t{rng.random()}")
        elif op == "undo":
            proj.undo()
        else:
            proj.redo()
    cached = {s.id: s.state.status for s in proj.segments()}
    replayed = derive_states(proj.conn)
    assert cached == {i: replayed[i].status if i in replayed else "unreviewed" for i in ids}
    # rebuild_state from the log gives the same final texts as the cache
    before = {s.id: s.state.final_text for s in proj.segments()}
    proj.rebuild_state()
    assert {s.id: s.state.final_text for s in proj.segments()} == before


def test_reopen_keeps_everything(tmp_path: Path) -> None:
    path = tmp_path / "p.mtr"
    proj, ids = make_project(path)
    proj.decide(ids[2], "edit", text="kept")
    proj.close()
    again = Project.open(path)
    assert again.segment(ids[2]).state.final_text == "kept"
    assert again.count_segments() == 4
    assert again.source_lang == "ru" and again.target_lang == "en"


def test_each_decision_is_committed(tmp_path: Path) -> None:
    """A second connection sees a decision as soon as decide() returns (no pending transaction)."""
    path = tmp_path / "p.mtr"
    proj, ids = make_project(path)
    proj.decide(ids[0], "accept_mt")
    assert not proj.conn.in_transaction
    other = sqlite3.connect(path)
    assert other.execute("SELECT count(*) FROM events").fetchone()[0] == 1
    other.close()


def test_reader_while_writer_commits(tmp_path: Path) -> None:
    path = tmp_path / "p.mtr"
    writer, ids = make_project(path, n=50)
    reader = Project.open(path)
    seen: list[int] = []
    errors: list[BaseException] = []

    def read_loop() -> None:
        try:
            for _ in range(200):
                counts = reader.status_counts()
                seen.append(sum(counts.values()) - counts["unreviewed"])
        except BaseException as err:  # surfaced by the assertion below
            errors.append(err)

    t = threading.Thread(target=read_loop)
    t.start()
    for i in ids:
        writer.decide(i, "accept_mt")
    t.join()
    assert not errors
    assert seen == sorted(seen)  # a reader never sees decisions disappear
    assert reader.status_counts()["accepted_mt"] == 50


def test_migration_from_version_1(tmp_path: Path) -> None:
    path = tmp_path / "old.mtr"
    conn = sqlite3.connect(path)
    for stmt in _split_sql(_SCHEMA_V1):
        conn.execute(stmt)
    conn.execute("INSERT INTO meta VALUES ('schema_version', '1')")
    conn.execute("INSERT INTO meta VALUES ('source_lang', 'ru')")
    conn.execute("INSERT INTO segments(position, source_idx, mt_idx, source_text, mt_text) VALUES"
                 " (0, '[0]', '[0]', 'а', 'a'), (1, '[1]', '[1]', 'б', 'b')")
    conn.execute("INSERT INTO events(segment_id, action, text, reviewer, created_at) VALUES"
                 " (2, 'edit', 'B!', 'old', '2020-01-01T00:00:00+00:00')")
    conn.commit()
    conn.close()
    proj = Project.open(path)
    assert proj.schema_version == SCHEMA_VERSION
    segs = proj.segments()
    assert [s.state.status for s in segs] == ["unreviewed", "edited"]
    assert segs[1].state.final_text == "B!"
    # the migrated project takes new decisions and can undo the old one
    assert proj.undo() == 2
    assert proj.segment(2).state.status == "unreviewed"


def test_structure_change_and_undo(tmp_path: Path) -> None:
    proj, ids = make_project(tmp_path / "p.mtr")
    proj.decide(ids[0], "accept_mt")
    new = proj.record_structure_change("merge", [ids[0], ids[1]],
                                       [(0, [0, 1], [0, 1], "Предложение 0. Предложение 1.", "Sentence 0. Sentence 1.", 0.7)])
    segs = proj.segments()
    assert [s.id for s in segs] == [new[0], ids[2], ids[3]]
    assert segs[0].state.status == "unreviewed"
    assert proj.undo() == ids[0]
    assert [s.id for s in proj.segments()] == ids
    assert proj.segment(ids[0]).state.status == "accepted_mt"  # decisions on the old segment are back
    proj.redo()
    assert [s.id for s in proj.segments()][0] == new[0]


def test_refuses_garbage_files(tmp_path: Path) -> None:
    junk = tmp_path / "junk.mtr"
    junk.write_text("not a database at all")
    with pytest.raises(StoreError, match="not an mtreview project"):
        Project.open(junk)
    with pytest.raises(StoreError, match="no such project file"):
        Project.open(tmp_path / "missing.mtr")
    other = tmp_path / "other.sqlite"
    sqlite3.connect(other).execute("CREATE TABLE x (a)").connection.commit()
    with pytest.raises(StoreError, match="not an mtreview project"):
        Project.open(other)


def test_refuses_newer_schema(tmp_path: Path) -> None:
    path = tmp_path / "p.mtr"
    proj, _ = make_project(path)
    proj.set_meta("schema_version", str(SCHEMA_VERSION + 1))
    proj.close()
    with pytest.raises(StoreError, match="newer mtreview"):
        Project.open(path)


def test_create_refuses_to_overwrite(tmp_path: Path) -> None:
    path = tmp_path / "p.mtr"
    make_project(path)[0].close()
    with pytest.raises(StoreError, match="already exists"):
        Project.create(path, "ru", "en")


def test_translation_cache(tmp_path: Path) -> None:
    proj, _ = make_project(tmp_path / "p.mtr")
    proj.cache_put("m", "rev1", '{"beam":4}', [("а", ["a1", "a2"]), ("б", ["b1"])])
    got = proj.cache_get("m", "rev1", '{"beam":4}', ["а", "б", "в"])
    assert got == {"а": ["a1", "a2"], "б": ["b1"]}
    assert proj.cache_get("m", "rev2", '{"beam":4}', ["а"]) == {}


def test_migration_from_version_2_moves_unit_extras(tmp_path: Path) -> None:
    """Version 2 kept a bilingual unit's extras in meta as unit:<segment id>; version 3 has a table."""
    path = tmp_path / "v2.mtr"
    proj, ids = make_project(path)
    proj.conn.execute("DROP TABLE segment_extras")
    proj.conn.execute("INSERT INTO meta VALUES (?, ?)", (f"unit:{ids[1]}", '{"id": "u-2"}'))
    proj.conn.execute("UPDATE meta SET value='2' WHERE key='schema_version'")
    proj.close()
    again = Project.open(path)
    assert again.schema_version == SCHEMA_VERSION
    rows = again.conn.execute("SELECT segment_id, data FROM segment_extras").fetchall()
    assert [tuple(r) for r in rows] == [(ids[1], '{"id": "u-2"}')]
    assert again.meta(f"unit:{ids[1]}") is None


def test_append_sentences_in_batches(tmp_path: Path) -> None:
    proj = Project.create(tmp_path / "p.mtr", "ru", "en")
    doc = proj.add_document("source", "ru", "", [])
    proj.append_sentences(doc, [(0, 0, "а"), (1, 0, "б")])
    proj.append_sentences(doc, [(2, 1, "в")])
    assert proj.document_sentences("source") == ["а", "б", "в"]
    assert proj.document_paragraphs("source") == [0, 0, 1]


def test_refusing_a_file_leaves_it_untouched(tmp_path: Path) -> None:
    """A foreign SQLite database keeps its journal mode and bytes; an empty file stays empty."""
    other = tmp_path / "other.db"
    conn = sqlite3.connect(other)
    conn.execute("CREATE TABLE x (a)")
    conn.commit()
    conn.close()
    before = other.read_bytes()
    empty = tmp_path / "empty.mtr"
    empty.touch()
    for path in (other, empty):
        with pytest.raises(StoreError, match="not an mtreview project"):
            Project.open(path)
    assert other.read_bytes() == before
    assert sqlite3.connect(other).execute("PRAGMA journal_mode").fetchone()[0] == "delete"
    assert empty.stat().st_size == 0
    assert not (tmp_path / "other.db-wal").exists() and not (tmp_path / "empty.mtr-wal").exists()


def test_opening_the_project_again_in_the_same_process_keeps_the_writer_safe(tmp_path: Path) -> None:
    """Reopening a project (as the review screen's workers do) must not drop this process's locks on it:
    if it did, another process closing its connection would delete the WAL under the live writer and the
    writer's later decisions would vanish."""
    import subprocess
    import sys

    path = tmp_path / "p.mtr"
    proj, ids = make_project(path)
    proj.decide(ids[0], "accept_mt")
    Project.open(path).close()
    Project.open(path, writable=False).close()
    from mtreview.store import is_project_file

    assert is_project_file(path)
    code = "import sys; from mtreview.store import Project; Project.open(sys.argv[1]).close()"
    subprocess.run([sys.executable, "-c", code, str(path)], check=True, timeout=60)
    assert (tmp_path / "p.mtr-wal").exists()  # the other process saw a live connection and kept the WAL
    proj.decide(ids[1], "accept_mt")
    proj.decide(ids[2], "reject")
    count = "import sqlite3, sys; print(sqlite3.connect(sys.argv[1]).execute(" \
            "\"SELECT count(*) FROM segment_state WHERE status != 'unreviewed'\").fetchone()[0])"
    out = subprocess.run([sys.executable, "-c", count, str(path)], capture_output=True, text=True, check=True,
                         timeout=60)
    assert out.stdout.strip() == "3"


def test_a_project_this_user_cannot_write_is_refused_on_one_line(tmp_path: Path, monkeypatch) -> None:
    path = tmp_path / "p.mtr"
    make_project(path)[0].close()
    real_access = os.access

    def no_write(p, mode):  # what a read-only file looks like to a non-root user (root ignores modes)
        return False if mode == os.W_OK and Path(p) == path else real_access(p, mode)

    monkeypatch.setattr("mtreview.store.os.access", no_write)
    with pytest.raises(StoreError, match=r"read-only \(no permission to write the file\)"):
        Project.open(path)
    with Project.open(path, writable=False) as reader:  # export and report only read
        assert len(reader.segments()) == 4


def test_a_tiny_file_is_not_taken_for_a_project(tmp_path: Path) -> None:
    """SQLite reads a file shorter than one page as an empty database; a one-line text file is not one."""
    from mtreview.store import is_project_file

    for name, data in (("nl.txt", b"\n"), ("short.txt", b"hello\n" * 50), ("zero.txt", b"")):
        (tmp_path / name).write_bytes(data)
        assert not is_project_file(tmp_path / name)
    path = tmp_path / "p.sqlite"  # a real project under another suffix is still recognised
    make_project(path)[0].close()
    assert is_project_file(path)
