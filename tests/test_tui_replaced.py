"""The project file is replaced (``import --force``, another program) while the review screen has it open:
the next decision says it was not saved, the screen stays up, and the new file gets nothing."""

from __future__ import annotations

import os
from pathlib import Path

import fixtures_tui
import pytest
from fixtures_tui import ROWS, build_project

from mtreview.store import Project
from mtreview.tui.app import make_app
from mtreview.tui.screens.main import MainScreen
from mtreview.tui.widgets.segment_list import SegmentList

review_project = fixtures_tui.review_project
pytestmark = pytest.mark.asyncio


async def test_decision_after_the_file_was_replaced_is_reported_not_lost(review_project: Path,
                                                                          tmp_path: Path) -> None:
    app = make_app(review_project, reviewer="ana", cursor_blink=False)
    async with app.run_test(size=(120, 40)) as pilot:
        await pilot.press("a")  # saved: the file is still the one the screen opened
        await pilot.pause()
        app.screen.project.conn.execute("PRAGMA wal_checkpoint(TRUNCATE)")  # see test_store_replaced
        other = build_project(tmp_path / "other.mtr", rows=ROWS[:2], name="other")
        os.replace(other, review_project)
        new_bytes = review_project.read_bytes()
        screen = app.screen
        before = screen.query_one(SegmentList).segment_id
        await pilot.press("a")
        await pilot.pause()
        await pilot.press("u")  # undo the decision saved before
        await pilot.pause()
        notes = [n.message for n in app._notifications]
        assert isinstance(app.screen, MainScreen) and app.is_running
        assert screen.query_one(SegmentList).segment_id == before  # the cursor did not move on as if saved
        assert screen.view.status[before] == "unreviewed"
    assert any(n.startswith("Not saved: ") and "replaced or removed" in n for n in notes)
    assert any(n.startswith("Undo failed: ") and "replaced or removed" in n for n in notes)
    assert review_project.read_bytes() == new_bytes
    with Project.open(review_project, writable=False) as proj:
        assert proj.meta("name") == "other"
        assert proj.events() == []
