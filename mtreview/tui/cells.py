"""Text for fixed-width columns whose width every terminal agrees on.

Rich (15+) measures a grapheme cluster as a terminal with full emoji support draws it: "☺️" (a symbol with
the emoji variation selector), a ZWJ sequence such as the family "👨‍👩‍👧" and a skin-toned "👍🏽" are two cells
each. Many terminals (tmux 3.3, xterm, the Linux console, older VTE) measure code point by code point with
``wcwidth``: one cell, six cells and four cells. Where they disagree, every column after such a text moves
(QA: the segment list's "│" and the MT column stood up to four cells off on an emoji row in tmux).

``steady`` drops the code points that only join or restyle a cluster, so that what is left measures the same
both ways: a family shows as its three people, a symbol in its text form, a thumb without its skin tone (the
list's cells). ``steady_in_place`` puts a zero-width space in place of each (every other view: the detail
pane's highlights and search marks are offsets into the text, and keep their places); the text stored and
edited is never changed.

Spacing combining marks (category Mc: the Devanagari vowel signs of "हिन्दी", Bengali, Tamil, Sinhala, Myanmar
and Khmer ones) are the other way round: Rich 15 measures them as no cell, while ``wcwidth`` (glibc, so tmux;
xterm, VTE, the Linux console) gives each a cell of its own. They cannot be dropped (the word would be
misspelt), so ``measure_as_terminals`` has Rich, and Textual, which measures through it, count them as those
terminals draw them (QA in tmux: the list's "│" stood two cells right on a row with "हिन्दी", and the MT was cut
off at the right edge).
"""

from __future__ import annotations

import functools
import re
import unicodedata
from collections.abc import Callable, Sequence
from typing import Any

import rich.cells

# VS15/VS16 (text/emoji presentation), the zero-width joiner, the skin-tone modifiers, and the tag
# characters of the subdivision flags (England's 🏴 is a black flag followed by tags and a cancel tag).
_CLUSTER_GLUE_RE = re.compile("[\ufe0e\ufe0f\u200d\U0001f3fb-\U0001f3ff\U000e0020-\U000e007f]")
ZERO_WIDTH_SPACE = "\u200b"  # no width for Rich nor wcwidth, and a grapheme break on both sides


def steady(text: str) -> str:
    """``text`` without emoji presentation selectors, zero-width joiners, skin-tone modifiers and tag
    characters: its Rich cell width is then the sum of its code points' ``wcwidth``."""
    return _CLUSTER_GLUE_RE.sub("", text)


def steady_in_place(text: str) -> str:
    """``text`` with a zero-width space in place of each code point ``steady`` drops: as wide as ``steady(text)``
    in every terminal, and as long as ``text``."""
    return _CLUSTER_GLUE_RE.sub(ZERO_WIDTH_SPACE, text)


def _marks_as_cells(widths: Sequence[tuple[int, int, int]]) -> list[tuple[int, int, int]]:
    """Rich's (start, end, width) table with each spacing combining mark that it gives no width one cell wide
    (two for an East Asian wide one, as glibc has them)."""
    out: list[tuple[int, int, int]] = []
    for start, end, width in widths:
        if width:
            out.append((start, end, width))
            continue
        for code in range(start, end + 1):
            char = chr(code)
            new = 0
            if unicodedata.category(char) == "Mc":
                new = 2 if unicodedata.east_asian_width(char) in ("W", "F") else 1
            if out and out[-1][1] == code - 1 and out[-1][2] == new and out[-1][0] >= start:
                out[-1] = (out[-1][0], code, new)
            else:
                out.append((code, code, new))
    return out


def measure_as_terminals() -> None:
    """Have Rich (and Textual) measure spacing combining marks as terminals that use ``wcwidth`` draw them: one
    cell each. Idempotent; for the whole process, before anything is drawn."""
    load: Callable[..., Any] = rich.cells.load_cell_table
    if getattr(load, "marks_as_cells", False):
        return

    @functools.cache
    def load_with_marks(unicode_version: str = "auto") -> Any:
        table = load(unicode_version)
        return table._replace(widths=_marks_as_cells(table.widths))

    load_with_marks.marks_as_cells = True  # type: ignore[attr-defined]
    rich.cells.load_cell_table = load_with_marks
    # widths measured before (none in the app; earlier tests in one test process) are measured again
    rich.cells.get_character_cell_size.cache_clear()
    rich.cells.cached_cell_len.cache_clear()
