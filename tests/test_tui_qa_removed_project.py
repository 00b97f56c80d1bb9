"""The project file deleted while the review runs (QA in tmux): every key that writes is refused in a full
sentence and the app goes on; "Undo failed: ... (reopen the project)" had no full stop, unlike the others."""

from __future__ import annotations

from pathlib import Path

import fixtures_tui
import pytest
from fixtures_tui import record_notifications

from mtreview.tui.app import make_app

SIZE = (80, 24)
review_project = fixtures_tui.review_project


@pytest.mark.asyncio
@pytest.mark.parametrize("key", ["u", "ctrl+y"])
async def test_undo_and_redo_on_a_removed_project_say_so_in_a_sentence(review_project: Path, key: str) -> None:
    app = make_app(review_project, reviewer="ana", cursor_blink=False)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("a")
        if key == "ctrl+y":
            await pilot.press("u")
        await pilot.pause()
        review_project.unlink()
        said = record_notifications(app)
        await pilot.press(key)
        await pilot.pause()
        assert app.is_running
    assert len(said) == 1 and "was replaced or removed" in said[0], said
    assert said[0].startswith(("Undo failed: ", "Redo failed: ")) and said[0].endswith("."), said
