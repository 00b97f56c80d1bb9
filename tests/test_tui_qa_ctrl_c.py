"""ctrl+c says which key quits, in plain words (QA in tmux: Textual's "Press [b]q[/b] to quit the app" showed
its markup tags, since the app shows every notification literally)."""

from __future__ import annotations

from pathlib import Path

import fixtures_tui
import pytest
from fixtures_tui import record_notifications

from mtreview.tui.app import make_app

review_project = fixtures_tui.review_project


@pytest.mark.asyncio
async def test_ctrl_c_on_the_list_names_q_without_markup(review_project: Path) -> None:
    app = make_app(review_project, reviewer="ana", cursor_blink=False)
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        said = record_notifications(app)
        await pilot.press("ctrl+c")
        await pilot.pause()
        assert app.is_running
    assert said == ["ctrl+c does not quit: press q to quit (every decision is saved already)."]
