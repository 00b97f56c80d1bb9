"""Standard output or error closed before mtreview started (``mtreview score ... -o - >&-``, ``2>&-``, a
daemon or cron wrapper that closed its descriptors): Python then has no ``sys.stdout`` or ``sys.stderr``.

Standard output closed: every command that prints its output stopped with an ``AttributeError`` traceback,
exit 1 (QA: ``report s.jsonl >&-``, even ``report -o r.html``), and click's own echo dropped ``score
--summary -`` without a word. Here writing to it is one error line, exit 2, as a full disk is; a command
that writes only to files runs as usual.

Standard error closed: ``print(..., file=sys.stderr)`` prints to standard output when ``sys.stderr`` is
None, so the notes went into the records (QA: ``score -o - 2>&- > s.jsonl`` ended with the line "mtreview:
2000 segments scored ...", and ``report 2>&- > r.md`` began with "mtreview: s.jsonl: 2000 segments"). Here
they go to the null device, as the closing asked.

Either descriptor is held with the null device: a file opened later would otherwise get descriptor 1 or 2,
and a library's or a worker's stray print would land in it."""

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
        return 1  # (the null device, kept there by guard_closed_streams)

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


def guard_closed_streams() -> None:
    """If standard output was closed at start, make ``sys.stdout`` a :class:`ClosedStdout`; if standard error
    was, make ``sys.stderr`` the null device. Each closed descriptor is held with the null device. Does
    nothing for a stream that is open."""
    if sys.stdout is None:
        _hold(1)
        sys.stdout = ClosedStdout()
    if sys.stderr is None:
        _hold(2)
        sys.stderr = open(os.devnull, "w", encoding="utf-8")  # noqa: SIM115 (the process's own, for its life)


def _hold(fd: int) -> None:
    """Put the null device on descriptor ``fd`` if it is closed."""
    try:
        os.fstat(fd)
        return
    except OSError:
        pass
    try:
        devnull = os.open(os.devnull, os.O_WRONLY)
        if devnull != fd:
            os.dup2(devnull, fd)
            os.close(devnull)
    except OSError:
        pass


def check_stdout_open(option: str) -> None:
    """Refuse, before any work, an output option that names standard output (``-o -``, ``--summary -``)
    when standard output is closed: the run would end with that error after all its work (a summary is
    written last)."""
    if isinstance(sys.stdout, ClosedStdout):
        from ..errors import UsageError

        raise UsageError(f"{option} -: {MESSAGE}")
