"""Two commits of another session a second apart (a note, then a decision) showed two toasts at once: the first,
longer warning ("Another session (root) is changing this project: ...") and "Refreshed: another session (root)
changed the project." beside it (QA, README walk-through). While the warning shows, it says it already."""

from __future__ import annotations

from pathlib import Path

import fixtures_tui
import pytest

from mtreview.store import Project
from mtreview.tui.app import make_app
from mtreview.tui.screens.main import MainScreen

review_project = fixtures_tui.review_project
pytestmark = pytest.mark.asyncio


def about_others(app) -> list[str]:
    return [n.message for n in app._notifications if "another session" in n.message.lower()]


async def test_a_second_commit_while_the_warning_shows_adds_no_toast(review_project: Path) -> None:
    app = make_app(review_project, reviewer="anna", cursor_blink=False)
    async with app.run_test(size=(120, 40)) as pilot:
        screen = app.screen
        assert isinstance(screen, MainScreen)
        with Project.open(review_project) as bob:
            bob.set_note(bob.segment_ids()[1], "check the name", reviewer="bob")
        assert screen.check_other_sessions()
        await pilot.pause()
        with Project.open(review_project) as bob:
            bob.decide(bob.segment_ids()[2], "reject", reviewer="bob")
        assert screen.check_other_sessions()  # the list is refreshed all the same
        await pilot.pause()
        assert screen.view.status[screen.view.ids[2]] == "rejected"
        said = about_others(app)
        assert len(said) == 1 and said[0].startswith("Another session (bob) is changing this project"), said
        # once the warning has gone, a later commit is said briefly
        for note in list(app._notifications):
            app._unnotify(note)
        with Project.open(review_project) as bob:
            bob.decide(bob.segment_ids()[3], "reject", reviewer="bob")
        assert screen.check_other_sessions()
        await pilot.pause()
        assert about_others(app) == ["Refreshed: another session (bob) changed the project."]
