"""The edit key (e): the editor opened on the segment's current text (or a text a refused save kept), and
its save as a decision (``DecisionsMixin.commit_decision``)."""

from __future__ import annotations

from typing import TYPE_CHECKING

from ...code_placement import CodeEditing, segment_placement, target_codes
from ...review_aids import coded_texts
from ...store_views import live_successor, segment_detail
from ..drafts import Draft
from .editor import EditorScreen

if TYPE_CHECKING:
    from .host import ReviewScreenHost


class EditMixin:
    """The edit action of the main screen."""

    # An edit the store refused (the segment was repaired meanwhile), or one the last review left unsaved.
    unsaved_edit: Draft | None = None

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
        draft = self.unsaved_edit
        unsaved = None
        if draft is not None and live_successor(self.project, draft.segment) == seg_id:
            # offered once, and only for the segment that now holds the one it was typed for (QA: offered to
            # any segment, ctrl+s saved another segment's text there)
            starts.insert(0, ("your text that was not saved", draft.text))
            placements = {k + 1: v for k, v in placements.items()}
            if draft.placement is not None:
                placements[0] = draft.placement
            unsaved = 0
            self.unsaved_edit = None
        else:
            draft = None

        # words in angle brackets in the segment's texts (an MT's "⟨ψ|φ⟩") stay words, not markers; not in a
        # draft's markers as typed (a misplaced "⟨7⟩" there is the mistake to put right, not a word)
        texts = [t for k, (_, t) in enumerate(starts) if not (k == unsaved and draft is not None and draft.as_typed)]
        editing = None if target is None else CodeEditing.of(target, [d.source, *texts])
        # the source with its codes' markers: which words each code wraps, and which markers there are
        coded = None if target is None else coded_texts(self.project, seg_id)
        source = d.source if coded is None else coded.source
        editor = EditorScreen(self.view.number.get(seg_id, 0), source, starts, cursor_blink=self.cursor_blink,
                              codes=editing, placements=placements, unsaved=unsaved,
                              as_typed=draft is not None and draft.as_typed)
        editor.segment_id = seg_id  # what a review ended mid-edit keeps its text for (tui/drafts.py)
        seen = self.decision_event(seg_id)  # what the saved edit may replace without a word

        def save(text: str | None) -> None:
            if text is None:
                if editor.discarded:
                    self.notify(f"Segment {self._number(seg_id)}: edit discarded.")
                return
            match = next((c for c in cands if c.text == text), None)
            codes = editor.placement
            if text == d.mt:
                self.commit_decision("accept_mt", seg_id=seg_id, codes=codes, seen_event=seen)
            elif match is not None:
                self.commit_decision("accept_candidate", text=text, candidate=match.name, seg_id=seg_id, codes=codes,
                                     seen_event=seen)
            elif not self.commit_decision("edit", text=text, seg_id=seg_id, codes=codes, seen_event=seen):
                # QA: an edit refused because another session repaired the segment (or the disk was full)
                # was simply gone.
                self.unsaved_edit = Draft(seg_id, text, codes)
                where = ("this segment" if live_successor(self.project, seg_id) == seg_id
                         else "the segment that now holds this one")
                self.notify(f"Your text is kept: e on {where} starts from it.", timeout=15)

        self.app.push_screen(editor, save)
