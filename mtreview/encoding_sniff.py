"""Byte-level evidence of a file's encoding, before any decoding: UTF-16 without a byte-order mark, a file
given a legacy ``--encoding`` that is UTF-8 all the same, and where a UTF-8 start stops. Shared by the whole-file
reader (``textio``), the streaming reader (``batch.lines``) and format sniffing (``formats.base``)."""

from __future__ import annotations

import codecs
from collections import Counter


def is_utf8_prefix(data: bytes) -> bool:
    """Whether ``data`` (a file's start) is valid UTF-8, a character cut at its end allowed."""
    try:
        codecs.getincrementaldecoder("utf-8")().decode(data, final=False)
    except UnicodeDecodeError:
        return False
    return True


def bomless_utf16(sample: bytes) -> str | None:
    """``"utf-16-le"`` / ``"utf-16-be"`` when ``sample`` (the first few KB of a file without a BOM) looks
    like UTF-16, else None.

    The evidence is where the NULs are: UTF-16 puts the zero byte of every ASCII character (spaces, line
    ends, digits) on the same side of each byte pair, so at least 5% of one side's bytes are NUL, the
    other side has few, and that side holds almost only two byte values. Random binary has NULs on both sides alike (about 1 in 256): it is no UTF-16 and
    should be refused as invalid UTF-8 instead."""
    even, odd = sample[0:len(sample) - len(sample) % 2:2], sample[1::2]
    pairs = len(odd)
    if pairs < 2:
        return None
    n_even, n_odd = even.count(0), odd.count(0)
    high, low = max(n_even, n_odd), min(n_even, n_odd)
    # One or two NULs are no evidence: in a short UTF-8 file a stray NUL was "5% of a side" (QA), and the
    # advice to pass --encoding utf-16 then garbled the file.
    if high < 3 or high * 20 < pairs or low * 4 > high:
        return None
    # The high-byte side of one script's UTF-16 holds NUL and that script's block byte (0x04 for Cyrillic)
    # almost only; text with a stray NUL, or binary, has all sorts of bytes there.
    side = odd if n_odd > n_even else even
    top_two = sum(count for _, count in Counter(side).most_common(2))
    if top_two * 10 < len(side) * 8:
        return None
    return "utf-16-le" if n_odd > n_even else "utf-16-be"


_TEXT_CONTROLS = bytes(b for b in range(32) if b not in (9, 10, 13))


def is_utf8_anyway(sample: bytes, encoding: str, final: bool = True) -> bool:
    """Whether a file given an ``--encoding`` is UTF-8 all the same, so that one ``--encoding`` can be given
    for the one file that needs it (a cp1251 or UTF-16 source beside a UTF-8 MT). With a legacy encoding
    (cp1251, koi8-r, latin-1): its bytes are valid UTF-8 and some are not ASCII; legacy text with letters
    beyond ASCII almost never decodes as UTF-8, and decoding UTF-8 as cp1251 would turn every such letter
    into two wrong ones, silently. With UTF-16 or UTF-32: valid UTF-8 without a NUL or other control byte
    but tab and line ends (UTF-16/32 text has NULs in its spaces, line ends and digits, and control bytes in
    the high half of Cyrillic, Greek, Hebrew or Arabic letters: 0x04 for Cyrillic). ``final``: False for the
    start of a file (a character cut at its end is not an error)."""
    name = codecs.lookup(encoding).name
    if name.startswith("utf-16") or name.startswith("utf-32"):
        if sample.translate(None, _TEXT_CONTROLS) != sample:  # C speed
            return False
    elif name.startswith("utf") or sample.isascii():  # isascii: C speed on a whole file
        return False
    if not final:
        return is_utf8_prefix(sample)
    try:
        sample.decode("utf-8")
    except UnicodeDecodeError:
        return False
    return True


def utf8_start(data: bytes, encoding: str) -> int | None:
    """For a file read in the legacy ``encoding`` (not UTF-8): where its start stops being UTF-8 when that start
    holds a character beyond ASCII (the file mixes encodings, or the encoding is right and the start, by
    chance, decodes as UTF-8 too); else None. Cheap on legacy text: its first letter beyond ASCII stops it."""
    if codecs.lookup(encoding).name.startswith("utf"):
        return None
    try:
        data.decode("utf-8")
    except UnicodeDecodeError as err:
        return None if data[:err.start].isascii() else err.start
    return None  # all of it UTF-8: read as UTF-8 (is_utf8_anyway), or ASCII
