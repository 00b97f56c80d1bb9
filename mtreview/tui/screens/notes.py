"""The ``C`` key: the reviewer's note on a segment (a comment or query), saved to the store at once.

The note is committed (``Project.set_note``, one transaction) before the screen shows it: the list marks
the segment, the detail pane shows the note. ``u`` undoes a note like a decision; the list's mark follows
(``on_decided``: the undo posts ``Decided``).
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import TYPE_CHECKING

from ...errors import MtReviewError, ProjectWriteError, StoreError
from ...store_views import live_successor
from ..messages import Decided
from .dialogs import NoteDialog

if TYPE_CHECKING:
    from .host import ReviewScreenHost


class NotesMixin:
    """The note action of the main screen."""

    unsaved_note: tuple[int, str] | None = None
    """A note the store refused (another session repaired its segment meanwhile): (segment, text), offered
    again by C on the segment that now holds that one, as a refused edit is by e."""

    def action_note(self: ReviewScreenHost) -> None:
        seg_id = self.current_id
        if seg_id is None:
            self.notify("No segment here.", severity="warning")
            return
        before = self.project.note(seg_id)
        number = self._number(seg_id)
        start = before.text if before is not None else ""
        if self.unsaved_note is not None and live_successor(self.project, self.unsaved_note[0]) == seg_id:
            start, self.unsaved_note = self.unsaved_note[1], None

        def save(text: str | None) -> None:
            if text is None:
                return  # escape: the note stays as it was
            # QA, tmux: `mtreview note` set a note while C was open; enter then replaced it without a word, and
            # saving the text as it opened said "note unchanged" over the other session's note it had replaced.
            current = self.project.note(seg_id)
            try:
                note = self.project.set_note(seg_id, text, reviewer=self.reviewer)
            except (MtReviewError, ValueError) as err:
                if isinstance(err, StoreError) and not isinstance(err, ProjectWriteError):
                    self.reload_view(keep=seg_id)  # another session repaired it: show the list as it is now
                    self.show_detail(self.current_id)
                self.unsaved_note = (seg_id, text)
                self.notify(f"Note not saved: {err}. Your note is kept: C on this segment (or the one that now "
                            "holds it) starts from it.", severity="error", timeout=15)
                return
            self.view.set_noted(seg_id, note is not None)
            self.segment_list.refresh_segment(seg_id)
            self.show_detail(self.current_id)
            if note == current:
                said = "note unchanged" if note is not None else "no note to clear"
            else:
                said = "note saved (u undoes it)" if note is not None else "note cleared (u brings it back)"
            meanwhile = ""
            if current != before and note != current:
                meanwhile = (f" It replaces {current.reviewer or 'another reviewer'}'s note, saved meanwhile in "
                             "another session." if current is not None else
                             " Another session had cleared the note meanwhile.")
            self.notify(f"Segment {number}: {said}.{meanwhile}", severity="warning" if meanwhile else "information")

        dialog = NoteDialog(number, start)
        dialog.segment_id = seg_id  # what a review ended mid-note keeps the note for (tui/drafts.py)
        self.app.push_screen(dialog, save)

    def _notes_said(self: ReviewScreenHost, new_ids: Sequence[int | None]) -> str:
        """What a merge, split or move did with the reviewers' notes (``store_notes.carried_notes``): the new
        segments that hold one, or nothing when none does."""
        noted = [str(self._number(i)) for i in new_ids if i is not None and self.project.note(i) is not None]
        if not noted:
            return ""
        return f" Notes kept on segment{'s' if len(noted) > 1 else ''} {', '.join(noted)} (u undoes the repair)."

    def on_decided(self: ReviewScreenHost, message: Decided) -> None:
        """After an undo or redo (of a note, or of anything: cheap), the list's note mark follows the store."""
        if message.action in ("undo", "redo"):
            self.view.set_noted(message.segment_id, self.project.note(message.segment_id) is not None)
            self.segment_list.refresh_segment(message.segment_id)
