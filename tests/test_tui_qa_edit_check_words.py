"""The numbers check under "Checks on your edit" speaks of the edit (QA in tmux: an edit that added a year
said "MT number(s) '2024' do not appear in the source", of a segment that has no MT at all)."""

from __future__ import annotations

from pathlib import Path

import fixtures_tui
import pytest

from mtreview.edit_checks import decision_checks
from mtreview.tui.app import make_app
from mtreview.tui.widgets.detail import DetailPane


def test_a_number_the_edit_adds_is_said_of_this_text() -> None:
    _what, flags = decision_checks("edited", "Growth was strong.", "Growth was strong in 2024.",
                                   "Рост был сильным.", "ru", "en")
    details = [f.detail for f in flags if f.name == "numbers"]
    assert details == ["Number(s) of this text '2024' do not appear in the source."]


@pytest.mark.asyncio
async def test_the_detail_pane_says_it_of_the_edit(tmp_path: Path) -> None:
    rows = [("Только источник.", "", 0.5, 0.9, [], [], None)]
    path = fixtures_tui.build_project(tmp_path / "n.mtr", rows)
    app = make_app(path, reviewer="ana", cursor_blink=False)
    async with app.run_test(size=(120, 40)) as pilot:
        await pilot.press("e", *"Hello 2024", "ctrl+s")
        await pilot.pause()
        text = app.screen.query_one(DetailPane).text.plain
    assert "Number(s) of this text '2024' do not appear in the source." in text
    assert "MT number" not in text
