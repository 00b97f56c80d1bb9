"""Ctrl-C at a terminal echoes "^C" where the cursor is: the handler ends that line, so that what the command
says next starts a line of its own; on a pipe or in a log it writes nothing (a blank line there)."""

from __future__ import annotations

import io
import signal

import pytest

from mtreview import interrupts


class _Stream(io.StringIO):
    def __init__(self, tty: bool) -> None:
        super().__init__()
        self.tty = tty

    def isatty(self) -> bool:
        return self.tty


@pytest.mark.parametrize(("signum", "tty", "written"), [
    (signal.SIGINT, True, "\n"),
    (signal.SIGINT, False, ""),
    (signal.SIGTERM, True, ""),  # nothing echoed: a kill from elsewhere
])
def test_ctrl_c_at_a_terminal_ends_the_echoed_line(monkeypatch, signum: int, tty: bool, written: str) -> None:
    stderr = _Stream(tty)
    monkeypatch.setattr("sys.stderr", stderr)
    try:
        with pytest.raises(KeyboardInterrupt):
            interrupts.on_signal(signum, None)
        with pytest.raises(KeyboardInterrupt):  # a second Ctrl-C: the line was ended already
            interrupts.on_signal(signum, None)
    finally:
        interrupts.clear()
    assert stderr.getvalue() == written
