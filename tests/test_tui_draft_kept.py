"""An edit open in the editor when the review is ended from outside (the terminal closed: SIGHUP; SIGTERM) is
kept for the reviewer's next review, where e on that segment starts from it; nothing is decided meanwhile.
QA: closing the terminal window mid-edit lost the typed text."""

from __future__ import annotations

import os
import signal
from pathlib import Path

import fixtures_tui
from fixtures_tui import read_when_written
from procs import children

from mtreview.store import Project
from mtreview.tui.drafts import Draft, keep_draft, take_draft

review_project = fixtures_tui.review_project
data_dir = fixtures_tui.data_dir

TYPED = "Kept draft of the fix"


_review = fixtures_tui.review_in_tmux


def test_an_edit_open_when_the_terminal_closes_is_offered_in_the_next_review(
        review_project: Path, data_dir: Path, tmp_path: Path) -> None:
    before = fixtures_tui.statuses_of(review_project)
    term, rc_file = _review("draft-hup", review_project, data_dir, tmp_path)
    try:
        term.wait(lambda s: "Segment 1 of" in s, timeout=60, what="the review")
        term.keys("e")
        term.wait(lambda s: "Edit segment 1" in s, what="the editor")
        term.keys("C-a", TYPED)
        term.wait(lambda s: TYPED in s, what="the typed text")
        os.kill(children(term.pid())[0], signal.SIGHUP)
        assert read_when_written(rc_file, term) == "129"
        assert "unsaved edit of segment 1 is kept" in term.screen().replace("\n", "")
    finally:
        term.close()
    assert fixtures_tui.statuses_of(review_project) == before  # nothing was decided

    fixtures_tui.save_the_offered_draft(*_review("draft-next", review_project, data_dir, tmp_path), TYPED)
    state = fixtures_tui.state_of(review_project, 1)
    assert state.status == "edited" and state.final_text == TYPED


def test_a_draft_is_offered_once_and_only_to_its_reviewer(review_project: Path) -> None:
    with Project.open(review_project) as proj:
        first = proj.segment_ids()[0]
        assert keep_draft(proj, "anna", Draft(first, "Anna's text"))
        assert take_draft(proj, "bob") is None  # another reviewer's draft is not theirs
        assert take_draft(proj, "anna") == Draft(first, "Anna's text")
        assert take_draft(proj, "anna") is None  # taken once
        assert keep_draft(proj, "anna", Draft(10**6, "for a segment that is gone"))
        assert take_draft(proj, "anna") is None
