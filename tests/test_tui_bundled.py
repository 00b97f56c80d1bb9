"""``mtreview review`` without a project: the bundled corpus is imported on first run into the data folder
(the shipped files stay untouched) and reopened afterwards; CLI errors stay on one line."""

from __future__ import annotations

import hashlib
import time
from pathlib import Path

import fixtures_tui
import pytest

from mtreview.bundled import BUNDLED_NAME, bundled_corpus_dir, ensure_bundled_project, working_project_path
from mtreview.bundled import data_dir as user_data_folder
from mtreview.cli import main
from mtreview.store import Project
from mtreview.tui.app import LoadingScreen, make_app
from mtreview.tui.screens.main import MainScreen

REPO = Path(__file__).resolve().parents[1]
data_dir = fixtures_tui.data_dir


def digest(folder: Path) -> dict[str, str]:
    return {p.name: hashlib.sha256(p.read_bytes()).hexdigest() for p in sorted(folder.iterdir()) if p.is_file()}


def test_the_corpus_is_found_in_the_checkout() -> None:
    assert bundled_corpus_dir() == REPO / "corpora" / BUNDLED_NAME


def test_data_dir_follows_the_environment(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("MTREVIEW_DATA_DIR", str(tmp_path / "elsewhere" / "deep"))
    assert user_data_folder() == tmp_path / "elsewhere" / "deep"
    assert (tmp_path / "elsewhere" / "deep").is_dir()
    assert working_project_path() == tmp_path / "elsewhere" / "deep" / f"{BUNDLED_NAME}.mtr"


def test_first_run_imports_then_reopens_without_touching_the_shipped_files(data_dir: Path) -> None:
    shipped = digest(bundled_corpus_dir())
    path = ensure_bundled_project()
    assert path == data_dir / f"{BUNDLED_NAME}.mtr"
    with Project.open(path) as proj:
        segs = proj.segments()
        proj.decide(segs[0].id, "reject", reviewer="ana")
        refs = [c for s in segs for c in proj.candidates(s.id) if c.kind == "reference"]
    assert len(segs) > 30 and refs  # the reference came along as candidates
    stamp = path.stat().st_mtime_ns
    time.sleep(0.01)
    assert ensure_bundled_project() == path  # reopened, not rebuilt
    assert path.stat().st_mtime_ns == stamp
    with Project.open(path) as proj:
        assert proj.segments()[0].state.status == "rejected"
    assert digest(bundled_corpus_dir()) == shipped
    assert not any(p.suffix == ".mtr" for p in bundled_corpus_dir().iterdir())


@pytest.mark.asyncio
async def test_review_without_a_project_imports_in_a_worker_then_reopens(data_dir: Path) -> None:
    app = make_app(None, reviewer="ana", cursor_blink=False)
    async with app.run_test(size=(120, 40)) as pilot:
        assert isinstance(app.screen, LoadingScreen)
        for _ in range(600):
            if isinstance(app.screen, MainScreen):
                break
            await pilot.pause(0.05)
        assert isinstance(app.screen, MainScreen)
        await pilot.press("a")
    path = data_dir / f"{BUNDLED_NAME}.mtr"
    with Project.open(path) as proj:
        assert proj.segments()[0].state.status == "accepted_mt"
    app = make_app(None, reviewer="ana", cursor_blink=False)
    async with app.run_test(size=(120, 40)) as pilot:
        assert isinstance(app.screen, MainScreen)  # no import the second time
        assert app.screen.view.number[app.screen.current_id] == 2  # first unreviewed
        assert app.screen.view.reviewed == 1


def test_review_of_a_missing_project_is_one_line_exit_2(tmp_path: Path, capsys: pytest.CaptureFixture) -> None:
    assert main(["review", str(tmp_path / "nope.mtr")]) == 2
    err = capsys.readouterr().err
    assert err.count("\n") == 1 and err.startswith("mtreview: error: ") and "nope.mtr" in err


def test_review_of_a_file_that_is_not_a_project(tmp_path: Path, capsys: pytest.CaptureFixture) -> None:
    bad = tmp_path / "notes.mtr"
    bad.write_text("[b]not a database[/b]\n", encoding="utf-8")
    assert main(["review", str(bad)]) == 2
    err = capsys.readouterr().err
    assert err.count("\n") == 1 and "not an mtreview project" in err


def test_review_rejects_a_risk_threshold_out_of_range(capsys: pytest.CaptureFixture) -> None:
    assert main(["review", "--risk-threshold", "1.5"]) == 2
    assert "risk-threshold" in capsys.readouterr().err


def test_review_help_names_the_options(capsys: pytest.CaptureFixture) -> None:
    assert main(["review", "--help"]) == 0
    out = capsys.readouterr().out
    for option in ("--reviewer", "--risk-threshold", "--model", "PROJECT"):
        assert option in out
