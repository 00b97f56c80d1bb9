"""Keys typed in the same burst as the key that opens the editor (e) or a dialog (/, g) go to what it opened,
in typed order (they reached the list's screen before the editor had opened, and were lost there; list keys
such as j or a must become text in the editor, not list actions); and keys typed in the same burst after the
enter that confirms a dialog act on the list once it has closed (they went into the closing input)."""

from __future__ import annotations

from pathlib import Path

import fixtures_tui
import pytest
from textual import events
from textual.widgets import Input

from mtreview.tui.app import make_app
from mtreview.tui.screens.dialogs import FilterDialog
from mtreview.tui.screens.main import MainScreen

review_project = fixtures_tui.review_project
pytestmark = pytest.mark.asyncio

Burst = list[tuple[str, str | None]]


def typed(text: str) -> Burst:
    return [(ch, ch) for ch in text]


async def burst(project: Path, keys: Burst, first: Burst | None = None) -> tuple[int, str | None, int]:
    """Press ``first`` one at a time, then post ``keys`` to the app in one go (one read from the terminal);
    once everything settled (no editor or dialog left open): the list's cursor, its search and length."""
    app = make_app(project, reviewer="ana", cursor_blink=False)
    async with app.run_test(size=(80, 24)) as pilot:
        for key, _char in first or []:
            await pilot.press(key)
            await pilot.pause()
        for key, char in keys:
            app.post_message(events.Key(key, char))
        for _ in range(15):
            await pilot.pause()
        screen = app.screen
        assert isinstance(screen, MainScreen), f"{screen!r} still open"
        return screen.segment_list.cursor, screen.view.filter.search, len(screen.view)


async def test_list_keys_typed_right_after_e_are_text_in_the_editor(review_project: Path) -> None:
    cursor, _, _ = await burst(review_project, [("e", "e"), *typed(" jak"), ("ctrl+s", None)])
    state = fixtures_tui.state_of(review_project, 1)
    assert (state.status, state.final_text) == ("edited", fixtures_tui.ROWS[0][1] + " jak")
    # a and k were not list actions: only segment 1 is decided, and the save moved on to segment 2
    assert fixtures_tui.statuses_of(review_project)[1:] == ["unreviewed"] * (len(fixtures_tui.ROWS) - 1)
    assert cursor == 1


async def test_a_search_term_typed_right_after_slash_is_searched(review_project: Path) -> None:
    _, search, shown = await burst(review_project, [("slash", "/"), *typed("Washington"), ("enter", None)])
    assert (search, shown) == ("Washington", 1)


async def test_go_to_then_a_list_key_in_one_burst(review_project: Path) -> None:
    # g, 3, enter goes to segment 3; the j typed after the enter then moves on to segment 4
    cursor, _, _ = await burst(review_project, [("g", "g"), *typed("3"), ("enter", None), *typed("j")])
    assert cursor == 3


async def test_a_key_typed_right_after_a_dialogs_enter_acts_on_the_list(review_project: Path) -> None:
    # the dialog already open: 5 enter goes to segment 5, then k moves back to 4 (it went into the input)
    cursor, _, _ = await burst(review_project, [*typed("5"), ("enter", None), *typed("k")], first=[("g", "g")])
    assert cursor == 3


async def test_a_search_then_a_decision_in_one_burst(review_project: Path) -> None:
    # the search dialog already open: "Washington" enter shows segment 2 only; a then accepts it
    _, search, _ = await burst(review_project, [*typed("Washington"), ("enter", None), *typed("a")],
                               first=[("slash", "/")])
    assert search == "Washington"
    assert fixtures_tui.statuses_of(review_project)[:2] == ["unreviewed", "accepted_mt"]


async def test_a_refused_submit_gives_the_keys_after_it_back_to_the_dialog(review_project: Path) -> None:
    """A dialog that stays open after enter (the filter's minimum risk out of range) gets the keys typed
    after it, in order (they wait while its submission is acted on)."""
    app = make_app(review_project, reviewer="ana", cursor_blink=False)
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.press("f")
        await pilot.pause()
        dialog = app.screen
        assert isinstance(dialog, FilterDialog)
        risk = dialog.query_one("#filter-risk", Input)
        risk.focus()
        await pilot.pause()
        for key, char in [*typed("2"), ("enter", None), *typed("5")]:
            app.post_message(events.Key(key, char))
        for _ in range(10):
            await pilot.pause()
        assert app.screen is dialog
        assert risk.value == "25"


async def _filter_burst(project: Path, keys: Burst, open_first: bool) -> tuple[str, str | None]:
    """Post ``keys`` in one go to the filter dialog (``f`` pressed first, or part of the burst); the risk
    input's value and the id of the widget focused after."""
    app = make_app(project, reviewer="ana", cursor_blink=False)
    async with app.run_test(size=(80, 24)) as pilot:
        if open_first:
            await pilot.press("f")
            await pilot.pause()
        for key, char in keys:
            app.post_message(events.Key(key, char))
        for _ in range(15):
            await pilot.pause()
        dialog = app.screen
        assert isinstance(dialog, FilterDialog)
        focused = app.focused
        return dialog.query_one("#filter-risk", Input).value, focused.id if focused else None


@pytest.mark.parametrize("open_first", [False, True])
async def test_tab_in_a_burst_moves_focus_before_the_next_characters(review_project: Path, open_first: bool) -> None:
    """f Tab Tab 0.5 (the dialog opened by the burst, or already open): status, flag, then the risk field
    gets the number (Tab moved focus only after the characters had reached the status select)."""
    keys = [("tab", None), ("tab", None), *typed("0.5")]
    value, focused = await _filter_burst(review_project, keys if open_first else [("f", "f"), *keys], open_first)
    assert (value, focused) == ("0.5", "filter-risk")


async def test_shift_tab_in_a_burst_leaves_the_input_before_the_next_characters(review_project: Path) -> None:
    """1 shift+tab 9 in the risk field: the 9 is typed after focus left it (it went into the field)."""
    keys = [("tab", None), ("tab", None), *typed("1"), ("shift+tab", None), *typed("9")]
    value, focused = await _filter_burst(review_project, keys, open_first=True)
    assert (value, focused) == ("1", "filter-flag")
