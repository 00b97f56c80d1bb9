"""Emoji sequences keep the segment list's columns in place in a terminal that measures code point by code
point (QA in tmux 3.3: the "│" before the MT stood one cell left on a row with "☺️", four cells right on one
with the family "👨‍👩‍👧": Rich measures a whole cluster as two cells, such a terminal as the sum of its code
points' wcwidth)."""

from __future__ import annotations

import locale
from pathlib import Path

import fixtures_tui
import pytest
from fixtures_tui import libc_wcwidth

from mtreview.tui.app import make_app
from mtreview.tui.cells import steady
from mtreview.tui.widgets.segment_list import SegmentList

ROWS = [
    ("Привет 漢字漢字 мир", "Hello 漢字漢字 world", 0.2, 0.9, [], ["x"], None),
    ("Смайл ☺️ тут", "Smile ☺️ here ❤️ ok", 0.3, 0.9, [], ["x"], None),
    ("Семья 👨‍👩‍👧 дома", "Family 👨‍👩‍👧 home 👍🏽 yes", 0.4, 0.9, [], ["x"], None),
    ("Флаг 🇺🇦 и #️⃣", "Flag 🇺🇦 and #️⃣ key 🧑‍💻", 0.5, 0.9, [], ["x"], None),
    ("Обычный текст", "Plain text line", 0.1, 0.9, [], ["x"], None),
]


def test_steady_drops_only_what_joins_or_restyles_a_cluster() -> None:
    assert steady("Smile ☺️ 👨‍👩‍👧 👍🏽 漢字 é") == "Smile ☺ 👨👩👧 👍 漢字 é"
    assert steady("مرحبا ⟨1⟩ [b]") == "مرحبا ⟨1⟩ [b]"


@pytest.mark.asyncio
@pytest.mark.parametrize("width", [100, 60])
async def test_the_columns_stay_put_on_emoji_rows(tmp_path: Path, width: int) -> None:
    wcwidth, old = libc_wcwidth()
    try:
        project = fixtures_tui.build_project(tmp_path / "wide.mtr", ROWS)
        app = make_app(project, reviewer="ana", cursor_blink=False)
        async with app.run_test(size=(width, 24)) as pilot:
            await pilot.pause()
            seg_list = app.screen.query_one(SegmentList)
            lines = [seg_list.render_line(y).text for y in range(len(ROWS) + 1)]
            list_width = seg_list.size.width
        columns = set()
        for line in lines:
            assert "\u2502" in line, line
            columns.add(sum(max(wcwidth(ch), 0) for ch in line[:line.index("\u2502")]))
        assert len(columns) == 1, lines
        # and each row is as wide as the list, measured the terminal's way
        assert {sum(max(wcwidth(ch), 0) for ch in line) for line in lines} == {list_width}
    finally:
        locale.setlocale(locale.LC_CTYPE, old)


@pytest.mark.parametrize("text", [row[0] for row in ROWS] + [row[1] for row in ROWS])
def test_text_on_screen_measures_the_same_for_rich_and_wcwidth(text: str) -> None:
    # the detail pane, the header and the dialogs wrap and cut with Rich's measure (QA in tmux 3.3: a line of
    # the detail pane with emoji families ran past the pane's right edge); their offsets stay in place
    from rich.cells import cell_len

    from mtreview.tui.text import safe

    wcwidth, old = libc_wcwidth()
    try:
        shown = safe(text)
        assert len(shown) == len(text)
        assert cell_len(shown) == sum(max(wcwidth(ch), 0) for ch in shown)
    finally:
        locale.setlocale(locale.LC_CTYPE, old)


def test_highlights_stay_on_their_words_past_an_emoji_sequence() -> None:
    from mtreview.tui.text import highlighted

    text = "Family 👨‍👩‍👧 home 👍🏽 yes"
    start = text.index("yes")
    shown = highlighted(text, [(start, start + 3, "diff")], "reverse")
    (span,) = shown.spans
    assert shown.plain[span.start:span.end] == "yes"
