"""The same decision again in the same session stores nothing new (QA in tmux: a pressed twice on the last
row, where the cursor stays, stored the decision twice; u then "undid" one copy with nothing changing on
screen, and took two presses to undo one decision)."""

from __future__ import annotations

from pathlib import Path

import fixtures_tui
import pytest
from fixtures_tui import record_notifications

from mtreview.store import Project
from mtreview.tui.app import make_app

review_project = fixtures_tui.review_project


def decision_events(path: Path) -> list[tuple[int, str]]:
    with Project.open(path) as proj:
        return [(r[0], r[1]) for r in proj.conn.execute("SELECT segment_id, action FROM events ORDER BY id")]


@pytest.mark.asyncio
@pytest.mark.parametrize("key", ["a", "1", "x"])
async def test_deciding_the_last_row_twice_stores_one_decision(review_project: Path, key: str) -> None:
    app = make_app(review_project, reviewer="ana", cursor_blink=False)
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.press("end", key)
        await pilot.pause()
        said = record_notifications(app)
        await pilot.press(key)
        await pilot.pause()
        assert said and said[0].startswith("Segment 6: ") and said[0].endswith(" already; nothing new to save.")
        await pilot.press("u")
        await pilot.pause()
    assert len(decision_events(review_project)) == 2  # the decision and its undo
    assert fixtures_tui.state_of(review_project, 6).status == "unreviewed"  # one u undid it


@pytest.mark.asyncio
async def test_another_sessions_decision_is_recorded_again(review_project: Path) -> None:
    with Project.open(review_project) as other:
        other.decide(other.segment_ids()[0], "accept_mt", reviewer="bob")
    app = make_app(review_project, reviewer="ana", cursor_blink=False)
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.press("home", "a")
        await pilot.pause()
    assert [a for _, a in decision_events(review_project)] == ["accept_mt", "accept_mt"]
    assert fixtures_tui.state_of(review_project, 1).reviewer == "ana"
