"""Control characters pasted into the editor are not saved (QA: a paste from a terminal or a web page put
ESC, BEL and NUL into the stored translation, and the reviewed article was exported with them; import and
notes already drop them)."""

from __future__ import annotations

from pathlib import Path

import fixtures_tui
import pytest
from textual import events

from mtreview.tui.app import make_app

review_project = fixtures_tui.review_project


@pytest.mark.asyncio
async def test_pasted_control_characters_are_dropped_from_an_edit(review_project: Path) -> None:
    app = make_app(review_project, reviewer="ana", cursor_blink=False)
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.press("e", "ctrl+a")
        app.post_message(events.Paste("Bell\x07 and \x1b[31mred\x00\ttab\x0cform"))
        await pilot.pause()
        await pilot.press("ctrl+s")
        await pilot.pause()
    state = fixtures_tui.state_of(review_project, 1)
    assert (state.status, state.final_text) == ("edited", "Bell and [31mred\ttab form")
