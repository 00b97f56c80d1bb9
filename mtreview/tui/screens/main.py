"""The main screen: header, segment list, detail pane, work bar and footer.

Navigation, the detail pane and background-work messages live here; the keys that change the project are in
``decisions.py`` (a, 1-9, x), ``edit_key.py`` (e), ``repair_keys.py`` (merge, split, sentence moves),
``undo_keys.py`` and ``notes.py``; the dialogs' keys in ``queue_keys.py``; other sessions' commits are noticed
in ``other_sessions.py``.
"""

from __future__ import annotations

import gc
import sqlite3
from collections.abc import Sequence

from textual import events
from textual.app import ComposeResult
from textual.notifications import SeverityLevel
from textual.screen import Screen
from textual.worker import Worker, WorkerState

from ...checks import Flag
from ...checks.document_words import DocumentWords
from ...edit_checks import decision_checks, project_document_words
from ...review_aids import (
    DIFF_MAX_CHARS,
    LiveCorpusScores,
    coded_texts,
    differing_spans,
    file_remarks,
    too_long_to_diff,
)
from ...risk_threshold import HIGH_RISK
from ...store import Candidate, Project
from ...store_views import SegmentDetail, live_successor, segment_detail
from ..kept_view import describe_kept, keep_view, kept_view
from ..keys import FOOTER_EXTRAS, main_bindings
from ..messages import LiveScoresReady, WorkFailed, WorkFinished, WorkNotice, WorkProgress
from ..resume import resume_index
from ..shown_data import shown_data_mark
from ..toast_room import make_room_for_toasts
from ..view import ReviewView
from ..widgets.detail import MAX_CANDIDATES, DetailData, DetailPane
from ..widgets.footer import ReviewFooter
from ..widgets.header import ReviewHeader, WorkBar
from ..widgets.segment_list import SegmentList
from ..workers import RETRANSLATE_GROUP, SCORES_GROUP, WorkersMixin
from .decisions import DecisionsMixin
from .edit_key import EditMixin
from .notes import NotesMixin
from .other_sessions import OtherSessionsMixin
from .queue_keys import QueueKeysMixin
from .repair_keys import RepairMixin
from .undo_keys import UndoMixin

POLL_SECONDS = 1.0
INDEX_SECONDS = 0.05
HELD_NOTICES = 5
DETAIL_MIN_ROWS = 15
"""Rows the detail pane keeps in a short terminal (the list gives them up, down to its own minimum): at
80x24 the 2:3 split left it 13, too few for the source, the MT and a candidate together (QA)."""
LIST_MIN_ROWS = 5
DETAIL_LEAST_ROWS = 6  # the detail pane's min-height in app.tcss
CHROME_ROWS = 3  # the header's two rows and the footer's


def freeze_long_lived() -> None:
    """Move what exists now (the app, the view's per-segment tables) out of the cyclic garbage
    collector's reach. At 100,000 segments a full collection walks those tables and stalls a keypress
    by ~40 ms; they live as long as the app anyway, and reference counting still frees them."""
    gc.freeze()


class MainScreen(DecisionsMixin, EditMixin, RepairMixin, UndoMixin, NotesMixin, QueueKeysMixin, OtherSessionsMixin,
                 WorkersMixin, Screen[None]):
    """Review a project segment by segment."""

    BINDINGS = main_bindings()

    def __init__(self, project: Project, reviewer: str, risk_threshold: float = HIGH_RISK,
                 cursor_blink: bool = True, models: Sequence[str] = ()) -> None:
        super().__init__()
        self.project = project
        self.models = tuple(models)
        self.reviewer = reviewer
        self.cursor_blink = cursor_blink
        self.unsaved_edit = None  # an edit the store refused (the segment repaired meanwhile): offered again
        self.view = ReviewView(project, risk_threshold)
        self.live: LiveCorpusScores | None = None
        self._live_pending = False
        self._changed_while_scoring: set[int] = set()
        self._data_version = self._read_data_version()
        self._seen_event = self._last_event_id()
        self._shown_mark = shown_data_mark(project)
        self._others_told = False
        self._held: list[tuple[str, str, SeverityLevel, float | None]] = []
        self._document_words: DocumentWords | None = None  # (document_words: when an edit is first checked)

    def compose(self) -> ComposeResult:
        yield ReviewHeader(id="header")
        yield SegmentList(self.view, id="segments")
        yield DetailPane(id="detail")
        yield WorkBar(id="workbar")
        yield ReviewFooter(FOOTER_EXTRAS)

    def notify(self, message: str, *, title: str = "", severity: SeverityLevel = "information",
               timeout: float | None = None, markup: bool = True) -> None:
        """While a modal screen (the editor, a dialog) covers this one, what this screen says (background
        work, another session's commits) waits until it closes, rather than covering what the reviewer
        types; the same message once, the last few."""
        if self.is_attached and self.app.screen is not self:
            note = (message, title, severity, timeout)
            if note not in self._held:
                self._held = [*self._held, note][-HELD_NOTICES:]
            return
        super().notify(message, title=title, severity=severity, timeout=timeout, markup=markup)

    def on_resize(self, event: events.Resize) -> None:
        # Textual's CSS has no media queries: the list's cap follows the screen's height here.
        height = event.size.height
        self.segment_list.styles.max_height = max(LIST_MIN_ROWS, height - CHROME_ROWS - DETAIL_MIN_ROWS)
        # Below the rows the list's and the detail pane's least heights take (14), they share what there is:
        # the screen scrolled instead, and the header went out of sight (QA in a 40x12 tmux pane).
        room = height - CHROME_ROWS
        short = room < LIST_MIN_ROWS + DETAIL_LEAST_ROWS
        list_least = max(2, room * 2 // 5) if short else LIST_MIN_ROWS
        self.segment_list.styles.min_height = list_least
        self.query_one(DetailPane).styles.min_height = max(2, room - list_least) if short else DETAIL_LEAST_ROWS

    def on_screen_resume(self) -> None:
        held, self._held = self._held, []
        for message, title, severity, timeout in held:
            super().notify(message, title=title, severity=severity, timeout=timeout)

    @property
    def segment_list(self) -> SegmentList:
        return self.query_one(SegmentList)

    @property
    def current_id(self) -> int | None:
        """Id of the segment under the cursor."""
        return self.segment_list.segment_id

    def on_mount(self) -> None:
        self.query_one(WorkBar).display = False
        seg_list = self.segment_list
        self.watch(seg_list, "cursor", self._cursor_moved, init=False)
        kept = kept_view(self.project, self.reviewer)  # the order and filter this reviewer left the list in
        if kept != (self.view.order, self.view.filter):
            self.view.apply(order=kept[0], filt=kept[1])
        seg_list.reset(resume_index(self.project, self.view, self.reviewer))
        # The app chose this row (the reviewer's place, or the first unreviewed), not the reviewer: the first
        # n or N counts it, as after a decision (``QueueKeysMixin._search_start``). QA: n straight after
        # opening went past it, leaving the segment the session opened on unreviewed behind the cursor.
        self.landed = seg_list.segment_id
        seg_list.focus()
        self.refresh_live_scores()
        self.update_header()
        self.set_interval(POLL_SECONDS, self.check_other_sessions)
        # QA: a search read and casefolded every text (0.66 s at 100,000 segments); they are read once,
        # a chunk per tick, so that a search is a lookup in memory and no key waits behind a long read.
        self._index_timer = self.set_interval(INDEX_SECONDS, self._build_search_index)
        self._warn_if_recently_changed()
        self._say_kept_view()
        self._offer_draft()
        self.screen_layout_refresh_signal.subscribe(self, make_room_for_toasts)
        freeze_long_lived()

    def _say_kept_view(self) -> None:
        """Say which order and filter the list opened with from this reviewer's last review: a list that opens
        filtered, with no word why, looks like segments gone missing."""
        kept = describe_kept(self.view.order, self.view.filter)
        if kept is None:
            return
        if self.view.filter.active:
            self.notify(f"As you left the list: {kept}; {len(self.view)} of {self.view.total} segments shown "
                        "(escape shows all, s changes the order).", timeout=10)
        else:
            self.notify(f"As you left the list: {kept} (s changes it).", timeout=10)

    def on_unmount(self) -> None:
        from ..drafts import has_note_draft, keep_note_draft

        # The order and filter are kept for this reviewer's next review (``kept_view``), and so are a text and a
        # note whose save was refused (QA: q forgot them). Written once, on leaving: every write shows as a
        # change in the other sessions open on the project. Leaving is not held up by another program's write:
        # not kept then.
        try:
            self.project.conn.execute("PRAGMA busy_timeout=200")
            keep_view(self.project, self.reviewer, self.view.order, self.view.filter)
            self._keep_refused_edit()
            if self.unsaved_note is not None and not has_note_draft(self.project, self.reviewer):  # not over a newer one
                keep_note_draft(self.project, self.reviewer, *self.unsaved_note)  # said on opening the next review
        except sqlite3.Error:  # the project closed already (a failure while opening)
            pass

    def _keep_refused_edit(self) -> None:
        """Keep the text a refused save left (or the draft offered on opening and not taken up) for this
        reviewer's next review, unless the editor's own text was kept as the review ended (newer)."""
        from ..app import ReviewApp, draft_farewell
        from ..drafts import has_draft, keep_draft

        draft = self.unsaved_edit
        if draft is None or has_draft(self.project, self.reviewer) or live_successor(self.project,
                                                                                     draft.segment) is None:
            return
        if keep_draft(self.project, self.reviewer, draft) and isinstance(self.app, ReviewApp):
            self.app.farewell = self.app.farewell or draft_farewell(self.view.number.get(draft.segment,
                                                                                         draft.segment))

    def _offer_draft(self) -> None:
        """The edit this reviewer's last review was ended in the middle of (SIGTERM, the terminal closed):
        offered as the first start text of e on its segment, as a refused save's text is."""
        from ..drafts import take_draft, take_note_draft

        note = take_note_draft(self.project, self.reviewer)
        if note is not None:
            self.unsaved_note = note
            self.notify(f"Segment {self.view.number.get(note[0], note[0])}: the note you wrote in your last review "
                        "was not saved; it is kept: C on it starts from it.", timeout=15)
        draft = take_draft(self.project, self.reviewer)
        if draft is None:
            return
        self.unsaved_edit = draft
        self.notify(f"Segment {self.view.number.get(draft.segment, draft.segment)}: the text you typed in your last "
                    "review was not saved; it is kept: e on it starts from it.", timeout=15)

    # -- search index -------------------------------------------------------------------------

    def _build_search_index(self) -> None:
        if self.view.search_index.build_step():
            self._index_timer.pause()

    # -- showing -----------------------------------------------------------------------------------

    def update_header(self) -> None:
        name = self.project.meta("name") or self.project.path.stem
        scores = self.live.scores() if self.live is not None else None
        self.query_one(ReviewHeader).show(name, self.reviewer, self.view, scores, self._live_pending)

    def _cursor_moved(self, _index: int) -> None:
        if self.landed != self.segment_list.segment_id:
            self.landed = None  # the reviewer moved on from where a decision put the cursor
        self.show_detail(self.segment_list.segment_id)

    def show_detail(self, seg_id: int | None) -> None:
        """Fill the detail pane for a segment (or say why there is none)."""
        pane = self.query_one(DetailPane)
        if seg_id is None:
            pane.clear("No segment matches the filter (escape clears it)." if self.view.filter.active
                       else "This project has no segments.")
            return
        d = segment_detail(self.project, seg_id)
        if d is None:
            pane.clear(f"Segment {seg_id} is gone.")
            return
        cands = self.project.candidates(seg_id)
        pseudo = [c for c in cands if c.kind == "retranslation"] or [c for c in cands if c.kind == "reference"]
        refs = [c.text for c in pseudo]
        too_long = too_long_to_diff(d.mt, refs) if d.mt and refs else None
        # QA: a page on one line (120,000 characters) took ~0.8 s per move for the diff alone
        best, spans = differing_spans(d.mt, refs) if too_long is None else (None, [])
        checked = self.final_text_checks(d, cands)
        pane.show(DetailData(
            number=self.view.number.get(seg_id, 0), total=self.view.total, detail=d, candidates=cands,
            candidate_scores={c.id: self.project.scores(seg_id, c.id) for c in cands[:MAX_CANDIDATES]},
            mt_scores=self.project.scores(seg_id), flags=self.project.flags(seg_id),
            diff_against=pseudo[best].name if best is not None else None, diff_spans=spans,
            diff_skipped=None if too_long is None else (
                f"not highlighted: differences are marked in texts of up to {DIFF_MAX_CHARS:,} characters,"
                f" and {'this MT' if too_long == len(d.mt) else 'a candidate'} has {too_long:,}"),
            final_checks=None if checked is None else (checked[0], [(f.name, f.detail, f.severity)
                                                                    for f in checked[1]]),
            codes=coded_texts(self.project, seg_id,
                              d.final if d.status in ("edited", "accepted_candidate") else None),
            remarks=file_remarks(self.project, seg_id),
            note=self.project.note(seg_id),
            search=self.view.filter.search,
            bleu_name=self._bleu_name(seg_id),
        ))

    def _bleu_name(self, seg_id: int) -> str:
        """``BLEU(13a)`` where the segment's stored BLEU of a Japanese or Korean target was tokenised with 13a
        (``score`` without MeCab: near 0 for Japanese, not sacrebleu's), else ``BLEU``. QA: the header said
        BLEU(13a) and the detail pane, under it, called the same kind of number plain BLEU."""
        if self.project.target_lang.lower().replace("_", "-").split("-")[0] not in ("ja", "ko"):
            return "BLEU"
        row = self.project.conn.execute("SELECT signature FROM scores WHERE segment_id=? AND metric='bleu'"
                                        " AND signature IS NOT NULL LIMIT 1", (seg_id,)).fetchone()
        return "BLEU(13a)" if row is not None and "tok:13a" in row[0].split("|") else "BLEU"

    def final_text_checks(self, d: SegmentDetail,
                          cands: Sequence[Candidate] | None = None) -> tuple[str, list[Flag]] | None:
        """(what, flags) of the reference-free checks on a decided text that is not the MT (an edit, an
        accepted candidate), or None. Run on display, never stored: the stored flags are the MT's."""
        if cands is None:
            cands = self.project.candidates(d.id)
        refs = [c.text for c in cands if c.kind == "retranslation" and c.text.strip()]
        return decision_checks(d.status, d.mt, d.final, d.source, self.project.source_lang,
                               self.project.target_lang, refs, self.document_words)

    def document_words(self) -> DocumentWords:
        """The project's words for the names check (as scoring the MT reads them), gathered once, when an
        edit is first checked: the sources do not change during the review."""
        if self._document_words is None:
            self._document_words = project_document_words(self.project)
        return self._document_words

    def action_scroll_detail(self, lines: int) -> None:
        """Scroll the detail pane (it never takes the focus: the list keeps the keys)."""
        pane = self.query_one(DetailPane)
        pane.scroll_to(y=max(0, min(pane.max_scroll_y, round(pane.scroll_y) + lines)), animate=False)

    def go_to_segment(self, seg_id: int | None) -> None:
        """Put the cursor on a segment if it is in the list; always refresh the detail pane."""
        seg_list = self.segment_list
        index = self.view.index_of(seg_id) if seg_id is not None else None
        if index is not None and index != seg_list.cursor:
            seg_list.move_to(index)
        else:
            self.show_detail(seg_list.segment_id)

    def reload_view(self, keep: int | None = None) -> None:
        """Re-read the project (after a merge, split or rescoring), keeping the cursor on ``keep``, or on the
        segment that now holds its sentences when another session repaired it (QA: the cursor stayed at the
        same row number, on a segment never read, and ``a`` accepted that one)."""
        self.view.reload()
        self._shown_mark = shown_data_mark(self.project)
        self._index_timer.resume()  # a new search index to build
        if keep is not None and self.view.index_of(keep) is None:
            keep = live_successor(self.project, keep)
        index = self.view.index_of(keep) if keep is not None else None
        self.segment_list.reset(index if index is not None else min(self.segment_list.cursor, len(self.view) - 1))
        self.update_header()
        freeze_long_lived()

    # -- live corpus scores ------------------------------------------------------------------------

    def refresh_live_scores(self) -> None:
        """(Re)compute the per-segment statistics behind the header's corpus scores, in a worker."""
        self._live_pending = True
        self._changed_while_scoring.clear()
        self.compute_live_scores(self.project.path)

    def on_live_scores_ready(self, message: LiveScoresReady) -> None:
        self.live = message.live
        self._live_pending = False
        if self.live is not None:
            # Decisions committed while the worker read the project: bring them in.
            for seg_id in self._changed_while_scoring:
                self.rescore_segment(seg_id)
        self._changed_while_scoring.clear()
        self.update_header()

    def rescore_segment(self, seg_id: int) -> None:
        """A segment's final text changed: update the live corpus scores."""
        if self._live_pending:
            self._changed_while_scoring.add(seg_id)
        if self.live is not None and seg_id in self.live:
            d = segment_detail(self.project, seg_id)
            if d is not None:
                self.live.update(seg_id, d.mt, d.status, d.final)

    # -- background work ---------------------------------------------------------------------------

    def on_work_progress(self, message: WorkProgress) -> None:
        self.query_one(WorkBar).progress(message.label, message.done, message.total)

    def on_work_notice(self, message: WorkNotice) -> None:
        self.notify(message.message, severity=message.severity, timeout=8)  # type: ignore[arg-type]

    def on_work_finished(self, message: WorkFinished) -> None:
        self.query_one(WorkBar).stop()
        if message.group == RETRANSLATE_GROUP:
            self._data_version = self._read_data_version()  # our own worker's commits
            self.notify(message.summary)  # it says whether it retranslated
            self.reload_view(keep=self.current_id)
            self.refresh_live_scores()

    def on_work_failed(self, message: WorkFailed) -> None:
        self.query_one(WorkBar).stop()
        self.notify(message.message, severity="warning" if message.cancelled else "error", timeout=8)
        if message.group == RETRANSLATE_GROUP:
            self._data_version = self._read_data_version()
            # Part of the work may be stored (the translation cache commits as it goes).
            self.reload_view(keep=self.current_id)

    def on_worker_state_changed(self, event: Worker.StateChanged) -> None:
        """A worker died of an unexpected error: say so, keep the review going."""
        if event.state is WorkerState.ERROR:
            self.query_one(WorkBar).stop()
            if event.worker.group == SCORES_GROUP:
                self._live_pending = False
                self.update_header()
            self.notify(f"Background work failed: {event.worker.error!r}", severity="error", timeout=10)

    def action_retranslate(self) -> None:
        if not self.view.total:
            # QA: on an empty project R loaded (or failed to find) a translation model for nothing
            self.notify("This project has no segments to retranslate.", severity="warning")
            return
        if any(w.group == RETRANSLATE_GROUP and w.is_running for w in self.workers):
            self.notify("Retranslation is already running (c cancels it).")
            return
        self.query_one(WorkBar).start("Retranslating and rescoring")
        self.retranslate_in_background(self.project.path, self.models)

    def action_cancel_work(self) -> None:
        running = [w for w in self.workers if w.group == RETRANSLATE_GROUP and w.is_running]
        if not running:
            self.notify("No background work to cancel.")
            return
        self.workers.cancel_group(self, RETRANSLATE_GROUP)
        self.notify("Cancelling: the work stops after the current batch.")
