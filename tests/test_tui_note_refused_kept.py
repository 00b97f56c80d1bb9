"""A note whose save was refused (another session merged its segment) is kept when the reviewer quits, for
their next review, as a refused edit is (QA: q after "Note not saved … Your note is kept" lost the note)."""

from __future__ import annotations

from pathlib import Path

import fixtures_tui
import pytest
from test_tui_notes import note_of, type_note
from textual.widgets import Input

from mtreview.repair import merge_with_next
from mtreview.store import Project
from mtreview.tui.app import make_app
from mtreview.tui.drafts import keep_note_draft, take_note_draft

review_project = fixtures_tui.review_project
NOTE = "typed before the merge"


@pytest.mark.asyncio
async def test_q_after_a_refused_note_keeps_it_for_the_next_review(review_project: Path) -> None:
    app = make_app(review_project, reviewer="ana", cursor_blink=False)
    async with app.run_test(size=(120, 40)) as pilot:
        await pilot.pause()
        await type_note(pilot, NOTE)
        with Project.open(review_project) as other:  # another session merges segments 1 and 2 meanwhile
            merge_with_next(other, other.segment_ids()[0], reviewer="bob")
        await pilot.press("enter")
        await pilot.pause()
        assert any("Your note is kept" in n.message for n in app._notifications)
        await pilot.press("q")
        await pilot.pause()
    app = make_app(review_project, reviewer="ana", cursor_blink=False)
    async with app.run_test(size=(120, 40)) as pilot:
        await pilot.pause()
        said = [n.message for n in app._notifications]
        assert any(m.startswith("Segment 1: the note you wrote in your last review was not saved") for m in said)
        await pilot.press("C")
        await pilot.pause()
        assert app.screen.query_one(Input).value == NOTE
        await pilot.press("enter")
        await pilot.pause()
    assert note_of(review_project, 1) == (NOTE, "ana")


def test_a_kept_note_is_offered_once_and_only_to_its_reviewer(review_project: Path) -> None:
    with Project.open(review_project) as proj:
        first = proj.segment_ids()[0]
        assert keep_note_draft(proj, "ana", first, "a query")
        assert take_note_draft(proj, "bob") is None
        assert take_note_draft(proj, "ana") == (first, "a query")
        assert take_note_draft(proj, "ana") is None
