"""Ctrl-C and SIGTERM that cannot be lost.

Python raises KeyboardInterrupt wherever the main thread is when the signal arrives. If that is inside a
finalizer or a garbage-collection callback (Dask's scheduler installs one; any ``__del__`` will do), the
exception is printed as "Exception ignored" and dropped, and a long run goes on as if nothing had happened.
So the CLI's handlers also record the interrupt, and long loops call :func:`raise_if_interrupted` between
units of work: an interrupt that was swallowed is raised again there, and the usual clean-up runs.
"""

from __future__ import annotations

import signal
from types import FrameType


class Terminated(KeyboardInterrupt):
    """SIGTERM, raised like Ctrl-C so the same clean-up runs (pool workers stopped, temporary files
    removed); the CLI's exit status is then 143 (128 + SIGTERM) instead of 130."""


_pending: type[KeyboardInterrupt] | None = None


def on_signal(signum: int, frame: FrameType | None) -> None:
    """Signal handler for SIGINT and SIGTERM: remember the interrupt, then raise it."""
    global _pending
    exc = Terminated if signum == signal.SIGTERM else KeyboardInterrupt
    _pending = exc
    raise exc()


def raise_if_interrupted() -> None:
    """Raise again an interrupt that arrived and was swallowed (call between units of work)."""
    if _pending is not None:
        raise _pending()


def clear() -> None:
    """Forget a recorded interrupt (the command that got it has ended)."""
    global _pending
    _pending = None
