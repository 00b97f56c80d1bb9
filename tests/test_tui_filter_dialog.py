"""Enter applies the filter from its lists too, and the dialog says how (QA in tmux: enter on a chosen
status opened its list again, and nothing said that tab to the risk field, then enter, applied it)."""

from __future__ import annotations

from pathlib import Path

import fixtures_tui
import pytest
from textual.widgets import Select, Static

from mtreview.tui.app import make_app
from mtreview.tui.screens.dialogs import FilterDialog
from mtreview.tui.screens.main import MainScreen

review_project = fixtures_tui.review_project
pytestmark = pytest.mark.asyncio


@pytest.mark.parametrize("size", [(80, 24), (120, 40)])
async def test_enter_on_a_chosen_status_applies_the_filter(review_project: Path, size: tuple[int, int]) -> None:
    app = make_app(review_project, reviewer="ana", cursor_blink=False)
    async with app.run_test(size=size) as pilot:
        await pilot.press("a", "f")  # segment 1 accepted; the filter dialog
        await pilot.pause()
        dialog = app.screen
        assert isinstance(dialog, FilterDialog)
        hint = " ".join(str(s.render()) for s in dialog.query(Static))
        assert "enter applies" in hint
        shown = [s for s in dialog.query(Static) if "enter applies" in str(s.render())][0]
        assert 0 <= shown.region.y and shown.region.bottom <= size[1]  # on the screen at 80x24
        await pilot.press("down")  # opens the status list
        await pilot.pause()
        await pilot.press("down", "down", "enter")  # any status -> not reviewed -> MT accepted: chosen
        await pilot.pause()
        assert isinstance(app.screen, FilterDialog)
        assert app.screen.query_one("#filter-status", Select).value == "accepted_mt"
        await pilot.press("enter")  # applies
        await pilot.pause()
        assert isinstance(app.screen, MainScreen)
        view = app.screen.view
        assert view.filter.status == "accepted_mt" and [view.number[i] for i in view.ids] == [1]


async def test_enter_on_a_button_and_in_the_risk_field_still_works(review_project: Path) -> None:
    app = make_app(review_project, reviewer="ana", cursor_blink=False)
    async with app.run_test(size=(120, 40)) as pilot:
        await pilot.press("f", "tab", "tab", *"0.9", "enter")  # the risk field
        await pilot.pause()
        view = app.screen.view
        assert [view.number[i] for i in view.ids] == [4]
        await pilot.press("f", "tab", "tab", "tab", "tab", "enter")  # the Clear button
        await pilot.pause()
        assert isinstance(app.screen, MainScreen) and not app.screen.view.filter.active


async def test_applying_a_filter_says_what_it_shows(review_project: Path) -> None:
    # QA in tmux: f, "with a reviewer note", enter changed the list and said nothing (the search and escape
    # do say what they did); a filter matching nothing left an empty list with no word why.
    app = make_app(review_project, reviewer="ana", cursor_blink=False)
    async with app.run_test(size=(80, 24), notifications=True) as pilot:
        await pilot.press("f", "tab", "tab", *"0.9", "enter")  # risk >= 0.9: segment 4 only
        await pilot.pause()
        assert isinstance(app.screen, MainScreen)
        said = [n.message for n in app._notifications]
        assert any("Filter risk>=0.9: 1 of 6 segments shown (escape shows all)." == m for m in said), said
        await pilot.press("f", "tab", "tab", "ctrl+u", *"0.99", "enter")
        await pilot.pause()
        said = [n.message for n in app._notifications]
        assert any("No segment matches the filter risk>=0.99" in m for m in said), said
