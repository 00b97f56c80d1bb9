"""j / k scroll the help as they move on the list (QA in tmux at 80x24: the help is taller than the screen,
and j, the reviewer's key for "down", did nothing there; only the arrows and page keys scrolled it)."""

from __future__ import annotations

from pathlib import Path

import fixtures_tui
import pytest
from textual.containers import VerticalScroll

from mtreview.tui.app import make_app
from mtreview.tui.screens.help import HelpScreen

review_project = fixtures_tui.review_project


@pytest.mark.asyncio
async def test_j_and_k_scroll_the_help(review_project: Path) -> None:
    app = make_app(review_project, reviewer="ana", cursor_blink=False)
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.press("question_mark")
        await pilot.pause()
        box = app.screen.query_one("#help-box", VerticalScroll)
        assert box.max_scroll_y > 0 and box.scroll_y == 0
        await pilot.press("j", "j", "j")
        await pilot.pause()
        assert box.scroll_y == 3
        await pilot.press("k")
        await pilot.pause()
        assert box.scroll_y == 2
        assert isinstance(app.screen, HelpScreen)
