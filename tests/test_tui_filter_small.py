"""The filter dialog in a short terminal scrolls to the field that has the focus (QA in tmux at 50x15: the
minimum risk field and the buttons were cut off under the box's edge, and tab moved the focus out of sight)."""

from __future__ import annotations

from pathlib import Path

import fixtures_tui
import pytest
from textual.widgets import Input, Static

from mtreview.tui.app import make_app
from mtreview.tui.screens.dialogs import FilterDialog

review_project = fixtures_tui.review_project


@pytest.mark.asyncio
async def test_the_focused_field_is_in_view_at_50x15(review_project: Path) -> None:
    app = make_app(review_project, reviewer="ana", cursor_blink=False)
    async with app.run_test(size=(50, 15)) as pilot:
        await pilot.press("f")
        await pilot.pause()
        await pilot.pause()
        dialog = app.screen
        assert isinstance(dialog, FilterDialog)
        box = dialog.query_one("#filter-box")
        title = dialog.query(Static).first()
        assert box.content_region.contains_region(title.region)  # opens at its top
        await pilot.press("tab", "tab")
        await pilot.pause()
        await pilot.pause()
        risk = dialog.query_one("#filter-risk", Input)
        assert dialog.focused is risk
        assert box.content_region.contains_region(risk.region), (box.content_region, risk.region)
        await pilot.press(*"0.9", "enter")
        await pilot.pause()
        assert app.screen.view.filter.min_risk == 0.9
