"""Outputs compressed as their names say: ``-o corpus.tmx.gz`` is a gzip file holding TMX.

Inputs are told by their first bytes (``mtreview.compressed``); an output has none yet, so its name decides:
``.gz`` gzip, ``.xz`` xz, ``.bz2`` bzip2, and the name without that suffix (``corpus.tmx``) names the
format. Before, such an export held plain XML under a ``.gz`` name and the next tool failed to gunzip it.
Compressions mtreview cannot write (zstd, ZIP, 7-Zip...) are refused rather than written plain.

The format writers take a path and know nothing of this: ``atomic_write`` compresses where its caller asks
(``compress=True``), or, for the writers an export calls, within ``compressed_by_name()``. Score's streamed
records (``batch.writers.RecordWriter``) wrap ``compressor`` around their own temporary file.
"""

from __future__ import annotations

import bz2
import gzip
import io
import lzma
from collections.abc import Iterator
from contextlib import contextmanager
from contextvars import ContextVar
from pathlib import Path
from typing import IO

from ..errors import UsageError

# The suffix -> the compression written (the ones ``mtreview.compressed`` reads back, by their bytes).
OUTPUT_COMPRESSIONS = {".gz": "gzip", ".gzip": "gzip", ".xz": "xz", ".bz2": "bzip2"}
# Names that promise a compression mtreview does not write: refused, not written as plain text.
_NOT_WRITTEN = {".zst": "zstd", ".zstd": "zstd", ".zip": "ZIP", ".7z": "7-Zip", ".lzma": "lzma (legacy)",
                ".lz4": "lz4", ".bz": "bzip (.bz)"}


_BY_NAME: ContextVar[bool] = ContextVar("mtreview_compress_by_name", default=False)


@contextmanager
def compressed_by_name() -> Iterator[None]:
    """Within the block, every ``atomic_write`` that is not told otherwise compresses a file named ``.gz``,
    ``.xz`` or ``.bz2`` so: what ``export`` wraps the format writers in."""
    token = _BY_NAME.set(True)
    try:
        yield
    finally:
        _BY_NAME.reset(token)


def compressing_by_name() -> bool:
    """Whether ``compressed_by_name`` is in force here."""
    return _BY_NAME.get()


def output_compression(path: str | Path) -> str | None:
    """``"gzip"``, ``"xz"`` or ``"bzip2"`` when the output's name ends in ``.gz`` (or ``.gzip``), ``.xz`` or
    ``.bz2``; None otherwise."""
    return OUTPUT_COMPRESSIONS.get(Path(path).suffix.lower())


def base_name(path: str | Path) -> str:
    """The output's name without its compression suffix (``out.tmx.gz`` -> ``out.tmx``): the format's name."""
    p = Path(path)
    return str(p.with_suffix("")) if output_compression(p) else str(p)


def check_output_compression(path: str | Path) -> None:
    """Refuse (UsageError, one line) an output named for a compression mtreview does not write."""
    what = _NOT_WRITTEN.get(Path(path).suffix.lower())
    if what is not None:
        raise UsageError(f"{path}: the name asks for {what} compression, which mtreview does not write; "
                         "name it .gz (gzip), .xz or .bz2, or leave the compression suffix out")


def compressor(raw: IO[bytes], kind: str, name: str | Path) -> io.BufferedIOBase:
    """A binary stream that writes ``kind``-compressed bytes to ``raw`` (left open when it closes; closing
    it writes the end of the compressed stream). ``name``: the output, whose name gzip's header keeps
    without the ``.gz``, as gzip itself does."""
    if kind == "gzip":
        # level 6, gzip's own default (the module's 9 costs twice the time for about 1% less); no time in the
        # header (mtime 0, as `gzip -n` writes), so the same corpus written twice is the same bytes and a
        # checksum or a dedupe by hash tells it (QA: two identical score runs gave different .jsonl.gz files)
        # The name without its compression suffix, whatever its case: gzip strips only a lower-case ".gz"
        # itself (QA: s.jsonl.GZ and s.jsonl.gzip kept their suffix, which `gunzip -N` gave the plain text)
        return gzip.GzipFile(filename=base_name(name), mode="wb", fileobj=raw, compresslevel=6, mtime=0)
    if kind == "xz":
        return lzma.LZMAFile(raw, "wb", preset=6)
    if kind == "bzip2":
        return bz2.BZ2File(raw, "wb", compresslevel=9)
    raise ValueError(f"unknown compression {kind!r}")
