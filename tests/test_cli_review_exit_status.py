"""The exit status of a review left by SIGTERM or cancelled, when no background work is running, goes out
through click (``ctx.exit``), as any command's does: the interpreter shuts down normally (its exit handlers
run, its output is flushed). Only a review left with work still running ends with ``os._exit``; the tests of
that path are ``test_cli_review_sigterm`` and ``test_tui_cancel_first_import``.

QA: the idle thread Textual's thread workers leave in the loop's executor counted as work still running, so
every review ended through ``os._exit``, and a failed first-run import exited 2 without its error."""

from __future__ import annotations

import os
import shlex
import signal
import sys
import time
from pathlib import Path

import fixtures_tui
from fixtures_tui import Tmux, env_for_subprocess, read_when_written, reviewed_count
from procs import children

review_project = fixtures_tui.review_project
data_dir = fixtures_tui.data_dir

# The CLI as `python -m mtreview` runs it, with an exit handler that leaves a mark: os._exit skips it.
LAUNCH = """
import atexit, sys
mark = sys.argv.pop(1)
atexit.register(lambda: open(mark, "w").write("clean exit"))
{patch}
from mtreview.cli import run
sys.argv[0] = "mtreview"
run()
"""
# The app cancels itself as the first run's c does (exit 130), once it is up with nothing running.
CANCEL_PATCH = """
from mtreview.tui.screens.main import MainScreen
def _cancel_when_shown(self):
    self.app.set_timer(0.5, lambda: self.app.exit(return_code=130))
MainScreen.on_show = _cancel_when_shown
"""
# The first run's import of the bundled example fails (in its worker thread).
FAIL_PATCH = """
import mtreview.bundled
from mtreview.errors import MtReviewError
def _fail(log=None):
    raise MtReviewError("corpora/example/source.ru.txt: cannot read it")
mtreview.bundled.ensure_bundled_project = _fail
"""


def _run_review(name: str, project: Path | None, data_dir: Path, tmp_path: Path,
                patch: str = "") -> tuple[Tmux, Path, Path]:
    script = tmp_path / f"{name}.py"
    script.write_text(LAUNCH.format(patch=patch), encoding="utf-8")
    rc_file, mark = tmp_path / f"{name}.rc", tmp_path / f"{name}.mark"
    where = [] if project is None else [str(project)]
    review = shlex.join([sys.executable, str(script), str(mark), "review", *where, "--reviewer", "t"])
    term = Tmux(name, ["sh", "-c", f"{review}; echo $? > {shlex.quote(str(rc_file))}; sleep 60"],
                env_for_subprocess(data_dir))
    return term, rc_file, mark


def test_sigterm_on_an_idle_review_exits_143_through_click(review_project: Path, data_dir: Path,
                                                           tmp_path: Path) -> None:
    term, rc_file, mark = _run_review("idle-term", review_project, data_dir, tmp_path)
    try:
        term.wait(lambda s: reviewed_count(s) == 0 and "Segment 1 of" in s, timeout=60, what="the review")
        term.keys("a")  # a decision, saved, then idle
        term.wait(lambda s: reviewed_count(s) == 1, what="the decision shown")
        time.sleep(1.0)  # the rescoring of that decision is done
        app = children(term.pid())[0]
        os.kill(app, signal.SIGTERM)
        assert read_when_written(rc_file, term) == "143"
        assert mark.read_text() == "clean exit"  # click's exit, not os._exit: the exit handlers ran
        assert "Segment " not in term.screen()
    finally:
        term.close()
    assert fixtures_tui.statuses_of(review_project)[0] == "accepted_mt"


def test_a_cancelled_idle_review_exits_130_through_click(review_project: Path, data_dir: Path,
                                                         tmp_path: Path) -> None:
    term, rc_file, mark = _run_review("idle-cancel", review_project, data_dir, tmp_path, CANCEL_PATCH)
    try:
        assert read_when_written(rc_file, term) == "130"
        assert mark.read_text() == "clean exit"
    finally:
        term.close()


def test_a_failed_first_run_import_prints_its_error_and_exits_2(data_dir: Path, tmp_path: Path) -> None:
    term, rc_file, mark = _run_review("import-fails", None, data_dir, tmp_path, FAIL_PATCH)
    try:
        assert read_when_written(rc_file, term) == "2"
        assert "mtreview: error: corpora/example/source.ru.txt: cannot read it" in term.screen().replace("\n", "")
        assert mark.read_text() == "clean exit"
    finally:
        term.close()
