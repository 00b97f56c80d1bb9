"""A click on the segment list selects the row clicked, and a click under the last row selects nothing (QA,
tmux with the mouse on: clicking into the window's empty list area to focus it put the cursor on the last
segment, and the next a decided that one)."""

from __future__ import annotations

from pathlib import Path

import fixtures_tui
import pytest

from mtreview.tui.app import make_app
from mtreview.tui.widgets.segment_list import SegmentList

review_project = fixtures_tui.review_project
pytestmark = pytest.mark.asyncio


async def test_a_click_under_the_last_row_leaves_the_cursor_where_it_is(review_project: Path) -> None:
    app = make_app(review_project, reviewer="ana", cursor_blink=False)
    async with app.run_test(size=(120, 40)) as pilot:
        await pilot.pause()
        seg_list = app.screen.query_one(SegmentList)
        rows = len(app.screen.view)
        assert seg_list.size.height > rows + 2  # blank rows under the last one
        await pilot.click(SegmentList, offset=(20, 3))  # the header is row 0: this is segment 3
        await pilot.pause()
        assert seg_list.cursor == 2
        await pilot.click(SegmentList, offset=(20, rows + 2))
        await pilot.pause()
        assert seg_list.cursor == 2
        await pilot.press("a")
        await pilot.pause()
    assert fixtures_tui.statuses_of(review_project)[2] == "accepted_mt"
    assert fixtures_tui.statuses_of(review_project)[rows - 1] == "unreviewed"
