"""The undo and redo keys (``u``, ctrl+y) of the main screen: each acts on this session's own last step.

An undo another session's later change blocks is refused, and the screen remembers the refused event: the
next ``u`` goes to the step before it (``Project.undo(skip=...)``), so one refusal does not stop ``u`` for
the rest of the session (QA: every further ``u`` repeated the same refusal). A refused redo is passed over
the same way by the next ctrl+y (QA: it repeated its refusal, and the steps undone before it could never be
redone).
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from ...errors import MtReviewError
from ...store import STRUCTURAL
from ...store_events import Event, UndoRefused
from ...store_views import segment_detail
from ..messages import Decided
from ..text import as_sentence
from .decisions import ACTION_WORDS

if TYPE_CHECKING:
    from .host import ReviewScreenHost


class UndoMixin:
    """Undo and redo actions of the main screen."""

    refused_undos: frozenset[int] = frozenset()
    """Events of this session whose undo was refused: they stay done, and ``u`` passes over them."""
    refused_redos: frozenset[int] = frozenset()
    """Events of this session whose redo was refused: they stay undone, and ctrl+y passes over them."""

    def _undo_said(self: ReviewScreenHost, target: Event) -> str:
        """'segment 9, MT accepted': the segments on screen that an undo of ``target`` changes, and what it was."""
        on_screen = [target.segment_id]
        if target.action in STRUCTURAL and target.payload:
            on_screen = target.payload.get("added") or on_screen  # a repair's new segments, until it is undone
        first = self._number(on_screen[0])
        where = f"segments {first}-{first + len(on_screen) - 1}" if len(on_screen) > 1 else f"segment {first}"
        return f"{where}, {ACTION_WORDS.get(target.action, target.action)}"

    def _after_undo_redo(self: ReviewScreenHost, seg_id: int | None, what: str) -> None:
        if seg_id is None:
            said = f"Nothing to {what} in this session."
            if what == "redo" and self.project.conn.execute(
                    "SELECT 1 FROM events WHERE action='undo' AND json_extract(payload, '$.session') = ? LIMIT 1",
                    (self.project.session_id,)).fetchone():
                # QA: after u, then a decision, ctrl+y said only this, and the undone step seemed lost
                said = ("Nothing to redo: a decision made after an undo ends what ctrl+y can redo (u undoes "
                        "that decision; the earlier step is changed by deciding it again).")
            elif what == "undo" and self.view.reviewed:
                # QA: after q and reopening, u said only this, and the reviewer took the earlier decisions
                # for lost or locked
                said = ("Nothing to undo in this session: a decision from an earlier session is changed by "
                        "deciding again (a, 1-9, e or x).")
            self.notify(said)
            return
        target = self.project.last_undo_redo
        action = target.action if target is not None else ""
        if action in STRUCTURAL:
            self.reload_view(keep=seg_id)
            self.refresh_live_scores()
        else:
            d = segment_detail(self.project, seg_id)
            status = d.status if d is not None else "unreviewed"
            self.view.set_status(seg_id, status, d.final if d is not None else None)
            self.segment_list.refresh_segment(seg_id)
            self.rescore_segment(seg_id)
            self.update_header()
            self.post_message(Decided(seg_id, what, status))
        self.go_to_segment(seg_id)
        word = ACTION_WORDS.get(action, action)
        first = self._number(seg_id)
        where = f"segment {first}"
        if action in STRUCTURAL and target is not None and target.payload:
            back = target.payload.get("removed" if what == "undo" else "added", [])
            if len(back) > 1:
                where = f"segments {first}-{first + len(back) - 1}"
        if what == "undo":
            self.notify(f"Undone: {where}, {word} (ctrl+y redoes it).")
        else:
            self.notify(f"Redone: {where}, {word}.")

    def _refusal_said(self: ReviewScreenHost, err: UndoRefused, what: str) -> str:
        """Why an undo or redo was refused, and what the next ``u`` (ctrl+y) undoes (redoes) instead."""
        if err.reviewer is not None:
            done = ACTION_WORDS.get(err.action or "", err.action)
            said = (f"segment {self._number(err.segment_id)} was changed since by {err.reviewer} ({done}) "
                    "in another session; it is left as it is.")
        else:
            said = "the segment was replaced by a merge, split or move since."
        if err.event_id is None:
            return said
        session = self.project.session_id
        if what == "undo":
            # The refused step stays done (the other session's change superseded it); u goes on below it.
            self.refused_undos = self.refused_undos | {err.event_id}
            below = self.project.undo_target(session, self.refused_undos)
            again = "u again undoes the one before it"
        else:
            # The refused step stays undone; ctrl+y goes on to the step undone before it.
            self.refused_redos = self.refused_redos | {err.event_id}
            below = self.project.redo_target(session, self.refused_redos)
            again = "ctrl+y again redoes the one undone before it"
        if below is None:
            return f"{said} " + ("Nothing before it in this session to undo." if what == "undo" else
                                 "Nothing else to redo in this session.")
        return f"{said} {again}: {self._undo_said(self.project.event(below))}."

    def _undo_redo(self: ReviewScreenHost, what: str) -> None:
        try:
            if what == "undo":
                seg_id = self.project.undo(reviewer=self.reviewer, session=self.project.session_id,
                                           skip=self.refused_undos)
            else:
                seg_id = self.project.redo(reviewer=self.reviewer, session=self.project.session_id,
                                           skip=self.refused_redos)
        except UndoRefused as err:
            self.notify(f"Not {what}ne: {self._refusal_said(err, what)}", severity="warning", timeout=8)
            return
        except MtReviewError as err:
            # a full sentence, as a refused decision is (QA: "... (reopen the project)" with no full stop)
            self.notify(f"{what.capitalize()} failed: {as_sentence(str(err))}", severity="error")
            return
        if seg_id is None and (self.refused_undos if what == "undo" else self.refused_redos):
            # "Nothing to undo" read as if the refused steps were gone (they stay done, as the other session left them)
            self.notify(f"Nothing more to {what} in this session: what is left of it was changed since in another "
                        "session.")
            return
        self._after_undo_redo(seg_id, what)

    def action_undo(self: ReviewScreenHost) -> None:
        self._undo_redo("undo")

    def action_redo(self: ReviewScreenHost) -> None:
        self._undo_redo("redo")
