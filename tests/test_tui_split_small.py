"""The split dialog keeps its hint in a small terminal: its sentence listing gives up rows (and scrolls) first
(QA in tmux at 50x15: the listing took its 30% of the screen and the box had no row left for "enter splits ·
escape cancels")."""

from __future__ import annotations

import shlex
import sys
from pathlib import Path

import fixtures_tui
import pytest
from fixtures_tui import Tmux, env_for_subprocess, read_when_written
from test_tui_split_dialog import two_to_one

from mtreview.tui.app import make_app
from mtreview.tui.screens.dialogs import SplitDialog

data_dir = fixtures_tui.data_dir
HINT = "enter splits \u00b7 escape cancels"


@pytest.mark.asyncio
@pytest.mark.parametrize("size", [(50, 15), (60, 16), (80, 24)])
async def test_the_hint_is_inside_the_box_and_the_listing_scrolls_to_every_sentence(
        tmp_path: Path, size: tuple[int, int]) -> None:
    pytest.importorskip("mtreview.repair")
    path = two_to_one(tmp_path / "p.mtr")
    app = make_app(path, reviewer="ana", cursor_blink=False)
    async with app.run_test(size=size) as pilot:
        await pilot.press("S")
        await pilot.pause()
        await pilot.pause()
        dialog = app.screen
        assert isinstance(dialog, SplitDialog)
        box = dialog.query_one("#split-box")
        hint = dialog.query_one("#split-hint")
        assert box.content_region.contains_region(hint.region), (box.content_region, hint.region)
        source_side = list(dialog.query(".split-side"))[0]
        listing = dialog.query_one("#split-listing")
        # the column is no taller than the listing that shows it: what does not fit is scrolled to
        assert source_side.region.height <= listing.region.height
        await pilot.press("pagedown")
        await pilot.pause()
        shown = source_side.region.height + round(source_side.scroll_y)
        assert shown == 3  # "Source sentences", "1. Первое.", "2. Второе."


def test_the_split_hint_shows_at_50x15_in_tmux(data_dir: Path, tmp_path: Path) -> None:
    pytest.importorskip("mtreview.repair")
    path = two_to_one(tmp_path / "p.mtr")
    rc_file = tmp_path / "rc"
    review = shlex.join([sys.executable, "-m", "mtreview", "review", str(path), "--reviewer", "t"])
    term = Tmux("tui14-split", ["sh", "-c", f"{review}; echo $? > {shlex.quote(str(rc_file))}; sleep 60"],
                env_for_subprocess(data_dir), size=(50, 15))
    try:
        term.wait(lambda s: "Segment 1 of" in s or "1/2" in s, timeout=60, what="the review")
        term.keys("S")
        # the first frame is drawn before the listing is fitted: the one after it must show the hint
        shown = term.wait(lambda s: "Split segment 1" in s and HINT in s, timeout=10, what="the split hint")
        lines = shown.splitlines()
        hint_rows = [i for i, line in enumerate(lines) if HINT in line]
        bottom = max(i for i, line in enumerate(lines) if line.startswith("\u2588\u2584"))  # the box's edge
        assert hint_rows and hint_rows[0] < bottom, shown
        term.keys("Escape")
        term.wait(lambda s: "Split segment 1" not in s, what="the dialog closed")
        term.keys("q")
        assert read_when_written(rc_file, term) == "0"
    finally:
        term.close()


@pytest.mark.asyncio
@pytest.mark.parametrize("size", [(40, 12), (50, 15), (80, 24)])
async def test_the_number_fields_stay_in_the_box_with_their_range(tmp_path: Path, size: tuple[int, int]) -> None:
    # QA in tmux at 40x12: the labels (44 cells) pushed both number fields out of the box; what was typed
    # into them did not show
    pytest.importorskip("mtreview.repair")
    path = two_to_one(tmp_path / "p.mtr")
    app = make_app(path, reviewer="ana", cursor_blink=False)
    async with app.run_test(size=size) as pilot:
        await pilot.press("S")
        await pilot.pause()
        await pilot.pause()
        dialog = app.screen
        assert isinstance(dialog, SplitDialog)
        box = dialog.query_one("#split-box")
        for field in ("#split-source", "#split-mt"):
            number = dialog.query_one(field)
            assert number.region.width >= 3 and box.content_region.contains_region(number.region), (
                field, box.content_region, number.region)
            label = number.parent.query_one("Label")
            shown = label.render_line(0).text
            assert "(0-2)" in shown or "(0-1)" in shown, shown  # the range is never what is cut
