"""A text whose save was refused is kept when the reviewer quits (QA: after ctrl+s was refused, because
another session had merged the segment, q threw the text away), and a draft keeps the segment's inline codes
where the reviewer put them, and code markers a save would refuse as typed (QA: a draft of a segment with
misplaced markers was not kept at all, and a kept one lost its codes' placement)."""

from __future__ import annotations

import os
import signal
from pathlib import Path

import fixtures_tui
import pytest
from fixtures_tui import read_when_written
from procs import children
from test_tui_code_markers import STANDALONE, coded_project, type_text
from textual.widgets import TextArea

from mtreview.repair import merge_with_next
from mtreview.store import Project
from mtreview.tui.app import make_app
from mtreview.tui.drafts import Draft, keep_draft, take_draft
from mtreview.tui.screens.editor import EditorScreen

review_project = fixtures_tui.review_project
data_dir = fixtures_tui.data_dir
coded_project = coded_project  # the fixture: one XLIFF unit, "Click ⟨1⟩File⟨/1⟩ then ⟨2/⟩Save"

TYPED = "Refused but kept"
MOVED = f"{STANDALONE}Click \u27e81\u27e9File\u27e8/1\u27e9 then Save"  # the standalone code moved to the start
TWICE = f"{STANDALONE}Click \u27e81\u27e9File\u27e8/1\u27e9 then {STANDALONE}Save"  # a marker typed twice


def test_a_draft_keeps_its_placement_and_markers_as_typed(review_project: Path) -> None:
    with Project.open(review_project) as proj:
        first = proj.segment_ids()[0]
        assert keep_draft(proj, "anna", Draft(first, "Click File", [(0, 1), (6, 0)]))
        assert take_draft(proj, "anna") == Draft(first, "Click File", [(0, 1), (6, 0)])
        assert keep_draft(proj, "anna", Draft(first, TWICE, None, as_typed=True))
        assert take_draft(proj, "anna") == Draft(first, TWICE, None, as_typed=True)
        # a draft an earlier version kept (segment and text only) is read as before
        proj.set_meta("review_draft:anna", f'{{"segment": {first}, "text": "old"}}')
        assert take_draft(proj, "anna") == Draft(first, "old")


_review = fixtures_tui.review_in_tmux


def test_q_after_a_refused_save_keeps_the_text_for_the_next_review(review_project: Path, data_dir: Path,
                                                                   tmp_path: Path) -> None:
    term, rc_file = _review("tui14-refused", review_project, data_dir, tmp_path)
    try:
        term.wait(lambda s: "Segment 1 of" in s, timeout=60, what="the review")
        term.keys("e")
        term.wait(lambda s: "Edit segment 1" in s, what="the editor")
        term.keys("C-a", TYPED)
        term.wait(lambda s: TYPED in s, what="the typed text")
        with Project.open(review_project) as other:  # another reviewer merges segments 1 and 2 meanwhile
            merge_with_next(other, other.segment_ids()[0], reviewer="bob")
        term.keys("C-s")
        term.wait(lambda s: "Your text is kept" in s, what="the refusal")
        term.keys("q")
        assert read_when_written(rc_file, term) == "0"
        assert "unsaved edit of segment 1 is kept" in term.screen().replace("\n", "")
    finally:
        term.close()

    fixtures_tui.save_the_offered_draft(*_review("tui14-refused2", review_project, data_dir, tmp_path), TYPED)
    state = fixtures_tui.state_of(review_project, 1)  # the merged segment
    assert state.status == "edited" and state.final_text == TYPED


@pytest.mark.asyncio
async def test_a_draft_keeps_where_the_reviewer_put_the_codes(coded_project: Path) -> None:
    app = make_app(coded_project, reviewer="ana", cursor_blink=False)
    async with app.run_test(size=(120, 40)) as pilot:
        await pilot.press("e")
        await pilot.pause()
        area = app.screen.query_one(TextArea)
        await pilot.press(*["left"] * len("Save"), *["shift+left"] * len(STANDALONE), "backspace", "home")
        await type_text(pilot, STANDALONE)
        assert area.text == MOVED
        app.keep_unsaved_edit()  # what SIGHUP and SIGTERM do before the app exits
        app.exit()
    app = make_app(coded_project, reviewer="ana", cursor_blink=False)
    async with app.run_test(size=(120, 40)) as pilot:
        await pilot.pause()
        await pilot.press("e")
        await pilot.pause()
        assert isinstance(app.screen, EditorScreen)
        assert app.screen.starts[0][0] == "your text that was not saved"
        assert app.screen.query_one(TextArea).text == MOVED
        await pilot.press("ctrl+s")
        await pilot.pause()
    with Project.open(coded_project) as proj:
        event = proj.events()[-1]
    assert event.action == "accept_mt"  # the MT's words, its codes where the reviewer put them
    assert event.payload is not None and event.payload["codes"] == [[0, 2], [6, 0], [10, 1]]


def test_misplaced_markers_are_kept_as_typed_when_the_terminal_closes(coded_project: Path, data_dir: Path,
                                                                      tmp_path: Path) -> None:
    term, rc_file = _review("tui14-twice", coded_project, data_dir, tmp_path)
    try:
        term.wait(lambda s: "Segment 1 of" in s, timeout=60, what="the review")
        term.keys("e")
        term.wait(lambda s: "Edit segment 1" in s, what="the editor")
        term.keys("C-Home", STANDALONE)  # the standalone code's marker a second time: a save refuses it
        term.wait(lambda s: TWICE in s, what="the typed marker")
        os.kill(children(term.pid())[0], signal.SIGHUP)
        assert read_when_written(rc_file, term) == "129"
        assert "unsaved edit of segment 1 is kept" in term.screen().replace("\n", "")
    finally:
        term.close()

    term, rc_file = _review("tui14-twice2", coded_project, data_dir, tmp_path)
    try:
        term.wait(lambda s: "you typed in your last review was not saved" in s, timeout=60, what="the notice")
        term.keys("e")
        shown = term.wait(lambda s: "Edit segment 1" in s, what="the editor")
        assert "your text that was not saved" in shown and TWICE in shown, shown
        term.keys("C-s")  # still refused: the markers are as they were typed
        term.wait(lambda s: f"{STANDALONE} is there twice" in s, what="the refusal")
        term.keys("C-Home", "Delete", "Delete", "Delete", "Delete")  # the extra marker goes
        term.wait(lambda s: TWICE not in s and f"then {STANDALONE}Save" in s, what="the marker deleted")
        term.keys("C-s")
        term.wait(lambda s: "Edit segment 1" not in s, what="the edit saved")
        term.keys("q")
        assert read_when_written(rc_file, term) == "0"
    finally:
        term.close()
    state = fixtures_tui.state_of(coded_project, 1)
    assert (state.status, state.final_text) == ("accepted_mt", "Click File then Save")  # the MT as it was

