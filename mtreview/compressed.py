"""Compressed input files, told by their first bytes and refused with a way out.

Corpora often ship compressed (OPUS's ``.gz``, WMT's ``.xz``). mtreview reads plain text: a compressed file
read as text was refused with advice to pass ``--encoding cp1251`` (its bytes are not UTF-8), and a legacy
``--encoding`` such as latin-1, which decodes any byte, scored or imported the compressed bytes as
garbage (QA: ``score src.txt mt.txt.gz --encoding latin-1`` gave 2,000 segments of junk, exit 0)."""

from __future__ import annotations

import os
import re
import stat
from pathlib import Path

from .errors import InputError

HEAD_BYTES = 10  # enough for every signature below

# (signature, what it is, the command that makes a plain file of it). bzip2 needs more than "BZh": an
# ordinary text may start with those letters, never with a block size digit and the block magic after them.
_SIGNATURES: tuple[tuple[re.Pattern[bytes], str, str], ...] = (
    (re.compile(rb"\x1f\x8b"), "gzip-compressed", "gunzip -k {name}"),
    (re.compile(rb"BZh[1-9](?:1AY&SY|\x17rE8P\x90)"), "bzip2-compressed", "bunzip2 -k {name}"),
    (re.compile(rb"\xfd7zXZ\x00"), "xz-compressed", "unxz -k {name}"),
    (re.compile(rb"\x28\xb5\x2f\xfd"), "zstd-compressed", "unzstd {name}"),
    (re.compile(rb"PK\x03\x04"), "a ZIP archive (a .docx or .xlsx is one too)", "unzip {name}"),
    (re.compile(rb"7z\xbc\xaf\x27\x1c"), "a 7-Zip archive", "7z x {name}"),
)


def compression_of(head: bytes) -> tuple[str, str] | None:
    """(what the file is, the command that unpacks it, with ``{name}`` for the file) when ``head``, a
    file's first bytes, starts with a compressed format's signature; None for anything else."""
    for pattern, what, how in _SIGNATURES:
        if pattern.match(head):
            return what, how
    return None


def check_not_compressed(path: str | Path, head: bytes) -> None:
    """Raise InputError naming ``path`` when ``head`` (its first bytes) shows a compressed file."""
    found = compression_of(head)
    if found is None:
        return
    what, how = found
    raise InputError(path, f"{what}: mtreview reads uncompressed files; unpack it first "
                           f"({how.format(name=path)})", line=1)


def check_file_not_compressed(path: str | Path) -> None:
    """``check_not_compressed`` on the file at ``path``; a file that cannot be read is left to its reader,
    whose errors say why, and so is a pipe (reading its start here would take those bytes from its reader)."""
    try:
        if not stat.S_ISREG(os.stat(path).st_mode):
            return
        with open(path, "rb") as fh:
            head = fh.read(HEAD_BYTES)
    except OSError:
        return
    check_not_compressed(path, head)
