"""The newest notification always shows: what the last key did. Textual's toast rack shows its first rows and
clips the rest, so under a long error the messages that came after it were out of sight (QA at 60x20: R
without a model left an 8-row error for 25 s, and u, a and ctrl+y said nothing visible meanwhile). The rack
now takes the detail pane's rows but its title line, and when even those are too few, the oldest messages go."""

from __future__ import annotations

from pathlib import Path

import fixtures_tui
import pytest

from mtreview.tui.app import make_app
from mtreview.tui.screens.main import MainScreen
from mtreview.tui.widgets.detail import DetailPane

review_project = fixtures_tui.review_project
LONG = ("No translation model available offline: model Helsinki-NLP/opus-mt-ru-en is not available (not in the "
        "local Hugging Face cache and HF_HUB_OFFLINE is set): on a machine with network run 'hf download "
        "Helsinki-NLP/opus-mt-ru-en' (older hubs: 'huggingface-cli download') and copy the Hugging Face cache "
        "here (~/.cache/huggingface/hub), or pass a local model folder with --model")


async def settle(pilot, n: int = 6) -> None:  # noqa: ANN001
    for _ in range(n):
        await pilot.pause()


def shown(screen: MainScreen) -> dict[str, tuple[int, int]]:
    """Each toast's message (its start) and its rows on screen."""
    return {t._notification.message[:20]: (t.region.y, t.region.bottom) for t in screen.query("Toast")}


@pytest.mark.asyncio
@pytest.mark.parametrize("size", [(60, 20), (80, 24)])
async def test_a_decision_under_a_long_error_shows_its_message(review_project: Path, size: tuple[int, int]) -> None:
    app = make_app(review_project, reviewer="ana", cursor_blink=False)
    async with app.run_test(size=size, notifications=True) as pilot:
        await settle(pilot)
        screen = app.screen
        assert isinstance(screen, MainScreen)
        screen.notify(LONG, severity="error")
        await settle(pilot)
        await pilot.press("a")
        await settle(pilot)
        pane = screen.query_one(DetailPane).region
        toasts = shown(screen)
        assert set(toasts) == {LONG[:20], "Segment 1: MT accept"}
        for top, bottom in toasts.values():  # both on the pane, above the footer
            assert pane.y < top and bottom <= pane.bottom, (toasts, pane)


@pytest.mark.asyncio
async def test_when_the_pane_is_too_short_for_all_the_oldest_go(review_project: Path) -> None:
    app = make_app(review_project, reviewer="ana", cursor_blink=False)
    async with app.run_test(size=(60, 20), notifications=True) as pilot:
        await settle(pilot)
        screen = app.screen
        assert isinstance(screen, MainScreen)
        screen.notify(LONG, severity="error")
        await settle(pilot)
        screen.notify("Second: " + LONG, severity="warning")
        await settle(pilot)
        await pilot.press("a")
        await settle(pilot)
        pane = screen.query_one(DetailPane).region
        toasts = shown(screen)
        assert "Segment 1: MT accept" in toasts
        assert LONG[:20] not in toasts  # the oldest made room
        assert [n.message[:20] for n in app._notifications] == list(toasts)
        for top, bottom in toasts.values():
            assert pane.y < top and bottom <= pane.bottom, (toasts, pane)
