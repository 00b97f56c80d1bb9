"""The detail pane shows a unit's notes and its state in the file under the source (QA: a CAT tool's
instructions and its "final" units were invisible while reviewing)."""

from __future__ import annotations

from pathlib import Path

import pytest
from fixtures_formats import xliff12_doc

from mtreview.project_build import build_from_bilingual
from mtreview.tui.app import make_app
from mtreview.tui.widgets.detail import DetailPane

UNITS = ('<trans-unit id="a"><source>Глава 3: Установка</source>'
         '<target state="signed-off">Chapter 3: Setup</target><note>Kapitelnummer prüfen</note><note>[red]check[/red] tone</note></trans-unit>'
         '<trans-unit id="b"><source>Конец.</source><target>The end.</target></trans-unit>'
         '<trans-unit id="c"><source>Шаг.</source><target state="translated">Step.</target>'
         + "".join(f"<note>n{k}</note>" for k in range(1, 9)) + "</trans-unit>")


@pytest.mark.asyncio
@pytest.mark.parametrize("size", [(120, 40), (80, 24)])
async def test_the_detail_pane_shows_the_files_notes_and_state(tmp_path: Path, write, size) -> None:  # noqa: ANN001
    path = build_from_bilingual(write("in.xlf", xliff12_doc(UNITS)), tmp_path / "p.mtr", "ru", "en")
    app = make_app(path, reviewer="ana", cursor_blink=False)
    async with app.run_test(size=size) as pilot:
        await pilot.pause()
        lines = app.screen.query_one(DetailPane).rendered_lines()
        shown = "\n".join(lines)
        assert "In the file: signed off (approved before this review)" in shown
        assert "Notes from the file:" in shown and "\u2022 Kapitelnummer prüfen" in shown
        assert "\u2022 [red]check[/red] tone" in shown  # the note's text, never markup
        # under the source, before the MT
        assert lines.index("Глава 3: Установка") < lines.index("Notes from the file:") < lines.index("MT")
        await pilot.press("down")  # a unit the file says nothing about: nothing new
        await pilot.pause()
        shown = "\n".join(app.screen.query_one(DetailPane).rendered_lines())
        assert "In the file" not in shown and "Notes from the file" not in shown
        await pilot.press("down")  # many notes: the first five, then a count
        await pilot.pause()
        shown = "\n".join(app.screen.query_one(DetailPane).rendered_lines())
        assert "\u2022 n5" in shown and "\u2022 n6" not in shown and "(3 more notes in the file)" in shown
        assert "In the file: translated, not yet reviewed" in shown
