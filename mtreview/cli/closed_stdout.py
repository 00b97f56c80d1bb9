"""Standard output closed before mtreview started (``mtreview score ... -o - >&-``, a daemon or cron wrapper
that closed its descriptors): Python then has no ``sys.stdout`` at all, so every command that prints its
output stopped with an ``AttributeError`` traceback, exit 1 (QA: ``report s.jsonl >&-``), and click's own
echo dropped ``score --summary -`` without a word. Here writing to it is one error line, exit 2, as a full disk
is; a command that writes only to files runs as usual."""

from __future__ import annotations

import errno
import io
import os
import sys

MESSAGE = ("standard output is closed (the command was started with it closed, as >&- does): write to a file "
           "with -o, or leave standard output open")


def _closed() -> OSError:
    return OSError(errno.EBADF, MESSAGE)


class _ClosedBinary(io.RawIOBase):
    """``sys.stdout.buffer`` of a closed standard output: every write fails."""

    def writable(self) -> bool:
        return True

    def write(self, data: object) -> int:  # type: ignore[override]
        raise _closed()

    def fileno(self) -> int:
        return 1  # (the null device, kept there by guard_closed_stdout)

    def isatty(self) -> bool:
        return False


class ClosedStdout(io.TextIOBase):
    """``sys.stdout`` of a closed standard output: a write fails at once, naming the cause (unbuffered, so
    nothing is left to fail again at exit); flushing what was never written does not."""

    encoding = "utf-8"
    errors = "strict"

    def __init__(self) -> None:
        super().__init__()
        self.buffer = _ClosedBinary()

    def writable(self) -> bool:
        return True

    def write(self, text: str) -> int:
        raise _closed()

    def fileno(self) -> int:
        return 1

    def isatty(self) -> bool:
        return False


def guard_closed_stdout() -> None:
    """If descriptor 1 was closed at start, hold it with the null device (a file opened later would otherwise
    get descriptor 1, where a library's or a worker's stray print would land in it) and make ``sys.stdout`` a
    :class:`ClosedStdout`. Does nothing when standard output is open."""
    if sys.stdout is not None:
        return
    try:
        os.fstat(1)
    except OSError:
        try:
            devnull = os.open(os.devnull, os.O_WRONLY)
            if devnull != 1:
                os.dup2(devnull, 1)
                os.close(devnull)
        except OSError:
            pass
    sys.stdout = ClosedStdout()
