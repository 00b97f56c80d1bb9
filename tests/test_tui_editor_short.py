"""In a short terminal the editor gives its rows to the text being typed: the hint line, which repeats the
footer's keys, goes (QA at 50x15: the hint took three rows, and the text area showed two lines of a long MT)."""

from __future__ import annotations

from pathlib import Path

import fixtures_tui
import pytest
from textual.widgets import TextArea

from mtreview.tui.app import make_app
from mtreview.tui.screens.editor import EditorScreen

LONG_MT = "A sentence long enough to wrap over several lines of a narrow editor. " * 4


@pytest.mark.asyncio
@pytest.mark.parametrize(("size", "hint_shown", "least_lines"), [((50, 15), False, 4), ((80, 24), True, 4)])
async def test_the_text_area_keeps_its_rows(tmp_path: Path, size: tuple[int, int], hint_shown: bool,
                                            least_lines: int) -> None:
    rows = [("Длинное предложение.", LONG_MT, 0.5, 0.9, [], ["A long sentence."], None)]
    project = fixtures_tui.build_project(tmp_path / "short.mtr", rows)
    app = make_app(project, reviewer="ana", cursor_blink=False)
    async with app.run_test(size=size) as pilot:
        await pilot.press("e")
        await pilot.pause()
        await pilot.pause()
        editor = app.screen
        assert isinstance(editor, EditorScreen)
        assert editor.query_one("#editor-hint").display is hint_shown
        area = editor.query_one(TextArea)
        assert area.content_region.height >= least_lines
        box = editor.query_one("#editor-box")
        assert box.content_region.contains_region(area.region)
