"""n and N right after a decision, or right after opening: the row the decision (or the app) moved the cursor
to counts as "next" (QA: a then n skipped that row and left it unreviewed behind the cursor; so did n on
opening, with the segment the app opened on). Anywhere else they go past the cursor's row."""

from __future__ import annotations

from pathlib import Path

import fixtures_tui
import pytest

from mtreview.store import Project
from mtreview.tui.app import make_app
from mtreview.tui.screens.main import MainScreen

review_project = fixtures_tui.review_project  # risks 0.20 0.10 0.80 0.95 0.65 0.05
pytestmark = pytest.mark.asyncio


async def moves(project: Path, *keys: str) -> tuple[list[int], list[list[str]]]:
    """The segment number under the cursor after each key, and the notifications showing after each."""
    app = make_app(project, reviewer="ana", cursor_blink=False)
    seen, said = [], []
    async with app.run_test(size=(80, 24), notifications=True) as pilot:
        await pilot.pause()
        screen = app.screen
        assert isinstance(screen, MainScreen)
        for key in keys:
            await pilot.press(key)
            await pilot.pause()
            seen.append(screen.view.number[screen.current_id])
            said.append([n.message for n in app._notifications])
        return seen, said


async def test_n_after_a_decision_stays_on_the_unreviewed_row_it_moved_to(review_project: Path) -> None:
    # a on 1 moves to 2 (unreviewed): n keeps 2, and says so; n again goes past it, to 3
    seen, notes = await moves(review_project, "a", "n", "n")
    assert seen == [2, 2, 3]
    assert any("Segment 2, shown now, is the next unreviewed segment" in m for m in notes[1])
    # ... and that message goes when n moves on: it named the row just left (QA: it stayed for seconds
    # over segment 3)
    assert not any("shown now" in m for m in notes[2])


async def test_n_after_the_reviewer_moved_goes_past_the_cursor(review_project: Path) -> None:
    # the decision put the cursor on 2, the reviewer went on to 3 and back to 2: n goes past 2
    assert (await moves(review_project, "a", "j", "k", "n"))[0] == [2, 3, 2, 3]


async def test_n_after_a_decision_skips_a_landed_row_already_reviewed(review_project: Path) -> None:
    # 2 decided first; back on 1, a lands on 2 (reviewed): n goes to 3, the first unreviewed after 1
    assert (await moves(review_project, "j", "a", "k", "k", "a", "n"))[0] == [2, 3, 2, 1, 2, 3]


async def test_shift_n_after_a_decision_stays_on_a_high_risk_row_it_moved_to(review_project: Path) -> None:
    # a on 2 moves to 3 (risk 0.80, unreviewed): N keeps 3; a low-risk landed row is passed over
    assert (await moves(review_project, "j", "a", "N", "N"))[0] == [2, 3, 3, 4]


async def test_shift_n_after_a_decision_passes_a_low_risk_row_it_moved_to(review_project: Path) -> None:
    assert (await moves(review_project, "a", "N"))[0] == [2, 3]


async def test_n_right_after_opening_stays_on_the_first_unreviewed_segment(review_project: Path) -> None:
    # the app opens on 1 (unreviewed): n keeps 1 and says so, rather than leaving it behind; n again goes on
    seen, notes = await moves(review_project, "n", "n")
    assert seen == [1, 2]
    assert any("Segment 1, shown now, is the next unreviewed segment" in m for m in notes[0])
    assert not any("shown now" in m for m in notes[1])


async def test_n_right_after_reopening_stays_where_the_last_session_stopped(review_project: Path) -> None:
    with Project.open(review_project) as proj:
        for seg_id in proj.segment_ids()[:2]:
            proj.decide(seg_id, "accept_mt")
    assert (await moves(review_project, "n", "n"))[0] == [3, 4]  # opened on 3, the first unreviewed


async def test_n_after_moving_away_from_where_the_app_opened_goes_past_the_cursor(review_project: Path) -> None:
    assert (await moves(review_project, "j", "k", "n"))[0] == [2, 1, 2]


async def test_shift_n_right_after_opening_counts_the_row_it_opened_on(review_project: Path) -> None:
    with Project.open(review_project) as proj:
        for seg_id in proj.segment_ids()[:2]:
            proj.decide(seg_id, "accept_mt")
    # opened on 3 (risk 0.80): N keeps it; then 4 (0.95)
    assert (await moves(review_project, "N", "N"))[0] == [3, 4]
