"""`mtreview decide` commits without an fsync each (synchronous=NORMAL) only while its run lasts: the last
decision, and everything after, is made under the project's synchronous=FULL again, also when the run
fails or is interrupted; what an interrupted run saved is kept and its undo takes it back."""

from __future__ import annotations

import sqlite3
import sys
from pathlib import Path

import pytest

from mtreview.bulk_decide import Selection, decide_in_bulk, undo_last_run
from mtreview.bulk_sync import relaxed_sync
from mtreview.errors import StoreError
from mtreview.store import Project

sys.path.insert(0, str(Path(__file__).parent))
from test_risk_calibrate import make_project  # noqa: E402

FULL, NORMAL = 2, 1


def _sync(proj: Project) -> int:
    return int(proj.conn.execute("PRAGMA synchronous").fetchone()[0])


@pytest.fixture
def path(tmp_path: Path) -> Path:
    """20 scored segments, the first 10 decided by a person (10 left for a rule)."""
    proj, _, _ = make_project(tmp_path, decisions=10)
    proj.close()
    return tmp_path / "c.mtr"


def _spy_decide(monkeypatch: pytest.MonkeyPatch, proj: Project, fail_at: int | None = None,
                error: BaseException | None = None) -> list[int]:
    """Record the synchronous setting each decision is committed under; raise ``error`` at call ``fail_at``."""
    seen: list[int] = []
    real = proj.decide

    def decide(*args, **kwargs):  # noqa: ANN002, ANN003, ANN202
        if fail_at is not None and len(seen) == fail_at:
            assert error is not None
            raise error
        seen.append(_sync(proj))
        return real(*args, **kwargs)

    monkeypatch.setattr(proj, "decide", decide)
    return seen


def test_a_run_relaxes_sync_until_its_last_decision(path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    with Project.open(path) as proj:
        assert _sync(proj) == FULL
        seen = _spy_decide(monkeypatch, proj)
        result = decide_in_bulk(proj, "accept-mt", Selection(), "rule")
        assert len(result.decided) == len(seen) == 10
        # The last commit's fsync of the WAL makes the nine before it durable too.
        assert seen == [NORMAL] * 9 + [FULL]
        assert _sync(proj) == FULL


def test_a_dry_run_changes_no_setting(path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    with Project.open(path) as proj:
        seen = _spy_decide(monkeypatch, proj)
        assert len(decide_in_bulk(proj, "reject", Selection(), "rule", dry_run=True).decided) == 10
        assert seen == [] and _sync(proj) == FULL


@pytest.mark.parametrize("error", [StoreError("disk full"), KeyboardInterrupt()])
def test_sync_is_restored_when_a_run_fails_and_what_it_saved_is_kept(path: Path, monkeypatch: pytest.MonkeyPatch,
                                                                     error: BaseException) -> None:
    with Project.open(path) as proj:
        seen = _spy_decide(monkeypatch, proj, fail_at=4, error=error)
        with pytest.raises(type(error)):
            decide_in_bulk(proj, "accept-mt", Selection(), "rule")
        assert seen == [NORMAL] * 4
        assert _sync(proj) == FULL
    with Project.open(path) as proj:  # each decision was its own transaction: the four are saved
        assert proj.status_counts()["accepted_mt"] - _person_accepted(path) == 4
        undone, kept = undo_last_run(proj, "rule")
        assert len(undone) == 4 and kept == []
        assert _sync(proj) == FULL


def _person_accepted(path: Path) -> int:
    """Segments a person (not the rule) accepted in the fixture."""
    conn = sqlite3.connect(path)
    try:
        return int(conn.execute("SELECT count(*) FROM segment_state st JOIN events e ON e.id = st.event_id"
                                " WHERE st.status='accepted_mt' AND e.reviewer <> 'rule'").fetchone()[0])
    finally:
        conn.close()


def test_undo_relaxes_sync_only_while_it_runs(path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    with Project.open(path) as proj:
        decide_in_bulk(proj, "reject", Selection(), "rule")
        during: list[int] = []
        real = proj.undo_session

        def undo_session(*args, **kwargs):  # noqa: ANN002, ANN003, ANN202
            during.append(_sync(proj))
            return real(*args, **kwargs)

        monkeypatch.setattr(proj, "undo_session", undo_session)
        undone, _ = undo_last_run(proj, "rule")
        assert len(undone) == 10 and during == [NORMAL] and _sync(proj) == FULL
        monkeypatch.setattr(proj, "undo_session", lambda *a, **k: (_ for _ in ()).throw(KeyboardInterrupt()))
        decide_in_bulk(proj, "reject", Selection(), "rule")
        with pytest.raises(KeyboardInterrupt):
            undo_last_run(proj, "rule")
        assert _sync(proj) == FULL


def test_a_connection_already_relaxed_is_left_as_it_was(path: Path) -> None:
    with Project.open(path) as proj:
        proj.conn.execute("PRAGMA synchronous=OFF")
        with relaxed_sync(proj.conn) as sync:
            assert _sync(proj) == 0
            sync.full_from_now()
            assert _sync(proj) == 0
        assert _sync(proj) == 0


def test_relaxing_inside_a_transaction_is_refused(path: Path) -> None:
    with Project.open(path) as proj, proj.transaction():
        with pytest.raises(RuntimeError, match="outside a transaction"):
            relaxed_sync(proj.conn).__enter__()
        assert _sync(proj) == FULL
