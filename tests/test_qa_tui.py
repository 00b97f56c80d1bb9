"""Review app problems a second QA pass found in tmux: in a narrow terminal the header's first line
wrapped and pushed the progress line (reviewed n/total, high-risk left) out of its two rows."""

from __future__ import annotations

from pathlib import Path

import fixtures_tui
import pytest

from mtreview.tui.app import make_app
from mtreview.tui.widgets.header import ReviewHeader

review_project = fixtures_tui.review_project
pytestmark = pytest.mark.asyncio


@pytest.mark.parametrize("size", [(60, 20), (80, 24)])
async def test_the_progress_line_stays_in_a_narrow_header(review_project: Path, size: tuple[int, int]) -> None:
    app = make_app(review_project, reviewer="a-reviewer-with-a-long-name", cursor_blink=False)
    async with app.run_test(size=size) as pilot:
        await pilot.pause()
        header = app.screen.query_one(ReviewHeader)
        lines = [header.render_line(y).text for y in range(header.size.height)]
        assert len(lines) == 2
        assert lines[0].lstrip().startswith("mtreview fixture")
        # too narrow for the full wording: the short one, which keeps the progress first
        assert lines[1].lstrip().startswith("0/6 (0%)  risky 3")
        # a line too long for the width is cut with an ellipsis, not wrapped
        assert lines[0].rstrip().endswith("\u2026")

