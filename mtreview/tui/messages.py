"""Messages the review app's workers and widgets post: small dataclasses, no behaviour."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from textual.message import Message

from ..review_aids import LiveCorpusScores


@dataclass
class WorkProgress(Message):
    """Background work advanced: ``done`` of ``total`` (total 0 when unknown)."""

    group: str
    label: str
    done: int
    total: int


@dataclass
class WorkFinished(Message):
    """Background work ended normally; ``summary`` says what it did."""

    group: str
    summary: str


@dataclass
class WorkFailed(Message):
    """Background work stopped: cancelled, or an error the user should read."""

    group: str
    message: str
    cancelled: bool = False


@dataclass
class WorkNotice(Message):
    """Something to tell the user while the work goes on (e.g. no model available offline)."""

    group: str
    message: str
    severity: str = "warning"


@dataclass
class LiveScoresReady(Message):
    """The per-segment statistics behind the live corpus scores are computed (None: no references)."""

    live: LiveCorpusScores | None


@dataclass
class ProjectReady(Message):
    """The project to review exists (the first-run import of the bundled corpus finished)."""

    path: Path


@dataclass
class Decided(Message, bubble=False):
    """A decision (or undo/redo) was committed to the store and is now on screen."""

    segment_id: int
    action: str
    status: str
