"""The detail pane gives a decision's time on the reviewer's clock (QA: the stored UTC time was shown as
it is, hours off for a reviewer in Moscow, and not marked as UTC)."""

from __future__ import annotations

import time

import fixtures_tui
import pytest

from mtreview.tui.widgets.detail import local_time

review_project = fixtures_tui.review_project


@pytest.fixture
def moscow(monkeypatch: pytest.MonkeyPatch):  # noqa: ANN201
    monkeypatch.setenv("TZ", "Europe/Moscow")
    time.tzset()
    yield
    monkeypatch.undo()
    time.tzset()


def test_a_decision_time_shows_on_the_local_clock(moscow) -> None:  # noqa: ANN001
    assert local_time("2026-12-07T05:35:07.800+00:00") == "2026-12-07 08:35:07"


def test_a_time_without_a_zone_or_unreadable_shows_as_stored(moscow) -> None:  # noqa: ANN001
    assert local_time("2026-12-07T05:35:07") == "2026-12-07 05:35:07"
    assert local_time("yesterday") == "yesterday"


@pytest.mark.asyncio
async def test_the_pane_shows_the_local_time(moscow, review_project) -> None:  # noqa: ANN001
    from mtreview.store import Project
    from mtreview.tui.app import make_app
    from mtreview.tui.widgets.detail import DetailPane

    app = make_app(review_project, reviewer="ana", cursor_blink=False)
    async with app.run_test(size=(120, 40)) as pilot:
        await pilot.press("a", "k")
        await pilot.pause()
        shown = app.screen.query_one(DetailPane).text.plain
    with Project.open(review_project) as proj:
        stored = proj.conn.execute("SELECT created_at FROM events").fetchone()[0]
    assert f"by ana at {local_time(stored)}" in shown
    assert stored[11:19] not in shown  # Moscow is never on UTC
