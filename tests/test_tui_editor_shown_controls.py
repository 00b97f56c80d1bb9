"""Control characters in the editor's text (a paste from a terminal brings ESC sequences) show as stand-ins, as
in the detail pane, rather than reach the terminal (QA: the text area sent a pasted ESC [31m to the terminal
as it was, which turned the rest of the editor's line red; an ESC [2J would clear the screen)."""

from __future__ import annotations

from pathlib import Path

import fixtures_tui
import pytest
from textual.widgets import TextArea

from mtreview.tui.app import make_app

review_project = fixtures_tui.review_project


@pytest.mark.asyncio
async def test_controls_in_the_editor_show_as_stand_ins_and_are_not_saved(review_project: Path) -> None:
    app = make_app(review_project, reviewer="ana", cursor_blink=False)
    async with app.run_test(size=(100, 30)) as pilot:
        await pilot.press("e")
        await pilot.pause()
        area = app.screen.query_one(TextArea)
        area.text = "Red \x1b[31mtext\x07 and \u202ebidi\x9b end"
        await pilot.pause()
        drawn = area.render_line(0).text
        assert "Red \u241b[31mtext\u2407 and \ufffdbidi\ufffd end" in drawn
        assert not any(ord(ch) < 0x20 or 0x7F <= ord(ch) < 0xA0 for ch in drawn), repr(drawn)
        # the cursor, at the end of the text, stands right after it: each stand-in takes one cell
        area.move_cursor(area.document.end)
        assert area.cursor_screen_offset.x - area.content_region.x == len(area.text)
        await pilot.press("ctrl+s")
        await pilot.pause()
    state = fixtures_tui.state_of(review_project, 1)
    assert state.status == "edited" and state.final_text.startswith("Red [31mtext and ")
    assert not any(ord(ch) < 0x20 or 0x7F <= ord(ch) < 0xA0 for ch in state.final_text)
