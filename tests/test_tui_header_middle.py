"""The header's progress line drops only its scored-segment count when it is a little too wide, before the
short wording (QA at 100x30 on the bundled corpus: the tenth decision turned "Reviewed 9/70 (13%)   high-risk
left 2 (risk >= 0.5)   vs reference: chrF ..." into "10/70 (14%)  risky 1  ref chrF ...")."""

from __future__ import annotations

from pathlib import Path

import fixtures_tui
import pytest

from mtreview.tui.app import make_app
from mtreview.tui.widgets.header import ReviewHeader, _progress_line

review_project = fixtures_tui.review_project
pytestmark = pytest.mark.asyncio


async def test_a_line_a_little_too_wide_keeps_its_long_wording(review_project: Path) -> None:
    app = make_app(review_project, reviewer="ana", cursor_blink=False)
    async with app.run_test(size=(160, 30)) as pilot:
        await pilot.pause()
        header = app.screen.query_one(ReviewHeader)
        assert header._shown is not None
        _name, _rev, view, scores, pending = header._shown
        assert scores is not None  # the fixture has a reference
        full = _progress_line(view, scores, pending).cell_len
        middle = _progress_line(view, scores, pending, seg_count=False).cell_len
        assert middle < full
        gutter = app.size.width - header.size.width
        await pilot.resize_terminal(middle + gutter, 30)  # too narrow for the count only
        await pilot.pause()
        line = header.render_line(1).text.strip()
        assert line.startswith("Reviewed 0/6 (0%)   high-risk left"), line
        assert "vs reference: chrF" in line and "seg)" not in line
