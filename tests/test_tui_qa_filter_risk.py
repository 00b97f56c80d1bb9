"""A minimum risk outside 0-1 in the filter dialog is refused in a full sentence that names what was typed,
and the dialog stays open to correct it (QA in tmux: "Minimum risk must be between 0 and 1", no stop, no
word of the value)."""

from __future__ import annotations

from pathlib import Path

import fixtures_tui
import pytest
from fixtures_tui import record_notifications

from mtreview.tui.app import make_app
from mtreview.tui.screens.dialogs import FilterDialog

review_project = fixtures_tui.review_project


@pytest.mark.asyncio
@pytest.mark.parametrize("typed", ["5", "1e3"])
async def test_a_risk_out_of_range_is_refused_naming_it(review_project: Path, typed: str) -> None:
    app = make_app(review_project, reviewer="ana", cursor_blink=False)
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        said = record_notifications(app)
        await pilot.press("f", "tab", "tab", *typed, "enter")
        await pilot.pause()
        assert isinstance(app.screen, FilterDialog)
        assert said == [f"Minimum risk must be between 0 and 1, not {typed}."]
