"""Compressed input files, told by their first bytes (never by their name).

Corpora often ship compressed (OPUS's ``.gz``, WMT's ``.xz``). gzip, xz and bzip2 are read through Python's
own decompressors (``decompressing``), so every reader sees the text; zstd, ZIP and 7-Zip have no stdlib
reader (and a ZIP can hold many files) and are refused with the command that unpacks them. Before this, a
compressed file read as text was refused with advice to pass ``--encoding cp1251``, and a legacy
``--encoding`` such as latin-1 scored its compressed bytes as garbage (QA: 2,000 segments of junk, exit 0)."""

from __future__ import annotations

import bz2
import gzip
import io
import lzma
import os
import re
import stat
import zlib
from collections.abc import Callable
from pathlib import Path
from typing import Any, BinaryIO

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


def check_not_compressed(path: str | Path, head: bytes, readable: bool = False, why: str | None = None) -> None:
    """Raise InputError naming ``path`` when ``head`` (its first bytes) shows a compressed file; with
    ``readable``, only one that ``decompressing`` cannot read (zstd, ZIP, 7-Zip). ``why``: the reason
    given (by default, which compressions mtreview reads)."""
    found = compression_of(head)
    if found is None or (readable and readable_kind(head) is not None):
        return
    what, how = found
    why = why or "mtreview reads uncompressed, gzip, xz and bzip2 files"
    raise InputError(path, f"{what}: {why}; unpack it first ({how.format(name=path)})", line=1)


def file_head(path: str | Path) -> bytes | None:
    """The first ``HEAD_BYTES`` of a regular file; None for a pipe (reading its start here would take those
    bytes from its reader) or a file that cannot be read (its reader's errors say why)."""
    try:
        if not stat.S_ISREG(os.stat(path).st_mode):
            return None
        with open(path, "rb") as fh:
            return fh.read(HEAD_BYTES)
    except OSError:
        return None


def check_file_not_compressed(path: str | Path, readable: bool = False, why: str | None = None) -> None:
    """``check_not_compressed`` on the file at ``path`` (nothing for a pipe or an unreadable file)."""
    head = file_head(path)
    if head is not None:
        check_not_compressed(path, head, readable, why)


def readable_kind(head: bytes) -> str | None:
    """``"gzip"``, ``"xz"`` or ``"bzip2"`` when ``head`` starts a file ``decompressing`` reads, else None."""
    found = compression_of(head)
    if found is None:
        return None
    kind = found[0].removesuffix("-compressed")
    return kind if kind in _OPENERS else None


def compressed_file_kind(path: str | Path) -> str | None:
    """``readable_kind`` of the regular file at ``path`` (None for a pipe or an unreadable file)."""
    head = file_head(path)
    return None if head is None else readable_kind(head)


_COMPRESSED_SUFFIXES = (".gz", ".gzip", ".xz", ".lzma", ".bz2", ".bz")


def uncompressed_name(path: str | Path) -> str:
    """A file's name without a compression suffix (``corpus.tmx.gz`` -> ``corpus.tmx``): what its
    decompressed text is named by (the format a name announces)."""
    name = Path(path).name
    low = name.lower()
    return next((name[:-len(s)] for s in _COMPRESSED_SUFFIXES if low.endswith(s)), name)


def _open_gzip(fh: BinaryIO) -> io.BufferedIOBase:
    return gzip.GzipFile(fileobj=fh, mode="rb")


def _open_xz(fh: BinaryIO) -> io.BufferedIOBase:
    return lzma.LZMAFile(fh, "rb")


def _open_bzip2(fh: BinaryIO) -> io.BufferedIOBase:
    return bz2.BZ2File(fh, "rb")


_OPENERS: dict[str, Callable[[BinaryIO], io.BufferedIOBase]] = {
    "gzip": _open_gzip, "xz": _open_xz, "bzip2": _open_bzip2}

# A decompression bomb (10 GB of zeros in 10 MB of gzip) is refused once the text passes ``BOMB_FLOOR`` bytes
# and ``BOMB_RATIO`` times the compressed bytes read: text compresses 3-10 times (xz on a corpus of repeated
# lines, a few dozen), zeros about 1,000. The readers that read a whole file would hold all of it.
BOMB_RATIO = 100
BOMB_FLOOR = 64 << 20
_STEP = 1 << 14  # decompressed bytes per read (a truncation is placed within this much text)


class _Counted:
    """The compressed file, counting the bytes the decompressor has taken (for the bomb check)."""

    def __init__(self, fh: BinaryIO) -> None:
        self._fh = fh
        self.taken = 0

    def read(self, size: int = -1) -> bytes:
        data = self._fh.read(size)
        self.taken += len(data)
        return data

    def seek(self, pos: int, whence: int = 0) -> int:  # the decompressors rewind to 0 on a backward seek
        out = self._fh.seek(pos, whence)
        self.taken = out
        return out

    def tell(self) -> int:
        return self._fh.tell()

    def seekable(self) -> bool:
        return self._fh.seekable()


class _Decompressed(io.RawIOBase):
    """The decompressed text of a gzip/xz/bzip2 file as a raw stream whose errors are one-line InputErrors
    naming the file: a truncated or corrupt stream, a bomb. Line numbers there count the decompressed text."""

    def __init__(self, path: str | Path, fh: BinaryIO, kind: str) -> None:
        super().__init__()
        self._path, self._kind, self._fh = path, kind, fh
        self._src = _Counted(fh)
        self._inner = _OPENERS[kind](self._src)  # type: ignore[arg-type]  # (duck-typed file object)
        self._out = 0
        self._lines = 0

    def readable(self) -> bool:
        return True

    def seekable(self) -> bool:
        return self._fh.seekable()

    def readinto(self, buf: Any) -> int:
        try:
            # a block at a time, however much is asked: an error then names the line the text stops at
            data = self._inner.read(min(len(buf), _STEP))
        except EOFError:
            raise self._error(f"truncated {self._kind} stream: the compressed file ends early; "
                              "it was cut short (an interrupted download?)") from None
        except (OSError, ValueError, zlib.error, lzma.LZMAError) as err:
            raise self._error(f"corrupt {self._kind} data ({err})") from None
        n = len(data)
        buf[:n] = data
        self._out += n
        self._lines += data.count(b"\n")
        if self._out > BOMB_FLOOR and self._out > BOMB_RATIO * max(self._src.taken, 1):
            how = next(how for _, what, how in _SIGNATURES if what == f"{self._kind}-compressed")
            raise self._error(f"{self._kind} data that expands more than {BOMB_RATIO}-fold "
                              f"({self._src.taken:,} compressed bytes gave {self._out:,} so far), as a "
                              f"decompression bomb does; if the file is real, unpack it first "
                              f"({how.format(name=self._path)})")
        return n

    def _error(self, message: str) -> InputError:
        return InputError(self._path, message, line=self._lines + 1)

    def seek(self, pos: int, whence: int = 0) -> int:
        # The readers seek back to a file's start (past a byte-order mark at most) to read it again: the
        # counts start again there (the decompressor rewinds too, and so does ``_Counted``)
        before = self._out
        out = self._inner.seek(pos, whence)
        if out < before:
            self._out, self._lines = out, 0
        return out

    def tell(self) -> int:
        return self._inner.tell()

    def close(self) -> None:
        if not self.closed:
            try:
                self._inner.close()
            finally:
                self._fh.close()
        super().close()


def decompressing(path: str | Path, fh: BinaryIO, kind: str) -> io.BufferedReader:
    """The decompressed content of ``fh`` (an open gzip/xz/bzip2 file, ``kind`` from ``readable_kind``),
    streamed, buffered (``peek`` and ``seek`` work); closing it closes ``fh``."""
    return io.BufferedReader(_Decompressed(path, fh, kind), buffer_size=1 << 16)
