"""Resizing the terminal while editing keeps the cursor in view (QA: narrowing it from 80x24 to 60x20 in the
middle of an edit of a long segment left the cursor twenty lines below the four lines the editor showed:
the text wrapped anew, and the editor kept its old scroll offset)."""

from __future__ import annotations

from pathlib import Path

import fixtures_tui
import pytest
from fixtures_tui import ROWS
from textual.widgets import TextArea

from mtreview.tui.app import make_app
from mtreview.tui.screens.editor import EditorScreen

LONG = " ".join(["This is a very long sentence about the economy and politics in the region"] * 40) + "."


def cursor_in_view(area: TextArea) -> bool:
    line = area.wrapped_document.location_to_offset(area.cursor_location).y
    top = round(area.scroll_y)
    return top <= line < top + area.scrollable_content_region.height


@pytest.mark.asyncio
@pytest.mark.parametrize("sizes", [[(60, 20)], [(200, 50), (60, 20)], [(60, 20), (120, 40)]])
async def test_the_cursor_stays_in_view_when_the_terminal_is_resized(tmp_path: Path,
                                                                     sizes: list[tuple[int, int]]) -> None:
    rows = [ROWS[0], ("Длинное предложение. " * 40, LONG, 0.5, 0.9, [], ["x"], None)]
    project = fixtures_tui.build_project(tmp_path / "long.mtr", rows)
    app = make_app(project, reviewer="ana", cursor_blink=False)
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        await pilot.press("j", "e")
        await pilot.pause()
        assert isinstance(app.screen, EditorScreen)
        await pilot.press("ctrl+end", *" fixed")
        await pilot.pause()
        area = app.screen.query_one(TextArea)
        assert cursor_in_view(area)
        for size in sizes:
            await pilot.resize_terminal(*size)
            for _ in range(5):
                await pilot.pause()
            assert cursor_in_view(area), (size, area.cursor_location, area.scroll_y)
        assert area.text.endswith("region. fixed")
