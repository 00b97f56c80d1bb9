"""A note typed in the C dialog and not saved is not dropped by one keystroke, as an edit is not: escape and
ctrl+q ask first, and a review ended from outside (the terminal closed, SIGHUP) keeps it for the next review,
where C on its segment starts from it (QA: one stray escape, or closing the terminal, lost a query typed for
the client)."""

from __future__ import annotations

import os
import signal
from pathlib import Path

import fixtures_tui
import pytest
from fixtures_tui import read_when_written, record_notifications
from procs import children
from textual.widgets import Input

from mtreview.store import Project
from mtreview.tui.app import make_app
from mtreview.tui.screens.dialogs import NoteDialog
from mtreview.tui.screens.main import MainScreen

review_project = fixtures_tui.review_project
data_dir = fixtures_tui.data_dir
SIZE = (120, 40)
QUERY = "Ask the client which title the general holds"


def note_text(path: Path, number: int) -> str | None:
    with Project.open(path) as proj:
        note = proj.note(proj.segment_ids()[number - 1])
    return None if note is None else note.text


@pytest.mark.asyncio
async def test_escape_asks_before_dropping_a_typed_note(review_project: Path) -> None:
    app = make_app(review_project, reviewer="ana", cursor_blink=False)
    async with app.run_test(size=SIZE) as pilot:
        said = record_notifications(app)
        await pilot.press("C", *QUERY, "escape")
        await pilot.pause()
        assert isinstance(app.screen, NoteDialog)  # still open, the note in it
        assert app.screen.query_one(Input).value == QUERY
        assert any(m.startswith("Unsaved note: press escape again") for m in said), said
        await pilot.press("s")  # typing on: the question no longer holds, and its warning goes
        await pilot.pause()
        assert not any(n.message.startswith("Unsaved note:") for n in app._notifications)
        await pilot.press("escape")
        await pilot.pause()
        assert isinstance(app.screen, NoteDialog)  # asked again
        await pilot.press("escape")
        await pilot.pause()
        assert isinstance(app.screen, MainScreen)
        # C again, not changed: escape closes at once
        await pilot.press("C", "escape")
        await pilot.pause()
        assert isinstance(app.screen, MainScreen)
    assert note_text(review_project, 1) is None


@pytest.mark.asyncio
async def test_ctrl_q_asks_before_quitting_over_a_typed_note(review_project: Path) -> None:
    app = make_app(review_project, reviewer="ana", cursor_blink=False)
    async with app.run_test(size=SIZE) as pilot:
        said = record_notifications(app)
        await pilot.press("C", *QUERY, "ctrl+q")
        await pilot.pause()
        assert isinstance(app.screen, NoteDialog)
        assert any(m.startswith("Unsaved note: ctrl+q again quits") for m in said), said
        await pilot.press("enter")  # saved after all
        await pilot.pause()
    assert note_text(review_project, 1) == QUERY


def test_a_note_being_typed_when_the_terminal_closes_is_offered_in_the_next_review(
        review_project: Path, data_dir: Path, tmp_path: Path) -> None:
    term, rc_file = fixtures_tui.review_in_tmux("note-hup", review_project, data_dir, tmp_path)
    try:
        term.wait(lambda s: "Segment 1 of" in s, timeout=60, what="the review")
        term.keys("C")
        term.wait(lambda s: "Note on segment 1" in s, what="the note dialog")
        term.keys(QUERY)
        term.wait(lambda s: QUERY in s, what="the typed note")
        os.kill(children(term.pid())[0], signal.SIGHUP)
        assert read_when_written(rc_file, term) == "129"
        assert "unsaved note on segment 1 is kept" in term.screen().replace("\n", "")
    finally:
        term.close()
    assert note_text(review_project, 1) is None  # nothing was saved meanwhile

    term, rc_file = fixtures_tui.review_in_tmux("note-next", review_project, data_dir, tmp_path)
    try:
        term.wait(lambda s: "the note you wrote in your last review was not saved" in s, timeout=60,
                  what="the notice")
        term.keys("C")
        term.wait(lambda s: "Note on segment 1" in s and QUERY in s, what="the kept note")
        term.keys("Enter")
        term.wait(lambda s: "note saved" in s, what="the note saved")
        term.keys("q")
        assert read_when_written(rc_file, term) == "0"
    finally:
        term.close()
    assert note_text(review_project, 1) == QUERY
