"""A text area that lays out emoji sequences as their parts, as the list and the detail pane show them.

QA: the editor drew a ZWJ family "👨‍👩‍👧", a skin-toned "👍🏽" or England's flag as Rich measures them (two cells)
while tmux, xterm and the Linux console draw them code point by code point (six, four, two cells): the line
ran past the editor's right edge, the text wrapped at the wrong place and the cursor stood cells away from
the character it was on. ``cells.steady_in_place`` puts a zero-width space in place of each joining or
restyling code point; here the text area wraps, measures and draws that version of each line, so every
terminal agrees on every column. The text edited and saved is the typed one, joiners and all: the
substitution keeps the length, so a column is the same offset in both. Control characters (a paste from a
terminal brings ESC sequences) show as stand-ins, as in the detail pane, rather than act on the terminal (QA:
a pasted ESC [31m turned the rest of the editor's line red; the save drops them, as before).
"""

from __future__ import annotations

from textual.document._document import Document, Location
from textual.document._document_navigator import DocumentNavigator
from textual.document._edit import EditResult
from textual.document._wrapped_document import WrappedDocument
from textual.widgets import TextArea

from ..text import safe_in_place


class SteadyDocument(Document):
    """A document whose lines, as the text area lays them out and draws them, are ``safe_in_place``; its
    ``text`` and text ranges (what is saved, copied and cut) are the typed text."""

    def __init__(self, text: str) -> None:
        super().__init__(text)
        self._shown: list[str] | None = None

    @property
    def lines(self) -> list[str]:
        if self._shown is None:
            self._shown = [safe_in_place(line) for line in self._lines]
        return self._shown

    def __getitem__(self, line_index):  # type: ignore[no-untyped-def,override]
        return self.lines[line_index]

    def replace_range(self, start: Location, end: Location, text: str) -> EditResult:
        self._shown = None
        return super().replace_range(start, end, text)


class SteadyTextArea(TextArea):
    """A ``TextArea`` on a ``SteadyDocument``: columns and wrapping agree with what any terminal draws."""

    def _set_document(self, text: str, language: str | None) -> None:
        super()._set_document(text, language)
        if type(self.document) is Document:  # plain text (no syntax tree): shown steady
            self.document = SteadyDocument(text)
            self.wrapped_document = WrappedDocument(self.document, tab_width=self.indent_width)
            self.navigator = DocumentNavigator(self.wrapped_document)
            self._build_highlight_map()
            self.move_cursor((0, 0))
            self._rewrap_and_refresh_virtual_size()
