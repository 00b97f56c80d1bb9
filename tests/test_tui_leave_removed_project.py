"""Leaving a review whose project file another program removed (or replaced) meanwhile: what is kept for the
next review (the list's order and filter, a refused edit, a draft) cannot be written, and the app still quits
cleanly (QA: q after s on such a project ended in a StoreError traceback)."""

from __future__ import annotations

import os
from pathlib import Path

import fixtures_tui
import pytest

from mtreview.store import Project
from mtreview.tui.app import make_app
from mtreview.tui.drafts import Draft, keep_draft, keep_note_draft
from mtreview.tui.kept_view import keep_view
from mtreview.tui.view import Filter

review_project = fixtures_tui.review_project


@pytest.mark.asyncio
async def test_q_after_the_project_was_removed_quits_cleanly(review_project: Path) -> None:
    app = make_app(review_project, reviewer="ana", cursor_blink=False)
    async with app.run_test(size=(100, 30)) as pilot:
        await pilot.press("s")  # risk order: kept on leaving, if the project could take it
        await pilot.pause()
        os.unlink(review_project)
        await pilot.press("q")
        await pilot.pause()
    assert app._exception is None
    assert app.return_code == 0


def test_nothing_is_kept_in_a_removed_project(review_project: Path) -> None:
    with Project.open(review_project) as proj:
        first = proj.segment_ids()[0]
        os.unlink(review_project)
        assert not keep_draft(proj, "ana", Draft(first, "typed"))
        assert not keep_note_draft(proj, "ana", first, "a note")
        assert not keep_view(proj, "ana", "risk", Filter())
