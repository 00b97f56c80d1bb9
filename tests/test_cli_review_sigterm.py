"""SIGTERM to a running review (kill, timeout, a closing session) quits it like q: terminal restored,
exit status 143. The CLI's own SIGTERM handler (an interruption, for batch commands) must not leave the
UI running, deaf to the signal."""

from __future__ import annotations

import os
import shlex
import signal
import sys
import time
from pathlib import Path

import fixtures_tui
from fixtures_tui import Tmux, env_for_subprocess, reviewed_count
from procs import children

review_project = fixtures_tui.review_project
data_dir = fixtures_tui.data_dir


def _child_of(pid: int) -> int | None:
    kids = children(pid)
    return kids[0] if kids else None


def test_sigterm_quits_the_review_with_143(review_project: Path, data_dir: Path, tmp_path: Path) -> None:
    rc_file = tmp_path / "rc"
    review = shlex.join([sys.executable, "-m", "mtreview", "review", str(review_project), "--reviewer", "t"])
    term = Tmux("sigterm", ["sh", "-c", f"{review}; echo $? > {shlex.quote(str(rc_file))}; sleep 60"],
                env_for_subprocess(data_dir))
    try:
        term.wait(lambda s: reviewed_count(s) is not None and "Segment " in s, timeout=60, what="the review")
        app = _child_of(term.pid())
        assert app is not None
        os.kill(app, signal.SIGTERM)
        deadline = time.monotonic() + 30
        while not rc_file.exists() and time.monotonic() < deadline:
            time.sleep(0.05)
        assert rc_file.exists(), term.screen()
        assert rc_file.read_text().strip() == "143"
        assert "Segment " not in term.screen()  # the UI is gone and the screen restored
    finally:
        term.close()
