"""Strict text reading: UTF-8 (BOM-aware) or UTF-16 with a BOM, line ends normalised, errors that name file,
line and byte offset. Lines are split on ``\\n`` only: ``str.splitlines`` also splits on U+2028, U+0085 and
form feed, which silently shifts line-aligned (Moses) files."""

from __future__ import annotations

import codecs
import io
import os
import stat
import unicodedata
from collections.abc import Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import BinaryIO

from .binary_input import binary_error, check_not_binary, check_signature
from .compressed import HEAD_BYTES, check_not_compressed, decompressing, readable_kind
from .controls import first_control_line, strip_controls
from .encoding_sniff import bomless_utf16, is_utf8_anyway, utf8_start
from .errors import InputError
from .nonchars import strip_nonchars  # (re-exported: formats.repairs, store_notes)

# Zero-width and bidi formatting characters: kept (they can be meaningful), but reported.
INVISIBLE_CHARS = frozenset("\u200b\u200c\u200d\u2060\ufeff\u200e\u200f\u202a\u202b\u202c\u202d\u202e"
                            "\u2066\u2067\u2068\u2069")


@dataclass
class TextReport:
    """What reading a file repaired or noticed."""

    path: str
    encoding: str
    had_bom: bool = False
    crlf_lines: int = 0
    lone_cr: int = 0
    controls_removed: int = 0
    invisible_lines: list[int] = field(default_factory=list)
    asked: str | None = None  # the --encoding given, where the file was read as UTF-8 instead (is_utf8_anyway)
    # Read in the legacy --encoding given though its start is UTF-8 (beyond ASCII): where that UTF-8 stops
    utf8_start: int | None = None
    nonchars_removed: int = 0
    control_line: int | None = None  # the first removed control character's line (last: batch.lines builds
    # a TextReport by position)

    def notes(self) -> list[str]:
        """Human-readable one-liners for what was repaired."""
        out = []
        if self.asked:
            out.append(f"read as UTF-8, which it is, not as --encoding {self.asked} (that applies to the files "
                       "that are not UTF-8)")
        if self.utf8_start is not None:
            out.append(f"its first {self.utf8_start:,} bytes are valid UTF-8 but the rest is not: read all of it "
                       f"as --encoding {self.encoding}, as asked (a garbled start would mean it mixes two encodings)")
        if self.had_bom:
            out.append("byte-order mark removed")
        if self.crlf_lines or self.lone_cr:
            out.append(f"line ends normalised ({self.crlf_lines} CRLF, {self.lone_cr} lone CR)")
        if self.controls_removed:
            first = f" (the first on line {self.control_line})" if self.control_line else ""
            out.append(f"{self.controls_removed} control character(s) removed{first}")
        if self.nonchars_removed:  # worded as the bilingual readers say it (formats.base)
            out.append(f"{self.nonchars_removed} noncharacter(s) U+FFFE/U+FFFF removed")
        if self.invisible_lines:
            shown = ", ".join(str(n) for n in self.invisible_lines[:5])
            out.append(f"zero-width/bidi characters kept on line(s) {shown}")
        return out


_SAMPLE_CHARS = 65536  # enough text to judge a decoding by, cheap on a large file
_MIN_JUNK = 8  # a few private-use characters (icon fonts, legacy symbol fonts) are real text


def check_decoded_text(path: str | Path, text: str, encoding: str) -> None:
    """Refuse text that the encoding turned into junk: a wrong ``--encoding`` (UTF-16 over a cp1251 file,
    say) can decode without an error into private-use and unassigned code points, which are not letters,
    so no script check sees them. A fifth of the visible characters is the bar (checked on the first
    ``_SAMPLE_CHARS``, the start of the file); the error names the first line that has one."""
    name = codecs.lookup(encoding).name
    if name == "utf-8":
        return  # valid UTF-8 is strong evidence of itself; a file of private-use text is someone's data
    if not name.startswith(("utf-16", "utf-32")):
        check_unicode_bom(path, text, encoding)
    sample = text[:_SAMPLE_CHARS]
    # an image or an archive given by mistake: latin-1 decodes any byte (QA: segment img.png --encoding
    # latin-1 printed "PNG")
    if (binary := binary_error(path, sample, encoding)) is not None:
        raise binary
    visible = junk = 0
    for ch in sample:
        if ch.isspace():
            continue
        visible += 1
        if unicodedata.category(ch) in ("Co", "Cn", "Cs"):
            junk += 1
    if junk < _MIN_JUNK or junk < 0.2 * visible:
        return
    # lines as the readers count them (a lone CR ends one): the text is not normalised yet
    lines = sample.replace("\r\n", "\n").replace("\r", "\n").split("\n")
    line = next(i for i, ln in enumerate(lines, 1) if any(unicodedata.category(c) in ("Co", "Cn", "Cs") for c in ln))
    raise InputError(path, f"decoded as {encoding}, {round(100 * junk / visible)}% of the characters are "
                           "private-use or unassigned code points: the file is not in that encoding; pass the "
                           "right --encoding (e.g. --encoding cp1251)", line=line)


_UNICODE_BOMS = ((codecs.BOM_UTF32_LE, "UTF-32"), (codecs.BOM_UTF32_BE, "UTF-32"), (codecs.BOM_UTF16_LE, "UTF-16"),
                  (codecs.BOM_UTF16_BE, "UTF-16"))


def check_unicode_bom(path: str | Path, text: str, encoding: str) -> None:
    """Refuse ``text`` decoded in the legacy ``encoding`` when it opens with a UTF-16/32 byte-order mark (as
    that encoding decodes one: "ÿþ" in latin-1): the file is UTF-16 or UTF-32, and reading it so garbled
    every character (QA: taken for binary data, or read as junk before that)."""
    for bom, kind in _UNICODE_BOMS:
        try:
            mark = bom.decode(encoding)
        except UnicodeDecodeError:
            continue
        if text.startswith(mark):
            raise InputError(path, f"starts with a {kind} byte-order mark: it is {kind} text, not {encoding}; pass "
                                   f"--encoding {kind.lower()}, or convert it (iconv -f {kind} -t UTF-8) to read "
                                   f"it with {encoding} files", line=1)


def check_bomless_utf16(path: str | Path, sample: bytes) -> None:
    """Raise InputError (naming the first NUL) when ``sample`` looks like UTF-16 without a BOM: decoded as
    UTF-8 it would be "valid" text full of NULs and control characters."""
    guess = bomless_utf16(sample)
    if guess is None:
        return
    nul = sample.index(b"\x00")
    other = "utf-16-be" if guess == "utf-16-le" else "utf-16-le"
    raise InputError(
        path,
        f"NUL byte at byte offset {nul}: this looks like UTF-16 without a byte-order mark; "
        f"pass --encoding {guess} (or {other})",
        line=line_at(sample, nul),
    )


def decode_hint(given: bool, encoding: str = "utf-8") -> str:
    """What to do about a file its encoding does not decode: with an ``--encoding`` other than UTF-8 given,
    that it is not the file's; in UTF-16/32, which only a byte-order mark selects unasked, that the file is
    damaged there (QA: such a file was told to try --encoding cp1251); else how to name one. (Told by the
    encoding alone, so that a worker reading a byte range, which knows only the encoding in use, says the
    same as the reader.)"""
    if given:
        return "the file is not in that encoding: pass the right --encoding"
    name = codecs.lookup(encoding).name
    if name.startswith(("utf-16", "utf-32")):
        kind = "UTF-32" if name.startswith("utf-32") else "UTF-16"
        return (f"its byte-order mark says {kind}, so the file is damaged there (a character cut or corrupted): "
                "save it again from where it came")
    return "if the file uses another encoding, pass --encoding (e.g. --encoding cp1251)"


def line_at(data: bytes, pos: int) -> int:
    """The 1-based line that byte ``pos`` of ``data`` (bytes in an ASCII-compatible encoding, from a line's
    start) is on, counted as every reader counts lines: ``\n``, ``\r\n`` and a lone ``\r`` each end one."""
    return data.count(b"\n", 0, pos) + data.count(b"\r", 0, pos) - data.count(b"\r\n", 0, pos) + 1


def _decode_error(path: Path, data: bytes, err: UnicodeDecodeError, encoding: str, given: bool = False,
                  base: int = 0) -> InputError:
    """``base``: the file's bytes before ``data`` (a byte-order mark), so the offset is the file's, as the
    streaming reader and the up-front check give it."""
    return InputError(
        path,
        f"not valid {encoding} at byte offset {base + err.start} (byte 0x{data[err.start]:02x}); "
        f"{decode_hint(given, encoding)}",
        line=_line_of_bad_bytes(data, err.start, encoding),
    )


def _line_of_bad_bytes(data: bytes, pos: int, encoding: str) -> int:
    """:func:`line_at` for any encoding: in UTF-16 and UTF-32, counted in the text before ``pos`` (QA: the
    bytes of a UTF-16 CRLF counted as two line ends, and any 0x0A or 0x0D byte of another character as one,
    so import named line 7 where score named 4)."""
    if codecs.lookup(encoding).name.startswith(("utf-16", "utf-32")):
        text = data[:pos].decode(encoding, errors="replace")
        return text.count("\n") + text.count("\r") - text.count("\r\n") + 1
    return line_at(data, pos)


def check_utf_bom(path: str | Path, data: bytes, encoding: str) -> None:
    """Refuse ``--encoding utf-16`` (or ``utf-32``) on a file without a byte-order mark: Python's codec then
    silently assumes this machine's byte order, which garbles big-endian text into CJK-looking junk. The
    streaming reader's incremental codec refuses it the same way."""
    name = codecs.lookup(encoding).name
    if name not in ("utf-16", "utf-32") or not data:
        return
    boms = (codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE) if name == "utf-16" else (codecs.BOM_UTF32_LE,
                                                                               codecs.BOM_UTF32_BE)
    if not data.startswith(boms):
        raise InputError(path, f"not valid {encoding}: no byte-order mark at its start; for {name.upper()} "
                               f"without one pass --encoding {name}-le or {name}-be", line=1)


def check_binary_input(path: str | Path, head: bytes, encoding: str | None) -> None:
    """Refuse a file whose start ``head`` is binary data (``binary_input.check_not_binary``): a PNG, a PDF, a
    tar archive... is said so in any encoding (latin-1 decodes every byte; QA: ``segment img.png --encoding
    latin-1`` printed "PNG"), not called text in another encoding. UTF-16/32 text, asked for, marked by a BOM
    or told without one, holds control bytes and is left to its own checks, and so is text in an encoding
    whose bytes are not ASCII's (EBCDIC's line end is a control byte): only a known signature tells there."""
    try:
        if encoding and codecs.lookup(encoding).name.startswith(("utf-16", "utf-32")):
            return
        if encoding and "\n".encode(encoding) != b"\n":
            check_signature(path, head)
            return
    except LookupError:
        return  # (an unknown encoding: refused by the reader, naming it)
    if head.startswith((codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE, codecs.BOM_UTF32_BE)) or bomless_utf16(head[:4096]):
        return
    check_not_binary(path, head)


def decode_bytes(data: bytes, path: Path | str, encoding: str | None = None) -> tuple[str, str, bool]:
    """Decode ``data`` strictly. Returns (text, encoding used, had_bom). With a legacy ``encoding``, data that
    is valid UTF-8 is read as UTF-8 (``is_utf8_anyway``)."""
    path = Path(path)
    check_binary_input(path, data[:_SAMPLE_CHARS], encoding)
    if encoding:
        try:
            codecs.lookup(encoding)
        except LookupError:
            raise InputError(path, f"unknown encoding {encoding!r}") from None
        if is_utf8_anyway(data, encoding):
            encoding = "utf-8"
        check_utf_bom(path, data, encoding)
        try:
            text = data.decode(encoding)
        except UnicodeDecodeError as err:
            raise _decode_error(path, data, err, encoding, given=codecs.lookup(encoding).name != "utf-8") from None
        except UnicodeError as err:  # a codec for names, not files (punycode, idna): no offset to give (QA: traceback)
            raise InputError(path, f"cannot be read as {encoding} ({err}); pass the file's text encoding "
                                   "(e.g. --encoding cp1251)") from None
        had_bom = text.startswith("\ufeff")
        check_decoded_text(path, text, encoding)
        return (text[1:] if had_bom else text), encoding, had_bom
    if data.startswith(codecs.BOM_UTF8):
        enc, body, had_bom = "utf-8", data[3:], True
    elif data.startswith((codecs.BOM_UTF32_LE, codecs.BOM_UTF32_BE)):
        # before UTF-16: the UTF-32 little-endian BOM starts with UTF-16's (QA: read as UTF-16, NULs removed)
        enc, body, had_bom = "utf-32", data, True
    elif data.startswith((codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE)):
        enc, body, had_bom = "utf-16", data, True
    else:
        enc, body, had_bom = "utf-8", data, False
        # UTF-16 without a BOM decodes as "valid" UTF-8 full of NULs: refuse instead of guessing. A stray
        # NUL, or binary junk, is not UTF-16: the first is a control character, the second invalid UTF-8.
        check_bomless_utf16(path, data[:4096])
    try:
        text = body.decode(enc)
    except UnicodeDecodeError as err:
        raise _decode_error(path, body, err, enc, base=len(data) - len(body)) from None
    if enc in ("utf-16", "utf-32"):
        text = text.lstrip("\ufeff")
        check_decoded_text(path, text, enc)  # a BOM in front of text in another encoding
    return text, enc, had_bom


def normalise_text(text: str, report: TextReport) -> str:
    """Normalise line ends to ``\\n`` and drop control characters, recording what changed."""
    report.crlf_lines += text.count("\r\n")
    text = text.replace("\r\n", "\n")
    report.lone_cr += text.count("\r")
    text = text.replace("\r", "\n")
    if report.control_line is None:  # (before the stripping: a run between words becomes a space, not a line)
        report.control_line = first_control_line(text)
    text, n = strip_controls(text)
    report.controls_removed += n
    text, n = strip_nonchars(text)
    report.nonchars_removed += n
    if any(ch in INVISIBLE_CHARS for ch in text):
        for i, line in enumerate(text.split("\n"), 1):
            if any(ch in INVISIBLE_CHARS for ch in line):
                report.invisible_lines.append(i)
    return text


def open_input(path: str | Path) -> BinaryIO:
    """Open an input file for reading; a missing, folder or unreadable file is a one-line InputError, and so
    is a character or block device: ``/dev/zero`` or ``/dev/urandom`` never ends, and reading it whole took
    all the machine's memory (QA: 23 GB before the kernel killed it). A gzip, xz or bzip2 file (told by its
    first bytes) is read decompressed, streamed; other compressed files are refused (``compressed``). A pipe
    (``<(...)``) is read, and ``-`` is standard input (``zcat doc.gz | mtreview segment - ...``; it used to
    be refused as "no such file")."""
    try:
        fh = _stdin() if str(path) == "-" else open(path, "rb")
    except FileNotFoundError:
        raise InputError(path, "no such file") from None
    except IsADirectoryError:
        raise InputError(path, "is a directory, expected a text file") from None
    except PermissionError:
        raise InputError(path, "permission denied") from None
    mode = os.fstat(fh.fileno()).st_mode
    if stat.S_ISCHR(mode) or stat.S_ISBLK(mode):
        fh.close()
        raise InputError(path, "is a device, not a file: give a file (or a pipe) to read")
    try:
        # peek: the file's first bytes without moving past them, a pipe's included
        head = fh.peek(HEAD_BYTES)[:HEAD_BYTES]
        check_not_compressed(path, head, readable=True)
    except InputError:
        fh.close()
        raise
    kind = readable_kind(head)
    return fh if kind is None else decompressing(path, fh, kind)


def not_a_file(path: str | Path) -> str | None:
    """``"a pipe"`` or ``"a device"`` when ``path`` names one (a FIFO, ``<(...)``, a socket, ``/dev/stdin``),
    else None (a plain file, or one that cannot be stat'ed: its reader says why). For commands that read an
    input more than once, or seek in it; opening a FIFO with no writer would also hang."""
    try:
        mode = os.stat(path).st_mode
    except OSError:
        return None
    if stat.S_ISCHR(mode):
        return "a device"
    return "a pipe" if stat.S_ISFIFO(mode) or stat.S_ISSOCK(mode) else None


def open_decompressed(path: str | Path) -> BinaryIO:
    """``open(path, "rb")`` (same OSErrors, no other checks) that reads a gzip, xz or bzip2 file decompressed:
    for the up-front checks that count or validate bytes, which must see the text the readers see."""
    fh = open(path, "rb")  # noqa: SIM115  # (returned open)
    try:
        kind = readable_kind(fh.peek(HEAD_BYTES)[:HEAD_BYTES])
    except OSError:
        fh.close()
        raise
    return fh if kind is None else decompressing(path, fh, kind)


def _stdin() -> io.BufferedReader:
    """Standard input as a binary file of its own (closing it leaves ``sys.stdin`` open); a terminal is
    refused, since nothing was piped in and reading would wait for typing."""
    import sys

    if sys.stdin is None or sys.stdin.isatty():
        raise InputError("-", "standard input is a terminal: pipe the text in (e.g. zcat doc.gz | mtreview "
                              "segment - -l ru) or give a file")
    return os.fdopen(os.dup(sys.stdin.fileno()), "rb")


def name_text(name: str | Path) -> str:
    """A file name as text that can be stored and written (SQLite, XML, JSON): a name whose bytes are not
    UTF-8 comes from the OS with surrogate escapes, which no UTF-8 writer accepts; they become U+FFFD."""
    return os.fsencode(name).decode("utf-8", "replace")


def read_input_bytes(path: str | Path) -> bytes:
    """The whole content of an input file, opened by ``open_input`` (same one-line errors)."""
    with open_input(path) as fh:
        return fh.read()


def read_text(path: str | Path, encoding: str | None = None) -> tuple[str, TextReport]:
    """Read a whole text file strictly and normalise it. Raises InputError naming file, line, byte offset."""
    p = Path(path)
    data = read_input_bytes(p)
    text, enc, had_bom = decode_bytes(data, p, encoding)
    report = TextReport(path=str(p), encoding=enc, had_bom=had_bom,
                        asked=encoding if encoding and enc == "utf-8" and enc != encoding else None,
                        utf8_start=utf8_start(data, enc) if encoding else None)
    return normalise_text(text, report), report


def split_lines(text: str) -> list[str]:
    """Split on ``\\n`` only (never on U+2028/U+0085/form feed); a final newline adds no empty line."""
    if text == "":
        return []
    lines = text.split("\n")
    if lines and lines[-1] == "":
        lines.pop()
    return lines


def read_lines(path: str | Path, encoding: str | None = None) -> tuple[list[str], TextReport]:
    """Read a line-oriented file (one segment per line)."""
    text, report = read_text(path, encoding)
    return split_lines(text), report


def lone_cr_hint(paths: Sequence[str | Path]) -> str:
    """For an error about unequal line counts: which of ``paths`` have lone carriage returns, each a line end
    for every reader here (old Mac line ends), and inside a line of a scraped corpus a stray that shifts the
    count, as `` (a.txt has 1 lone carriage return, each a line end)``; "" when none has. The files are read
    again, whole: only on that error."""
    strays = []
    for path in paths:
        n = 0
        try:
            with open_decompressed(path) as fh:  # a block at a time: a corpus, or a compressed one
                last = b""
                while block := fh.read(1 << 22):
                    n += block.count(b"\r") - block.count(b"\r\n") - (last == b"\r" and block[:1] == b"\n")
                    last = block[-1:]
        except (OSError, InputError):
            continue
        if n:
            strays.append(f"{path} has {n} lone carriage return{'' if n == 1 else 's'}, each a line end")
    return f" ({'; '.join(strays)})" if strays else ""


def nfc(text: str) -> str:
    """Unicode NFC: the form every comparison in mtreview uses."""
    return unicodedata.normalize("NFC", text)


def allow_long_csv_fields() -> None:
    """Let the ``csv`` module read fields of any length. Its default limit (131,072 characters) refuses
    a long segment that the CSV writer wrote, as if the file were malformed. The limit is process-wide."""
    import csv
    import sys

    csv.field_size_limit(min(sys.maxsize, 2**31 - 1))  # the C long of some platforms is 32-bit
