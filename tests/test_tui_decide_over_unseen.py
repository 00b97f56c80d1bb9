"""A decision that replaces another session's decision the screen did not show yet says so (QA, two reviewers
in tmux: bob rejected segment 69 while qa had it in the editor; qa's ctrl+s said only "edit saved", and the
rejection was gone)."""

from __future__ import annotations

from pathlib import Path

import fixtures_tui
import pytest
from fixtures_tui import state_of

from mtreview.store import Project
from mtreview.tui.app import make_app
from mtreview.tui.screens.editor import EditorScreen

review_project = fixtures_tui.review_project
pytestmark = pytest.mark.asyncio
SIZE = (120, 40)


def messages(app) -> list[str]:
    return [n.message for n in app._notifications]


async def test_an_edit_saved_over_a_rejection_made_meanwhile(review_project: Path) -> None:
    app = make_app(review_project, reviewer="qa", cursor_blink=False)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("e", "end", *" (qa)")
        await pilot.pause()
        assert isinstance(app.screen, EditorScreen)
        with Project.open(review_project) as proj:  # bob, in another session
            proj.decide(proj.segment_ids()[0], "reject", reviewer="bob")
        await pilot.press("ctrl+s")
        await pilot.pause()
        said = [m for m in messages(app) if m.startswith("Segment 1: edit saved")]
        assert said and "replaces bob's decision (rejected)" in said[-1], messages(app)
        assert "((" not in said[-1] and "))" not in said[-1]
    assert state_of(review_project, 1).status == "edited"


async def test_a_decision_on_what_the_screen_shows_says_nothing_more(review_project: Path) -> None:
    app = make_app(review_project, reviewer="qa", cursor_blink=False)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("a")
        await pilot.pause()
        await pilot.press("k", "x")  # qa's own acceptance, shown: replaced without a word about it
        await pilot.pause()
        assert "Segment 1: pair rejected." in messages(app)
        assert not any("replaces" in m for m in messages(app))


async def test_an_edit_saved_over_a_rejection_the_list_refreshed_while_editing(review_project: Path) -> None:
    # QA in tmux: the list refreshes every second, also under the editor; bob's rejection was then "shown"
    # (under the editor, never seen) and qa's ctrl+s replaced it without a word.
    app = make_app(review_project, reviewer="qa", cursor_blink=False)
    async with app.run_test(size=SIZE) as pilot:
        main = app.screen
        await pilot.press("e", "end", *" (qa)")
        await pilot.pause()
        assert isinstance(app.screen, EditorScreen)
        with Project.open(review_project) as proj:  # bob, in another session
            proj.decide(proj.segment_ids()[0], "reject", reviewer="bob")
        assert main.check_other_sessions()  # the poll, while qa types
        await pilot.press("ctrl+s")
        await pilot.pause()
        said = [m for m in messages(app) if m.startswith("Segment 1: edit saved")]
        assert said and "replaces bob's decision (rejected" in said[-1], messages(app)
    assert state_of(review_project, 1).status == "edited"


async def test_an_edit_over_a_decision_seen_when_the_editor_opened_says_nothing_more(review_project: Path) -> None:
    with Project.open(review_project) as proj:
        proj.decide(proj.segment_ids()[0], "reject", reviewer="bob")  # before the review opens: on screen
    app = make_app(review_project, reviewer="qa", cursor_blink=False)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("home", "e", "end", *" (qa)", "ctrl+s")
        await pilot.pause()
        said = [m for m in messages(app) if m.startswith("Segment 1: edit saved")]
        assert said and "replaces" not in said[-1], messages(app)
    assert state_of(review_project, 1).status == "edited"
