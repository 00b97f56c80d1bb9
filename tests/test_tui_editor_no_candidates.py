"""ctrl+r in the editor of a segment without candidates says there is nothing else to load (QA: it reloaded the
same MT and said nothing, a key that did nothing silently). With a typed change it still offers the MT back."""

from __future__ import annotations

from pathlib import Path

import fixtures_tui
import pytest
from fixtures_tui import ROWS, record_notifications
from textual.widgets import TextArea

from mtreview.tui.app import make_app
from mtreview.tui.screens.editor import EditorScreen


@pytest.fixture
def bare_project(tmp_path: Path) -> Path:
    rows = [(src, mt, risk, conf, flags, [], None) for src, mt, risk, conf, flags, _c, _r in ROWS[:2]]
    return fixtures_tui.build_project(tmp_path / "bare.mtr", rows)


@pytest.mark.asyncio
async def test_ctrl_r_without_candidates_says_so(bare_project: Path) -> None:
    app = make_app(bare_project, reviewer="ana", cursor_blink=False)
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        await pilot.press("e")
        await pilot.pause()
        assert isinstance(app.screen, EditorScreen)
        said = record_notifications(app)
        await pilot.press("ctrl+r")
        await pilot.pause()
        assert said == ["Nothing else to load: the MT is the only text this segment has (no candidates yet; R "
                        "retranslates when a model is available)."]
        assert app.screen.query_one(TextArea).text == ROWS[0][1]


@pytest.mark.asyncio
async def test_ctrl_r_after_typing_still_offers_the_mt_back(bare_project: Path) -> None:
    app = make_app(bare_project, reviewer="ana", cursor_blink=False)
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        await pilot.press("e", *" extra")
        await pilot.pause()
        await pilot.press("ctrl+r")
        await pilot.pause()
        area = app.screen.query_one(TextArea)
        assert area.text == ROWS[0][1] + " extra"  # asked first
        await pilot.press("ctrl+r")
        await pilot.pause()
        assert area.text == ROWS[0][1]
