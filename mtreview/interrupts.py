"""Ctrl-C, SIGTERM and SIGHUP that cannot be lost.

Python raises KeyboardInterrupt wherever the main thread is when the signal arrives. If that is inside a
finalizer or a garbage-collection callback (Dask's scheduler installs one; any ``__del__`` will do), the
exception is printed as "Exception ignored" and dropped, and a long run goes on as if nothing had happened.
So the CLI's handlers also record the interrupt, and long loops call :func:`raise_if_interrupted` between
units of work: an interrupt that was swallowed is raised again there, and the usual clean-up runs.
"""

from __future__ import annotations

import io
import signal
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from types import FrameType
from typing import Any


class Terminated(KeyboardInterrupt):
    """SIGTERM, raised like Ctrl-C so the same clean-up runs (pool workers stopped, temporary files
    removed); the CLI's exit status is then 143 (128 + SIGTERM) instead of 130."""


class HungUp(Terminated):
    """SIGHUP (the terminal closed), ended as SIGTERM is; the CLI's exit status is 129 (128 + SIGHUP). Left to
    its default action, it killed a run at once and left its temporary output behind (QA: a half-written
    Parquet file of a batch ``score``, gigabytes at corpus scale)."""


# The signals the CLI turns into exceptions (SIGHUP where the platform has it)
HANDLED_SIGNALS: tuple[int, ...] = (signal.SIGINT, signal.SIGTERM) + (
    (signal.SIGHUP,) if hasattr(signal, "SIGHUP") else ())

_pending: type[KeyboardInterrupt] | None = None


def on_signal(signum: int, frame: FrameType | None) -> None:
    """Signal handler for SIGINT, SIGTERM and SIGHUP: remember the interrupt, then raise it."""
    global _pending
    exc = (Terminated if signum == signal.SIGTERM else HungUp if signum == getattr(signal, "SIGHUP", None)
           else KeyboardInterrupt)
    if exc is KeyboardInterrupt and _pending is None:
        _end_the_echoed_line()
    _pending = exc
    raise exc()


def _end_the_echoed_line() -> None:
    """After Ctrl-C at a terminal, which echoes "^C" where the cursor is: a line break, so that what the
    command says next starts a line of its own. Only there: on a pipe or in a log it would be a blank line
    (QA: every interrupted or terminated run's stderr began with one, click's, before "mtreview: ...")."""
    import os
    import sys

    try:
        if sys.stderr is not None and sys.stderr.isatty():
            # Straight to the descriptor: the handler may run inside a write to sys.stderr, and a second
            # write through its buffer there raises "reentrant call" instead of the interrupt.
            os.write(sys.stderr.fileno(), b"\n")
    except (OSError, ValueError, AttributeError, io.UnsupportedOperation):  # a closed or unusual stderr
        pass


def raise_if_interrupted() -> None:
    """Raise again an interrupt that arrived and was swallowed (call between units of work)."""
    if _pending is not None:
        raise _pending()


def clear() -> None:
    """Forget a recorded interrupt (the command that got it has ended)."""
    global _pending
    _pending = None


@contextmanager
def signals_held() -> Iterator[None]:
    """SIGINT, SIGTERM and SIGHUP held back while the block runs, then handled as it ends.

    For the few calls that make a file and record it for clean-up (or rename a pair of files): a signal
    raised between the two left the file behind. Python runs signal handlers in the main thread only, so
    there their handlers are swapped for one that notes the signal, and the real handler runs as the block
    ends (inside the caller's clean-up). Blocking the signal (``pthread_sigmask``) was not enough: it holds
    it for this thread only, and with another thread running (a worker pool, pyarrow's) the kernel hands
    it to that one and Python still raises it here at once. The default action (SIG_DFL) and an ignored
    signal are left alone: those run no clean-up anyway."""
    import threading

    if threading.current_thread() is not threading.main_thread():
        yield  # no handler runs in this thread: nothing can interrupt it
        return
    caught: list[tuple[int, FrameType | None]] = []

    def note(signum: int, frame: FrameType | None) -> None:
        caught.append((signum, frame))

    previous: dict[int, Callable[[int, FrameType | None], Any]] = {}
    try:
        for sig in HANDLED_SIGNALS:
            handler = signal.getsignal(sig)
            if callable(handler):
                previous[int(sig)] = handler
                signal.signal(sig, note)
        yield
    finally:
        for restored, old in previous.items():
            signal.signal(restored, old)
        for signum, frame in caught[:1]:  # one interrupt is enough to end the run
            previous[signum](signum, frame)
