"""The editor's "press the key again" warnings leave the screen once they no longer hold (QA in tmux: after
typing on, "press escape again to discard them" stayed up while escape only asked again; after ctrl+r had
loaded the next text, "ctrl+r again replaces them" stayed up over it)."""

from __future__ import annotations

from pathlib import Path

import fixtures_tui
import pytest
from textual.widgets import TextArea

from mtreview.tui.app import make_app
from mtreview.tui.screens.editor import EditorScreen

review_project = fixtures_tui.review_project
pytestmark = pytest.mark.asyncio
SIZE = (120, 40)


def messages(app) -> list[str]:
    return [n.message for n in app._notifications]


async def test_typing_on_withdraws_the_escape_warning(review_project: Path) -> None:
    app = make_app(review_project, reviewer="ana", cursor_blink=False)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("e", "end", *" zz", "escape")
        await pilot.pause()
        assert any("press escape again" in m for m in messages(app))
        await pilot.press(*"yy")
        await pilot.pause()
        assert not any("press escape again" in m for m in messages(app))
        await pilot.press("escape")  # asks again, as the warning now says
        await pilot.pause()
        assert isinstance(app.screen, EditorScreen)
        assert any("press escape again" in m for m in messages(app))


async def test_loading_the_next_text_withdraws_the_warnings(review_project: Path) -> None:
    app = make_app(review_project, reviewer="ana", cursor_blink=False)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("e", "end", *" zz", "escape", "ctrl+r")
        await pilot.pause()
        said = messages(app)
        assert any("press escape again" in m for m in said) and any("ctrl+r again" in m for m in said)
        await pilot.press("ctrl+r")
        await pilot.pause()
        assert not app.screen.query_one(TextArea).text.endswith(" zz")  # replaced
        said = messages(app)
        assert not any("press escape again" in m or "ctrl+r again" in m for m in said), said
