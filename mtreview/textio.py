"""Strict text reading: UTF-8 (BOM-aware) or UTF-16 with a BOM, line ends normalised, errors that name file,
line and byte offset. Lines are split on ``\\n`` only: ``str.splitlines`` also splits on U+2028, U+0085 and
form feed, which silently shifts line-aligned (Moses) files."""

from __future__ import annotations

import codecs
import re
import unicodedata
from dataclasses import dataclass, field
from pathlib import Path

from .errors import InputError

# C0/C1 control characters except tab and newline: removed (and counted) because they break terminals,
# XML export and most MT toolkits. Line ends are normalised before this runs.
_CONTROL_RE = re.compile("[\x00-\x08\x0b-\x1f\x7f\x80-\x84\x86-\x9f]")
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

    def notes(self) -> list[str]:
        """Human-readable one-liners for what was repaired."""
        out = []
        if self.had_bom:
            out.append("byte-order mark removed")
        if self.crlf_lines or self.lone_cr:
            out.append(f"line ends normalised ({self.crlf_lines} CRLF, {self.lone_cr} lone CR)")
        if self.controls_removed:
            out.append(f"{self.controls_removed} control character(s) removed")
        if self.invisible_lines:
            shown = ", ".join(str(n) for n in self.invisible_lines[:5])
            out.append(f"zero-width/bidi characters kept on line(s) {shown}")
        return out


def _decode_error(path: Path, data: bytes, err: UnicodeDecodeError, encoding: str) -> InputError:
    line = data.count(b"\n", 0, err.start) + 1
    return InputError(
        path,
        f"not valid {encoding} at byte offset {err.start} (byte 0x{data[err.start]:02x}); "
        "if the file uses another encoding, pass --encoding (e.g. --encoding cp1251)",
        line=line,
    )


def decode_bytes(data: bytes, path: Path | str, encoding: str | None = None) -> tuple[str, str, bool]:
    """Decode ``data`` strictly. Returns (text, encoding used, had_bom)."""
    path = Path(path)
    if encoding:
        try:
            codecs.lookup(encoding)
        except LookupError:
            raise InputError(path, f"unknown encoding {encoding!r}") from None
        try:
            text = data.decode(encoding)
        except UnicodeDecodeError as err:
            raise _decode_error(path, data, err, encoding) from None
        had_bom = text.startswith("\ufeff")
        return (text[1:] if had_bom else text), encoding, had_bom
    if data.startswith(codecs.BOM_UTF8):
        enc, body, had_bom = "utf-8", data[3:], True
    elif data.startswith((codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE)):
        enc, body, had_bom = "utf-16", data, True
    else:
        enc, body, had_bom = "utf-8", data, False
        head = data[:4096]
        if head.count(b"\x00") * 10 >= len(head) > 0:
            # UTF-16 without a BOM decodes as "valid" UTF-8 full of NULs (spaces, line ends and Latin letters
            # all carry a zero byte): refuse instead of guessing. A stray NUL is just a control character.
            nul = data.index(b"\x00")
            line = data.count(b"\n", 0, nul) + 1
            raise InputError(
                path,
                f"NUL byte at byte offset {nul}: this looks like UTF-16 without a byte-order mark; "
                "pass --encoding utf-16-le (or utf-16-be)",
                line=line,
            )
    try:
        text = body.decode(enc)
    except UnicodeDecodeError as err:
        raise _decode_error(path, body, err, enc) from None
    if enc == "utf-16":
        text = text.lstrip("\ufeff")
    return text, enc, had_bom


def normalise_text(text: str, report: TextReport) -> str:
    """Normalise line ends to ``\\n`` and drop control characters, recording what changed."""
    report.crlf_lines += text.count("\r\n")
    text = text.replace("\r\n", "\n")
    report.lone_cr += text.count("\r")
    text = text.replace("\r", "\n")
    text, n = _CONTROL_RE.subn("", text)
    report.controls_removed += n
    if any(ch in INVISIBLE_CHARS for ch in text):
        for i, line in enumerate(text.split("\n"), 1):
            if any(ch in INVISIBLE_CHARS for ch in line):
                report.invisible_lines.append(i)
    return text


def read_text(path: str | Path, encoding: str | None = None) -> tuple[str, TextReport]:
    """Read a whole text file strictly and normalise it. Raises InputError naming file, line, byte offset."""
    p = Path(path)
    try:
        data = p.read_bytes()
    except FileNotFoundError:
        raise InputError(p, "no such file") from None
    except IsADirectoryError:
        raise InputError(p, "is a directory, expected a text file") from None
    except PermissionError:
        raise InputError(p, "permission denied") from None
    text, enc, had_bom = decode_bytes(data, p, encoding)
    report = TextReport(path=str(p), encoding=enc, had_bom=had_bom)
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


def nfc(text: str) -> str:
    """Unicode NFC: the form every comparison in mtreview uses."""
    return unicodedata.normalize("NFC", text)
