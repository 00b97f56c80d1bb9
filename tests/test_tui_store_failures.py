"""The review app when the project file cannot take a decision (a full disk): it says so and keeps going,
and a typed edit is kept for the next ``e``. QA: the app died with a traceback and the edit was lost."""

from __future__ import annotations

from pathlib import Path

import fixtures_tui
import pytest
from textual.widgets import TextArea

from mtreview.tui.app import make_app

SIZE = (120, 40)
review_project = fixtures_tui.review_project
LONG = "My careful edit, long enough to need pages the full disk does not have. " * 300


@pytest.mark.asyncio
async def test_a_full_disk_keeps_the_app_and_the_typed_edit(review_project: Path) -> None:
    app = make_app(review_project, reviewer="ana", cursor_blink=False)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        conn = app.project.conn
        pages = conn.execute("PRAGMA page_count").fetchone()[0]
        conn.execute(f"PRAGMA max_page_count={pages}")  # fails a growing write as a full disk does
        await pilot.press("e")
        await pilot.pause()
        app.screen.query_one(TextArea).text = LONG
        await pilot.press("ctrl+s")
        await pilot.pause()
        said = [n.message for n in app._notifications]
        assert app.is_running
        assert any(m.startswith("Not saved: ") and "fixture.mtr" in m and "the disk is full" in m for m in said)
        assert any("Your text is kept: e on this segment starts from it." in m for m in said)
        assert fixtures_tui.state_of(review_project, 1).status == "unreviewed"

        conn.execute("PRAGMA max_page_count=1073741823")  # space again
        await pilot.press("e")
        await pilot.pause()
        assert app.screen.query_one(TextArea).text == LONG.strip()
        await pilot.press("ctrl+s")
        await pilot.pause()
    state = fixtures_tui.state_of(review_project, 1)
    assert (state.status, state.final_text) == ("edited", LONG.strip())


@pytest.mark.asyncio
async def test_a_write_lock_held_elsewhere_refuses_the_decision_and_the_app_goes_on(review_project: Path,
                                                                                    monkeypatch) -> None:
    import sqlite3

    import mtreview.tui.app as tui_app

    monkeypatch.setattr(tui_app, "BUSY_WAIT_MS", 100)
    app = make_app(review_project, reviewer="ana", cursor_blink=False)
    holder = sqlite3.connect(review_project, isolation_level=None)
    try:
        async with app.run_test(size=SIZE) as pilot:
            await pilot.pause()
            assert app.project.conn.execute("PRAGMA busy_timeout").fetchone()[0] == 100
            holder.execute("BEGIN IMMEDIATE")
            await pilot.press("a")
            await pilot.pause()
            said = [n.message for n in app._notifications]
            assert app.is_running
            assert any(m.startswith("Not saved: ") and "another program is writing to it" in m for m in said)
            holder.execute("ROLLBACK")
            await pilot.press("a")
            await pilot.pause()
    finally:
        holder.close()
    assert fixtures_tui.state_of(review_project, 1).status == "accepted_mt"
