"""The header of a project without segments says there is nothing to review (QA: it read "Reviewed 0/0
(100%)   not scored yet (R scores)", a finished review that R would score)."""

from __future__ import annotations

from pathlib import Path

import fixtures_tui
import pytest

from mtreview.store import Project
from mtreview.tui.app import make_app
from mtreview.tui.widgets.header import ReviewHeader

review_project = fixtures_tui.review_project


@pytest.mark.asyncio
@pytest.mark.parametrize("width", [100, 40])
async def test_an_empty_project_is_not_100_percent_reviewed(tmp_path: Path, width: int) -> None:
    path = tmp_path / "empty.mtr"
    Project.create(path, "ru", "en", name="empty").close()
    app = make_app(path, reviewer="ana", cursor_blink=False)
    async with app.run_test(size=(width, 24)) as pilot:
        await pilot.pause()
        progress = app.screen.query_one(ReviewHeader)._text.plain.splitlines()[1]
    assert "%" not in progress
    assert "no segments" in progress.lower()
    assert "scor" not in progress


@pytest.mark.asyncio
async def test_a_project_with_segments_still_counts_them(review_project: Path) -> None:
    app = make_app(review_project, reviewer="ana", cursor_blink=False)
    async with app.run_test(size=(100, 24)) as pilot:
        await pilot.pause()
        progress = app.screen.query_one(ReviewHeader)._text.plain.splitlines()[1]
    assert progress.startswith("Reviewed 0/6 (0%)")
