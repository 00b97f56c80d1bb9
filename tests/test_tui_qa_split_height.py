"""The split dialog is as tall as what it shows (QA in tmux at 80x24: a long segment's dialog ran to 90% of
the screen, with six blank rows under its hint, while its sentence listing was cut to seven rows)."""

from __future__ import annotations

from pathlib import Path

import fixtures_tui
import pytest

from mtreview.tui.app import make_app

LONG_SOURCE = "Очень длинный текст без единой точки " * 60
LONG_MT = "A very long text without a single full stop " * 60


@pytest.mark.asyncio
@pytest.mark.parametrize("long", [True, False])
async def test_no_blank_rows_under_the_hint(tmp_path: Path, long: bool) -> None:
    row = (LONG_SOURCE, LONG_MT, 0.5, 0.9, [], [], None) if long else fixtures_tui.ROWS[0]
    path = fixtures_tui.build_project(tmp_path / "split.mtr", [row])
    app = make_app(path, reviewer="ana", cursor_blink=False)
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.press("S")
        await pilot.pause()
        await pilot.pause()
        box = app.screen.query_one("#split-box")
        hint = app.screen.query_one("#split-hint")
        assert box.content_region.bottom == hint.region.bottom
        sides = list(app.screen.query(".split-side"))
        # a long listing scrolls (pgdn), a short one shows whole
        assert all((side.max_scroll_y > 0) == long for side in sides)
