"""Binary files given as text: told by a known signature, or by the control bytes that text never holds.

A legacy ``--encoding`` (latin-1 above all) decodes any byte, so an image or an archive given by mistake went
through as text: its control bytes were "repaired" and the rest became segments (QA: ``segment img.png
--encoding latin-1`` printed "PNG"). Without ``--encoding`` such a file is refused as invalid UTF-8; this says
what it is instead, with or without.
"""

from __future__ import annotations

import re
from pathlib import Path

from .encoding_sniff import is_utf8_prefix
from .errors import InputError

# (first bytes, what the file is); a file of these is no text in any encoding
_SIGNATURES: tuple[tuple[bytes, str, str], ...] = (
    (b"\x89PNG\r\n\x1a\n", "a PNG image", ""),
    (b"\xff\xd8\xff", "a JPEG image", ""),
    (b"GIF87a", "a GIF image", ""),
    (b"GIF89a", "a GIF image", ""),
    (b"%PDF-", "a PDF document", ": extract its text first (pdftotext {name})"),
    (b"SQLite format 3\x00", "an SQLite database", " (an mtreview project is one: export it to a text file)"),
    (b"\x7fELF", "an executable", ""),
    (b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1", "a legacy Office document", " (.doc, .xls): save it as text first"),
    (b"PAR1", "a Parquet file", " (import reads Parquet as a bilingual file; as text it cannot be read)"),
)
_TAR_MAGIC_AT = 257  # "ustar" in a tar header

# C0 controls that text does not hold: every one but tab, line feed, vertical tab, form feed, carriage
# return, and Ctrl-Z (a DOS end-of-file marker, kept by old editors). C1 controls are left out: latin-1
# decodes a cp1252 file's curly quotes and dashes into them.
_BINARY_CONTROLS = re.compile("[\x00-\x08\x0e-\x19\x1b-\x1f]")
_MIN_CONTROLS = 4
_SHARE = 0.05  # of the visible characters: a stray control in a text is one in thousands


def check_not_binary(path: str | Path, head: bytes) -> None:
    """Raise InputError naming ``path`` when ``head`` (a file's start, as read: 64 KiB tells) is a known
    binary format, or binary data by its control bytes where it is not UTF-8 (valid UTF-8 with control
    characters is text that reading repairs, with or without ``--encoding``)."""
    check_signature(path, head)
    if not is_utf8_prefix(head) and (binary := binary_error(path, head.decode("latin-1"), None)) is not None:
        raise binary


def check_signature(path: str | Path, head: bytes) -> None:
    """Raise InputError naming ``path`` when ``head`` (a file's first 512 bytes tell) is a known binary format."""
    if (found := signature_of(head)) is not None:
        what, advice = found
        raise InputError(path, f"{what}, not a text file{advice.format(name=path)}", line=1)


def binary_error(path: str | Path, text: str, encoding: str | None) -> InputError | None:
    """The error for ``text`` (a file's start, decoded as ``encoding``; None: its bytes, as latin-1 decodes
    them) when it is binary data, else None."""
    found = binary_controls(text)
    if found is None or (text.isascii() and text.count("\x00") * 3 <= len(text)):
        return None  # (ASCII is UTF-8, which reading repairs, unless it is UTF-16 read a byte a character)
    n, line = found
    hint = ""
    if text.count("\x00") * 3 > len(text):  # every other byte NUL: UTF-16 text, read one byte a character
        hint = " (UTF-16 without a byte-order mark reads so: then pass --encoding utf-16-le or utf-16-be)"
    where = f"{len(text):,} bytes" if encoding is None else f"{len(text):,} characters (read as {encoding})"
    return InputError(path, f"binary data, not text: {n} control characters in its first {where}{hint}",
                      line=line)


def _reads_as_text(data: bytes) -> bool:
    """Whether ``data`` is valid UTF-8 without a NUL (a character cut at its end allowed): the bytes of a GIF
    or a PDF after their ASCII signature are not."""
    return b"\x00" not in data and is_utf8_prefix(data)


def signature_of(data: bytes) -> tuple[str, str] | None:
    """(what a file starting with ``data`` is, advice with ``{name}`` for the file) when its first bytes are a
    binary format's signature; None otherwise."""
    for magic, what, advice in _SIGNATURES:
        if data.startswith(magic):
            if magic.isascii() and _reads_as_text(data):
                return None  # "GIF89a ..." or "%PDF-1.4 ..." as the start of a text (a note, a document) is text
            return what, advice
    if data[_TAR_MAGIC_AT:_TAR_MAGIC_AT + 5] == b"ustar":
        return "a tar archive", ": unpack it first (tar xf {name})"
    return None


def binary_controls(text: str) -> tuple[int, int] | None:
    """(how many, line of the first) of the control characters that make ``text`` (a file's start, decoded)
    binary data rather than text: at least 4, and 5% of its visible characters; None for text."""
    n = len(_BINARY_CONTROLS.findall(text))
    if n < _MIN_CONTROLS:
        return None
    visible = sum(1 for ch in text if not ch.isspace())
    if n < _SHARE * visible:
        return None
    first = _BINARY_CONTROLS.search(text)
    assert first is not None
    before = text[:first.start()]
    return n, before.count("\n") + before.count("\r") - before.count("\r\n") + 1
