"""Tab in a burst after keys still queued in a dialog's list: the focus moves only once they have acted (QA in
tmux at 100x30: ``f Down Down Down Enter Tab Down Enter Enter`` in one send-keys, which chooses "MT accepted",
moves to the flag list and applies, said "No filter": tab, a priority binding, moved the focus as the key was
read, ahead of the downs and enter still on their way to the status list)."""

from __future__ import annotations

import shlex
import sys
from pathlib import Path

import fixtures_tui
import pytest
from fixtures_tui import Tmux, env_for_subprocess, read_when_written
from textual import events
from textual.widgets import Input, Select

from mtreview.tui.app import make_app
from mtreview.tui.screens.dialogs import FilterDialog

review_project = fixtures_tui.review_project
data_dir = fixtures_tui.data_dir

Burst = list[tuple[str, str | None]]


async def _in_dialog(project: Path, keys: Burst) -> tuple[object, str | None]:
    """Post ``keys`` in one go (f first); the status list's value and the focused widget's id, dialog open."""
    app = make_app(project, reviewer="ana", cursor_blink=False)
    async with app.run_test(size=(100, 30)) as pilot:
        for key, char in [("f", "f"), *keys]:
            app.post_message(events.Key(key, char))
        for _ in range(20):
            await pilot.pause()
        dialog = app.screen
        assert isinstance(dialog, FilterDialog)
        focused = app.focused
        return dialog.query_one("#filter-status", Select).value, focused.id if focused else None


@pytest.mark.asyncio
async def test_tab_after_a_status_chosen_in_the_same_burst(review_project: Path) -> None:
    value, focused = await _in_dialog(review_project, [("down", None), ("down", None), ("down", None),
                                                       ("enter", None), ("tab", None)])
    assert (value, focused) == ("accepted_mt", "filter-flag")


@pytest.mark.asyncio
async def test_shift_tab_after_a_status_chosen_in_the_same_burst(review_project: Path) -> None:
    # tab to the flag list, back with shift+tab, open the status list and choose: the choice lands in status
    value, focused = await _in_dialog(review_project, [("tab", None), ("shift+tab", None), ("down", None),
                                                       ("down", None), ("enter", None), ("tab", None)])
    assert (value, focused) == ("unreviewed", "filter-flag")


@pytest.mark.asyncio
async def test_the_whole_burst_applies_the_filter(review_project: Path) -> None:
    app = make_app(review_project, reviewer="ana", cursor_blink=False)
    async with app.run_test(size=(100, 30)) as pilot:
        await pilot.press("a")  # segment 1 accepted: the status filter then shows one segment
        await pilot.pause()
        keys = [("f", "f"), ("down", None), ("down", None), ("down", None), ("enter", None), ("tab", None),
                ("down", None), ("enter", None), ("enter", None)]
        for key, char in keys:
            app.post_message(events.Key(key, char))
        for _ in range(25):
            await pilot.pause()
        assert not isinstance(app.screen, FilterDialog)
        filt = app.screen.view.filter  # type: ignore[attr-defined]
        assert filt.status == "accepted_mt"


@pytest.mark.asyncio
async def test_shift_tab_through_the_buttons_then_a_number(review_project: Path) -> None:
    """From the status list back over Cancel, Clear and Apply to the risk field, then 0.5, in one burst: the
    number lands in the field (the keys behind a tab on a button reached the button and were lost)."""
    app = make_app(review_project, reviewer="ana", cursor_blink=False)
    async with app.run_test(size=(100, 30)) as pilot:
        keys = [("f", "f"), *[("shift+tab", None)] * 4, ("0", "0"), (".", "."), ("5", "5")]
        for key, char in keys:
            app.post_message(events.Key(key, char))
        for _ in range(20):
            await pilot.pause()
        dialog = app.screen
        assert isinstance(dialog, FilterDialog)
        focused = app.focused
        assert focused is not None and focused.id == "filter-risk"
        assert dialog.query_one("#filter-risk", Input).value == "0.5"


def test_the_burst_in_a_real_terminal(review_project: Path, data_dir: Path, tmp_path: Path) -> None:
    rc_file = tmp_path / "rc"
    line = shlex.join([sys.executable, "-m", "mtreview", "review", str(review_project), "--reviewer", "t"])
    term = Tmux("tui2-burst-tab", ["sh", "-c", f"{line}; echo $? > {shlex.quote(str(rc_file))}; sleep 60"],
                env_for_subprocess(data_dir), size=(100, 30))
    try:
        term.wait(lambda s: "Segment 1 of" in s, timeout=60, what="the review")
        term.keys("a")
        term.wait(lambda s: fixtures_tui.reviewed_count(s) == 1, what="segment 1 accepted")
        term.tmux("send-keys", "-t", term.name, "f", "Down", "Down", "Down", "Enter", "Tab", "Down", "Enter",
                  "Enter")  # one burst
        shown = term.wait(lambda s: "Filter status=" in s or "No filter" in s, what="a filter")
        assert "Filter status=accepted_mt: 1 of 6 segments shown" in shown, shown
        term.keys("q")
        assert read_when_written(rc_file, term) == "0"
    finally:
        term.close()
