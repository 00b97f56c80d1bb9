"""Snapshot tests (pytest-textual-snapshot) of the main screen, the editor and the help screen.

Stable by construction: the cursor does not blink (``cursor_blink=False``), the project holds no decision
times, and each snapshot waits for the header's corpus scores (a worker) before it is taken. Regenerate
after a deliberate change with ``pytest tests/test_tui_snapshots.py --snapshot-update`` and look at the
SVGs under ``tests/__snapshots__/test_tui_snapshots/`` before committing them.
"""

from __future__ import annotations

import asyncio
from pathlib import Path

import fixtures_tui

from mtreview.tui.app import make_app
from mtreview.tui.screens.main import MainScreen

review_project = fixtures_tui.review_project
SIZE = (110, 34)


async def settled(pilot) -> None:
    """Wait for the main screen and its corpus scores."""
    app = pilot.app
    for _ in range(400):
        screen = next((s for s in app.screen_stack if isinstance(s, MainScreen)), None)
        if screen is not None and not screen._live_pending:
            break
        await asyncio.sleep(0.01)
    await pilot.pause()


def test_main_screen(snap_compare, review_project: Path) -> None:
    app = make_app(review_project, reviewer="ana", cursor_blink=False)
    # j j: the cursor on segment 3 (flagged, two retranslations and the reference, words highlighted).
    assert snap_compare(app, press=["j", "j"], terminal_size=SIZE, run_before=settled)


def test_editor(snap_compare, review_project: Path) -> None:
    app = make_app(review_project, reviewer="ana", cursor_blink=False)
    assert snap_compare(app, press=["j", "j", "e"], terminal_size=SIZE, run_before=settled)


def test_help_screen(snap_compare, review_project: Path) -> None:
    app = make_app(review_project, reviewer="ana", cursor_blink=False)
    assert snap_compare(app, press=["question_mark"], terminal_size=SIZE, run_before=settled)
