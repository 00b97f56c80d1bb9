"""Keys typed in the same burst as the key that closes the editor (ctrl+s, escape) act on the list below, in
the order typed, after the save has moved the cursor on (QA: "fixed." ctrl+s "j" typed quickly saved the
edit and dropped the j, which had reached the closed editor)."""

from __future__ import annotations

from pathlib import Path

import fixtures_tui
import pytest
from textual import events

from mtreview.tui.app import make_app
from mtreview.tui.screens.editor import EditorScreen
from mtreview.tui.screens.main import MainScreen

review_project = fixtures_tui.review_project
pytestmark = pytest.mark.asyncio

Burst = list[tuple[str, str | None]]


def typed(text: str) -> Burst:
    return [(ch, ch) for ch in text]


async def burst_in_editor(project: Path, keys: Burst) -> int:
    """Open the editor on segment 1, post ``keys`` to the app in one go (one read from the terminal), and
    return the list's cursor once everything settled."""
    app = make_app(project, reviewer="ana", cursor_blink=False)
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.press("e")
        await pilot.pause()
        assert isinstance(app.screen, EditorScreen)
        for key, char in keys:
            app.post_message(events.Key(key, char))
        for _ in range(10):
            await pilot.pause()
        screen = app.screen
        assert isinstance(screen, MainScreen)
        return screen.segment_list.cursor


async def test_keys_after_ctrl_s_act_on_the_list_in_typed_order(review_project: Path) -> None:
    # The save moves the cursor to segment 2; j then goes to 3 and a accepts 3 (a before j would accept 2).
    cursor = await burst_in_editor(review_project, [*typed(" fixed."), ("ctrl+s", None), *typed("ja")])
    mt = fixtures_tui.ROWS[0][1]
    state = fixtures_tui.state_of(review_project, 1)
    assert (state.status, state.final_text) == ("edited", mt + " fixed.")
    assert fixtures_tui.statuses_of(review_project)[1:4] == ["unreviewed", "accepted_mt", "unreviewed"]
    assert cursor == 3


async def test_a_key_after_escape_moves_the_list(review_project: Path) -> None:
    assert await burst_in_editor(review_project, [("escape", None), *typed("j")]) == 1
    assert fixtures_tui.statuses_of(review_project)[0] == "unreviewed"


async def test_keys_after_a_discarding_escape_act_on_the_list(review_project: Path) -> None:
    # a changed text: escape asks, the second escape discards; "jj" then moves two rows
    cursor = await burst_in_editor(review_project, [*typed("z"), ("escape", None), ("escape", None), *typed("jj")])
    assert cursor == 2
    assert fixtures_tui.statuses_of(review_project)[0] == "unreviewed"
