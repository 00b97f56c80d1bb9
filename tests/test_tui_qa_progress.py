"""The header's progress never says 100% while a segment is left to review (QA in tmux on a 1,000-segment
project: 999 reviewed read "Reviewed 999/1000 (100%)")."""

from __future__ import annotations

from pathlib import Path

import fixtures_tui
import pytest

from mtreview.store import Project
from mtreview.tui.app import make_app
from mtreview.tui.widgets.header import ReviewHeader


@pytest.mark.asyncio
@pytest.mark.parametrize(("decided", "shown"), [(199, "Reviewed 199/200 (99%)"), (200, "Reviewed 200/200 (100%)")])
async def test_the_progress_says_100_only_when_all_are_reviewed(tmp_path: Path, decided: int, shown: str) -> None:
    path = fixtures_tui.build_project(tmp_path / "p.mtr", fixtures_tui.ROWS[:1] * 200)
    with Project.open(path) as proj:
        for seg_id in proj.segment_ids()[:decided]:
            proj.decide(seg_id, "accept_mt", reviewer="bob")
    app = make_app(path, reviewer="ana", cursor_blink=False)
    async with app.run_test(size=(120, 40)) as pilot:
        await pilot.pause()
        header = str(app.screen.query_one(ReviewHeader).render())
    assert shown in header
