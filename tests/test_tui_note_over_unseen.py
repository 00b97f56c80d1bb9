"""A note saved with C over another session's note set while the dialog was open says so (QA, tmux:
``mtreview note`` set a note while C was open; enter replaced it with no word, and saving the text as the
dialog opened said "note unchanged")."""

from __future__ import annotations

from pathlib import Path

import fixtures_tui
import pytest

from mtreview.store import Project
from mtreview.tui.app import make_app
from mtreview.tui.screens.dialogs import NoteDialog

review_project = fixtures_tui.review_project
pytestmark = pytest.mark.asyncio
SIZE = (120, 40)


def messages(app) -> list[str]:
    return [n.message for n in app._notifications]


async def _save_note_after_bob(project: Path, typed: str) -> tuple[list[str], str | None]:
    app = make_app(project, reviewer="qa", cursor_blink=False)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("C", *typed)
        await pilot.pause()
        assert isinstance(app.screen, NoteDialog)
        with Project.open(project) as proj:  # bob, in another session
            proj.set_note(proj.segment_ids()[0], "bob's query", reviewer="bob")
        await pilot.press("enter")
        await pilot.pause()
        said = messages(app)
    with Project.open(project) as proj:
        note = proj.note(proj.segment_ids()[0])
    return said, note.text if note is not None else None


async def test_a_note_saved_over_one_set_meanwhile(review_project: Path) -> None:
    said, text = await _save_note_after_bob(review_project, "check")
    assert text == "check"
    assert any(m.startswith("Segment 1: note saved") and "replaces bob's note" in m for m in said), said


async def test_an_empty_note_clearing_one_set_meanwhile_is_not_no_note_to_clear(review_project: Path) -> None:
    said, text = await _save_note_after_bob(review_project, "")
    assert text is None
    assert not any("no note to clear" in m for m in said), said
    assert any(m.startswith("Segment 1: note cleared") and "replaces bob's note" in m for m in said), said
