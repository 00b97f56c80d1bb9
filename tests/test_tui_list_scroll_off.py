"""The list keeps a row in view beyond the cursor (QA in tmux at 80x24: moving down, or deciding, left the
cursor on the list's last row with nothing of the next segment in sight)."""

from __future__ import annotations

from pathlib import Path

import fixtures_tui
import pytest

from mtreview.tui.app import make_app
from mtreview.tui.widgets.segment_list import SegmentList

pytestmark = pytest.mark.asyncio


def shown_numbers(seg_list: SegmentList) -> list[int]:
    """The segment numbers on the list's rows, top to bottom."""
    return [int(seg_list.render_line(y).text[1:].split()[0]) for y in range(1, seg_list.size.height)]


async def test_the_next_row_is_in_view_going_down_and_up(tmp_path: Path) -> None:
    path = fixtures_tui.build_project(tmp_path / "p.mtr", fixtures_tui.ROWS * 4)  # 24 segments
    app = make_app(path, reviewer="ana", cursor_blink=False)
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        seg_list = app.screen.query_one(SegmentList)
        rows = seg_list.size.height - 1
        for _ in range(rows + 3):
            await pilot.press("a")  # each decision moves the cursor down a row
        await pilot.pause()
        here = app.screen.view.number[app.screen.current_id]
        assert shown_numbers(seg_list)[-1] == here + 1  # the segment after it is in view
        for _ in range(rows):
            await pilot.press("k")
        await pilot.pause()
        here = app.screen.view.number[app.screen.current_id]
        assert shown_numbers(seg_list)[0] == here - 1
        await pilot.press("end")  # the last row: nothing after it to show, no blank row under it
        await pilot.pause()
        assert shown_numbers(seg_list)[-1] == 24
        await pilot.press("home")
        await pilot.pause()
        assert shown_numbers(seg_list)[0] == 1
