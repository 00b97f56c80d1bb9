"""Another reviewer leaving the project (their order, filter or draft kept in it) is no change to this review:
it neither reloads the list nor says another session is changing the project; a rescoring still does (QA:
every colleague's q showed "Another session is changing this project: the list was refreshed")."""

from __future__ import annotations

from pathlib import Path

import fixtures_tui
import pytest

from mtreview.store import Project
from mtreview.tui.app import make_app
from mtreview.tui.drafts import Draft, keep_draft
from mtreview.tui.kept_view import keep_view
from mtreview.tui.screens.main import MainScreen
from mtreview.tui.view import Filter

review_project = fixtures_tui.review_project


@pytest.mark.asyncio
async def test_another_reviewers_kept_view_and_draft_are_no_change_here(review_project: Path) -> None:
    app = make_app(review_project, reviewer="bob", cursor_blink=False)
    async with app.run_test(size=(100, 30)) as pilot:
        await pilot.pause()
        screen = app.screen
        assert isinstance(screen, MainScreen)
        said = fixtures_tui.record_notifications(screen)
        with Project.open(review_project) as other:  # anna leaves her review
            first = other.segment_ids()[0]
            assert keep_view(other, "anna", "risk", Filter(status="unreviewed"))
            assert keep_draft(other, "anna", Draft(first, "her unsaved text"))
        assert screen.check_other_sessions() is False
        assert said == []
        with Project.open(review_project) as other:  # a rescoring: risks change
            other.set_risks([(first, 0.99)])
        assert screen.check_other_sessions() is True
        await pilot.pause()
        assert any("Another session" in m and "changing this project" in m for m in said), said
        assert screen.view.risk[first] == 0.99
