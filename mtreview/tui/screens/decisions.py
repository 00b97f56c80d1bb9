"""The keys that change the project: accept, accept a candidate, edit, reject, merge, split (undo and redo
are in ``undo_keys.py``).

Each change is committed to the store first (``Project.decide`` returns after COMMIT) and only then
shown, so what the screen shows as decided survives ``kill -9``.
"""

from __future__ import annotations

import time
from typing import TYPE_CHECKING, Any

from ...checks import Flag
from ...code_placement import CodeEditing, segment_placement, target_codes
from ...edit_checks import CHECKED_STATUSES, WARN_SEVERITY, short_summary
from ...errors import MtReviewError, ProjectWriteError, StoreError
from ...formats.markers import Placement
from ...review_aids import coded_texts, file_hold, lock_warning
from ...store_views import live_successor, segment_detail, sentence_texts
from ..messages import Decided
from ..text import as_sentence
from ..workers import optional
from .dialogs import SplitDialog, split_parts
from .editor import EditorScreen

if TYPE_CHECKING:
    from .host import ReviewScreenHost

REPAIR_MISSING = "Alignment repair is not available in this build (mtreview.repair is missing)."
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


def _in_numbers(err: Exception, seg_id: int, number: int) -> str:
    """A repair's refusal as a sentence, naming the segment by its number in the list where the store names
    its id: they differ once a repair has made new segments (QA: "Not moved: segment 71 has no source
    sentence to move." of segment 3, in a project of 70)."""
    return as_sentence(str(err).replace(f"segment {seg_id} ", f"segment {number} "))


def _new_segment_id(result: Any) -> int | None:
    """The first new segment id from a repair function's result (an id, a list of ids, or None)."""
    if isinstance(result, int):
        return result
    if isinstance(result, list | tuple) and result and isinstance(result[0], int):
        return result[0]
    return None


CONFIRM_SECONDS = 5.0  # how long a repair warned about waits for its second press
REPAIR_ASK = f" again within {CONFIRM_SECONDS:.0f} s to "  # in the warning of a repair that waits for it


class DecisionsMixin:
    """Decision and repair actions of the main screen."""

    # An edit the store refused (the segment was repaired meanwhile): (the segment it was typed for, text),
    # and where its inline codes were put.
    unsaved_edit: tuple[int, str] | None = None
    unsaved_placement: Placement | None = None
    # (repair and key, segment, hidden neighbour) asked about, and when: a second press within a few seconds
    confirm_repair: tuple[str, int, int, float] | None = None
    # The segment a decision (or opening the app) moved the cursor on to, while the cursor is still there.
    landed: int | None = None
    # Segments decided in this session whose file marks them finished: the decision's notification said so.
    told_finished: frozenset[int] = frozenset()

    def _hidden_note(self: ReviewScreenHost, seg_id: int | None) -> str:
        """A note for a repaired segment the list no longer shows (a risk filter: it has no risk until R)."""
        if seg_id is None or self.view.index_of(seg_id) is not None:
            return ""
        return (f" Segment {self._number(seg_id)} is not in the list now (the filter or search hides it until "
                "R rescores it; f clears the filter).")

    def _candidates_said(self: ReviewScreenHost, removed: list[int], added: list[int], why: str,
                         sources_moved: bool = True) -> str:
        """What a split or move did with the candidates (``repair._carry``), and that risk and scores wait for R;
        ``why``: why a dropped one could not be kept. ``sources_moved``: False for an MT move, where each
        segment keeps its own candidates as they were (QA: it said they went with their source sentences)."""
        uncarried = optional("mtreview.repair", "uncarried_candidates")
        lost = uncarried(self.project, removed, added) if uncarried is not None else []
        kept = list(dict.fromkeys(c.name for i in added for c in self.project.candidates(i)))
        how = "with their source sentences" if sources_moved else "as they were (the sources did not change)"
        said = [f"candidates kept {how}: {', '.join(kept)}"] if kept else []
        if lost:
            said.append(f"dropped ({why}; u brings them back): {', '.join(lost)}")
        said.append("risk and scores: R rescores" if kept else "no candidates, risk or scores until R rescores")
        return "; ".join(said)

    def _neighbour_shown(self: ReviewScreenHost, what: str, key: str, seg_id: int, step: int) -> bool:
        """Whether a repair of ``seg_id`` with its document neighbour (``step`` +1 or -1) may go ahead: at once
        when that neighbour is the adjacent row of the list; when a filter, search or order hides it, only on
        a second press of ``key`` (QA: m under a risk filter merged a hidden, already accepted segment)."""
        number = self._number(seg_id)
        other_number = number + step
        if not 1 <= other_number <= self.view.total:
            return True  # the repair itself says there is no neighbour
        other = self.view.id_of_number[other_number - 1]
        here, there = self.view.index_of(seg_id), self.view.index_of(other)
        if here is not None and there == here + step:
            self._drop_repair_asks()
            return True
        asked = (f"{what} {key}", seg_id, other)  # the same key again (QA: [ then { ran another move unasked)
        now = time.monotonic()
        # soon after (QA: a press long after the warning had gone merged at once)
        if self.confirm_repair is not None and self.confirm_repair[:3] == asked and \
                now - self.confirm_repair[3] <= CONFIRM_SECONDS:
            self._drop_repair_asks()
            return True
        self.confirm_repair = (*asked, now)
        self.notify(f"Segment {other_number}, which this {what} changes, is not shown next to segment {number} "
                    f"(a filter, search or order hides it): {key}{REPAIR_ASK}{what} them; "
                    "u undoes it.",
                    severity="warning", timeout=8)
        return False

    def _drop_repair_asks(self: ReviewScreenHost) -> None:
        """The repair goes ahead: its "m again within 5 s" warning is out of date. It stayed 8 s over the
        message of the merge it asked about (QA: both showed at once, the warning still asking for m)."""
        self.confirm_repair = None
        for old in [n for n in self.app._notifications if REPAIR_ASK in n.message]:
            self.app._unnotify(old)

    # -- decisions ---------------------------------------------------------------------------------

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
                        codes: Placement | None = None) -> bool:
        """Record a decision on a segment (default: under the cursor), then show it and move on. ``codes``:
        where the reviewer put the segment's inline codes (None: the export places them)."""
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

    def action_edit(self: ReviewScreenHost) -> None:
        seg_id = self.current_id
        if seg_id is None:
            self.notify("No segment here.", severity="warning")
            return
        d = segment_detail(self.project, seg_id)
        if d is None:
            return
        cands = self.project.candidates(seg_id)
        starts = [("the MT", d.mt)] + [(f"candidate {n} ({c.name})", c.text) for n, c in enumerate(cands[:9], 1)]
        target = target_codes(self.project.conn, seg_id)
        placement = None if target is None else segment_placement(self.project.conn, seg_id)
        if d.final is not None and d.status in ("edited", "accepted_candidate"):
            starts.insert(0, ("the current decision", d.final))
        elif placement is not None and d.status == "accepted_mt":
            starts.insert(0, ("the current decision", d.mt))  # the MT, its codes where the reviewer moved them
        placements = {} if placement is None else {0: placement}
        if self.unsaved_edit is not None and live_successor(self.project, self.unsaved_edit[0]) == seg_id:
            # offered once, and only for the segment that now holds the one it was typed for (QA: offered to
            # any segment, ctrl+s saved another segment's text there)
            starts.insert(0, ("your text that was not saved", self.unsaved_edit[1]))
            placements = {k + 1: v for k, v in placements.items()}
            if self.unsaved_placement is not None:
                placements[0] = self.unsaved_placement
            self.unsaved_edit = self.unsaved_placement = None

        # words in angle brackets in the segment's texts (an MT's "⟨ψ|φ⟩") stay words, not markers
        editing = None if target is None else CodeEditing.of(target, [d.source, *(t for _, t in starts)])
        # the source with its codes' markers: which words each code wraps, and which markers there are
        coded = None if target is None else coded_texts(self.project, seg_id)
        source = d.source if coded is None else coded.source
        editor = EditorScreen(self.view.number.get(seg_id, 0), source, starts, cursor_blink=self.cursor_blink,
                              codes=editing, placements=placements)

        def save(text: str | None) -> None:
            if text is None:
                if editor.discarded:
                    self.notify(f"Segment {self._number(seg_id)}: edit discarded.")
                return
            match = next((c for c in cands if c.text == text), None)
            codes = editor.placement
            if text == d.mt:
                self.commit_decision("accept_mt", seg_id=seg_id, codes=codes)
            elif match is not None:
                self.commit_decision("accept_candidate", text=text, candidate=match.name, seg_id=seg_id, codes=codes)
            elif not self.commit_decision("edit", text=text, seg_id=seg_id, codes=codes):
                # QA: an edit refused because another session repaired the segment (or the disk was full)
                # was simply gone.
                self.unsaved_edit, self.unsaved_placement = (seg_id, text), codes
                where = ("this segment" if live_successor(self.project, seg_id) == seg_id
                         else "the segment that now holds this one")
                self.notify(f"Your text is kept: e on {where} starts from it.", timeout=15)

        self.app.push_screen(editor, save)

    # -- alignment repair --------------------------------------------------------------------------

    def _repair_op(self: ReviewScreenHost, name: str) -> tuple[Any, int] | None:
        """The repair function ``name`` and the current segment, or None (said when repair is missing)."""
        op = optional("mtreview.repair", name)
        if op is None:
            self.notify(REPAIR_MISSING, severity="warning")
            return None
        seg_id = self.current_id
        if seg_id is None:
            self.notify("No segment here.", severity="warning")
            return None
        return op, seg_id

    def action_merge(self: ReviewScreenHost) -> None:
        found = self._repair_op("merge_with_next")
        if found is None:
            return
        merge, seg_id = found
        if self.view.number.get(seg_id) == self.view.total:
            self.notify("The last segment has no next segment to merge with.", severity="warning")
            return
        if not self._neighbour_shown("merge", "m", seg_id, +1):
            return
        number = self._number(seg_id)
        next_id = self.view.id_of_number[number]  # the next in document order
        decided = any(self.view.status.get(i) != "unreviewed" for i in (seg_id, next_id))
        try:
            result = merge(self.project, seg_id, reviewer=self.reviewer)
        except (MtReviewError, ValueError) as err:
            self.notify(f"Not merged: {_in_numbers(err, seg_id, number)}", severity="error")
            return
        new_id = _new_segment_id(result)
        self.reload_view(keep=new_id)
        self.refresh_live_scores()
        kept = [c.name for c in self.project.candidates(new_id)] if new_id is not None else []
        said = [f"candidates joined: {', '.join(kept)}"] if kept else []
        uncarried = optional("mtreview.repair", "uncarried_candidates")
        lost = uncarried(self.project, [seg_id, next_id], [new_id]) if uncarried and new_id is not None else []
        if lost:  # one the other segment lacks (an n-best "#2" of one of them): said, as a split says its own
            said.append(f"dropped (not in both segments; u brings them back): {', '.join(lost)}")
        said.append("risk and scores: R rescores" if kept else "no candidates, risk or scores until R rescores")
        cands = "; ".join(said)
        cleared = "their decisions were cleared (u restores them); " if decided else ""
        self.notify(f"Merged segments {number} and {number + 1} into segment {number}: {cleared}{cands}."
                    f"{self._notes_said([new_id])}{self._hidden_note(new_id)}", timeout=8)

    def action_split(self: ReviewScreenHost) -> None:
        found = self._repair_op("split_segment")
        if found is None:
            return
        split, seg_id = found
        d = segment_detail(self.project, seg_id)
        if d is None:
            return
        if len(d.source_idx) + len(d.mt_idx) < 2:
            self.notify("Nothing to split: this segment has a single sentence.", severity="warning")
            return
        before = self._number(seg_id)
        source = sentence_texts(self.project, "source", d.source_idx)
        mt = sentence_texts(self.project, "mt", d.mt_idx)

        def do_split(points: tuple[int, int] | None) -> None:
            if points is None:
                return
            try:
                result = split(self.project, seg_id, points[0], points[1], reviewer=self.reviewer)
            except (MtReviewError, ValueError) as err:
                self.notify(f"Not split: {_in_numbers(err, seg_id, before)}", severity="error")
                return
            first = _new_segment_id(result)
            self.reload_view(keep=first)
            self.refresh_live_scores()
            number = self._number(first)
            # QA: "its decision was cleared" was said of a segment never decided
            cleared = " its decision was cleared (u restores it);" if d.status != "unreviewed" else ""
            lacking = [(n, part) for n, (part, (n_src, n_mt)) in
                       enumerate(zip(result, split_parts(points, len(source), len(mt)), strict=True), number)
                       if n_src and not n_mt]
            no_mt = ""
            if lacking:
                # its share of a candidate is a translation to accept (QA: the message spoke only of e)
                accept = "1-9 accepts a candidate, " if self.project.candidates(lacking[0][1]) else ""
                no_mt = f" Segment {lacking[0][0]} has no MT: {accept}e edits a translation into it."
            cands = self._candidates_said([seg_id], list(result), "cannot be cut there")
            self.notify(f"Split segment {number} in two:{cleared} {cands}.{no_mt}{self._notes_said(result)}", timeout=8)

        said = optional("mtreview.repair", "split_candidates")

        def candidates(source_at: int) -> tuple[list[str], list[str]]:
            try:
                return ([], []) if said is None else said(self.project, seg_id, source_at)
            except MtReviewError:  # replaced by another session meanwhile: the split itself will say so
                return [], []

        self.app.push_screen(SplitDialog(self.view.number.get(seg_id, 0), source, mt, candidates), do_split)

    def action_move_sentence(self: ReviewScreenHost, side: str, step: int) -> None:
        found = self._repair_op("move_sentence")
        if found is None:
            return
        move, seg_id = found
        number = self._number(seg_id)
        other = number + step
        side_word = "source" if side == "source" else "MT"
        if not 1 <= other <= self.view.total:
            where = "next" if step > 0 else "previous"
            self.notify(f"Segment {number} has no {where} segment to move a sentence to.", severity="warning")
            return
        key = {("source", -1): "[", ("source", 1): "]", ("mt", -1): "{", ("mt", 1): "}"}[(side, step)]
        if not self._neighbour_shown("move", key, seg_id, step):
            return
        other_id = self.view.id_of_number[other - 1]
        # QA: "decisions on both were cleared" was said of segments never decided (as the split's once was)
        decided = [n for n, i in ((number, seg_id), (other, other_id)) if self.view.status.get(i) != "unreviewed"]
        cleared = ("decisions on both were cleared (u restores them); " if len(decided) == 2 else
                   f"the decision on segment {decided[0]} was cleared (u restores it); " if decided else "")
        try:
            new_ids = move(self.project, seg_id, side, step, reviewer=self.reviewer)
        except (MtReviewError, ValueError) as err:
            self.notify(f"Not moved: {_in_numbers(err, seg_id, number)}", severity="error")
            return
        # Stay on (the new version of) this segment; if the move emptied it, on the one that took the sentence.
        keep = (new_ids[0] if step > 0 else new_ids[-1]) if new_ids else None
        self.reload_view(keep=keep)
        self.refresh_live_scores()
        which = "last" if step > 0 else "first"
        cands = self._candidates_said([seg_id, other_id], list(new_ids), "cannot be cut there, or not in "
                                      "both segments", sources_moved=side == "source")
        self.notify(f"Moved the {which} {side_word} sentence of segment {number} to segment {other}: {cleared}"
                    f"{cands}.{self._notes_said(new_ids)}{self._hidden_note(keep)}", timeout=8)

