"""Blank lines at the end of a text file: the commonest cause of line counts that differ by a few (an
editor's or a script's extra newline), named in the errors of ``score --aligned`` and ``report
--source/--mt``."""

from __future__ import annotations

import os
from collections.abc import Sequence
from pathlib import Path


def trailing_blank_lines(path: str | Path, tail_bytes: int = 1 << 16) -> tuple[int, bool]:
    """Blank (or whitespace-only) lines at the end of an uncompressed file, as the readers count lines (a
    lone CR ends one too), from its last ``tail_bytes``, and whether they are all its lines (a file of blank
    lines only, read whole); (0, False) for a compressed or unreadable file."""
    from .compressed import compressed_file_kind

    try:
        if compressed_file_kind(path) is not None:
            return 0, False
        with open(path, "rb") as fh:
            size = fh.seek(0, os.SEEK_END)
            fh.seek(max(0, size - tail_bytes))
            tail = fh.read()
    except OSError:
        return 0, False
    lines = tail.replace(b"\r\n", b"\n").replace(b"\r", b"\n").split(b"\n")
    if lines and lines[-1] == b"":
        lines.pop()  # the last line's own end
    if lines and size <= tail_bytes and not any(line.strip() for line in lines):
        # (QA: a file of 3 blank lines "ends with 2 blank lines": the first line was never counted)
        return len(lines), True
    n = 0
    while n < len(lines) - 1 and not lines[-1 - n].strip():
        n += 1
    return n, False


def trailing_blank_hint(paths: Sequence[str | Path]) -> str:
    """For an error about line counts: which of ``paths`` end with blank lines, as `` (b.txt ends with 2
    blank lines)``; "" when none does."""
    ends = []
    for path in paths:
        n, only = trailing_blank_lines(path)
        if only:
            ends.append(f"{path} has only blank lines ({n})")
        elif n:
            ends.append(f"{path} ends with {n} blank line{'' if n == 1 else 's'}")
    return f" ({'; '.join(ends)})" if ends else ""
