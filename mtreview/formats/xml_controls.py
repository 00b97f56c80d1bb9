"""Control characters that XML 1.0 forbids (C0 controls other than tab, line feed and carriage return), taken
out of a TMX or XLIFF file's bytes before the XML parser sees them.

Old translation memories and files that went through a word processor carry them, raw (a vertical tab for a
soft line break, a form feed, an escape) or as character references (``&#11;``, ``&#x1F;``), and libxml2
refuses the whole file for one of them. The text readers remove control characters and count them; the XML
readers do the same by handing each forbidden character to the parser as ``&#x80;`` (U+0080, a C1 control,
which XML 1.0 allows): the unit's repairs (``repairs.clean_text``) then remove and count it like every other
control character, keeping two words it stood between apart, as in a text file.

Only bytes are looked at, which is right for UTF-8 and every ASCII-compatible encoding: their multi-byte
sequences never use a byte below 0x20; UTF-16/32 text is decoded first (:func:`wide_codec`), and ISO-2022
(which uses the escape byte) is left as it is (:func:`filters_bytes`). Line numbers stay right: line feeds
are never touched.
"""

from __future__ import annotations

import codecs
import re
from collections.abc import Callable

from .xmldecl import declared_encoding

_RAW = rb"[\x00-\x08\x0b\x0c\x0e-\x1f]"
# references to the same characters (decimal 9, 10 and 13, tab, line feed and carriage return, are allowed)
_REFERENCE = rb"&#(?:[xX]0*(?:[0-8bBcCeEfF]|1[0-9a-fA-F])|0*(?:[0-8]|1[124-9]|2[0-9]|3[01]));"
_FORBIDDEN_RE = re.compile(_RAW + b"|" + _REFERENCE)
_STAND_IN = b"&#x80;"
_LONGEST_REFERENCE = 16  # "&#x00000000001F;" and the like: a reference cut by a read waits for the next


def wide_codec(head: bytes) -> str | None:
    """The codec of a UTF-16 or UTF-32 file starting with ``head`` (by its byte-order mark, or its first
    character ``<``), or None. Such a file is decoded in Python and its text filtered as UTF-8: old TMX
    memories (Trados 2007 wrote UTF-16) are where the control characters are."""
    if head.startswith((codecs.BOM_UTF32_LE, codecs.BOM_UTF32_BE)):
        return "utf-32"
    if head.startswith((codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE)):
        return "utf-16"
    if head.startswith(b"<\x00\x00\x00"):
        return "utf-32-le"
    if head.startswith(b"\x00\x00\x00<"):
        return "utf-32-be"
    if head.startswith(b"<\x00"):
        return "utf-16-le"
    if head.startswith(b"\x00<"):
        return "utf-16-be"
    return None


def filters_bytes(head: bytes, encoding: str | None) -> bool:
    """Whether a file starting with ``head``, read as ``encoding`` (the user's ``--encoding``, or None for
    the file's own) can have its forbidden characters taken out byte by byte."""
    if head.startswith((codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE, b"<\x00", b"\x00<", b"\x00\x00")):
        return False  # UTF-16/32: their bytes below 0x20 are halves of characters
    for name in (encoding, declared_encoding(head)):  # (a UTF-8 byte-order mark decides over a declaration)
        if name is None:
            continue
        try:
            canonical = codecs.lookup(name).name
        except LookupError:
            return False  # the parser says so itself
        if canonical.startswith(("utf-16", "utf-32", "iso2022", "iso-2022")):
            return False
        try:
            if "<?xml".encode(canonical) != b"<?xml":
                return False  # EBCDIC and the like
        except (UnicodeError, LookupError):
            return False
    return True


class ControlsReplaced:
    """The binary stream ``read`` with each forbidden character (raw, or as a reference) handed on as
    ``&#x80;``; ``replaced`` counts them."""

    def __init__(self, read: Callable[[int], bytes]) -> None:
        self._read = read
        self._held = b""  # the start of a reference that a read cut
        self.replaced = 0

    def read(self, size: int = -1) -> bytes:
        while True:
            chunk = self._read(size)
            data = self._held + chunk
            self._held = b""
            if chunk:
                amp = data.rfind(b"&", max(0, len(data) - _LONGEST_REFERENCE))
                if amp >= 0 and b";" not in data[amp:]:
                    data, self._held = data[:amp], data[amp:]
            if data or not chunk:
                break
        data, n = _FORBIDDEN_RE.subn(_STAND_IN, data)
        self.replaced += n
        return data
