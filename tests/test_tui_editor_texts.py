"""The editor shows the MT and the candidates beside the text being edited (QA in tmux: the reference was
out of sight while editing; only ctrl+r, which replaces the text typed so far, showed it)."""

from __future__ import annotations

from pathlib import Path

import fixtures_tui
import pytest
from fixtures_tui import ROWS
from textual.widgets import Static, TextArea

from mtreview.tui.app import make_app
from mtreview.tui.screens.editor import EditorScreen

review_project = fixtures_tui.review_project
pytestmark = pytest.mark.asyncio


def others(app) -> str:  # noqa: ANN001
    return str(app.screen.query_one("#editor-others", Static).render())


async def test_the_editor_shows_the_other_texts(review_project: Path) -> None:
    app = make_app(review_project, reviewer="ana", cursor_blink=False)
    mt, retranslations, reference = ROWS[2][1], ROWS[2][5], ROWS[2][6]
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.press("j", "j", "e")  # segment 3: two retranslations and a reference equal to the first
        await pilot.pause()
        assert isinstance(app.screen, EditorScreen)
        shown = others(app)
        assert mt not in shown  # it is in the text area
        assert f"Candidate 1 (opus-mt-ru-en): {retranslations[0]}" in shown
        assert f"Candidate 2 (opus-mt-ru-en#2): {retranslations[1]}" in shown
        assert reference == retranslations[0] and "(reference)" not in shown  # the same text once
        await pilot.press("ctrl+r")  # start from candidate 1 instead: the MT shows there now
        await pilot.pause()
        shown = others(app)
        assert app.screen.query_one(TextArea).text == retranslations[0]
        assert f"The MT: {mt}" in shown and retranslations[0] not in shown
        area = app.screen.query_one(TextArea)
        assert area.region.height >= 4  # the text being edited keeps its room at 80x24
