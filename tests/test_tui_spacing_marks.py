"""Spacing combining marks (Devanagari vowel signs, as in "हिन्दी") keep the list's columns and the detail pane's
right edge in place in a terminal that measures with wcwidth (QA in tmux 3.3: Rich measured "हिन्दी" as three
cells, tmux drew five; the list's "│" stood two cells right on such a row and the MT was cut off)."""

from __future__ import annotations

import locale
import unicodedata
from pathlib import Path

import fixtures_tui
import pytest
from fixtures_tui import libc_wcwidth
from rich.cells import cell_len, get_character_cell_size

from mtreview.tui.app import make_app
from mtreview.tui.cells import measure_as_terminals
from mtreview.tui.text import safe
from mtreview.tui.widgets.detail import DetailPane
from mtreview.tui.widgets.segment_list import SegmentList

HINDI = "हिन्दी भाषा में लिखा गया वाक्य है, किताबें पढ़िए"
ROWS = [
    (HINDI, "A sentence written in the Hindi language, read books", 0.2, 0.9, [], ["x"], None),
    ("Обычный текст", "नमस्ते दुनिया, ক্ষমা করবেন, தமிழ் மொழி, ශ්‍රී ලංකා, ကြောင်", 0.3, 0.9, [], ["y"], None),
    ("Обычный текст", "Plain text line", 0.1, 0.9, [], ["z"], None),
]


def terminal_width(wcwidth, text: str) -> int:  # noqa: ANN001
    return sum(max(wcwidth(ch), 0) for ch in text)


def test_spacing_marks_measure_as_wcwidth_measures_them() -> None:
    wcwidth, old = libc_wcwidth()
    try:
        measure_as_terminals()
        measure_as_terminals()  # twice is once
        assert cell_len("हिन्दी") == 5  # ह ि न ् द ी: the virama (Mn) alone takes no cell
        for text in (row[0] for row in ROWS), (row[1] for row in ROWS):
            for line in text:
                shown = safe(line)
                assert cell_len(shown) == terminal_width(wcwidth, shown), line
        marks = [chr(code) for code in range(0x300, 0x20000) if unicodedata.category(chr(code)) == "Mc"]
        assert len(marks) > 400
        differ = [(f"U+{ord(ch):04X}", get_character_cell_size(ch), wcwidth(ch)) for ch in marks
                  if wcwidth(ch) >= 0 and get_character_cell_size(ch) != wcwidth(ch)]
        assert differ == []
        # and nothing else changed: a non-spacing mark, a wide character, an ambiguous one
        assert (cell_len("\u094d"), cell_len("漢"), cell_len("±°…")) == (0, 2, 3)
    finally:
        locale.setlocale(locale.LC_CTYPE, old)


@pytest.mark.asyncio
@pytest.mark.parametrize("width", [100, 60])
async def test_the_list_and_the_detail_pane_keep_their_columns_on_devanagari_rows(tmp_path: Path,
                                                                                width: int) -> None:
    wcwidth, old = libc_wcwidth()
    try:
        project = fixtures_tui.build_project(tmp_path / "hindi.mtr", ROWS)
        app = make_app(project, reviewer="ana", cursor_blink=False)
        async with app.run_test(size=(width, 30)) as pilot:
            await pilot.pause()
            seg_list = app.screen.query_one(SegmentList)
            rows = [seg_list.render_line(y).text for y in range(len(ROWS) + 1)]
            list_width = seg_list.size.width
            pane = app.screen.query_one(DetailPane)
            pane_lines = [pane.render_line(y).text for y in range(pane.size.height)]
            pane_width = pane.scrollable_content_region.width
            await pilot.press("j")
            await pilot.pause()
            pane_lines += [pane.render_line(y).text for y in range(pane.size.height)]
        assert {terminal_width(wcwidth, row[:row.index("\u2502")]) for row in rows} == {
            terminal_width(wcwidth, rows[-1][:rows[-1].index("\u2502")])}, rows
        assert {terminal_width(wcwidth, row) for row in rows} == {list_width}, rows
        assert any("हिन्दी" in line for line in pane_lines) and any("தமிழ்" in line for line in pane_lines)
        assert {terminal_width(wcwidth, line) for line in pane_lines} == {pane_width}, pane_lines
    finally:
        locale.setlocale(locale.LC_CTYPE, old)
