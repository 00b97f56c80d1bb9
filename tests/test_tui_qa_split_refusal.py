"""Enter on split points that make no split is refused in a sentence (QA in tmux: the default cut of a
segment with one source and one MT sentence said only "One of the two parts would be empty")."""

from __future__ import annotations

from pathlib import Path

import fixtures_tui
import pytest
from fixtures_tui import record_notifications

from mtreview.tui.app import make_app
from mtreview.tui.screens.dialogs import SplitDialog

review_project = fixtures_tui.review_project


@pytest.mark.asyncio
async def test_an_empty_part_is_refused_in_a_sentence(review_project: Path) -> None:
    app = make_app(review_project, reviewer="ana", cursor_blink=False)
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.press("S")  # one source and one MT sentence: the proposed 1 and 1 leave nothing after
        await pilot.pause()
        said = record_notifications(app)
        await pilot.press("enter")
        await pilot.pause()
        assert isinstance(app.screen, SplitDialog)
    assert said == ["Not split: one of the two parts would be empty."]
