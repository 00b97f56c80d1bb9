"""An edit typed and not saved, kept in the project for this reviewer's next review, where ``e`` on that segment
starts from it: one still open in the editor when the review is ended from outside (SIGTERM, or the terminal
closed: SIGHUP), and one whose save was refused (another session repaired the segment, a full disk) when the
reviewer leaves with ``q``.

QA: a translator's typed fix was lost when the terminal window was closed mid-edit; every decision was safe,
but the text being typed is no decision until ctrl+s. It is not saved as one now either: the next review
offers it as "your text that was not saved", and the reviewer saves it or not. Kept in the project's ``meta``
table under the reviewer's name (no file beside the project), taken out once offered. Where the reviewer put
the segment's inline codes goes with it, and so does a text whose code markers a save would refuse (a marker
typed twice, one missing): as typed, for the reviewer to put right (QA: both were lost).
"""

from __future__ import annotations

import json
import sqlite3
from dataclasses import dataclass

from ..errors import MtReviewError
from ..formats.markers import Placement
from ..store import Project
from ..store_views import live_successor

_KEY = "review_draft:"


@dataclass(frozen=True)
class Draft:
    """A text typed for a segment and not saved."""

    segment: int
    text: str
    placement: Placement | None = None
    """Where the reviewer put the text's inline codes (offsets into ``text``); None: the export places them."""
    as_typed: bool = False
    """``text`` is the editor's text with the code markers as typed, which a save refuses (misplaced): the
    editor shows it as it is, and saving it asks for the markers to be put right first."""


def keep_draft(project: Project, reviewer: str, draft: Draft) -> bool:
    """Store ``draft`` for ``reviewer``'s next review (replacing one kept before); False when the project cannot
    be written now (another program holds its lock, or the file was replaced or removed: the text is then
    lost, as before)."""
    data: dict[str, object] = {"segment": draft.segment, "text": draft.text}
    if draft.placement is not None:
        data["codes"] = [list(item) for item in draft.placement]
    if draft.as_typed:
        data["as_typed"] = True
    try:
        project.set_meta(_KEY + reviewer, json.dumps(data, ensure_ascii=False))
    except (sqlite3.Error, OSError, MtReviewError):
        return False
    return True


def has_draft(project: Project, reviewer: str) -> bool:
    """Whether a draft is kept for ``reviewer`` now."""
    return bool(project.meta(_KEY + reviewer))


def take_draft(project: Project, reviewer: str) -> Draft | None:
    """The text ``reviewer``'s last review left unsaved, for the segment that holds it now (the one it was
    typed for, or the segment a repair made of it), and forget it; None when there is none (or its segment
    is gone)."""
    raw = project.meta(_KEY + reviewer)
    if not raw:
        return None
    try:
        project.set_meta(_KEY + reviewer, "")  # offered once: the next review does not offer it again
    except (sqlite3.Error, OSError, MtReviewError):
        return None  # kept for a review that can write the project
    try:
        data = json.loads(raw)
        segment, text = int(data["segment"]), str(data["text"])
        codes = data.get("codes")
        placement = None if codes is None else [(int(off), int(index)) for off, index in codes]
        as_typed = data.get("as_typed") is True
    except (ValueError, KeyError, TypeError):
        return None
    holder = live_successor(project, segment)
    return Draft(holder, text, placement, as_typed) if holder is not None and text.strip() else None


_NOTE_KEY = "review_note_draft:"


def keep_note_draft(project: Project, reviewer: str, segment_id: int, text: str) -> bool:
    """Store a note the store refused (``C``; another session repaired its segment, a full disk) for
    ``reviewer``'s next review, where C on its segment starts from it; False when the project cannot be
    written now. QA: q after such a refusal lost the note, as it lost a refused edit."""
    try:
        project.set_meta(_NOTE_KEY + reviewer, json.dumps({"segment": segment_id, "text": text}, ensure_ascii=False))
    except (sqlite3.Error, OSError, MtReviewError):
        return False
    return True


def has_note_draft(project: Project, reviewer: str) -> bool:
    """Whether a note is kept for ``reviewer``'s next review now."""
    return bool(project.meta(_NOTE_KEY + reviewer))


def take_note_draft(project: Project, reviewer: str) -> tuple[int, str] | None:
    """The refused note ``reviewer``'s last review kept, with the segment that holds it now, and forget it;
    None when there is none (or its segment is gone)."""
    raw = project.meta(_NOTE_KEY + reviewer)
    if not raw:
        return None
    try:
        project.set_meta(_NOTE_KEY + reviewer, "")
    except (sqlite3.Error, OSError, MtReviewError):
        return None
    try:
        data = json.loads(raw)
        segment, text = int(data["segment"]), str(data["text"])
    except (ValueError, KeyError, TypeError):
        return None
    holder = live_successor(project, segment)
    return None if holder is None else (holder, text)
