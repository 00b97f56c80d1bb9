"""Ctrl-C at a terminal echoes "^C" where the cursor is: the handler ends that line, so that what the command
says next starts a line of its own; on a pipe or in a log it writes nothing (a blank line there)."""

from __future__ import annotations

import os
import signal

import pytest

from mtreview import interrupts


def _written(read_fd: int) -> bytes:
    os.set_blocking(read_fd, False)
    try:
        return os.read(read_fd, 100)
    except BlockingIOError:
        return b""


@pytest.mark.skipif(not hasattr(os, "openpty"), reason="needs a pseudo-terminal")
@pytest.mark.parametrize(("signum", "tty", "written"), [
    (signal.SIGINT, True, b"\r\n"),  # (the terminal writes a line break as CR LF)
    (signal.SIGINT, False, b""),
    (signal.SIGTERM, True, b""),  # nothing echoed: a kill from elsewhere
])
def test_ctrl_c_at_a_terminal_ends_the_echoed_line(monkeypatch, signum: int, tty: bool, written: bytes) -> None:
    read_fd, write_fd = os.openpty() if tty else os.pipe()
    stderr = open(write_fd, "w", encoding="utf-8")  # noqa: SIM115
    monkeypatch.setattr("sys.stderr", stderr)
    try:
        with pytest.raises(KeyboardInterrupt):
            interrupts.on_signal(signum, None)
        with pytest.raises(KeyboardInterrupt):  # a second Ctrl-C: the line was ended already
            interrupts.on_signal(signum, None)
        assert stderr.isatty() == tty
        assert _written(read_fd) == written
    finally:
        interrupts.clear()
        stderr.close()
        os.close(read_fd)
