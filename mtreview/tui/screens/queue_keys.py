"""The keys that change what the list shows: next unreviewed / high-risk, order, filter, search, go to."""

from __future__ import annotations

from dataclasses import replace
from typing import TYPE_CHECKING

from ..view import ORDERS, Filter
from .dialogs import FilterDialog, goto_dialog, search_dialog

if TYPE_CHECKING:
    from .host import ReviewScreenHost


AFTER_IT = "for the one after it)."
NO_SEGMENTS = "This project has no segments."


class QueueKeysMixin:
    """Navigation and list actions of the main screen."""

    landed: int | None = None  # set by a decision (``DecisionsMixin.commit_decision``) and on opening
    kept_while_empty: int | None = None  # the segment the cursor was on when a filter or search emptied the list

    def _apply(self: ReviewScreenHost, order: str | None = None, filt: Filter | None = None) -> None:
        """Re-order or re-filter the list, keeping the cursor on the same segment when it stays."""
        keep = self.current_id
        if keep is None:
            keep = self.kept_while_empty
        self.view.apply(order=order, filt=filt)
        # QA: a search that found nothing (the list restored at once) or a filter that matched nothing, then
        # escape, put the cursor on row 1, and the next a accepted segment 1 instead of the one in view.
        self.kept_while_empty = keep if not len(self.view) else None
        index = self.view.index_of(keep) if keep is not None else None
        self.segment_list.reset(index if index is not None else 0)
        self.update_header()

    def _search_start(self: ReviewScreenHost) -> int:
        """The row n and N search after. Right after a decision has moved the cursor on, or the app opened on
        the first unreviewed segment, the row the cursor landed on counts too: "next" is the next segment after
        the one just decided (or the first of the session), and that is often the row already shown (QA: a then
        n skipped it, leaving it unreviewed behind the cursor)."""
        cursor = self.segment_list.cursor
        landed, self.landed = self.landed, None
        return cursor - 1 if landed is not None and landed == self.current_id else cursor

    def _went_next(self: ReviewScreenHost, index: int, what: str) -> None:
        """Move to the row n or N found; when it is the row already shown, say so (the key did act)."""
        if index == self.segment_list.cursor:
            self.notify(f"Segment {self._number(self.current_id)}, shown now, is the next {what} (press again "
                        f"{AFTER_IT}")
        else:
            # That message is about the row just left: it stayed over the next one for seconds, naming the
            # wrong segment (QA: n, n showed segment 2 under "Segment 1, shown now, is the next ...").
            for old in [n for n in self.app._notifications if n.message.endswith(AFTER_IT)]:
                self.app._unnotify(old)
            if index < self.segment_list.cursor:
                # QA: n near the end jumped back to the top of the list without a word, which read as a
                # jump to a wrong row (a reviewer working down the list had left the earlier ones on purpose)
                self.notify(f"Back to the top: segment {self._number(self.view.ids[index])} is the next {what} "
                            "(none below).")
        self.segment_list.move_to(index)

    def _no_segments(self: ReviewScreenHost) -> bool:
        """Say so, as g, J and R do, when the project has no segments (QA: N on an empty project said "press R
        to score the project", and R then that there was nothing to retranslate)."""
        if self.view.total:
            return False
        self.notify(NO_SEGMENTS, severity="warning")
        return True

    def action_next_unreviewed(self: ReviewScreenHost) -> None:
        if self._no_segments():
            return
        index = self.view.next_unreviewed(self._search_start()) if len(self.view) else None
        if index is None:
            self.notify("No unreviewed segment left in this list.")
            return
        self._went_next(index, "unreviewed segment")

    def action_next_high_risk(self: ReviewScreenHost) -> None:
        if self._no_segments():
            return
        if not self.view.scored:
            self.notify("No risks yet: press R to score the project.", severity="warning")
            return
        index = self.view.next_high_risk(self._search_start()) if len(self.view) else None
        if index is None:
            self.notify(f"No unreviewed segment with risk >= {self.view.risk_threshold:g} in this list.")
            return
        self._went_next(index, "high-risk one")

    def action_toggle_order(self: ReviewScreenHost) -> None:
        order = ORDERS[(ORDERS.index(self.view.order) + 1) % len(ORDERS)]
        self._apply(order=order)
        if order == "risk" and not self.view.scored and self.view.total:
            self.notify("Risk order: no risks yet (R scores), so it is document order for now.")
        else:
            self.notify({"document": "Document order.", "risk": "Risk order: highest risk first.",
                         "confidence": "Alignment confidence order: least sure first."}[order])

    def action_filter(self: ReviewScreenHost) -> None:
        def done(filt: Filter | None) -> None:
            if filt is None:
                return
            self._apply(filt=filt)
            # QA: applying a filter said nothing (the search and escape do): a filter that matched nothing
            # left an empty list and a bare detail pane, with no word why.
            total, shown = self.view.total, len(self.view)
            if not filt.active:
                self.notify(f"No filter: all {total} segments shown.")
            elif shown:
                self.notify(f"Filter {filt.describe()}: {shown} of {total} segments shown (escape shows all).")
            else:
                self.notify(f"No segment matches the filter {filt.describe()} (escape shows all).",
                            severity="warning")

        self.app.push_screen(FilterDialog(self.view.filter, self.view.flag_names()), done)

    def action_search(self: ReviewScreenHost) -> None:
        def done(text: str | None) -> None:
            if text is None:
                return
            text = text.strip()
            before = self.view.filter
            self._apply(filt=replace(before, search=text or None))
            if text and not len(self.view):
                self.notify(f"No segment contains “{text}”.", severity="warning")
                self._apply(filt=before)
            elif text:
                n = len(self.view)
                self.notify(f"{n} segment{'s contain' if n != 1 else ' contains'} “{text}” (escape shows all).")

        self.app.push_screen(search_dialog(self.view.filter.search), done)

    def action_clear_filter(self: ReviewScreenHost) -> None:
        if self.view.filter.active:
            self._apply(filt=Filter())
            # QA: escape said nothing, and the search's "escape shows all" stayed on screen after it had
            self.notify(f"Filter and search cleared: all {self.view.total} segments shown.")

    def action_goto(self: ReviewScreenHost) -> None:
        if not self.view.total:
            # QA: an empty project offered "Go to segment number (1-0)", then "the project has 1-0".
            self.notify(NO_SEGMENTS, severity="warning")
            return

        def done(text: str | None) -> None:
            if text is None or not text.strip():
                return
            try:
                number = int(text)
            except ValueError:
                self.notify(f"Not a segment number: {text!r}", severity="error")
                return
            if not 1 <= number <= self.view.total:
                self.notify(f"No segment {number}: the project has 1-{self.view.total}.", severity="error")
                return
            seg_id = self.view.id_of_number[number - 1]
            if self.view.index_of(seg_id) is None:
                self.notify(f"Segment {number} was hidden by the filter: filter cleared.")
                self._apply(filt=Filter())
            self.go_to_segment(seg_id)

        self.app.push_screen(goto_dialog(self.view.total), done)
