"""The alignment repair keys of the main screen: merge (m), split (S), and moving a source (``[``, ``]``) or MT
(``{``, ``}``) sentence to the neighbouring segment; a repair whose neighbour the list does not show next to
the segment waits for a second press.

Each repair is committed to the store (``mtreview.repair``) before the list is reloaded, and says what it
did with the decisions, candidates and notes it touched (``u`` undoes it).
"""

from __future__ import annotations

import time
from typing import TYPE_CHECKING, Any

from ...errors import MtReviewError
from ...store_views import segment_detail, sentence_texts
from ..text import as_sentence
from ..workers import optional
from .dialogs import SplitDialog, split_parts

if TYPE_CHECKING:
    from .host import ReviewScreenHost

REPAIR_MISSING = "Alignment repair is not available in this build (mtreview.repair is missing)."


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


class RepairMixin:
    """Alignment repair actions of the main screen."""

    # (repair and key, segment, hidden neighbour) asked about, and when: a second press within a few seconds
    confirm_repair: tuple[str, int, int, float] | None = None

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

