"""ctrl+y after a refused redo redoes the step undone before it (QA: anna accepts segments 1 and 2 and undoes
both; bob rejects segment 1 in another session. ctrl+y is refused, rightly, and every further ctrl+y repeated
the same refusal, so her acceptance of segment 2 could never be redone)."""

from __future__ import annotations

from pathlib import Path

import fixtures_tui
import pytest
from fixtures_tui import record_notifications, statuses_of

from mtreview.store import Project
from mtreview.store_events import UndoRefused
from mtreview.tui.app import make_app

review_project = fixtures_tui.review_project


def test_redo_skips_a_refused_step_and_the_log_stays_consistent(review_project: Path) -> None:
    with Project.open(review_project) as anna, Project.open(review_project) as bob:
        ids = anna.segment_ids()
        anna.decide(ids[0], "accept_mt", reviewer="anna")
        anna.decide(ids[1], "accept_mt", reviewer="anna")
        anna.undo(reviewer="anna", session=anna.session_id)
        anna.undo(reviewer="anna", session=anna.session_id)
        bob.decide(ids[0], "reject", reviewer="bob")
        with pytest.raises(UndoRefused) as refused:
            anna.redo(reviewer="anna", session=anna.session_id)
        skip = {refused.value.event_id}
        assert anna.redo(reviewer="anna", session=anna.session_id, skip=skip) == ids[1]
        assert anna.redo(reviewer="anna", session=anna.session_id, skip=skip) is None
        # the redone step is done again: u takes it back, and ctrl+y brings it once more
        assert anna.undo(reviewer="anna", session=anna.session_id) == ids[1]
        assert anna.redo(reviewer="anna", session=anna.session_id, skip=skip) == ids[1]
    assert statuses_of(review_project)[:2] == ["rejected", "accepted_mt"]


@pytest.mark.asyncio
async def test_ctrl_y_after_a_refused_redo_redoes_the_one_undone_before_it(review_project: Path) -> None:
    app = make_app(review_project, reviewer="anna", cursor_blink=False)
    async with app.run_test(size=(120, 40)) as pilot:
        await pilot.pause()
        await pilot.press("a", "a", "u", "u")
        await pilot.pause()
        assert statuses_of(review_project)[:2] == ["unreviewed", "unreviewed"]
        with Project.open(review_project) as bob:
            bob.decide(bob.segment_ids()[0], "reject", reviewer="bob")
        assert app.screen.check_other_sessions()
        await pilot.pause()
        said = record_notifications(app)
        for _ in range(3):
            await pilot.press("ctrl+y")
            await pilot.pause()
    assert said == [
        "Not redone: segment 1 was changed since by bob (pair rejected) in another session; it is left as it is. "
        "ctrl+y again redoes the one undone before it: segment 2, MT accepted.",
        "Redone: segment 2, MT accepted.",
        "Nothing more to redo in this session: what is left of it was changed since in another session.",
    ]
    assert statuses_of(review_project)[:2] == ["rejected", "accepted_mt"]


@pytest.mark.asyncio
async def test_ctrl_y_after_a_new_decision_says_why_there_is_nothing_to_redo(review_project: Path) -> None:
    """QA: after u and then a decision, ctrl+y said only "Nothing to redo in this session.", and the undone
    step seemed lost; without any undo it says just that."""
    app = make_app(review_project, reviewer="anna", cursor_blink=False)
    async with app.run_test(size=(120, 40)) as pilot:
        await pilot.pause()
        said = record_notifications(app)
        await pilot.press("ctrl+y")  # nothing undone yet
        await pilot.press("a", "u", "x")  # accept, undo it, then reject: a new decision
        await pilot.pause()
        await pilot.press("ctrl+y")
        await pilot.pause()
    assert said[0] == "Nothing to redo in this session."
    assert said[-1].startswith("Nothing to redo: a decision made after an undo ends what ctrl+y can redo")
    assert statuses_of(review_project)[0] == "rejected"
