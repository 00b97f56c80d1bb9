"""A candidate number the segment lacks is refused naming the ones it has, in plain words (QA in tmux:
"No candidate 2: this segment has candidates 1-1.")."""

from __future__ import annotations

from pathlib import Path

import fixtures_tui
import pytest
from fixtures_tui import record_notifications

from mtreview.tui.app import make_app

ROWS = [("Один.", "One.", 0.5, 0.9, [], ["One!"], None), ("Два.", "Two.", 0.5, 0.9, [], ["Two!"], "Two")]


@pytest.mark.asyncio
async def test_the_candidates_a_segment_has_are_said_plainly(tmp_path: Path) -> None:
    path = fixtures_tui.build_project(tmp_path / "c.mtr", ROWS)
    app = make_app(path, reviewer="ana", cursor_blink=False)
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.press("home")
        await pilot.pause()
        said = record_notifications(app)
        await pilot.press("2", "j", "3")
        await pilot.pause()
    assert said == ["No candidate 2: this segment has only candidate 1.",
                    "No candidate 3: this segment has candidates 1-2."]
