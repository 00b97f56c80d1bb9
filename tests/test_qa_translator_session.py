"""QA from a translator's review session of the bundled article: pilot tests for what got in the way."""

from __future__ import annotations

from pathlib import Path

import fixtures_tui
import pytest
from textual.widgets import TextArea

from mtreview.tui.app import make_app
from mtreview.tui.screens.editor import EditorScreen
from mtreview.tui.screens.main import MainScreen
from mtreview.tui.widgets.header import ReviewHeader
from mtreview.tui.widgets.segment_list import SegmentList

pytestmark = pytest.mark.asyncio


def long_project(tmp_path: Path, n: int = 60) -> Path:
    """``n`` segments; every tenth source mentions the Caspian, so a search keeps a few rows."""
    rows = []
    for i in range(n):
        src = f"Каспий {i}." if i % 10 == 0 else f"Предложение номер {i}."
        rows.append((src, f"Sentence {i}.", 0.2, 0.9, [], [f"Sentence number {i}."], f"Sentence no. {i}."))
    return fixtures_tui.build_project(tmp_path / "long.mtr", rows)


def main_screen(app) -> MainScreen:
    return next(s for s in app.screen_stack if isinstance(s, MainScreen))


async def test_clearing_a_search_keeps_the_current_row_in_view(tmp_path: Path) -> None:
    """A search narrowed the list to a few rows; escape showed every row again with the current segment
    (row 41) still highlighted in the detail pane but scrolled out of the list: it showed rows 1-13."""
    path = long_project(tmp_path)
    app = make_app(path, reviewer="marta", cursor_blink=False)
    async with app.run_test(size=(120, 40)) as pilot:
        await pilot.press("/", *"Каспий", "enter")
        await pilot.pause()
        await pilot.press("down", "down", "down", "down")  # the match in segment 41
        await pilot.pause()
        await pilot.press("escape")
        await pilot.pause()
        seg_list = main_screen(app).query_one(SegmentList)
        assert main_screen(app).view.number[seg_list.segment_id] == 41
        top = round(seg_list.scroll_y)
        assert top <= seg_list.cursor < top + seg_list.size.height - 1


async def test_ctrl_home_and_ctrl_end_move_to_the_start_and_end_of_the_text(tmp_path: Path) -> None:
    """The editor opens with the cursor at the end of a wrapped text; ctrl+home did nothing (TextArea binds
    home to the start of the screen line only), so a fix to the first word of a three-line segment took
    up, up, home. ctrl+shift+home/end select to there, as in word processors and CAT tools."""
    path = fixtures_tui.build_project(tmp_path / "p.mtr")
    app = make_app(path, reviewer="marta", cursor_blink=False)
    async with app.run_test(size=(60, 30)) as pilot:
        await pilot.press("e")
        await pilot.pause()
        assert isinstance(app.screen, EditorScreen)
        area = app.screen.query_one(TextArea)
        area.text = "One two three four five six seven eight nine ten eleven twelve thirteen fourteen " * 3
        area.move_cursor(area.document.end)
        await pilot.press("ctrl+home", *"X")
        await pilot.pause()
        assert area.text.startswith("XOne two")
        await pilot.press("ctrl+end", *"Y")
        await pilot.pause()
        assert area.text.endswith("fourteen Y")
        await pilot.press("ctrl+shift+home")
        await pilot.pause()
        assert area.selected_text == area.text
        await pilot.press("ctrl+home", "ctrl+shift+end")
        await pilot.pause()
        assert area.selected_text == area.text


async def test_a_search_term_stays_readable_in_an_80_column_header(tmp_path: Path) -> None:
    """At 80x24 the header's first line ended "filter: searc…": the term searched for, and how many rows it
    left, were cut off behind the project and reviewer names."""
    path = long_project(tmp_path)
    app = make_app(path, reviewer="marta", cursor_blink=False)
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.press("/", *"Каспий", "enter")
        await pilot.pause()
        first = main_screen(app).query_one(ReviewHeader).render().plain.splitlines()[0]
        assert "Каспий" in first[:80] and "(6 shown)" in first[:80]
    async with make_app(path, reviewer="marta", cursor_blink=False).run_test(size=(160, 24)) as pilot:
        await pilot.pause()
        first = main_screen(pilot.app).query_one(ReviewHeader).render().plain.splitlines()[0]
        assert first.startswith("mtreview fixture  reviewer marta   order: document   filter: none")
