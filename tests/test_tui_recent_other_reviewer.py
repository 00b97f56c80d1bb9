"""Opening a review warns when another reviewer changed the project in the last minutes, even when the
reviewer's own change came after theirs (QA: anna reviewing, bob ran ``mtreview decide`` as himself, then
opened the review: no warning, because only the very last change was looked at, and it was bob's)."""

from __future__ import annotations

from pathlib import Path

import fixtures_tui
import pytest

from mtreview.store import Project
from mtreview.tui.app import make_app

review_project = fixtures_tui.review_project
WARNING = "another session has it open"


async def _warnings(path: Path, reviewer: str) -> list[str]:
    app = make_app(path, reviewer=reviewer, cursor_blink=False)
    async with app.run_test(size=(120, 40)) as pilot:
        await pilot.pause()
        return [n.message for n in app._notifications if WARNING in n.message]


@pytest.mark.asyncio
async def test_another_reviewers_change_before_ones_own_still_warns(review_project: Path) -> None:
    with Project.open(review_project) as proj:
        ids = proj.segment_ids()
        proj.decide(ids[0], "accept_mt", reviewer="anna")
        proj.decide(ids[1], "reject", reviewer="bob")  # bob's own, after anna's
    warned = await _warnings(review_project, "bob")
    assert len(warned) == 1 and warned[0].startswith("anna changed this project 1 min ago: ")


@pytest.mark.asyncio
async def test_only_ones_own_changes_do_not_warn(review_project: Path) -> None:
    with Project.open(review_project) as proj:
        ids = proj.segment_ids()
        proj.decide(ids[0], "accept_mt", reviewer="bob")
        proj.decide(ids[1], "reject", reviewer="bob")
    assert await _warnings(review_project, "bob") == []
