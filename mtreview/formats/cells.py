"""What a writer does to a segment's text that its format cannot carry as it is: line breaks, tabs and
line-separator characters in line-based files (Moses, TSV, JSONL), a leading U+FEFF in Moses and TSV, and
a risk as text."""

from __future__ import annotations

import re
from collections.abc import Sequence
from typing import TYPE_CHECKING

from ..jsonio import json_line

__all__ = ["BOM_CHAR", "LEADING_BOM_CHANGED", "LINE_SEPARATORS", "SEPARATORS_CHANGED", "cell_text", "flatten_cells",
           "json_line", "one_line", "risk_text"]

if TYPE_CHECKING:
    from .base import WriteReport

# Everything ``str.splitlines()`` splits on besides CR and LF: VT, FF, the information separators FS/GS/RS,
# NEL (U+0085), LINE SEPARATOR (U+2028) and PARAGRAPH SEPARATOR (U+2029). mtreview's own readers split on
# LF only, but a corpus tool that reads lines with ``splitlines()`` (or an editor) breaks a line there, and
# the two files of a Moses pair, or the cells of a TSV row, then no longer line up.
LINE_SEPARATORS = "\x0b\x0c\x1c\x1d\x1e\x85\u2028\u2029"
SEPARATORS_CHANGED = "line-separator characters (U+2028, U+2029, U+0085, VT, FF, FS/GS/RS) replaced by spaces"

# U+FEFF, ZERO WIDTH NO-BREAK SPACE, at the start of a segment text: invisible, and joining nothing there.
# Starting a line-based file, it is what a byte-order mark looks like, and every reader (mtreview's, Python's
# utf-8-sig, editors) drops it, so the first pair read back differed from the one exported. It is dropped
# from every segment text that starts with it, not from the first line only: which segment comes first
# depends on the export's options (--max-risk, --dedupe, the decisions), and a corpus tool that shards or
# concatenates the files makes any line a first line; a segment's exported text should not depend on where
# it lands. Inside a text it stays (it can mean "no break here").
BOM_CHAR = "\ufeff"
LEADING_BOM_CHANGED = "leading U+FEFF (zero-width no-break space) removed"

_SEPARATOR_RE = re.compile(f"[{LINE_SEPARATORS}]")
_ANY_BREAK_RE = re.compile(f"[\t\r\n{LINE_SEPARATORS}]")
_BREAKS_RE = re.compile(f" *[\t\r\n{LINE_SEPARATORS}]+ *")


def flatten_cells(cells: Sequence[str], report: WriteReport, fmt: str, what: str = "") -> list[str]:
    """Moses and TSV are one segment per line: a line break, a tab or a line-separator character
    (``LINE_SEPARATORS``) inside a segment cannot be carried. Each run of them, with the spaces around it,
    becomes one space ("end.\\u2028 Next" is "end. Next", not a double space), and each kind of change is
    counted once per segment (documented behaviour, not an error). A U+FEFF starting a cell is removed
    (``BOM_CHAR``), and counted too. ``what`` names cells other than the segment's text in the count (the
    reviewer's note of a TSV ``--all`` export), so that a change there does not read as one of the text."""
    if any(c.startswith(BOM_CHAR) for c in cells):
        report.changes[f"{what}{LEADING_BOM_CHANGED} (at the start of a {fmt} file it reads as a byte-order mark)"] += 1
        cells = [c.lstrip(BOM_CHAR) for c in cells]
    if not any(_ANY_BREAK_RE.search(c) for c in cells):  # the common case: one scan per cell, no copies
        return list(cells)
    if any(("\n" in c or "\t" in c or "\r" in c) for c in cells):
        report.changes[f"{what}line breaks/tabs replaced by spaces ({fmt} cannot carry them)"] += 1
    if any(_SEPARATOR_RE.search(c) for c in cells):
        report.changes[f"{what}{SEPARATORS_CHANGED} (str.splitlines() would break a {fmt} line there)"] += 1
    return [_BREAKS_RE.sub(" ", c) for c in cells]


def cell_text(text: str) -> str:
    """``text`` as Moses and TSV write it (``flatten_cells``, nothing counted): without a leading U+FEFF,
    each run of breaks one space. ``--dedupe`` compares pairs so: two that differ only there are one line."""
    text = text.lstrip(BOM_CHAR)
    return _BREAKS_RE.sub(" ", text) if _ANY_BREAK_RE.search(text) else text


_LINE_BREAKS_RE = re.compile(f" *[\r\n{LINE_SEPARATORS}]+ *")


def one_line(text: str) -> str:
    """``text`` made one line for a line-per-segment output (``retranslate``'s text output): each run of line
    breaks and line-separator characters, with the spaces around it, becomes one space; tabs stay."""
    return _LINE_BREAKS_RE.sub(" ", text) if _ANY_BREAK_RE.search(text) else text


def risk_text(risk: float) -> str:
    """A risk written as text (TMX prop, XLIFF attribute, TSV/CSV cell): rounded to 4 decimals, ``0.3``
    rather than the float's full ``0.30000000000000004``. A risk is an estimate; the last 13 digits were
    noise that people and diff tools read as precision. Every reader parses it with ``float()``."""
    return repr(round(float(risk), 4))
