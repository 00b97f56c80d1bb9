"""The editor on a segment without a source or without an MT says so (QA in tmux: a blank line where the
source goes, and "Started from: the MT" over an empty text box)."""

from __future__ import annotations

from pathlib import Path

import fixtures_tui
import pytest

from mtreview.tui.app import make_app

ROWS = [("", "Only the MT here.", 0.5, 0.9, [], [], None), ("Только источник.", "", 0.5, 0.9, [], [], None)]


def shown(app, selector: str) -> str:  # noqa: ANN001
    return str(app.screen.query_one(selector).render())


@pytest.mark.asyncio
async def test_the_editor_names_what_is_missing(tmp_path: Path) -> None:
    path = fixtures_tui.build_project(tmp_path / "sides.mtr", ROWS)
    app = make_app(path, reviewer="ana", cursor_blink=False)
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.press("home", "e")
        await pilot.pause()
        assert shown(app, "#editor-source") == "(nothing: MT without a source)"
        assert shown(app, "#editor-start") == "Started from: the MT"
        await pilot.press("escape", "end", "e")
        await pilot.pause()
        assert shown(app, "#editor-source") == "Только источник."
        assert shown(app, "#editor-start") == "Started from: the MT (empty: write the translation)"
