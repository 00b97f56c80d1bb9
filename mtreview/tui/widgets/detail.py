"""The detail pane: the segment's source, its MT with the words that differ from the closest
pseudo-reference highlighted, the numbered candidates, the check flags explained, and the decision.

A Line API widget: the pane's text is wrapped to its width once per segment and painted line by line,
so moving to another segment repaints the pane without a screen layout (updating a few ``Static``
widgets re-lays out the whole screen, which took most of a move's time).
"""

from __future__ import annotations

from rich.console import Console
from rich.segment import Segment
from rich.text import Text
from textual import events
from textual.geometry import Size
from textual.scroll_view import ScrollView
from textual.strip import Strip

from .detail_text import (  # noqa: F401  (DetailData, MAX_CANDIDATES, local_time: the pane's API)
    CANDIDATE_STARTS,
    MAX_CANDIDATES,
    TOAST_ROWS,
    DetailData,
    candidate_items,
    cut_with_ellipsis,
    detail_parts,
    detail_text,
    fair_shares,
    local_time,
    note_block,
    note_start,
    wrap_lines,
)


def _cut(lines: list[Text], n: int, width: int) -> list[Text]:
    """The first ``n`` of ``lines``, the last ending in an ellipsis when some are left out."""
    if len(lines) <= n:
        return lines
    return [*lines[:n - 1], cut_with_ellipsis(lines[n - 1], width)]


class DetailPane(ScrollView, can_focus=False):
    """Everything about the segment under the cursor, wrapped to the pane's width."""

    def __init__(self, *, id: str | None = None) -> None:
        super().__init__(id=id)
        self._text = Text()
        self._parts: tuple[Text, ...] = ()
        self._items: list[Text] = []  # the candidates one by one, for a short pane's first screen
        self._note: tuple[Text, Text] | None = None  # the note's rows and its one-run start (``note_start``)
        self._strips: list[Strip] = []
        self._wrapped_for = -1
        self.compact = False
        """True when the pane is too short for the whole source and MT: each shows its start, and both
        follow in full below the rest (J scrolls there)."""
        self.reserved = 0
        """Rows kept free at the bottom, under the notifications (``toast_room``)."""

    @property
    def text(self) -> Text:
        """What the pane shows, unwrapped."""
        return self._text

    def reserve_bottom(self, rows: int) -> None:
        """Keep ``rows`` rows free at the bottom (a notification shows there), at most all but two."""
        rows = max(0, min(rows, self.size.height + self.reserved - 2))
        if rows == self.reserved:
            return
        self.reserved = rows
        top, right, _bottom, left = self.styles.padding
        self.styles.padding = (top, right, rows, left)

    def clear(self, message: str) -> None:
        """Show a message instead of a segment (empty list)."""
        self._set(Text(message))

    def show(self, data: DetailData) -> None:
        """Show one segment."""
        note = None if data.note is None else (note_block(data.note, data.search), note_start(data.note, data.search))
        self._set(detail_text(data), detail_parts(data), candidate_items(data), note)

    def _set(self, text: Text, parts: tuple[Text, ...] = (), items: list[Text] | None = None,
             note: tuple[Text, Text] | None = None) -> None:
        self._text = text
        self._parts = parts
        self._items = items or []
        self._note = note
        self._wrapped_for = -1
        self.scroll_to(y=0, animate=False)
        self._wrap()
        self.refresh()

    def _content_width(self) -> int:
        return max(1, self.scrollable_content_region.width)

    def _wrap(self) -> None:
        if self.scrollable_content_region.width <= 0:
            return  # not laid out yet: wrapping at width 1 would give a false, huge virtual size
        width = self._content_width()
        if width == self._wrapped_for:
            return
        console = self.app.console
        # the pane's height without the rows kept for a notification: one coming or going does not
        # switch the short-pane layout back and forth
        lines = self._layout(console, width, self.scrollable_content_region.height + self.reserved)
        self._strips = [Strip(list(line.render(console)) if line.plain else [Segment("")]) for line in lines]
        self._wrapped_for = width
        # A segment that fits keeps the virtual size at the pane's height: an unchanged virtual size means
        # no scrollbar update and no second frame after each move.
        height = max(len(self._strips), self.scrollable_content_region.height)
        if self.virtual_size != (width, height):
            self.virtual_size = Size(width, height)
            # A virtual size set after layout does not re-decide the scrollbar by itself (TextArea does
            # the same after its own size changes).
            self._refresh_scrollbars()

    def _layout(self, console: Console, width: int, height: int) -> list[Text]:
        """The wrapped lines. When the source, the MT, the decision and the candidates do not all fit on
        the pane's first screen, each shows its start there (cut with an ellipsis), and everything follows
        in full below (QA: at 80x24 the candidates were below the fold, out of sight while deciding)."""
        self.compact = False
        if len(self._parts) != 6:
            return wrap_lines(self._text, console, width)
        title, *blocks = ([] if not p.plain else wrap_lines(p, console, width) for p in self._parts)
        body = [b for b in blocks if b]
        shown = [k for k, b in enumerate(blocks[:4]) if b]  # what a reviewer decides on; the checks may wait
        key = [blocks[k] for k in shown]
        # A row is left for the one-line notification each decision raises, which covers the pane's last row.
        room = height - TOAST_ROWS
        if len(title) + sum(len(b) + 1 for b in key) <= room:
            return wrap_lines(self._text, console, width)
        # On the first screen the blocks go without blank lines between them (their bold labels part them),
        # and what cannot show a start there (a second or third candidate, then the candidates, then the
        # decision) waits below.
        shares = None
        starts = min(len(self._items), CANDIDATE_STARTS)
        while shares is None and len(key) >= 2:
            least = [self._start_rows(console, width, k, starts) for k in shown[:len(key)]]
            shares = fair_shares([len(b) for b in key], room - len(title) - 1, least)
            if shares is None:
                if starts > 1 and 3 in shown[:len(key)]:
                    starts -= 1
                else:
                    key.pop()
        if shares is None:
            return wrap_lines(self._text, console, width)  # too short to show a start of the source and MT
        if len(key) == len(shown) and shares == [len(b) for b in key]:
            # every block whole without its blank lines: the checks follow, nothing is said twice
            return [*title, *(line for b in key for line in b), *(line for b in body[len(key):]
                                                              for line in [Text(), *b])]
        self.compact = True
        more = Text("(short pane: all of it in full below; J / K scroll)", style="dim")
        out = [*title]
        for k, lines, n in zip(shown[:len(key)], key, shares, strict=True):
            if k == 3 and self._items and n < len(lines):
                out += [*lines[:1], *self._cut_items(console, width, n - 1)]  # the label, then each's start
            elif k == 2 and self._note is not None and n < len(lines):
                out += self._cut_decision(console, width, lines, n)
            else:
                out += _cut(lines, n, width)
        out += [more]
        for lines in body:
            out += [Text(), *lines]
        return out

    def _start_rows(self, console: Console, width: int, k: int, starts: int) -> int:
        """Rows that show the start of block ``k`` (source, MT, decision, candidates): its label, however
        it wraps, and a line of its text; for the candidates, their label and the start of the first
        ``starts`` (number and name, a line of text)."""
        def rows(text: Text) -> int:
            return len(wrap_lines(text.split()[0], console, width)) + 1

        if k == 3 and self._items:
            return 1 + sum(rows(item[1:]) for item in self._items[:starts])
        return rows(self._parts[k + 1])

    def _cut_decision(self, console: Console, width: int, lines: list[Text], n: int) -> list[Text]:
        """The decision block (which ends with the note) in ``n`` rows: when those would end before the note's
        text starts, the decision's start and the note's in one run (``note_start``), so some of it shows."""
        if self._note is None:
            return _cut(lines, n, width)
        block, start = self._note
        at = len(lines) - len(wrap_lines(block, console, width))  # where the note's rows start
        if n > at + len(wrap_lines(block.split()[0], console, width)):
            return _cut(lines, n, width)  # its header and a row of its text fit
        shown = _cut(lines[:at], n - 1, width)
        note = wrap_lines(start, console, width)[:n - len(shown)]
        return [*shown, *note[:-1], cut_with_ellipsis(note[-1], width)]

    def _cut_items(self, console: Console, width: int, rows: int) -> list[Text]:
        """The candidates in ``rows`` rows: the start of each (its number and name, a line of its text),
        as many as fit, rather than the first one whole and the others out of sight."""
        items = [wrap_lines(item[1:], console, width) for item in self._items]  # less the leading line break
        least = [min(len(lines), len(wrap_lines(item[1:].split()[0], console, width)) + 1)
                 for lines, item in zip(items, self._items, strict=True)]
        shares = None
        while items and shares is None:
            shares = fair_shares([len(lines) for lines in items], rows, least[:len(items)])
            if shares is None:
                items.pop()
        out: list[Text] = []
        for lines, n in zip(items, shares or [], strict=True):
            out += lines[:n - 1] + [cut_with_ellipsis(lines[n - 1], width) if n < len(lines) else lines[n - 1]]
        if out and (len(items) < len(self._items) or len(self._parts[4].split()) > 1 + len(self._items)):
            out[-1] = cut_with_ellipsis(out[-1], width)  # candidates left out, or the count of those not numbered
        return out

    def on_resize(self, event: events.Resize) -> None:
        self._wrapped_for = -1  # the height matters too (the virtual size is at least the pane's height)
        self._wrap()

    def render_line(self, y: int) -> Strip:
        self._wrap()
        width = self._content_width()
        index = round(self.scroll_y) + y
        base = self.rich_style
        if 0 <= index < len(self._strips):
            return self._strips[index].apply_style(base).adjust_cell_length(width, base)
        return Strip.blank(width, base)

    def rendered_lines(self) -> list[str]:
        """The pane's wrapped lines as plain text (what a terminal shows; for tests and tools)."""
        self._wrap()
        return [strip.text for strip in self._strips]
