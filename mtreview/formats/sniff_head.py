"""The first bytes of a file that tell its format, past any blank lines ahead of the content."""

from __future__ import annotations

import codecs
from typing import IO

_SNIFF_BYTES = 4096
_BLANK = b" \t\r\n"


def head_past_blanks(fh: IO[bytes]) -> bytes:
    """The first bytes of ``fh`` that say what it is: a BOM, then up to ``_SNIFF_BYTES`` from the first byte
    that is not whitespace. Blank lines ahead of the content are skipped however many there are (QA: a TSV,
    JSONL or XML file whose first 4 KB were blank lines was "cannot tell the file format"), a chunk at a
    time, holding none of them."""
    head = fh.read(_SNIFF_BYTES)
    if b"\x00" in head[:64]:  # UTF-16/32 (with or without a BOM): its blanks are not these bytes
        return head
    bom = codecs.BOM_UTF8 if head.startswith(codecs.BOM_UTF8) else b""
    rest = head[len(bom):]
    while rest and not rest.lstrip(_BLANK):
        rest = fh.read(64 * 1024)
    rest = rest.lstrip(_BLANK)
    while rest and len(rest) < _SNIFF_BYTES and (more := fh.read(_SNIFF_BYTES - len(rest))):
        rest += more
    return bom + rest[:_SNIFF_BYTES]
