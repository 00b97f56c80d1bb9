"""The keys that decide a segment: accept the MT (a), accept a candidate (1-9), reject (x), and the commit every
decision goes through, the editor's (e, in ``edit_key.py``) included. Repairs (merge, split, sentence moves)
are in ``repair_keys.py``, undo and redo in ``undo_keys.py``.

Each change is committed to the store first (``Project.decide`` returns after COMMIT) and only then
shown, so what the screen shows as decided survives ``kill -9``.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from ...checks import Flag
from ...edit_checks import CHECKED_STATUSES, WARN_SEVERITY, short_summary
from ...errors import MtReviewError, ProjectWriteError, StoreError
from ...formats.markers import Placement
from ...review_aids import file_hold, lock_warning
from ...store_views import segment_detail
from ..messages import Decided
from ..text import as_sentence, status_word

if TYPE_CHECKING:
    from .host import ReviewScreenHost

ACTION_WORDS = {
    "accept_mt": "MT accepted",
    "accept_candidate": "candidate accepted",
    "edit": "edit saved",
    "reject": "pair rejected",
    "merge": "merge",
    "split": "split",
    "move": "sentence move",
    "note": "note change",  # undo restores the note before it: "Undone: segment 5, note" read as the note gone
}


class DecisionsMixin:
    """Decision actions of the main screen."""

    # The segment a decision (or opening the app) moved the cursor on to, while the cursor is still there.
    landed: int | None = None
    # Segments decided in this session whose file marks them finished: the decision's notification said so.
    told_finished: frozenset[int] = frozenset()

    def _number(self: ReviewScreenHost, seg_id: int | None) -> int:
        return self.view.number.get(seg_id, 0) if seg_id is not None else 0

    def _has_no_source(self: ReviewScreenHost, seg_id: int) -> bool:
        d = segment_detail(self.project, seg_id)
        return (d is not None and not d.source.strip()) or any(
            name == "no_source" for name, _detail, _sev in self.project.flags(seg_id))

    def _checks_of_decision(self: ReviewScreenHost, seg_id: int, status: str) -> tuple[str, list[Flag]] | None:
        """The checks on a just-decided text that is not the MT (None for an MT acceptance or a reject)."""
        if status not in CHECKED_STATUSES:
            return None
        d = segment_detail(self.project, seg_id)
        return None if d is None else self.final_text_checks(d)

    def commit_decision(self: ReviewScreenHost, action: str, text: str | None = None,
                        candidate: str | None = None, seg_id: int | None = None,
                        codes: Placement | None = None, seen_event: int | None = None) -> bool:
        """Record a decision on a segment (default: under the cursor), then show it and move on. ``codes``:
        where the reviewer put the segment's inline codes (None: the export places them). ``seen_event``: the
        decision the reviewer saw when the editor opened (``decision_event``; 0: none), or None for a key."""
        seg_id = seg_id if seg_id is not None else self.current_id
        if seg_id is None:
            self.notify("No segment here.", severity="warning")
            return False
        if self._repeats_own_decision(seg_id, action, text, candidate, codes):
            # QA: a pressed twice on the last row (the cursor stays there) stored the decision twice, and u
            # then "undid" one copy with nothing changing on screen. Nothing new to store: move on as after
            # a decision.
            index = self.view.index_of(seg_id)
            if index is not None and index + 1 < len(self.view):
                self.segment_list.move_to(index + 1)
                self.landed = self.segment_list.segment_id
            self.notify(f"Segment {self._number(seg_id)}: {ACTION_WORDS[action]} already; nothing new to save.")
            return True
        replaced = self._decided_unseen(seg_id, seen_event)
        try:
            state = self.project.decide(seg_id, action, text=text, candidate=candidate, reviewer=self.reviewer,
                                        codes=codes)
        except (MtReviewError, ValueError) as err:
            self.notify(f"Not saved: {as_sentence(str(err))}", severity="error", timeout=15)
            if isinstance(err, StoreError) and not isinstance(err, ProjectWriteError):
                # another session repaired it: show the list as it is now
                self.reload_view(keep=seg_id)
                self.show_detail(self.current_id)
            return False
        # Committed: from here on the screen may show it. The detail pane first: its repaint then tends
        # to land in the same frame as the list's.
        self.view.set_status(seg_id, state.status, state.final_text)
        seg_list = self.segment_list
        index = self.view.index_of(seg_id)
        if index is not None and index + 1 < len(self.view):
            seg_list.move_to(index + 1)
            # the reviewer has not chosen this row: n and N count it (``QueueKeysMixin._search_start``)
            self.landed = seg_list.segment_id
        else:
            self.show_detail(seg_list.segment_id)
        seg_list.refresh_segment(seg_id)
        self.rescore_segment(seg_id)
        self.update_header()
        said = f"Segment {self._number(seg_id)}: {ACTION_WORDS[action]}"
        if action == "accept_candidate" and candidate:
            said += f" ({candidate})"
        hold = file_hold(self.project, seg_id)
        if hold is not None and hold.finished and seg_id not in self.told_finished:
            # Once a segment: the detail pane shows the file's state too; this is for a reviewer going fast.
            self.told_finished = self.told_finished | {seg_id}
            said += " (finished in the file before this review)"
        checked = self._checks_of_decision(seg_id, state.status)
        warning = None
        if action != "reject" and self._has_no_source(seg_id):
            warning = said + ", but it has no source: it will not be exported as a pair (x rejects it)."
        elif action != "reject" and not (state.final_text or "").strip():
            # QA: an accepted MT-less segment was "MT accepted" here and silently left out of the export.
            warning = said + ", but it has no translation: it will not be exported as a pair (e writes one, x " \
                "rejects it)."
        elif checked is not None and (serious := [f for f in checked[1] if f.severity >= WARN_SEVERITY]):
            # The cursor has moved on: say it here, or the reviewer never sees that the edit dropped a number.
            back = " (k goes back to it)" if self.current_id != seg_id else ""
            warning = f"{said}, but the checks on {checked[0]} found: {short_summary(serious)}{back}."
        if replaced is not None:
            # QA, two reviewers in tmux: bob rejected a segment while qa had it in the editor; qa's ctrl+s
            # replaced the rejection with "edit saved" and no word of it (the list refreshes only after).
            note = f"It replaces {replaced}, saved meanwhile in another session."
            warning = f"{said}. {note}" if warning is None else f"{warning} {note}"
        # QA: a decision on a segment locked in its CAT tool was saved, and export --into then silently kept
        # the file's text. Saved all the same (--write-locked writes it), but said every time.
        lock = None if hold is None or hold.locked_in is None else lock_warning(hold.locked_in)
        if lock is not None:
            warning = f"{said}, but it is {lock}." if warning is None else f"{warning} It is also {lock}."
        if warning is None:
            self.notify(said + ".")
        else:
            self.notify(warning, severity="warning", timeout=8)
        self.post_message(Decided(seg_id, action, state.status))
        return True

    def decision_event(self: ReviewScreenHost, seg_id: int) -> int:
        """The event of the decision ``seg_id`` holds now (0: none): what the editor opened on."""
        row = self.project.conn.execute("SELECT event_id FROM segment_state WHERE segment_id=?",
                                        (seg_id,)).fetchone()
        return int(row[0]) if row is not None and row[0] is not None else 0

    def _decided_unseen(self: ReviewScreenHost, seg_id: int, seen_event: int | None = None) -> str | None:
        """Another session's decision on ``seg_id`` that the reviewer has not seen, in words ("bob's decision
        (rejected)"): one made since the editor opened on the decision ``seen_event``, or, for a key, one the
        list does not show yet (since the last refresh). None when the segment is unreviewed.

        QA in tmux: the list refreshes every second, also while the editor covers it, so comparing with the
        list alone missed a rejection bob made while qa typed; ctrl+s replaced it without a word."""
        row = self.project.conn.execute("SELECT status, reviewer, event_id FROM segment_state WHERE segment_id=?",
                                        (seg_id,)).fetchone()
        if row is None or row[0] == "unreviewed":
            return None
        if seen_event is not None:
            if (row[2] or 0) == seen_event:
                return None
        elif row[0] == self.view.status.get(seg_id):
            return None
        who = f"{row[1]}'s" if row[1] else "another reviewer's"
        # without the status's gloss: "(rejected (left out of ...))" read as a typo (QA)
        return f"{who} decision ({status_word(row[0])})"

    def _repeats_own_decision(self: ReviewScreenHost, seg_id: int, action: str, text: str | None,
                              candidate: str | None, codes: Placement | None) -> bool:
        """Is this decision the segment's current one, made in this session? (Another session's, or an
        earlier run's, is recorded again: the reviewer makes it theirs, and may undo it.)"""
        row = self.project.conn.execute("SELECT event_id FROM segment_state WHERE segment_id=?",
                                        (seg_id,)).fetchone()
        if codes is not None or row is None or row[0] is None:
            return False
        event = self.project.event(row[0])
        payload = event.payload or {}
        if event.action != action or payload.get("session") != self.project.session_id or "codes" in payload:
            return False
        return action in ("accept_mt", "reject") or (event.text, event.candidate) == (text, candidate)

    def action_accept_mt(self: ReviewScreenHost) -> None:
        self.commit_decision("accept_mt")

    def action_reject(self: ReviewScreenHost) -> None:
        self.commit_decision("reject")

    def action_accept_candidate(self: ReviewScreenHost, n: int) -> None:
        seg_id = self.current_id
        if seg_id is None:
            # QA: 1-9, e and the repair keys did nothing at all on an empty list (an empty project, a filter
            # or search that matches nothing), where a and x said so.
            self.notify("No segment here.", severity="warning")
            return
        cands = self.project.candidates(seg_id)
        if not 1 <= n <= min(len(cands), 9):
            have = (f"candidates 1-{min(len(cands), 9)}" if len(cands) > 1 else "only candidate 1" if cands
                    else "no candidates")  # QA: "has candidates 1-1"
            self.notify(f"No candidate {n}: this segment has {have}.", severity="warning")
            return
        cand = cands[n - 1]
        self.commit_decision("accept_candidate", text=cand.text, candidate=cand.name, seg_id=seg_id)
