"""A reopened review puts the cursor back at the reviewer's place: the first unreviewed segment at or after the
one they last acted on (QA: it always opened on the document's first unreviewed segment, so a segment left
open on purpose, awaiting a query, sent the translator back to it on every reopen)."""

from __future__ import annotations

from pathlib import Path

import fixtures_tui
import pytest

from mtreview.store import Project
from mtreview.tui.app import make_app
from mtreview.tui.widgets.segment_list import SegmentList

review_project = fixtures_tui.review_project


async def opened_on(project: Path, reviewer: str) -> int:
    """The number of the segment the review opens on."""
    app = make_app(project, reviewer=reviewer, cursor_blink=False)
    async with app.run_test(size=(100, 30)) as pilot:
        await pilot.pause()
        return app.screen.query_one(SegmentList).cursor + 1


def decide(project: Path, numbers: list[int], reviewer: str) -> None:
    with Project.open(project) as proj:
        ids = proj.segment_ids()
        for n in numbers:
            proj.decide(ids[n - 1], "accept_mt", reviewer=reviewer)


@pytest.mark.asyncio
async def test_reopening_goes_on_after_the_last_decision_not_back_to_a_skipped_segment(review_project: Path) -> None:
    decide(review_project, [1, 3, 4], "anna")  # 2 left open on purpose
    assert await opened_on(review_project, "anna") == 5


@pytest.mark.asyncio
async def test_an_undo_last_puts_the_cursor_on_the_undone_segment(review_project: Path) -> None:
    decide(review_project, [1, 3, 4, 5], "anna")
    with Project.open(review_project) as proj:
        proj.undo(reviewer="anna")  # segment 5 unreviewed again, the last thing anna did (2 is still open)
    assert await opened_on(review_project, "anna") == 5


@pytest.mark.asyncio
async def test_past_the_last_unreviewed_it_wraps_to_the_first_one(review_project: Path) -> None:
    decide(review_project, [1, 3, 4, 5, 6], "anna")
    assert await opened_on(review_project, "anna") == 2


@pytest.mark.asyncio
async def test_another_reviewer_or_a_fresh_project_opens_on_the_first_unreviewed(review_project: Path) -> None:
    assert await opened_on(review_project, "anna") == 1
    decide(review_project, [1, 3, 4], "anna")
    assert await opened_on(review_project, "bob") == 2
