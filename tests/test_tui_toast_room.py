"""Notifications never sit over the detail pane's text: they show on the pane's bottom edge, and the pane
keeps those rows free while they show (QA: at 80x24 a toast covered the candidates). Errors stay long
enough to read."""

from __future__ import annotations

from pathlib import Path

import fixtures_tui
import pytest

from mtreview.tui.app import make_app, toast_seconds
from mtreview.tui.screens.main import MainScreen
from mtreview.tui.widgets.detail import DetailPane
from mtreview.tui.widgets.segment_list import SegmentList

review_project = fixtures_tui.review_project


async def settle(pilot, n: int = 6) -> None:
    for _ in range(n):
        await pilot.pause()


@pytest.mark.asyncio
@pytest.mark.parametrize("size", [(80, 24), (120, 40)])
async def test_toasts_show_under_the_detail_panes_text_not_over_it(review_project: Path,
                                                                  size: tuple[int, int]) -> None:
    app = make_app(review_project, reviewer="ana", cursor_blink=False)
    async with app.run_test(size=size, notifications=True) as pilot:
        await settle(pilot)
        screen = app.screen
        assert isinstance(screen, MainScreen)
        pane, seg_list = screen.query_one(DetailPane), screen.query_one(SegmentList)
        list_before, pane_before = seg_list.region, pane.region
        # a one-line toast, then a long warning over two or three lines (x on a segment with no source
        # would do; any notification will)
        await pilot.press("a")
        screen.notify("Not saved: cannot write to the project (the disk is full); the decision is not stored, "
                      "and the same key saves it once there is room.", severity="error")
        await settle(pilot)
        toasts = list(screen.query("Toast"))
        assert len(toasts) == 2
        text_area = pane.content_region
        for toast in toasts:
            assert not toast.region.overlaps(text_area), (toast.region, text_area)
            assert toast.region.bottom <= pane.region.bottom  # on the pane, above the footer
        assert pane.reserved >= 3
        assert seg_list.region == list_before and pane.region == pane_before  # nothing moved
        # what the pane shows ends above the toasts; all of it is still there to scroll to
        assert "Candidates" in "\n".join(pane.rendered_lines())
        app.clear_notifications()
        await settle(pilot)
        assert pane.reserved == 0 and pane.content_region.bottom == pane_before.bottom


def test_errors_and_long_messages_stay_long_enough_to_read() -> None:
    assert toast_seconds("Segment 1: MT accepted.", "information", None) == 5.0
    assert toast_seconds("Not merged: no next segment.", "error", None) >= 12.0
    assert toast_seconds("x" * 300, "warning", 8) >= 20.0  # 300 characters at 15 a second, and 2 s
    assert toast_seconds("Your text is kept.", "information", 15) == 15  # what the caller asked, if longer


@pytest.mark.asyncio
async def test_a_layout_without_the_pane_never_pushes_the_toasts_off_the_screen(review_project: Path) -> None:
    # QA (tmux): after resizes and dialogs, no notification showed for the rest of a session. A layout at
    # which the pane had no region set the toasts' bottom margin to the screen's whole height.
    app = make_app(review_project, reviewer="ana", cursor_blink=False)
    async with app.run_test(size=(120, 40), notifications=True) as pilot:
        await settle(pilot)
        screen = app.screen
        pane = screen.query_one(DetailPane)
        rack = screen.get_child_by_id("textual-toastrack")
        pane.display = False
        await settle(pilot)
        assert rack.styles.margin.bottom <= screen.size.height - 4
        screen.notify("Still shown.")
        await settle(pilot)
        toasts = list(screen.query("Toast"))
        assert toasts and all(0 <= t.region.y and t.region.bottom <= screen.size.height for t in toasts)
        assert all(t.region.height > 0 for t in toasts)


@pytest.mark.asyncio
@pytest.mark.parametrize("width", [80, 100, 120])
async def test_every_line_of_a_toast_shows_above_the_footer(review_project: Path, width: int) -> None:
    # QA: at 80x24 the merge message "... Notes kept on segment 42 (u undoes the repair)." lost its last
    # line behind the footer. Textual's toast rack always has a (hidden) vertical scrollbar: its height
    # was measured with the text wrapped at the full width (two lines), the toast drawn two columns
    # narrower (three lines), and the third line fell below the rack.
    message = ("Merged segments 42 and 43 into segment 42: candidates joined: reference; risk and scores: "
               "R rescores. Notes kept on segment 42 (u undoes the repair).")
    app = make_app(review_project, reviewer="ana", cursor_blink=False)
    async with app.run_test(size=(width, 24), notifications=True) as pilot:
        await settle(pilot)
        screen = app.screen
        assert isinstance(screen, MainScreen)
        for text in (message, message[: width + 10], message + " " + message):
            app.clear_notifications()
            await settle(pilot)
            screen.notify(text)
            await settle(pilot)
            (toast,) = screen.query("Toast")
            pane = screen.query_one(DetailPane)
            # all of it on the pane's bottom edge, none of it under the footer
            assert toast.region.bottom <= pane.region.bottom, (text, toast.region, pane.region)
