"""Notifications keep showing however many came and went (QA in tmux: after a dozen quick decisions, or
toasts cleared by the dialogs, no notification showed any more: Textual leaves the holder of a toast
removed before its time, and past the rack's height each empty holder pushed the next toast a row lower,
off the screen)."""

from __future__ import annotations

from pathlib import Path

import fixtures_tui
import pytest

from mtreview.tui.app import make_app
from mtreview.tui.screens.main import MainScreen

review_project = fixtures_tui.review_project
pytestmark = pytest.mark.asyncio


async def settle(pilot, n: int = 6) -> None:  # noqa: ANN001
    for _ in range(n):
        await pilot.pause()


def toast_rows(app) -> list[tuple[int, str]]:  # noqa: ANN001
    return [(t.region.y, str(t.render())) for t in app.screen.query("Toast")]


@pytest.mark.parametrize("size", [(80, 24), (120, 40)])
async def test_the_latest_toast_shows_after_many(review_project: Path, size: tuple[int, int]) -> None:
    app = make_app(review_project, reviewer="ana", cursor_blink=False)
    async with app.run_test(size=size, notifications=True) as pilot:
        await settle(pilot)
        for _ in range(15):  # each order replaces the one before: the toasts it had go before their time
            await pilot.press("s")
            await settle(pilot, 3)
        said = "Document order."  # the 15th press: risk, confidence, document, five times
        assert [text for _y, text in toast_rows(app)] == [said]
        y = toast_rows(app)[0][0]
        assert 0 <= y < size[1] - 1  # on the screen, above the footer


async def test_toasts_show_after_dialogs_cleared_them(review_project: Path) -> None:
    app = make_app(review_project, reviewer="ana", cursor_blink=False)
    async with app.run_test(size=(80, 24), notifications=True) as pilot:
        await settle(pilot)
        for _ in range(12):  # a toast showing, then a dialog that opens clear of it
            app.screen.notify("A warning that stays.", severity="warning")
            await settle(pilot, 2)
            await pilot.press("slash")
            await settle(pilot, 2)
            await pilot.press("escape")
            await settle(pilot, 2)
        assert isinstance(app.screen, MainScreen)
        await pilot.press("s")
        await settle(pilot)
        rows = toast_rows(app)
        assert rows and rows[-1][1] == "Risk order: highest risk first."
        assert all(0 <= y < 23 for y, _text in rows)
