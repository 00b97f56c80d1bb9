"""The dialogs' fields (the note, the search) lay out emoji sequences as their parts, as the editor, the list and
the detail pane do (QA in tmux 3.3: a note typed with the family 👨‍👩‍👧 and a skin-toned 👍🏽 ran past the note
dialog's right edge, and the cursor stood four cells left of where the next character went)."""

from __future__ import annotations

import locale
import shlex
import sys
from pathlib import Path

import fixtures_tui
import pytest
from fixtures_tui import Tmux, env_for_subprocess, libc_wcwidth, read_when_written
from test_tui_editor_emoji import FAMILY, THUMB, _cells, _wait_for_cursor
from textual.widgets import Input

from mtreview.tui.app import make_app

review_project = fixtures_tui.review_project
data_dir = fixtures_tui.data_dir
NOTE = f"Family {FAMILY} and {THUMB} ok"
# as a terminal that measures code point by code point draws it: "Family " 7, the family 6, " and " 5, the
# thumb without its skin tone 2, " ok" 3
NOTE_CELLS = 23


@pytest.mark.asyncio
async def test_the_note_field_is_as_wide_as_the_terminal_draws_it(review_project: Path) -> None:
    wcwidth, old = libc_wcwidth()
    try:
        app = make_app(review_project, reviewer="ana", cursor_blink=False)
        async with app.run_test(size=(80, 24)) as pilot:
            await pilot.press("C")
            await pilot.pause()
            field = app.screen.query_one(Input)
            field.insert_text_at_cursor("abc")
            await pilot.pause()
            plain = field.render_line(0).text  # a line of text without emoji: as wide as the field draws
            field.clear()
            field.insert_text_at_cursor(NOTE)
            await pilot.pause()
            line = field.render_line(0).text
            cursor = field.cursor_screen_offset.x - field.content_region.x
            value = field.value
        assert value == NOTE  # the note itself keeps its joiners and skin tone
        assert sum(max(wcwidth(ch), 0) for ch in line) == len(plain), (line, plain)
        assert cursor == NOTE_CELLS + 1  # Textual's input puts the cursor one cell after the text's end
    finally:
        locale.setlocale(locale.LC_CTYPE, old)


def test_the_note_field_in_tmux(review_project: Path, data_dir: Path, tmp_path: Path) -> None:
    rc_file = tmp_path / "rc"
    line = shlex.join([sys.executable, "-m", "mtreview", "review", str(review_project), "--reviewer", "t"])
    term = Tmux("tui14-note-emoji", ["sh", "-c", f"{line}; echo $? > {shlex.quote(str(rc_file))}; sleep 60"],
                env_for_subprocess(data_dir), size=(80, 24))
    try:
        term.wait(lambda s: "Segment 1 of" in s, timeout=60, what="the review")
        term.keys("C")
        term.wait(lambda s: "\u258a" in s, what="the note dialog")
        term.tmux("send-keys", "-t", term.name, "-l", NOTE)
        shown = term.wait(lambda s: "Family" in s and " ok" in s, what="the typed note")
        lines = shown.splitlines()
        row = next(i for i, text in enumerate(lines) if "Family" in text)
        wide = {"\U0001f468", "\U0001f469", "\U0001f467", "\U0001f44d", "\U0001f3fd"}
        # the field's right edge (▎) and the box's (█) where they are on the rows without emoji
        assert lines[row].endswith("\u258e \u2588"), shown
        plain_row = next(i for i in range(row - 1, 0, -1) if lines[i].endswith(" \u2588"))
        assert _cells(lines[row], wide) == len(lines[plain_row]), shown
        _wait_for_cursor(term, (lines[row].index("Family") + NOTE_CELLS + 1, row))
        term.keys("Escape")  # a typed note: escape asks first (test_tui_note_unsaved.py)
        term.wait(lambda s: "press escape again" in s, what="the question")
        term.keys("Escape")
        term.wait(lambda s: "Family" not in s, what="the dialog closed")
        term.keys("q")
        assert read_when_written(rc_file, term) == "0"
    finally:
        term.close()


@pytest.mark.asyncio
async def test_controls_in_a_field_show_as_stand_ins(review_project: Path) -> None:
    app = make_app(review_project, reviewer="ana", cursor_blink=False)
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.press("slash")
        await pilot.pause()
        field = app.screen.query_one(Input)
        field.insert_text_at_cursor("a\x1b[2Jb")
        await pilot.pause()
        drawn = field.render_line(0).text
    assert "a\u241b[2Jb" in drawn and "\x1b" not in drawn
