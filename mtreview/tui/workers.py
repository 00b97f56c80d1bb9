"""Background work of the review app: thread workers that call the core and only post messages.

Each worker opens its own ``Project`` on the same file (a connection is used by one thread at a time;
WAL lets the screen keep reading and committing decisions meanwhile). Progress messages are coalesced
to a few a second, and the progress callbacks raise ``WorkCancelled`` once the worker is cancelled, so
cancelling stops the core between two batches.
"""

from __future__ import annotations

import importlib
import inspect
import time
from collections.abc import Callable, Sequence
from pathlib import Path
from typing import Any

from textual import work
from textual.worker import Worker, get_current_worker

from ..errors import ModelUnavailableError, MtReviewError
from ..review_aids import LiveCorpusScores
from ..store import Project
from .messages import LiveScoresReady, ProjectReady, WorkFailed, WorkFinished, WorkNotice, WorkProgress

RETRANSLATE_GROUP = "retranslate"
SCORES_GROUP = "corpus-scores"
IMPORT_GROUP = "import"
PROGRESS_INTERVAL_S = 0.1


class WorkCancelled(Exception):
    """Raised inside a worker's callbacks once the user cancelled it."""


def optional(module: str, name: str) -> Callable[..., Any] | None:
    """A core function another part of mtreview provides, or None when it is not installed."""
    try:
        return getattr(importlib.import_module(module), name, None)
    except ImportError:
        return None


def call_with(fn: Callable[..., Any], *args: Any, **kwargs: Any) -> Any:
    """Call ``fn`` with the keyword arguments it accepts (the core's optional hooks differ by function)."""
    params = inspect.signature(fn).parameters
    if not any(p.kind is p.VAR_KEYWORD for p in params.values()):
        kwargs = {k: v for k, v in kwargs.items() if k in params}
    return fn(*args, **kwargs)


class Reporter:
    """Progress callbacks for one worker: coalesced messages, cancellation checks."""

    def __init__(self, node: Any, group: str, worker: Worker[Any]) -> None:
        self.node = node
        self.group = group
        self.worker = worker
        self._last = 0.0

    def check(self) -> None:
        if self.worker.is_cancelled:
            raise WorkCancelled

    def progress(self, label: str, done: int, total: int, force: bool = False) -> None:
        self.check()
        now = time.monotonic()
        if force or done >= total > 0 or now - self._last >= PROGRESS_INTERVAL_S:
            self._last = now
            self.node.post_message(WorkProgress(self.group, label, done, total))

    def bar(self, label: str) -> Callable[..., None]:
        """A ``(done, total)`` callback labelled ``label``."""

        def update(done: int = 0, total: int = 0, *_: Any) -> None:
            self.progress(label, int(done), int(total or 0))

        return update

    def notice(self, message: str, severity: str = "warning") -> None:
        self.node.post_message(WorkNotice(self.group, message, severity))


def score_project_if_available(project: Project, rep: Reporter,
                               log: Callable[[str], None] | None = None) -> str | None:
    """Run the scoring issue's ``score_project`` when it is installed; returns a summary or None.
    ``log`` receives the scorer's notes (default: notices on screen)."""
    score = optional("mtreview.project_scoring", "score_project")
    if score is None:
        return None
    rep.progress("Scoring", 0, 0, force=True)
    # retranslate=False: the caller decides about retranslation (it has its own progress and notice);
    # log: the scorer's notes go to the screen, never to the terminal under the app.
    result = call_with(score, project, retranslate=False, progress=rep.bar("Scoring"),
                       log=log or (lambda msg: rep.notice(msg, severity="information")))
    n = result.get("segments") if isinstance(result, dict) else None
    return "scored" if n is None else f"{n} segment scored" if n == 1 else f"{n} segments scored"


def retranslate_and_score(path: Path, rep: Reporter, models: Sequence[str] = ()) -> str:
    """Retranslate every segment with ``models`` (none: the pair's default model), when available
    offline, then rescore. Returns the message that ends the work, which says whether it retranslated
    (QA: after the error that no model is available offline came "Retranslation and scoring done")."""
    retranslate = optional("mtreview.retranslate", "retranslate_project")
    neural = optional("mtreview.retranslate", "neural_available")
    done: list[str] = []
    retranslated = False
    project = Project.open(path)
    try:
        if retranslate is None or (neural is not None and not neural()):
            rep.notice("Retranslation needs the neural extra (pip install 'mtreview[neural]'): rescoring only.")
        else:
            rep.progress("Retranslating", 0, 0, force=True)
            try:
                runs = call_with(retranslate, project, models=list(models) or None,
                                 progress=lambda name: rep.bar(f"Retranslating ({name})"), notify=rep.notice)
                n = sum(r.candidates for r in runs)
                done.append(f"{n} retranslation{'' if n == 1 else 's'}" if runs else "retranslated")
                retranslated = True
            except ModelUnavailableError as err:
                rep.notice(f"No translation model available offline: {err}", severity="error")
        rep.check()
        scored = score_project_if_available(project, rep)
        if scored is None:
            rep.notice("Scoring is not installed in this build: risks and checks stay as they were.")
        else:
            done.append(scored)
    finally:
        project.close()
    what = ", ".join(done) or "nothing to do"
    return f"Retranslation and scoring done: {what}" if retranslated else f"Rescored without retranslation: {what}"


class WorkersMixin:
    """The app's thread workers (mixed into a Textual ``DOMNode``)."""

    post_message: Callable[..., bool]

    @work(thread=True, exclusive=True, exit_on_error=False, group=SCORES_GROUP)
    def compute_live_scores(self, path: Path) -> None:
        """Per-segment chrF/BLEU statistics against the references, for the header."""
        project = Project.open(path)
        try:
            live = LiveCorpusScores(project)
        finally:
            project.close()
        if not get_current_worker().is_cancelled:
            self.post_message(LiveScoresReady(live if live.has_references else None))

    @work(thread=True, exclusive=True, exit_on_error=False, group=RETRANSLATE_GROUP)
    def retranslate_in_background(self, path: Path, models: Sequence[str] = ()) -> None:
        """The R key: retranslate and rescore."""
        rep = Reporter(self, RETRANSLATE_GROUP, get_current_worker())
        try:
            summary = retranslate_and_score(path, rep, models)
        except WorkCancelled:
            self.post_message(WorkFailed(RETRANSLATE_GROUP, "Retranslation cancelled", cancelled=True))
            return
        except MtReviewError as err:
            self.post_message(WorkFailed(RETRANSLATE_GROUP, str(err)))
            return
        self.post_message(WorkFinished(RETRANSLATE_GROUP, summary))

    @work(thread=True, exclusive=True, exit_on_error=False, group=IMPORT_GROUP)
    def prepare_in_background(self, prepare: Callable[[Callable[[str], None]], Path]) -> None:
        """First run: import the bundled corpus (and score it when scoring is installed)."""
        rep = Reporter(self, IMPORT_GROUP, get_current_worker())
        try:
            # Notes go to the loading screen's progress line, not to toasts over the review to come.
            def note(msg: str) -> None:
                rep.progress(msg, 0, 0, force=True)

            note("Importing the bundled corpus")
            path = prepare(note)
            rep.check()
            project = Project.open(path)
            try:
                score_project_if_available(project, rep, log=note)
            finally:
                project.close()
        except WorkCancelled:
            self.post_message(WorkFailed(IMPORT_GROUP, "Import cancelled", cancelled=True))
            return
        except MtReviewError as err:
            self.post_message(WorkFailed(IMPORT_GROUP, str(err)))
            return
        self.post_message(ProjectReady(path))
