"""Running mtreview with its standard output and error on a pseudo-terminal, as a user at a terminal sees
it (progress bars are drawn only there)."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

BAR = "\u2501"  # the progress bar's heavy horizontal line


def on_a_terminal(args: list[str], cwd: Path, timeout: float = 120) -> str:
    """Run ``mtreview ARGS`` with standard output and error on one pseudo-terminal (exit status 0 expected);
    what the terminal received."""
    import pty

    master, slave = pty.openpty()
    env = {**os.environ, "TERM": "xterm", "COLUMNS": "120", "NO_COLOR": "1"}  # text without colour codes
    proc = subprocess.Popen([sys.executable, "-m", "mtreview", *args], stdin=subprocess.DEVNULL, stdout=slave,
                            stderr=slave, cwd=cwd, env=env)
    os.close(slave)
    chunks = []
    while True:
        try:
            data = os.read(master, 65536)
        except OSError:  # EIO: the terminal's last writer is gone
            break
        if not data:
            break
        chunks.append(data)
    os.close(master)
    shown = b"".join(chunks).decode("utf-8", "replace")
    assert proc.wait(timeout=timeout) == 0, shown
    return shown
