"""`mtreview review`: the review terminal UI."""

from __future__ import annotations

import os
import shlex
import signal
import sys
import threading
import time
from pathlib import Path
from typing import TYPE_CHECKING, Any

import click

from ..errors import MtReviewError
from ..risk_threshold import HIGH_RISK
from .options import ReviewerName, RiskValue

if TYPE_CHECKING:
    import asyncio

IDLE_THREAD_GRACE = 0.5
"""Seconds an idle worker thread has to end once told to (it takes about a millisecond; a busy one is
left running, and the process ends without it)."""


def _require_terminal() -> None:
    """The UI reads keys from stdin and draws on stdout: without a terminal on both it would wait
    forever while writing escape codes into a pipe or file."""
    not_tty = [name for name, stream in (("standard input", sys.stdin), ("standard output", sys.stdout))
               if stream is None or not _isatty(stream)]
    if not_tty:
        raise MtReviewError("review needs a terminal, and " + " and ".join(not_tty)
                            + (" is not one" if len(not_tty) == 1 else " are not")
                            + " (a pipe or a file); for scripts use 'mtreview score' and 'mtreview export'")


def bundled_farewell(path: str | os.PathLike[str]) -> str:
    """Where the example's review was saved: the review found it in the data folder by itself, and the
    other commands need its path (QA: after a first review, `decide`, `note` and `export` on it needed a
    path that nothing showed)."""
    quoted = shlex.quote(str(path))
    return (f"mtreview: your review of the example is saved in {path}: give that path to decide, note and "
            f"export (mtreview export {quoted} -o article.en.txt writes the reviewed article)")


def _isatty(stream: object) -> bool:
    try:
        return bool(stream.isatty())  # type: ignore[attr-defined]
    except (AttributeError, ValueError, OSError):
        return False


def _work_still_running(loop: asyncio.AbstractEventLoop) -> bool:
    """Whether a background thread is still at work once the app has closed. Textual runs thread workers
    in the loop's default executor, whose threads stay alive, idle, after their work: they are let go first,
    so that only a thread with work left counts (QA: one idle executor thread sent every review, a failed
    first-run import included, out through ``os._exit``, and the import's error was never printed)."""
    executor = getattr(loop, "_default_executor", None)
    pool = list(getattr(executor, "_threads", ()))
    if executor is not None:
        executor.shutdown(wait=False, cancel_futures=True)  # wakes each idle thread to end
    deadline = time.monotonic() + IDLE_THREAD_GRACE
    for thread in pool:
        thread.join(max(0.0, deadline - time.monotonic()))
    return any(t is not threading.main_thread() and t.is_alive() and not t.daemon for t in threading.enumerate())


@click.command("review")
@click.argument("project", required=False, metavar="[PROJECT]")
@click.option("--reviewer", metavar="NAME", default=None, type=ReviewerName(),
              help="Name recorded with each decision (default: $USER).")
@click.option("--risk-threshold", type=RiskValue(), default=HIGH_RISK, show_default=True,
              help="Segments at or above this risk count as high-risk (header, N key).")
@click.option("-m", "--model", "models", multiple=True, metavar="ID_OR_PATH",
              help="Retranslation model for the R key (repeatable; default: the pair's opus-mt model).")
def review_cmd(project: str | None, reviewer: str | None, risk_threshold: float, models: tuple[str, ...]) -> None:
    """Review a project segment by segment in the terminal.

    Without PROJECT, opens the bundled Russian-English example article: imported on first run into a
    project in your data folder ($MTREVIEW_DATA_DIR overrides it), reopened afterwards.

    \b
    Keys: j/k move, a accept MT, 1-9 accept a candidate, e edit, x reject, C note, u undo, ctrl+y redo,
    n/N next unreviewed/high-risk, s order, f filter, / search, esc clears them, g go to,
    m merge, S split, [ ] move a source sentence and { } an MT sentence to the previous/next segment,
    J/K scroll the detail pane, R retranslate and rescore, c cancel it, ? help, q quit.
    Every decision is saved when it shows.

    Exit status: 0 after q; 2 when PROJECT cannot be opened or written, or standard input or output is
    no terminal; 130 when c cancels the first run's import of the example (nothing is left half-made);
    143 (SIGTERM) and 129 (the terminal closed) after quitting as q does, an edit open in the editor kept
    for the next review.

    \b
    Examples:
      mtreview review article.mtr --reviewer ana
      mtreview review                     # the bundled example article
      mtreview review corpus.mtr --risk-threshold 0.3 --model ./my-opus-mt-ru-en
    """
    import asyncio  # here, not at the top: every other command would pay ~40 ms to import it

    from ..tui.app import make_app  # textual only when the UI really starts

    app = make_app(project, reviewer=reviewer, risk_threshold=risk_threshold, models=models)
    _require_terminal()
    # Our own loop rather than asyncio.run(): asyncio.run waits for the default executor's threads,
    # so a retranslation in a thread worker would hold up "q quits at once".
    loop = asyncio.new_event_loop()
    # SIGTERM quits the app the way q does (terminal restored; every decision is already committed):
    # the CLI's own handler raises an interruption, which the UI's event loop would not act on.
    # SIGHUP (the terminal closed) likewise, exit 129. Either way an edit open in the editor is kept for the
    # reviewer's next review (QA: closing the terminal window mid-edit lost the typed text).
    def ended_from_outside(code: int) -> None:
        app.keep_unsaved_edit()
        app.exit(return_code=code)

    def on_signal(status: int) -> Any:
        return lambda signum, frame: loop.call_soon_threadsafe(ended_from_outside, status)

    previous: dict[int, Any] = {}
    for signum, status in ((signal.SIGTERM, 143), (getattr(signal, "SIGHUP", None), 129)):
        if signum is None:
            continue  # Windows has no SIGHUP
        try:
            previous[signum] = signal.signal(signum, on_signal(status))
        except ValueError:  # not the main thread
            break
    try:
        app.run(loop=loop)
    finally:
        for signum, handler in previous.items():
            signal.signal(signum, handler)
    busy = _work_still_running(loop)
    code = app.return_code or 0
    if app.farewell:
        click.echo(f"mtreview: {app.farewell}", err=True)
    elif project is None and not app.failure and Path(app.project_path).exists():
        click.echo(bundled_farewell(app.project_path), err=True)
    if busy:
        # Background work is still running. Every decision is already committed (and a worker's own
        # writes are transactions), so leaving without waiting loses nothing.
        if app.failure:  # os._exit skips the CLI's own error line
            from . import one_line

            click.echo(f"mtreview: error: {one_line(app.failure)}", err=True)
        sys.stdout.flush()
        sys.stderr.flush()
        os._exit(code)
    loop.close()
    if app.failure:
        raise MtReviewError(app.failure)
    if code:  # 130 (cancelled), 143 (SIGTERM) or 129 (SIGHUP): the status a script sees, as when leaving with work running
        click.get_current_context().exit(code)
