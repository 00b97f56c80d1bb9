"""In a terminal shorter than the list's and the detail pane's least heights (a 40x12 tmux pane), the two share
the rows there are, and the header stays in sight (QA: the screen scrolled instead, hiding the header's
progress line and filter)."""

from __future__ import annotations

from pathlib import Path

import fixtures_tui
import pytest

from mtreview.tui.app import make_app
from mtreview.tui.widgets.detail import DetailPane
from mtreview.tui.widgets.header import ReviewHeader
from mtreview.tui.widgets.segment_list import SegmentList

review_project = fixtures_tui.review_project


@pytest.mark.asyncio
@pytest.mark.parametrize("size", [(40, 12), (60, 9), (80, 24)])
async def test_header_list_detail_and_footer_all_show(review_project: Path, size: tuple[int, int]) -> None:
    app = make_app(review_project, reviewer="ana", cursor_blink=False)
    async with app.run_test(size=size) as pilot:
        await pilot.press("j", "j", "j")
        await pilot.pause()
        screen = app.screen
        header = screen.query_one(ReviewHeader)
        seg_list = screen.query_one(SegmentList)
        pane = screen.query_one(DetailPane)
        assert screen.scroll_y == 0
        assert header.region.y == 0 and header.region.height == 2
        assert seg_list.region.height >= 2 and pane.region.height >= 2
        # nothing below the screen's last row: the footer's row is the last
        assert pane.region.bottom <= size[1] - 1, (pane.region, size)
        if size == (80, 24):
            assert seg_list.region.height >= 5  # as before in a terminal of common size
