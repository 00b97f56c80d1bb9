"""n, N and s on a project without segments say it has none, as g, J and R do (QA: N said "No risks yet: press
R to score the project." and s "no risks yet (R scores)", and R then said there was nothing to retranslate)."""

from __future__ import annotations

from pathlib import Path

import fixtures_tui
import pytest
from fixtures_tui import record_notifications

from mtreview.tui.app import make_app

empty_project = fixtures_tui.empty_project


@pytest.mark.asyncio
@pytest.mark.parametrize(("key", "expected"), [
    ("n", "This project has no segments."),
    ("N", "This project has no segments."),
    ("s", "Risk order: highest risk first."),
])
async def test_queue_keys_on_an_empty_project(empty_project: Path, key: str, expected: str) -> None:
    app = make_app(empty_project, reviewer="ana", cursor_blink=False)
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        said = record_notifications(app)
        await pilot.press(key)
        await pilot.pause()
    assert said == [expected]
    assert not any("R " in m or "(R" in m for m in said)
