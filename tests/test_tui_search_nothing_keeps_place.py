"""A search that finds nothing, or a filter that matches nothing and then escape, leaves the cursor on the segment
it was on (QA: the cursor went to row 1, and the next a accepted segment 1, not the segment the translator had
been reading)."""

from __future__ import annotations

from pathlib import Path

import fixtures_tui
import pytest
from fixtures_tui import statuses_of
from textual.widgets import Input

from mtreview.tui.app import make_app
from mtreview.tui.screens.main import MainScreen
from mtreview.tui.view import Filter

review_project = fixtures_tui.review_project


@pytest.mark.asyncio
async def test_a_search_that_finds_nothing_keeps_the_cursor(review_project: Path) -> None:
    app = make_app(review_project, reviewer="ana", cursor_blink=False)
    async with app.run_test(size=(100, 30)) as pilot:
        await pilot.pause()
        await pilot.press("j", "j", "slash")
        await pilot.pause()
        app.screen.query_one(Input).value = "zzz-not-there"
        await pilot.press("enter")
        await pilot.pause()
        screen = app.screen
        assert isinstance(screen, MainScreen)
        assert screen.view.number[screen.current_id] == 3
        await pilot.press("a")
        await pilot.pause()
    assert statuses_of(review_project)[:3] == ["unreviewed", "unreviewed", "accepted_mt"]


@pytest.mark.asyncio
async def test_escape_after_a_filter_that_matched_nothing_goes_back_to_the_segment(review_project: Path) -> None:
    app = make_app(review_project, reviewer="ana", cursor_blink=False)
    async with app.run_test(size=(100, 30)) as pilot:
        await pilot.pause()
        await pilot.press("j", "j", "j")
        await pilot.pause()
        screen = app.screen
        assert isinstance(screen, MainScreen)
        screen._apply(filt=Filter(min_risk=0.99))  # as the f dialog applies it
        await pilot.pause()
        assert not len(screen.view)
        await pilot.press("escape")
        await pilot.pause()
        assert screen.view.number[screen.current_id] == 4
