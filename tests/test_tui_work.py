"""Background work from the review screen: R retranslates and rescores in a thread worker with progress,
c cancels it, and the review goes on meanwhile. Asserts on the store."""

from __future__ import annotations

import asyncio
import time
from pathlib import Path

import fixtures_marian
import fixtures_tui
import pytest
from fixtures_tui import ROWS, build_project

from mtreview.store import Project
from mtreview.tui.app import make_app
from mtreview.tui.messages import WorkFailed, WorkFinished, WorkProgress
from mtreview.tui.workers import RETRANSLATE_GROUP

review_project = fixtures_tui.review_project
tiny_marian_dir = fixtures_marian.tiny_marian_dir
pytestmark = pytest.mark.asyncio


async def wait_for(pilot, test, timeout: float = 120.0) -> None:
    start = time.monotonic()
    while not test():
        if time.monotonic() - start > timeout:
            raise AssertionError("timed out waiting for the background work")
        await pilot.pause(0.05)


def unscored(path: Path) -> Path:
    """The fixture project without risks or flags, as after a plain import."""
    with Project.open(path) as proj:
        ids = proj.segment_ids()
        proj.set_risks([(i, None) for i in ids])
        for i in ids:
            proj.set_flags(i, [])
    return path


async def test_r_without_a_model_still_rescores_and_says_why(review_project: Path) -> None:
    path = unscored(review_project)
    seen: list = []
    app = make_app(path, reviewer="ana", cursor_blink=False)
    async with app.run_test(size=(120, 40), message_hook=seen.append) as pilot:
        assert not app.screen.view.scored
        await pilot.press("R")
        await wait_for(pilot, lambda: any(isinstance(m, WorkFinished | WorkFailed) for m in seen))
        await pilot.pause()
        notes = [n.message for n in app._notifications]
        assert app.screen.view.scored  # the list was reloaded with the new risks
    assert any(isinstance(m, WorkFinished) and m.group == RETRANSLATE_GROUP for m in seen)
    assert any("No translation model available offline" in n for n in notes)
    # and the message that ends the work does not then say it retranslated (QA in tmux)
    assert not any("Retranslation and scoring done" in n for n in notes)
    assert any(n.startswith("Rescored without retranslation: ") and n.endswith(" segments scored") for n in notes)
    with Project.open(path) as proj:
        segs = proj.segments()
        assert all(s.risk is not None and 0.0 <= s.risk <= 1.0 for s in segs)
        assert "untranslated" in [f[0] for f in proj.flags(segs[3].id)]  # the MT left in Russian
        assert proj.scores(segs[0].id)["pseudo"]["chrf"] is not None


async def test_r_with_a_model_adds_its_retranslations(review_project: Path, tiny_marian_dir: Path) -> None:
    seen: list = []
    app = make_app(review_project, reviewer="ana", cursor_blink=False, models=[str(tiny_marian_dir)])
    async with app.run_test(size=(120, 40), message_hook=seen.append) as pilot:
        await pilot.press("R")
        await wait_for(pilot, lambda: any(isinstance(m, WorkFinished | WorkFailed) for m in seen))
    finished = [m for m in seen if isinstance(m, WorkFinished)]
    assert finished, [m for m in seen if isinstance(m, WorkFailed)]
    assert finished[0].summary.startswith("Retranslation and scoring done: ")
    assert any(isinstance(m, WorkProgress) for m in seen)
    with Project.open(review_project) as proj:
        for seg in proj.segments():
            names = [c.name for c in proj.candidates(seg.id) if c.kind == "retranslation"]
            assert "opus-mt-ru-en-tiny" in names
        assert len(proj.segments()) == len(ROWS)


async def test_c_cancels_the_retranslation_and_the_review_goes_on(tmp_path: Path, tiny_marian_dir: Path,
                                                                   monkeypatch: pytest.MonkeyPatch) -> None:
    # The worker is held after its first finished batch until c has been pressed, so the cancellation
    # lands mid-run however fast the machine is; it stops at the next progress callback.
    import threading

    from mtreview.tui import workers

    pressed = threading.Event()
    original = workers.Reporter.progress

    def held_progress(self, label: str, done: int, total: int, force: bool = False) -> None:
        if label.startswith("Retranslating") and done > 0:
            pressed.wait(timeout=60)
        original(self, label, done, total, force)

    monkeypatch.setattr(workers.Reporter, "progress", held_progress)
    rows = [(f"Предложение номер {i} о Каспийском море.", f"Sentence number {i} about the Caspian sea.", None,
             0.9, [], [], None) for i in range(200)]
    path = build_project(tmp_path / "big.mtr", rows)
    seen: list = []
    app = make_app(path, reviewer="ana", cursor_blink=False, models=[str(tiny_marian_dir)])
    async with app.run_test(size=(120, 40), message_hook=seen.append) as pilot:
        await pilot.press("R")
        await wait_for(pilot, lambda: any(isinstance(m, WorkProgress) for m in seen))
        await pilot.press("a")  # the screen answers while the worker runs
        with Project.open(path) as proj:
            assert proj.segments()[0].state.status == "accepted_mt"
        await pilot.press("c")
        pressed.set()
        await wait_for(pilot, lambda: any(isinstance(m, WorkFinished | WorkFailed) for m in seen))
        await asyncio.sleep(0.1)
    failed = [m for m in seen if isinstance(m, WorkFailed)]
    assert failed and failed[0].cancelled
    assert not any(isinstance(m, WorkFinished) for m in seen)
    with Project.open(path) as proj:
        cached = proj.conn.execute("SELECT count(*) FROM translation_cache").fetchone()[0]
        stored = proj.conn.execute("SELECT count(*) FROM candidates WHERE kind='retranslation'").fetchone()[0]
    assert cached < 200  # stopped partway; what was translated stays cached for the next run
    assert stored == 0
