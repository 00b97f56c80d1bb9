"""n and N say so when they go back to the top of the list (QA in tmux: n on the last row jumped to
segment 1 without a word, which read as a jump to a wrong row)."""

from __future__ import annotations

from pathlib import Path

import fixtures_tui
import pytest
from fixtures_tui import record_notifications

from mtreview.tui.app import make_app

review_project = fixtures_tui.review_project


@pytest.mark.asyncio
async def test_n_from_the_last_row_says_it_went_back_to_the_top(review_project: Path) -> None:
    app = make_app(review_project, reviewer="ana", cursor_blink=False)
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.press("end", "a")  # the last row: the cursor stays
        await pilot.pause()
        said = record_notifications(app)
        await pilot.press("n")
        await pilot.pause()
        assert app.screen.segment_list.cursor == 0
        assert said == ["Back to the top: segment 1 is the next unreviewed segment (none below)."]
        said.clear()
        await pilot.press("n")  # down the list: the move says it all
        await pilot.pause()
        assert app.screen.segment_list.cursor == 1 and said == []


@pytest.mark.asyncio
async def test_shift_n_from_the_last_row_says_it_too(review_project: Path) -> None:
    app = make_app(review_project, reviewer="ana", cursor_blink=False)
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.press("end")
        await pilot.pause()
        said = record_notifications(app)
        await pilot.press("N")
        await pilot.pause()
        assert said == ["Back to the top: segment 3 is the next high-risk one (none below)."]
