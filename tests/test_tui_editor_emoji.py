"""The editor lays out emoji sequences as the list and the detail pane do, as their parts (QA in tmux 3.3: a
ZWJ family, a skin-toned thumb and England's flag were drawn whole in the editor while the terminal drew them
code point by code point: the line ran past the editor's right edge and the cursor stood cells away from the
character it was on). The text saved keeps every joiner."""

from __future__ import annotations

import locale
import shlex
import sys
from pathlib import Path

import fixtures_tui
import pytest
from fixtures_tui import Tmux, env_for_subprocess, libc_wcwidth, read_when_written
from textual.widgets import TextArea

from mtreview.tui.app import make_app
from mtreview.tui.screens.editor import EditorScreen

data_dir = fixtures_tui.data_dir

FAMILY = "\U0001f468\u200d\U0001f469\u200d\U0001f467"  # 👨‍👩‍👧: 2 cells for Rich, 6 for wcwidth
THUMB = "\U0001f44d\U0001f3fd"  # 👍🏽: 2 and 4
ENGLAND = "\U0001f3f4\U000e0067\U000e0062\U000e0065\U000e006e\U000e0067\U000e007f"  # 🏴 and tags: 2 and 2
MT = f"Family {FAMILY} and flag {ENGLAND} and {THUMB} \u263a\ufe0f end"
ROWS = [("Семья и флаг", MT, 0.5, 0.9, [], ["Family and flag"], None), *fixtures_tui.ROWS[:2]]


@pytest.mark.asyncio
@pytest.mark.parametrize("width", [80, 40])
async def test_every_editor_line_is_as_wide_as_the_editor_for_the_terminal(tmp_path: Path, width: int) -> None:
    wcwidth, old = libc_wcwidth()
    try:
        project = fixtures_tui.build_project(tmp_path / "emoji.mtr", ROWS)
        app = make_app(project, reviewer="ana", cursor_blink=False)
        async with app.run_test(size=(width, 24)) as pilot:
            await pilot.pause()
            await pilot.press("e")
            await pilot.pause()
            assert isinstance(app.screen, EditorScreen)
            area = app.screen.query_one(TextArea)
            rows = area.wrapped_document.height
            lines = [area.render_line(y).text for y in range(rows)]
            room = area.size.width
            # the cursor at the end of the text: its column is the cells the terminal draws before it
            cursor_x = area.cursor_screen_offset.x - area.content_region.x
            last_line = lines[-1].rstrip()
        assert rows >= (2 if width == 40 else 1)
        assert {sum(max(wcwidth(ch), 0) for ch in line) for line in lines} == {room}, lines
        assert cursor_x == sum(max(wcwidth(ch), 0) for ch in last_line), (cursor_x, last_line)
    finally:
        locale.setlocale(locale.LC_CTYPE, old)


@pytest.mark.asyncio
async def test_an_edit_next_to_an_emoji_sequence_saves_its_joiners(tmp_path: Path) -> None:
    project = fixtures_tui.build_project(tmp_path / "emoji.mtr", ROWS)
    app = make_app(project, reviewer="ana", cursor_blink=False)
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        await pilot.press("e")
        await pilot.pause()
        await pilot.press("end", "exclamation_mark", "ctrl+s")
        await pilot.pause()
    state = fixtures_tui.state_of(project, 1)
    assert (state.status, state.final_text) == ("edited", MT + "!")


def test_the_editor_in_tmux_keeps_its_right_edge_and_cursor_on_an_emoji_line(data_dir: Path, tmp_path: Path) -> None:
    project = fixtures_tui.build_project(tmp_path / "emoji.mtr", ROWS)
    rc_file = tmp_path / "rc"
    review = shlex.join([sys.executable, "-m", "mtreview", "review", str(project), "--reviewer", "t"])
    term = Tmux("tui14-emoji", ["sh", "-c", f"{review}; echo $? > {shlex.quote(str(rc_file))}; sleep 60"],
                env_for_subprocess(data_dir), size=(80, 24))
    try:
        term.wait(lambda s: "Segment 1 of" in s, timeout=60, what="the review")
        term.keys("e")
        shown = term.wait(lambda s: "Edit segment 1" in s and "Family" in s, what="the editor")
        lines = shown.splitlines()
        row = next(i for i, line in enumerate(lines) if "\u258a Family" in line)  # in the text area
        blank = row + 1  # the editor's next line holds no text: its right edge is where every line's is
        # tmux writes each drawn cell once in capture-pane (a wide character once, a zero-width one not at
        # all), so the right edges line up in the capture exactly when they line up on screen
        assert lines[row].endswith("\u258e \u2588") and lines[blank].endswith("\u258e \u2588"), shown
        edge = _cells(lines[row], wide={"\U0001f468", "\U0001f469", "\U0001f467", "\U0001f3f4", "\U0001f44d"})
        assert edge == len(lines[blank]), shown
        # the cursor, at the end of the text: after the text's cells as the terminal draws them
        # ("Family " 7, the family 6, " and flag " 10, the flag 2, " and " 5, the thumb 2, " " 1, the smile 1,
        # " end" 4: 38 cells)
        expected = (lines[row].index("Family") + 38, row)
        term.keys("Home", "End")  # Textual puts the terminal's cursor in place once it moves
        _wait_for_cursor(term, expected)
        term.keys("Escape")  # (escape and a key within ~100 ms arrive as alt+key)
        term.wait(lambda s: "Edit segment 1" not in s, what="the editor closed")
        term.keys("q")
        assert read_when_written(rc_file, term) == "0"
    finally:
        term.close()


def _cells(line: str, wide: set[str]) -> int:
    """The cells a captured line takes: two for each wide character in ``wide``, none for a zero-width one."""
    return sum(2 if ch in wide else 0 if ch in "\u200b\u200d\ufe0f" else 1 for ch in line)


def _wait_for_cursor(term: Tmux, expected: tuple[int, int], timeout: float = 10.0) -> None:
    """Wait until the terminal's cursor is at ``expected`` (x, y); Textual moves it there after drawing."""
    import time

    deadline = time.monotonic() + timeout
    while True:
        where = tuple(int(v) for v in term.tmux("display-message", "-p", "-t", term.name,
                                                "#{cursor_x} #{cursor_y}").split())
        if where == expected or time.monotonic() > deadline:
            break
        time.sleep(0.05)
    assert where == expected, (where, expected, term.screen())
