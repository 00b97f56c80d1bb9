"""The segment list: a Line API widget that renders only the rows on screen.

Textual's DataTable measures every cell of every row up front (seconds at 100,000 rows with Cyrillic
text); this list asks the ``ReviewView`` for the rows in the viewport, lays out columns from the widget's
width, and cuts text to cell widths with Rich's cell functions, so a move costs two line repaints.
Line 0 is a fixed column header; row r sits on line ``r - scroll_y + 1``.
"""

from __future__ import annotations

from dataclasses import dataclass

from rich.cells import set_cell_size
from rich.segment import Segment
from rich.style import Style
from textual import events
from textual.binding import Binding
from textual.geometry import Region, Size
from textual.reactive import reactive
from textual.scroll_view import ScrollView
from textual.strip import Strip

from ...store_views import RowSummary
from ..cells import steady
from ..text import STATUS_LABELS, flag_summary, fmt_risk, fmt_score, safe
from ..view import ReviewView
from .detail_text import NOTE_SIGN

NOTE_MARK = NOTE_SIGN
"""Beside the cursor column: the segment has a reviewer's note (U+270E, one cell wide, no emoji form)."""
SCROLL_OFF = 1
"""Rows kept in view above and below the cursor (when the list has room for them)."""


@dataclass(frozen=True)
class Columns:
    """Cell widths of the list columns for one widget width."""

    number: int
    status: int = 4
    risk: int = 4
    conf: int = 4
    flags: int = 12
    source: int = 0
    mt: int = 0

    @classmethod
    def for_width(cls, width: int, total: int) -> Columns:
        """Widths for ``width`` cells. On a narrow terminal the flags column goes first, then the alignment
        confidence (both are in the detail pane too), so that the source and the MT keep room: below ~50
        columns the MT was pushed off the row."""
        number = max(3, len(str(total)))
        flags, conf = 12, 4

        def rest() -> int:
            return width - (2 + number + 1 + 4 + 1 + 4 + 1 + (conf + 1 if conf else 0)
                            + (flags + 1 if flags else 0) + 3)

        if rest() < 32:
            flags = 0
        if rest() < 24:
            conf = 0
        free = max(rest(), 10)
        source = free // 2
        return cls(number=number, conf=conf, flags=flags, source=source, mt=free - source)


def _cell(text: str, width: int) -> str:
    """``text`` on one line, exactly ``width`` cells wide in any terminal (``cells.steady``: an emoji
    sequence no longer moves the columns after it)."""
    return set_cell_size(safe(steady(text), one_line=True), width)


class SegmentList(ScrollView, can_focus=True):
    """The review queue, one row per segment: status, risk, flags, alignment confidence, previews."""

    BINDINGS = [
        Binding("down,j", "move(1)", "Down", show=False),
        Binding("up,k", "move(-1)", "Up", show=False),
        Binding("pagedown", "page(1)", "Page down", show=False),
        Binding("pageup", "page(-1)", "Page up", show=False),
        Binding("home", "jump(0)", "First", show=False),
        Binding("end", "jump(-1)", "Last", show=False),
    ]

    COMPONENT_CLASSES = {
        "segment-list--header",
        "segment-list--cursor",
        "segment-list--high-risk",
        "segment-list--dim",
        "segment-list--flags",
        "segment-list--status-unreviewed",
        "segment-list--status-accepted_mt",
        "segment-list--status-accepted_candidate",
        "segment-list--status-edited",
        "segment-list--status-rejected",
    }

    cursor: reactive[int] = reactive(0, always_update=True, init=False)
    """Position of the highlighted row in the shown list. The screen watches it (``DOMNode.watch``)
    rather than waiting for a message, so the list and the detail pane repaint in the same frame."""

    def __init__(self, view: ReviewView, *, id: str | None = None) -> None:
        super().__init__(id=id)
        self.view = view
        self._last_cursor = 0

    # -- list changes ------------------------------------------------------------------------------

    def reset(self, cursor: int = 0) -> None:
        """The view's list changed (order, filter, reload): resize and put the cursor at ``cursor``."""
        self.virtual_size = Size(self.size.width, len(self.view) + 1)
        self.refresh()
        self.move_to(cursor, force=True)

    def refresh_segment(self, seg_id: int) -> None:
        """Repaint the row of one segment (its status changed)."""
        index = self.view.index_of(seg_id)
        if index is not None:
            self._refresh_row(index)

    @property
    def segment_id(self) -> int | None:
        """Id of the segment under the cursor."""
        ids = self.view.ids
        return ids[self.cursor] if 0 <= self.cursor < len(ids) else None

    # -- moving ------------------------------------------------------------------------------------

    def move_to(self, index: int, force: bool = False) -> None:
        """Put the cursor on row ``index`` (clamped) and scroll it into view."""
        n = len(self.view)
        index = max(0, min(index, n - 1)) if n else 0
        if index == self.cursor and not force:
            return
        self.cursor = index

    def watch_cursor(self, index: int) -> None:
        self._refresh_row(self._last_cursor)
        self._refresh_row(index)
        self._last_cursor = index
        self._scroll_to_cursor()

    def _visible_rows(self) -> int:
        return max(1, self.size.height - 1)

    def _scroll_to_cursor(self) -> None:
        # force: the scroll runs after the next refresh, and while a list that fitted (a search's few rows)
        # has not been laid out again it has no scrollbar, so Textual refused to scroll it (QA: escape
        # after a search left the current row out of view, the list showing rows 1-13).
        top = round(self.scroll_y)
        rows = self._visible_rows()
        # A row of the list stays in view beyond the cursor, so that the segment a decision moves on to
        # comes into view with the next one under it (QA at 80x24: the cursor sat on the list's last row,
        # with nothing of what came next in sight).
        off = SCROLL_OFF if rows > 2 * SCROLL_OFF + 1 else 0
        if self.cursor < top + off:
            self.scroll_to(y=max(0, self.cursor - off), animate=False, force=True)
        elif self.cursor >= top + rows - off:
            self.scroll_to(y=max(0, min(self.cursor - rows + 1 + off, len(self.view) - rows)), animate=False,
                           force=True)

    def action_move(self, delta: int) -> None:
        self.move_to(self.cursor + delta)

    def action_page(self, direction: int) -> None:
        self.move_to(self.cursor + direction * self._visible_rows())

    def action_jump(self, index: int) -> None:
        self.move_to(index if index >= 0 else len(self.view) - 1)

    def on_click(self, event: events.Click) -> None:
        index = round(self.scroll_y) + event.y - 1
        # a click under the last row (focusing the terminal window) selects nothing: it put the cursor on the
        # last segment, where the next a or x decided it (QA, tmux with the mouse on)
        if event.y >= 1 and index < len(self.view):
            self.move_to(index)

    def on_resize(self, event: events.Resize) -> None:
        self.virtual_size = Size(event.size.width, len(self.view) + 1)
        self._scroll_to_cursor()

    # -- rendering ---------------------------------------------------------------------------------

    def _refresh_row(self, index: int) -> None:
        line = index - round(self.scroll_y) + 1
        if 1 <= line < self.size.height:
            self.refresh(Region(0, line, self.size.width, 1))

    def render_line(self, y: int) -> Strip:
        width = self.size.width
        cols = Columns.for_width(width, self.view.total)
        if y == 0:
            return self._header_strip(cols, width)
        index = round(self.scroll_y) + y - 1
        ids = self.view.ids
        if index >= len(ids):
            return Strip.blank(width, self.rich_style)
        seg_id = ids[index]
        rows = self.view.rows([seg_id])
        if seg_id not in rows:
            # First paint of this viewport: fetch every visible row in one query.
            top = round(self.scroll_y)
            rows = self.view.rows(ids[top:top + self._visible_rows()])
        row = rows.get(seg_id)
        if row is None:
            return Strip.blank(width, self.rich_style)
        return self._row_strip(row, index, cols, width)

    def _style(self, name: str) -> Style:
        return self.get_component_rich_style(name, partial=True)

    def _header_strip(self, cols: Columns, width: int) -> Strip:
        style = self.rich_style + self._style("segment-list--header")
        text = (" " * 2 + "#".rjust(cols.number) + " " + "st".ljust(cols.status) + " " + "risk" + " "
                + ("conf " if cols.conf else "") + (set_cell_size("flags", cols.flags) + " " if cols.flags else "")
                + set_cell_size("source", cols.source) + " \u2502 " + "MT")
        return Strip([Segment(set_cell_size(text, width), style)], width)

    def _row_strip(self, row: RowSummary, index: int, cols: Columns, width: int) -> Strip:
        base = self.rich_style
        if index == self.cursor:
            base = base + self._style("segment-list--cursor")
        dim = base + self._style("segment-list--dim")
        risk = row.risk
        high = risk is not None and risk >= self.view.risk_threshold
        # On the cursor row the cursor's colours win (red on the cursor colour is hard to read).
        risk_style = base + self._style("segment-list--high-risk") if high and index != self.cursor else base
        number = self.view.number.get(row.id, 0)
        mt = row.final if row.status in ("accepted_candidate", "edited") and row.final is not None else row.mt
        segments = [
            # the cursor, then a pencil on a segment with a reviewer's note (C)
            Segment(("\u25b6" if index == self.cursor else " ") + (NOTE_MARK if row.id in self.view.noted else " "),
                    base),
            Segment(str(number).rjust(cols.number) + " ", dim),
            Segment(STATUS_LABELS.get(row.status, row.status)[:cols.status].ljust(cols.status) + " ",
                    base + self._style(f"segment-list--status-{row.status}")),
            Segment(fmt_risk(risk).rjust(4)[:4] + " ", risk_style),
        ]
        if cols.conf:
            segments.append(Segment(fmt_score(row.confidence).rjust(4)[:4] + " ", dim))
        if cols.flags:
            segments.append(Segment(_cell(flag_summary(row.flags, cols.flags), cols.flags) + " ",
                                    base + self._style("segment-list--flags")))
        segments += [
            Segment(_cell(row.source, cols.source), base),
            Segment(" \u2502 ", dim),
            Segment(_cell(mt, cols.mt), base),
        ]
        return Strip(segments).adjust_cell_length(width, base)
