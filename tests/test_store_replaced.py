"""A project file replaced or removed while open: writes are refused, never "saved" into an unlinked file;
``import --force`` refuses a project another program has open and never lets the old WAL reach the new file."""

from __future__ import annotations

import os
import subprocess
import sys
from collections.abc import Callable, Iterator
from pathlib import Path

import pytest

from mtreview.errors import StoreError
from mtreview.project_build import build_project
from mtreview.segment import Sentence
from mtreview.store import Project
from mtreview.store_replace import prepare_replace


def make_project(path: Path, word: str, n: int = 4) -> Project:
    proj = Project.create(path, "ru", "en")
    src = [Sentence(i, i, f"{word} source {i}.") for i in range(n)]
    mt = [Sentence(i, i, f"{word} mt {i}.") for i in range(n)]
    proj.add_document("source", "ru", " ".join(s.text for s in src), src)
    proj.add_document("mt", "en", " ".join(s.text for s in mt), mt)
    proj.add_segments(([i], [i], src[i].text, mt[i].text, 0.9) for i in range(n))
    return proj


def replace_with_other(path: Path) -> bytes:
    """Rename a different, closed project onto ``path`` (as ``import --force`` does); its bytes."""
    other = make_project(path.with_name("other.mtr"), "other", n=2)
    other.conn.execute("PRAGMA wal_checkpoint(TRUNCATE)")
    other.close()
    os.replace(path.with_name("other.mtr"), path)
    return path.read_bytes()


def test_decide_after_replace_is_refused_and_the_new_file_is_untouched(tmp_path: Path) -> None:
    path = tmp_path / "p.mtr"
    make_project(path, "old").close()
    proj = Project.open(path)
    seg = proj.segment_ids()[0]
    proj.decide(seg, "accept_mt")  # the file is still the one it opened: this one is saved
    # Fold it into the file: a WAL left beside a renamed-over file is replayed onto the new one (what
    # prepare_replace clears for import --force), and this test is about the refused write alone.
    proj.conn.execute("PRAGMA wal_checkpoint(TRUNCATE)")
    new_bytes = replace_with_other(path)
    with pytest.raises(StoreError) as err:
        proj.decide(proj.segment_ids()[1], "edit", text="lost?")
    message = str(err.value)
    assert "\n" not in message
    assert str(path) in message and "replaced or removed" in message and "not saved" in message
    proj.close()
    assert path.read_bytes() == new_bytes
    with Project.open(path, writable=False) as now:
        assert [s.source_text for s in now.segments()] == ["other source 0.", "other source 1."]
        assert now.events() == []


def test_decide_after_remove_is_refused(tmp_path: Path) -> None:
    path = tmp_path / "p.mtr"
    proj = make_project(path, "old")
    path.unlink()
    with pytest.raises(StoreError, match="replaced or removed"):
        proj.decide(proj.segment_ids()[0], "reject")
    # Nothing was committed, even into the unlinked file this connection still reads.
    assert proj.events() == []
    proj.close()
    assert not path.exists()


def _write_paths() -> Iterator[tuple[str, Callable[[Project], object]]]:
    yield "undo", lambda p: p.undo(session=p.session_id)
    yield "set_scores", lambda p: p.set_scores([(p.segment_ids()[0], 0, "pseudo", "chrf", 50.0, None)])
    yield "set_meta", lambda p: p.set_meta("name", "renamed")
    yield "set_risks", lambda p: p.set_risks([(p.segment_ids()[0], 0.5)])
    yield "merge", lambda p: p.record_structure_change(
        "merge", p.segment_ids()[:2], [(0.5, [0, 1], [0, 1], "a b", "c d", None)])

    def bulk(p: Project) -> None:
        with p.transaction() as conn:
            conn.execute("UPDATE segments SET risk=0.9")
            p.set_risks([(p.segment_ids()[0], 0.1)])  # nested: the outer transaction checks and commits

    yield "transaction", bulk


@pytest.mark.parametrize(("name", "write"), list(_write_paths()), ids=[n for n, _ in _write_paths()])
def test_every_write_path_is_refused_after_replace(tmp_path: Path, name: str,
                                                   write: Callable[[Project], object]) -> None:
    path = tmp_path / "p.mtr"
    proj = make_project(path, "old")
    proj.decide(proj.segment_ids()[0], "accept_mt")  # something for undo to act on
    before = proj.conn.execute("SELECT count(*), sum(coalesce(risk, -1)) FROM segments").fetchone()
    events = len(proj.events())
    new_bytes = replace_with_other(path)
    with pytest.raises(StoreError, match="replaced or removed"):
        write(proj)
    # Rolled back: the connection's own (now orphaned) file shows no change either.
    assert tuple(proj.conn.execute("SELECT count(*), sum(coalesce(risk, -1)) FROM segments").fetchone()) == \
        tuple(before)
    assert len(proj.events()) == events
    assert proj.meta("name") == "p"
    proj.close()
    assert path.read_bytes() == new_bytes


def test_reopened_project_writes_normally(tmp_path: Path) -> None:
    path = tmp_path / "p.mtr"
    make_project(path, "old").close()
    replace_with_other(path)
    with Project.open(path) as proj:
        state = proj.decide(proj.segment_ids()[0], "edit", text="fine")
    assert state.final_text == "fine"
    with Project.open(path, writable=False) as proj:
        assert [e.text for e in proj.events()] == ["fine"]


# -- import --force over a project that is open, or that left its WAL behind -------------------------------

_HOLDER = """
import sys, time
from mtreview.store import Project
p = Project.open(sys.argv[1])
p.decide(p.segment_ids()[0], "edit", text="held decision")
print("ready", flush=True)
time.sleep(60)
"""


@pytest.fixture
def holder(tmp_path: Path) -> Iterator[Callable[[Path], subprocess.Popen[str]]]:
    """Another process with the project open (as ``mtreview review`` has it), after one decision."""
    procs: list[subprocess.Popen[str]] = []

    def start(path: Path) -> subprocess.Popen[str]:
        proc = subprocess.Popen([sys.executable, "-c", _HOLDER, str(path)], stdout=subprocess.PIPE, text=True,
                                cwd=Path(__file__).resolve().parents[1])
        procs.append(proc)
        assert proc.stdout is not None and proc.stdout.readline().strip() == "ready"
        return proc

    yield start
    for proc in procs:
        proc.kill()
        proc.wait()


def _documents(tmp_path: Path) -> tuple[Path, Path]:
    src, mt = tmp_path / "src.txt", tmp_path / "mt.txt"
    src.write_text("Новый документ. Второе предложение.\n", encoding="utf-8")
    mt.write_text("A new document. The second sentence.\n", encoding="utf-8")
    return src, mt


def test_import_force_refuses_a_project_open_elsewhere(tmp_path: Path, holder) -> None:
    path = tmp_path / "p.mtr"
    make_project(path, "old").close()
    holder(path)
    before = path.read_bytes()
    src, mt = _documents(tmp_path)
    with pytest.raises(StoreError, match="is open in another program"):
        build_project(src, mt, path, "ru", "en", force=True)
    assert path.read_bytes() == before
    assert [p.name for p in tmp_path.iterdir() if p.name.startswith(".p.mtr")] == []  # no temporary left


def test_import_force_after_a_crash_gives_the_new_project_not_the_old_wal(tmp_path: Path, holder) -> None:
    path = tmp_path / "p.mtr"
    make_project(path, "old", n=30).close()
    proc = holder(path)
    proc.kill()  # like kill -9 of `mtreview review`: its committed decision sits in p.mtr-wal
    proc.wait()
    assert Path(str(path) + "-wal").exists()
    src, mt = _documents(tmp_path)
    build_project(src, mt, path, "ru", "en", force=True)
    with Project.open(path, writable=False) as proj:
        assert [s.source_text for s in proj.segments()] == ["Новый документ.", "Второе предложение."]
        assert proj.events() == []


def test_prepare_replace_leaves_a_closed_project_readable_and_removes_stray_wal(tmp_path: Path) -> None:
    path = tmp_path / "p.mtr"
    make_project(path, "old").close()
    stray = Path(str(path) + "-shm")
    stray.write_bytes(b"\0" * 32)
    prepare_replace(path)
    assert not stray.exists() and not Path(str(path) + "-wal").exists()
    with Project.open(path, writable=False) as proj:
        assert proj.count_segments() == 4


def test_a_project_opened_by_a_relative_path_survives_a_chdir(tmp_path: Path,
                                                              monkeypatch: pytest.MonkeyPatch) -> None:
    make_project(tmp_path / "p.mtr", "old").close()
    monkeypatch.chdir(tmp_path)
    proj = Project.open("p.mtr")
    (tmp_path / "elsewhere").mkdir()
    monkeypatch.chdir(tmp_path / "elsewhere")  # "p.mtr" names nothing here: not a removed file
    state = proj.decide(proj.segment_ids()[0], "reject")
    proj.close()
    assert state.status == "rejected"
    with Project.open(tmp_path / "p.mtr", writable=False) as again:
        assert [e.action for e in again.events()] == ["reject"]
