"""Keys on an empty list say why they do nothing (QA in tmux: on a project without segments, or under a
filter that matches nothing, 1-9, e, m, S, [ ] { } did nothing at all, while a and x said "No segment
here."; g offered "Go to segment number (1-0)" and then said "the project has 1-0"; R looked for a
translation model, for nothing)."""

from __future__ import annotations

from pathlib import Path

import fixtures_tui
import pytest
from fixtures_tui import record_notifications

from mtreview.tui.app import make_app
from mtreview.tui.screens.main import MainScreen
from mtreview.tui.view import Filter

SIZE = (80, 24)
review_project = fixtures_tui.review_project
KEYS = ["1", "2", "e", "m", "S", "left_square_bracket", "right_square_bracket", "left_curly_bracket",
        "right_curly_bracket"]


empty_project = fixtures_tui.empty_project


@pytest.mark.asyncio
@pytest.mark.parametrize("key", KEYS)
async def test_a_key_on_an_empty_project_says_there_is_no_segment(empty_project: Path, key: str) -> None:
    app = make_app(empty_project, reviewer="ana", cursor_blink=False)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        said = record_notifications(app)
        await pilot.press(key)
        await pilot.pause()
        assert isinstance(app.screen, MainScreen)
        assert said == ["No segment here."]


@pytest.mark.asyncio
async def test_a_key_under_a_filter_that_matches_nothing_says_so(review_project: Path) -> None:
    app = make_app(review_project, reviewer="ana", cursor_blink=False)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        app.screen._apply(filt=Filter(min_risk=0.99))  # as the f dialog applies it
        await pilot.pause()
        assert not len(app.screen.view)
        said = record_notifications(app)
        await pilot.press("e")
        await pilot.pause()
        assert isinstance(app.screen, MainScreen)
        assert said == ["No segment here."]


@pytest.mark.asyncio
async def test_go_to_on_an_empty_project_says_it_has_no_segments(empty_project: Path) -> None:
    app = make_app(empty_project, reviewer="ana", cursor_blink=False)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        said = record_notifications(app)
        await pilot.press("g")
        await pilot.pause()
        assert isinstance(app.screen, MainScreen)
        assert said == ["This project has no segments."]


@pytest.mark.asyncio
async def test_retranslating_an_empty_project_says_there_is_nothing(empty_project: Path) -> None:
    app = make_app(empty_project, reviewer="ana", cursor_blink=False)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        said = record_notifications(app)
        await pilot.press("R")
        await pilot.pause()
        assert not [w for w in app.screen.workers if w.is_running]
        assert said == ["This project has no segments to retranslate."]
