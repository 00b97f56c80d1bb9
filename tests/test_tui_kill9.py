"""kill -9 loses nothing shown as decided: run the review in a real terminal (tmux), decide fast, kill the
process with SIGKILL right after reading the screen, then reopen the store."""

from __future__ import annotations

import os
import signal
import sys
from pathlib import Path

import fixtures_tui
from fixtures_tui import ROWS, Tmux, env_for_subprocess, reviewed_count

from mtreview.store import Project

review_project = fixtures_tui.review_project
data_dir = fixtures_tui.data_dir


def run_and_kill(project: Path, env: dict[str, str], keys: list[str], shown_at_least: int) -> str:
    """Start the review, send ``keys`` at once, wait until the header counts ``shown_at_least`` decisions,
    then SIGKILL the app immediately. Returns the last screen read before the kill."""
    term = Tmux("kill9", [sys.executable, "-m", "mtreview", "review", str(project), "--reviewer", "k9"], env)
    try:
        term.wait(lambda s: reviewed_count(s) is not None and "Segment " in s, timeout=60, what="the review")
        pid = term.pid()
        term.keys(*keys)
        screen = term.wait(lambda s: (reviewed_count(s) or 0) >= shown_at_least, what="decisions on screen")
        os.kill(pid, signal.SIGKILL)
        term.wait_gone()
    finally:
        term.close()
    return screen


def test_decisions_on_screen_survive_kill_9(review_project: Path, data_dir: Path) -> None:
    env = env_for_subprocess(data_dir)
    screen = run_and_kill(review_project, env, ["a", "a", "x", "a", "1"], shown_at_least=2)
    shown = reviewed_count(screen)
    assert shown is not None and shown >= 2
    with Project.open(review_project) as proj:
        assert proj.conn.execute("PRAGMA integrity_check").fetchone()[0] == "ok"
        states = [s.state for s in proj.segments()]
    decided = [s for s in states if s.status != "unreviewed"]
    # Everything the screen showed as decided is in the store (the store may hold more: keys that were
    # processed between reading the screen and the kill).
    assert len(decided) >= shown
    expected = ["accepted_mt", "accepted_mt", "rejected", "accepted_mt", "accepted_candidate"]
    assert [s.status for s in states[:len(decided)]] == expected[:len(decided)]
    assert all(s.reviewer == "k9" for s in decided)
    if len(decided) == 5:
        assert states[4].final_text == ROWS[4][5][0]


def test_an_undo_on_screen_survives_kill_9(review_project: Path, data_dir: Path) -> None:
    env = env_for_subprocess(data_dir)
    term = Tmux("undo9", [sys.executable, "-m", "mtreview", "review", str(review_project)], env)
    try:
        term.wait(lambda s: reviewed_count(s) == 0 and "Segment " in s, timeout=60, what="the review")
        pid = term.pid()
        term.keys("a", "x")  # u undoes this session's own decisions only
        term.wait(lambda s: reviewed_count(s) == 2, what="two decisions on screen")
        term.keys("u")
        term.wait(lambda s: reviewed_count(s) == 1, what="the undo on screen")
        os.kill(pid, signal.SIGKILL)
        term.wait_gone()
    finally:
        term.close()
    with Project.open(review_project) as proj:
        assert [s.state.status for s in proj.segments()][:3] == ["accepted_mt", "unreviewed", "unreviewed"]
        assert [e.action for e in proj.events()] == ["accept_mt", "reject", "undo"]
