"""A text loaded into the editor with ctrl+r (the MT or a candidate in place of the text it opened with), or a
draft the last review kept, is as unsaved as a typed edit: escape and ctrl+q ask before dropping it (QA: e,
ctrl+r, escape closed the editor at once and the loaded candidate was gone; a draft offered once was lost
to one stray escape)."""

from __future__ import annotations

from pathlib import Path

import fixtures_tui
import pytest
from fixtures_tui import ROWS, record_notifications
from textual.widgets import TextArea

from mtreview.store import Project
from mtreview.tui.app import make_app
from mtreview.tui.drafts import Draft, keep_draft
from mtreview.tui.screens.editor import EditorScreen
from mtreview.tui.screens.main import MainScreen

review_project = fixtures_tui.review_project
pytestmark = pytest.mark.asyncio
SIZE = (120, 40)
CANDIDATE_1 = ROWS[0][5][0]  # segment 1's retranslation; its reference is candidate 2


async def test_escape_after_ctrl_r_asks_before_dropping_the_loaded_text(review_project: Path) -> None:
    app = make_app(review_project, reviewer="ana", cursor_blink=False)
    async with app.run_test(size=SIZE) as pilot:
        said = record_notifications(app)
        await pilot.press("e", "ctrl+r")
        await pilot.pause()
        assert app.screen.query_one(TextArea).text == CANDIDATE_1
        await pilot.press("escape")
        await pilot.pause()
        assert isinstance(app.screen, EditorScreen)  # still open, the loaded text in it
        assert app.screen.query_one(TextArea).text == CANDIDATE_1
        assert any(m.startswith("Unsaved changes: press escape again") for m in said), said
        await pilot.press("escape")  # asked twice: dropped, and said so
        await pilot.pause()
        assert isinstance(app.screen, MainScreen)
        assert "Segment 1: edit discarded." in said
    assert fixtures_tui.state_of(review_project, 1).status == "unreviewed"


async def test_ctrl_q_after_ctrl_r_asks_before_quitting(review_project: Path) -> None:
    app = make_app(review_project, reviewer="ana", cursor_blink=False)
    async with app.run_test(size=SIZE) as pilot:
        said = record_notifications(app)
        await pilot.press("e", "ctrl+r", "ctrl+q")
        await pilot.pause()
        assert isinstance(app.screen, EditorScreen)
        assert any(m.startswith("Unsaved edit: ctrl+q again") for m in said), said


async def test_loading_back_the_text_it_opened_with_closes_without_asking(review_project: Path) -> None:
    app = make_app(review_project, reviewer="ana", cursor_blink=False)
    async with app.run_test(size=SIZE) as pilot:
        said = record_notifications(app)
        await pilot.press("e", *["ctrl+r"] * 3)  # candidate 1, candidate 2, then the MT again: nothing unsaved
        await pilot.pause()
        assert app.screen.query_one(TextArea).text == ROWS[0][1]
        await pilot.press("escape")
        await pilot.pause()
        assert isinstance(app.screen, MainScreen)
        assert not any("escape again" in m or "discarded" in m for m in said), said


async def test_escape_on_an_offered_draft_asks_before_losing_it(review_project: Path) -> None:
    segment = fixtures_tui.segment_ids(review_project)[0]
    with Project.open(review_project) as proj:
        assert keep_draft(proj, "ana", Draft(segment, "Kept draft of the fix"))
    app = make_app(review_project, reviewer="ana", cursor_blink=False)
    async with app.run_test(size=SIZE) as pilot:
        said = record_notifications(app)
        await pilot.press("e")
        await pilot.pause()
        assert app.screen.query_one(TextArea).text == "Kept draft of the fix"
        await pilot.press("escape")
        await pilot.pause()
        assert isinstance(app.screen, EditorScreen)
        assert any(m.startswith("Unsaved changes: press escape again") for m in said), said
        await pilot.press("ctrl+s")
        await pilot.pause()
    state = fixtures_tui.state_of(review_project, 1)
    assert (state.status, state.final_text) == ("edited", "Kept draft of the fix")


async def test_a_loaded_text_open_when_the_review_is_ended_from_outside_is_kept(review_project: Path) -> None:
    from mtreview.tui.drafts import take_draft

    app = make_app(review_project, reviewer="ana", cursor_blink=False)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("e", "ctrl+r")
        await pilot.pause()
        app.keep_unsaved_edit()  # what SIGHUP and SIGTERM do before the app exits (cli/cmd_review.py)
        assert app.farewell is not None and "segment 1 is kept" in app.farewell
    segment = fixtures_tui.segment_ids(review_project)[0]
    with Project.open(review_project) as proj:
        assert take_draft(proj, "ana") == Draft(segment, CANDIDATE_1)
