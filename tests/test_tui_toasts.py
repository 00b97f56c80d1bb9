"""Notifications and modal screens: a toast (5 to 15 s, bottom right) covered the editor's text and hint
line, or a dialog, while the reviewer was about to type there. A modal screen now opens clear of toasts,
and what the main screen says while one is open waits until it closes."""

from __future__ import annotations

from pathlib import Path

import fixtures_tui
import pytest
from textual import events

from mtreview.tui.app import make_app
from mtreview.tui.messages import WorkNotice
from mtreview.tui.screens.dialogs import InputDialog
from mtreview.tui.screens.editor import EditorScreen
from mtreview.tui.screens.main import MainScreen

review_project = fixtures_tui.review_project
pytestmark = pytest.mark.asyncio


def messages(app) -> list[str]:
    return [n.message for n in app._notifications]


def toasts_on_screen(app) -> list[str]:
    """The text of the toasts shown on the active screen."""
    return [str(t.render()) for t in app.screen.query("Toast")]


async def settle(pilot, n: int = 5) -> None:
    for _ in range(n):
        await pilot.pause()


async def test_the_editor_opens_clear_of_an_earlier_toast(review_project: Path) -> None:
    app = make_app(review_project, reviewer="ana", cursor_blink=False)
    async with app.run_test(size=(80, 24), notifications=True) as pilot:
        await pilot.press("a")
        await settle(pilot)
        assert "Segment 1: MT accepted." in messages(app)
        assert any("MT accepted" in t for t in toasts_on_screen(app))
        await pilot.press("e")
        await settle(pilot)
        assert isinstance(app.screen, EditorScreen)
        assert messages(app) == [] and toasts_on_screen(app) == []
        # What the editor says about the key just pressed still shows.
        await pilot.press("z", "escape")
        await settle(pilot)
        assert any("press escape again" in t for t in toasts_on_screen(app))


async def test_a_toast_still_on_its_way_when_the_editor_opens_is_not_shown_over_it(review_project: Path) -> None:
    # A terminal hands "ae" over in one read: a's notification is still queued when e opens the editor.
    app = make_app(review_project, reviewer="ana", cursor_blink=False)
    async with app.run_test(size=(80, 24), notifications=True) as pilot:
        await settle(pilot)
        for ch in "ae":
            app.post_message(events.Key(ch, ch))
        await settle(pilot, 10)
        assert isinstance(app.screen, EditorScreen)
        assert fixtures_tui.statuses_of(review_project)[0] == "accepted_mt"
        assert messages(app) == [] and toasts_on_screen(app) == []


async def test_what_the_main_screen_says_under_a_dialog_waits_until_it_closes(review_project: Path) -> None:
    app = make_app(review_project, reviewer="ana", cursor_blink=False)
    async with app.run_test(size=(80, 24), notifications=True) as pilot:
        await settle(pilot)
        main = app.screen
        assert isinstance(main, MainScreen)
        await pilot.press("slash")
        await settle(pilot)
        assert isinstance(app.screen, InputDialog)
        for _ in range(2):  # the same message twice is said once
            main.post_message(WorkNotice("retranslate", "No model for ru-en offline."))
        await settle(pilot)
        assert messages(app) == [] and toasts_on_screen(app) == []
        await pilot.press("escape")
        await settle(pilot)
        assert app.screen is main
        assert messages(app) == ["No model for ru-en offline."]
        assert any("No model for ru-en offline." in t for t in toasts_on_screen(app))


async def test_the_editors_own_toast_goes_with_it_when_it_closes(review_project: Path) -> None:
    """'press escape again to discard them' stayed over the list beside 'edit discarded' (QA)."""
    app = make_app(review_project, reviewer="ana", cursor_blink=False)
    async with app.run_test(size=(80, 24), notifications=True) as pilot:
        await pilot.press("e")
        await settle(pilot)
        await pilot.press("z", "escape")
        await settle(pilot)
        assert any("press escape again" in m for m in messages(app))
        await pilot.press("escape")
        await settle(pilot)
        assert isinstance(app.screen, MainScreen)
        assert not any("press escape again" in m for m in messages(app))
        assert any("edit discarded" in m for m in messages(app))


async def test_the_same_warning_twice_shows_once(review_project: Path) -> None:
    # QA in tmux: u pressed twice on an undo another session's change blocks stacked two identical
    # "Not undone: ..." warnings; a different warning still shows beside it.
    app = make_app(review_project, reviewer="ana", cursor_blink=False)
    async with app.run_test(size=(80, 24), notifications=True) as pilot:
        await settle(pilot)
        said = "Not undone: segment 10 was changed since by bob (note change) in another session; it is left as it is."
        for _ in range(2):
            app.screen.notify(said, severity="warning")
            await settle(pilot)
        assert messages(app) == [said]
        app.screen.notify("Another warning.", severity="warning")
        await settle(pilot)
        assert messages(app) == [said, "Another warning."]
        assert len(toasts_on_screen(app)) == 2
