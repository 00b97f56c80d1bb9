"""An edit still open in the editor when the review is ended from outside (SIGTERM, or the terminal closed:
SIGHUP), kept in the project for this reviewer's next review, where ``e`` on that segment starts from it.

QA: a translator's typed fix was lost when the terminal window was closed mid-edit; every decision was safe,
but the text being typed is no decision until ctrl+s. It is not saved as one now either: the next review
offers it as "your text that was not saved", and the reviewer saves it or not. Kept in the project's ``meta``
table under the reviewer's name (no file beside the project), taken out once offered.
"""

from __future__ import annotations

import json
import sqlite3

from ..store import Project
from ..store_views import live_successor

_KEY = "review_draft:"


def keep_draft(project: Project, reviewer: str, segment_id: int, text: str) -> bool:
    """Store ``text``, typed for ``segment_id`` and not saved, for ``reviewer``'s next review; False when the
    project cannot be written now (another program holds its lock: the text is then lost, as before)."""
    try:
        project.set_meta(_KEY + reviewer, json.dumps({"segment": segment_id, "text": text}, ensure_ascii=False))
    except (sqlite3.Error, OSError):
        return False
    return True


def take_draft(project: Project, reviewer: str) -> tuple[int, str] | None:
    """The text ``reviewer``'s last review left unsaved, with the segment that holds it now (the one it was
    typed for, or the segment a repair made of it), and forget it; None when there is none (or its segment
    is gone)."""
    raw = project.meta(_KEY + reviewer)
    if not raw:
        return None
    try:
        project.set_meta(_KEY + reviewer, "")  # offered once: the next review does not offer it again
    except (sqlite3.Error, OSError):
        return None  # kept for a review that can write the project
    try:
        data = json.loads(raw)
        segment, text = int(data["segment"]), str(data["text"])
    except (ValueError, KeyError, TypeError):
        return None
    holder = live_successor(project, segment)
    return (holder, text) if holder is not None and text.strip() else None
