"""QA of how the review screen reads: the help explains the list's columns, codes and colours, and the
editor's hint wraps in an 80-column terminal instead of losing its end."""

from __future__ import annotations

from collections.abc import AsyncIterator
from contextlib import asynccontextmanager
from pathlib import Path

import fixtures_tui
import pytest
from textual.geometry import Region
from textual.screen import Screen
from textual.widgets import Static

from mtreview.tui.app import make_app
from mtreview.tui.screens.editor import EditorScreen
from mtreview.tui.screens.help import HelpScreen, legend_rows
from mtreview.tui.text import STATUS_LABELS

review_project = fixtures_tui.review_project
pytestmark = pytest.mark.asyncio


@asynccontextmanager
async def opened(path: Path, size: tuple[int, int], key: str) -> AsyncIterator[Screen]:
    """The screen a key opens over the review of ``path`` in a terminal of ``size``."""
    app = make_app(path, reviewer="ana", cursor_blink=False)
    async with app.run_test(size=size) as pilot:
        await pilot.press(key)
        await pilot.pause()
        yield app.screen


def _text(widget: Static) -> str:
    """What the widget draws on screen, at its size, as plain text with runs of spaces as one."""
    strips = widget.render_lines(Region(0, 0, widget.size.width, widget.size.height))
    return " ".join(" ".join(strip.text for strip in strips).split())


async def test_help_explains_the_list(review_project: Path) -> None:
    legend = dict(legend_rows())
    assert list(legend) == ["\u25b6", "\u270e", "st", "risk", "conf", "flags", "highlight", "underline"]
    for code in STATUS_LABELS.values():  # every code the status column can show
        assert f"{code} = " in legend["st"]
    async with opened(review_project, (120, 40), "question_mark") as screen:
        assert isinstance(screen, HelpScreen)
        text = _text(screen.query_one("#help-legend", Static))
        assert "cand = candidate" in text and "Alignment confidence" in text and "rej = rejected" in text


async def test_the_editor_hint_wraps_at_80_columns(review_project: Path) -> None:
    async with opened(review_project, (80, 24), "e") as screen:
        assert isinstance(screen, EditorScreen)
        hint = screen.query_one("#editor-hint", Static)
        assert hint.size.height >= 2  # one line held only "... ctrl+r loads the"
        assert "next candidate" in _text(hint)
