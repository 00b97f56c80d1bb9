"""What the search and escape say (QA in tmux: "7 segment(s) contain …", and escape cleared the search
without a word while that toast still said "escape shows all")."""

from __future__ import annotations

from pathlib import Path

import fixtures_tui
import pytest

from mtreview.tui.app import make_app

review_project = fixtures_tui.review_project
pytestmark = pytest.mark.asyncio


async def test_search_counts_and_escape_says_it_cleared(review_project: Path) -> None:
    app = make_app(review_project, reviewer="ana", cursor_blink=False)
    said = fixtures_tui.record_notifications(app)
    async with app.run_test(size=(120, 40)) as pilot:
        await pilot.press("slash", *"delegation", "enter")
        await pilot.pause()
        assert said[-1] == "1 segment contains “delegation” (escape shows all)."
        await pilot.press("slash", "ctrl+u", *"Каспи", "enter")
        await pilot.pause()
        assert said[-1] == "2 segments contain “Каспи” (escape shows all)."
        await pilot.press("escape")
        await pilot.pause()
        assert said[-1] == "Filter and search cleared: all 6 segments shown."
        assert [n.message for n in app._notifications] == [said[-1]]
        assert not app.screen.view.filter.active
        await pilot.press("escape")  # nothing to clear: nothing said
        await pilot.pause()
        assert len(said) == 3
