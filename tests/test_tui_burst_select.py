"""Keys typed in one burst keep their order across the filter dialog's lists opening and closing (QA in tmux:
"f", down, down, enter, enter in one burst, which chooses "not reviewed" and applies it when typed slowly, said
"No filter: all 6 segments shown": the second down reached the closed list, and the last enter, a priority
binding, applied the dialog before the keys ahead of it had acted)."""

from __future__ import annotations

import shlex
import sys
from pathlib import Path

import fixtures_tui
import pytest
from fixtures_tui import Tmux, env_for_subprocess, read_when_written
from test_tui_burst_open import burst

from mtreview.store import Project

review_project = fixtures_tui.review_project
data_dir = fixtures_tui.data_dir

# the status list: any status, not reviewed, MT accepted, ...
STATUS_NOT_REVIEWED = [("f", "f"), ("down", None), ("down", None), ("enter", None), ("enter", None)]


@pytest.mark.asyncio
async def test_a_status_chosen_and_applied_in_one_burst(review_project: Path) -> None:
    with Project.open(review_project) as proj:
        proj.decide(proj.segment_ids()[0], "accept_mt", reviewer="bob")
    _, _, shown = await burst(review_project, STATUS_NOT_REVIEWED)
    assert shown == len(fixtures_tui.ROWS) - 1  # segment 1 is decided


@pytest.mark.asyncio
async def test_escape_from_an_open_list_then_enter_applies_what_was_chosen(review_project: Path) -> None:
    # down opens the list, escape closes it with nothing chosen, enter applies: no filter
    _, _, shown = await burst(review_project, [("f", "f"), ("down", None), ("escape", None), ("enter", None)])
    assert shown == len(fixtures_tui.ROWS)


def test_the_burst_in_a_real_terminal(review_project: Path, data_dir: Path, tmp_path: Path) -> None:
    rc_file = tmp_path / "rc"
    line = shlex.join([sys.executable, "-m", "mtreview", "review", str(review_project), "--reviewer", "t"])
    term = Tmux("tui14-burst-select", ["sh", "-c", f"{line}; echo $? > {shlex.quote(str(rc_file))}; sleep 60"],
                env_for_subprocess(data_dir), size=(100, 30))
    try:
        term.wait(lambda s: "Segment 1 of" in s, timeout=60, what="the review")
        term.keys("a")
        term.wait(lambda s: fixtures_tui.reviewed_count(s) == 1, what="segment 1 accepted")
        term.tmux("send-keys", "-t", term.name, "f", "Down", "Down", "Enter", "Enter")  # one burst
        shown = term.wait(lambda s: "Filter status=unreviewed: 5 of 6" in s or "No filter" in s, what="a filter")
        assert "Filter status=unreviewed: 5 of 6 segments shown" in shown, shown
        term.keys("q")
        assert read_when_written(rc_file, term) == "0"
    finally:
        term.close()
