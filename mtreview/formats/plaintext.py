"""Plain-text documents: one side of a two-document import (source document, MT document).

A plain-text file is not bilingual, so this handler neither reads units nor writes them; it is registered so
that detection can tell a ``.txt`` document from a bilingual file and say what to do with it. Reading is
``mtreview.textio``: strict UTF-8 (BOM-aware, UTF-16 with a BOM), line ends normalised, control characters
removed and counted, zero-width and bidi characters kept and reported.
"""

from __future__ import annotations

from pathlib import Path

from ..textio import TextReport, read_text
from .base import FormatHandler, register


@register
class PlainTextFormat(FormatHandler):
    name = "text"
    description = "plain-text document (one side of SOURCE MT)"
    suffixes = (".txt", ".text")
    can_read = False
    can_write = False


def read_document(path: str | Path, encoding: str | None = None) -> tuple[str, TextReport]:
    """The text of a document, read strictly, and the report of what was repaired."""
    return read_text(path, encoding)
