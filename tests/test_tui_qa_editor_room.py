"""The editor keeps room for the text being edited whatever the length of the source (QA in tmux at 80x24:
a segment of a few thousand characters filled the editor with its source, and the text area was pushed
out of sight: typing went somewhere the translator could not see)."""

from __future__ import annotations

from pathlib import Path

import fixtures_tui
import pytest
from textual.widgets import TextArea

from mtreview.tui.app import make_app

LONG_SOURCE = "Очень длинное предложение о Каспийском море. " * 120
LONG_MT = "A very long sentence about the Caspian sea. " * 120


@pytest.mark.parametrize("size", [(80, 24), (120, 40)])
@pytest.mark.asyncio
async def test_a_long_source_leaves_the_text_area_in_view(tmp_path: Path, size: tuple[int, int]) -> None:
    rows = [(LONG_SOURCE, LONG_MT, 0.5, 0.9, [], [LONG_MT.upper()], LONG_MT.lower())]
    path = fixtures_tui.build_project(tmp_path / "long.mtr", rows)
    app = make_app(path, reviewer="ana", cursor_blink=False)
    async with app.run_test(size=size) as pilot:
        await pilot.press("e")
        await pilot.pause()
        area = app.screen.query_one(TextArea)
        box = app.screen.query_one("#editor-box").content_region
        visible = area.region.intersection(box)
        assert visible.height >= 4, (area.region, box)
        # and the source can still be read in full: its box scrolls
        source_box = app.screen.query_one("#editor-source-box")
        assert source_box.max_scroll_y > 0
        await pilot.press("ctrl+a", *"Short.", "ctrl+s")
        await pilot.pause()
    assert fixtures_tui.state_of(path, 1).final_text == "Short."
