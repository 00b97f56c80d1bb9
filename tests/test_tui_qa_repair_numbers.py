"""A refused repair names the segment by its number in the list (QA in tmux: after one ] on segment 3 of the
bundled article, a second ] said "Not moved: segment 71 has no source sentence to move." in a project of
70 segments: the store's id of the segment the first move made)."""

from __future__ import annotations

from pathlib import Path

import fixtures_tui
import pytest
from fixtures_tui import record_notifications

from mtreview.tui.app import make_app

review_project = fixtures_tui.review_project


@pytest.mark.asyncio
async def test_a_refused_move_after_a_move_names_the_segment_number(review_project: Path) -> None:
    app = make_app(review_project, reviewer="ana", cursor_blink=False)
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.press("home", "right_square_bracket")  # segment 1's only source sentence to segment 2
        await pilot.pause()
        assert app.screen.current_id > len(fixtures_tui.ROWS)  # a new segment, with a new id
        said = record_notifications(app)
        await pilot.press("right_square_bracket")  # segment 1 is left with no source sentence
        await pilot.pause()
    assert said == ["Not moved: segment 1 has no source sentence to move."]
