"""Typed format characters in the one-line dialogs (QA in tmux: a note typed with a family emoji, whose
members a zero-width joiner holds together, was saved as four separate emoji; a right-to-left mark typed
into a search term was dropped, so the term no longer matched the text that has it)."""

from __future__ import annotations

from pathlib import Path

import fixtures_tui
import pytest
from textual import events
from textual.widgets import Input

from mtreview.store import Project
from mtreview.tui.app import make_app

SIZE = (80, 24)
review_project = fixtures_tui.review_project


async def type_keys(app, pilot, keys: list[tuple[str, str]]) -> None:  # noqa: ANN001
    # As a terminal's input parser makes them (the pilot's press() gives such keys no character).
    for key, char in keys:
        app.screen.query_one(Input).post_message(events.Key(key, char))
        await pilot.pause()


FAMILY = [("man", "👨"), ("zero_width_joiner", "\u200d"), ("woman", "👩"), ("right_to_left_mark", "\u200f")]


@pytest.mark.asyncio
async def test_a_note_keeps_typed_joiners_and_marks(review_project: Path) -> None:
    app = make_app(review_project, reviewer="ana", cursor_blink=False)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("C", *"Name ")
        await pilot.pause()
        await type_keys(app, pilot, FAMILY)
        await pilot.press("enter")
        await pilot.pause()
    with Project.open(review_project) as proj:
        note = proj.note(proj.segment_ids()[0])
    assert note is not None and note.text == "Name 👨\u200d👩\u200f"


@pytest.mark.asyncio
async def test_a_number_field_still_refuses_them(review_project: Path) -> None:
    app = make_app(review_project, reviewer="ana", cursor_blink=False)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("g", "3")
        await pilot.pause()
        await type_keys(app, pilot, [("zero_width_joiner", "\u200d")])
        assert app.screen.query_one(Input).value == "3"
