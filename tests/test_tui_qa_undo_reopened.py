"""u after quitting and reopening says how to change an earlier session's decision (QA in tmux: it said
only "Nothing to undo in this session.", and the decisions made before q looked lost or locked)."""

from __future__ import annotations

from pathlib import Path

import fixtures_tui
import pytest
from fixtures_tui import record_notifications

from mtreview.tui.app import make_app

review_project = fixtures_tui.review_project


async def press_u(path: Path) -> list[str]:
    app = make_app(path, reviewer="ana", cursor_blink=False)
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        said = record_notifications(app)
        await pilot.press("u")
        await pilot.pause()
    return said


@pytest.mark.asyncio
async def test_u_in_a_reopened_project_says_to_decide_again(review_project: Path) -> None:
    app = make_app(review_project, reviewer="ana", cursor_blink=False)
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.press("a", "q")
    assert fixtures_tui.state_of(review_project, 1).status == "accepted_mt"
    assert await press_u(review_project) == [
        "Nothing to undo in this session: a decision from an earlier session is changed by deciding again "
        "(a, 1-9, e or x)."]
    assert fixtures_tui.state_of(review_project, 1).status == "accepted_mt"


@pytest.mark.asyncio
async def test_u_in_a_project_without_decisions_says_only_nothing(review_project: Path) -> None:
    assert await press_u(review_project) == ["Nothing to undo in this session."]
