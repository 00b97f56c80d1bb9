"""The encoding an XML declaration names, checked against the file's bytes.

libxml2 trusts the declaration: a file that says ``encoding="ISO-8859-1"`` (an editor's or an old tool's
default) but holds UTF-8 imports with every non-ASCII letter garbled (``Привет`` as ``ÐŸÑ€Ð¸Ð²ÐµÑ‚``, its C1
bytes then removed as control characters), silently. Valid UTF-8 with letters beyond ASCII is practically
never legacy text (the rule the text readers follow too), so such a file is refused with the ``--encoding``
that reads it. So is one that declares UTF-16 or UTF-32 while its declaration is ASCII bytes.
"""

from __future__ import annotations

import codecs
import re
from pathlib import Path

from ..errors import InputError
from ..textio import open_input

_CHUNK = 1024 * 1024
_DECL_RE = re.compile(rb"""\A\s*<\?xml\s[^>]*?\bencoding\s*=\s*["']([A-Za-z0-9._:-]+)["']""")
_BOMS = (codecs.BOM_UTF8, codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE)


def declared_encoding(head: bytes) -> str | None:
    """The encoding the XML declaration at the start of ``head`` names, if any (no BOM before it)."""
    if head.startswith(_BOMS):
        return None  # a byte-order mark decides over the declaration
    m = _DECL_RE.match(head)
    return m.group(1).decode("ascii") if m else None


def _wide(name: str) -> bool:
    """Is ``name`` UTF-16 or UTF-32 (an encoding in which an XML declaration is not ASCII bytes)?"""
    try:
        return codecs.lookup(name).name.startswith(("utf-16", "utf-32"))
    except LookupError:
        return False


def _legacy(name: str) -> bool:
    """Is ``name`` an ASCII-compatible encoding other than UTF-8 (in which UTF-8 bytes read as garble)?"""
    try:
        canonical = codecs.lookup(name).name
    except LookupError:
        return False  # libxml2 says "unsupported encoding" itself
    if canonical.startswith("utf"):
        return False
    try:
        return "<?xml encoding".encode(canonical) == b"<?xml encoding"
    except (UnicodeError, LookupError):
        return False


def check_declared_encoding(path: Path) -> None:
    """Refuse a file that declares a legacy encoding while its bytes are UTF-8 with non-ASCII text."""
    with open_input(path) as fh:
        data = fh.read(512)  # the XML declaration: the whole file is read only for a legacy encoding
        name = declared_encoding(data)
        if name is None:
            return
        if _wide(name):
            # the declaration was read as one byte a character, so the file is not in the UTF-16/32 it names
            # (libxml2 would only say "Blank needed here")
            raise InputError(path, f"the XML declaration says encoding {name!r}, but the file is written one "
                                   "byte a character, not in that encoding; pass --encoding utf-8 if it is UTF-8 "
                                   "(or the encoding it is in)", line=1)
        if not _legacy(name):
            return
        decoder = codecs.getincrementaldecoder("utf-8")("strict")
        line, sample = 1, None
        while data:
            try:
                text = decoder.decode(data)
            except UnicodeDecodeError:
                return  # not UTF-8: the declared encoding may well be right
            if sample is None:
                m = re.search(r"[^\s<>&\"']*[^\x00-\x7f][^\s<>&\"']*", text)
                if m is None:
                    line += text.count("\n")
                else:
                    line += text.count("\n", 0, m.start())
                    sample = m.group(0)[:24]
            data = fh.read(_CHUNK)
        try:
            decoder.decode(b"", final=True)
        except UnicodeDecodeError:
            return
    if sample is None:
        return  # ASCII only: any ASCII-compatible declaration reads it right
    garbled = sample.encode("utf-8").decode(name, errors="replace")
    raise InputError(path, f"the XML declaration says encoding {name!r}, but the file is UTF-8 ({sample!r} "
                           f"would read as {garbled!r}); pass --encoding utf-8 to read it as UTF-8 (or "
                           f"--encoding {name} to read it as declared)", line=line)
