"""Below 80 columns the footer still shows every essential key, whole: the last ones without their word
(QA in tmux at 60 columns: the row was cut at "n ne", and search and quit were not on it at all)."""

from __future__ import annotations

from pathlib import Path

import fixtures_tui
import pytest
from textual.widgets import Footer

from mtreview.tui.app import make_app

review_project = fixtures_tui.review_project
ESSENTIAL_KEYS = {"?", "a", "1-9", "e", "x", "u", "n", "/", "q"}


def footer_keys(app) -> list[tuple[str, str, int]]:  # noqa: ANN001
    footer = app.screen.query_one(Footer)
    return [(k.key_display, k.description, k.region.right) for k in footer.children]


@pytest.mark.asyncio
@pytest.mark.parametrize("width", [60, 50])
async def test_the_essential_keys_fit_a_narrow_terminal(review_project: Path, width: int) -> None:
    app = make_app(review_project, reviewer="ana", cursor_blink=False)
    async with app.run_test(size=(width, 24)) as pilot:
        for _ in range(20):
            await pilot.pause()
            keys = footer_keys(app)
            if keys:
                break
        assert ESSENTIAL_KEYS <= {key for key, _d, _r in keys}, keys
        assert all(right <= width for _k, _d, right in keys), keys
        assert keys[0][:2] == ("?", "help")
        assert keys[-1][:2] == ("q", "")  # the last key gave its word up first
