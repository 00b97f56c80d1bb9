"""The detail pane: the segment's source, its MT with the words that differ from the closest
pseudo-reference highlighted, the numbered candidates, the check flags explained, and the decision.

A Line API widget: the pane's text is wrapped to its width once per segment and painted line by line,
so moving to another segment repaints the pane without a screen layout (updating a few ``Static``
widgets re-lays out the whole screen, which took most of a move's time).
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import datetime

from rich.console import Console
from rich.segment import Segment
from rich.style import Style
from rich.text import Text
from textual import events
from textual.geometry import Size
from textual.scroll_view import ScrollView
from textual.strip import Strip

from ...review_aids import CodedTexts, FileRemarks
from ...store import Candidate
from ...store_views import SegmentDetail
from ..text import STATUS_WORDS, fmt_risk, fmt_score, highlighted, literal, mark_matches

MAX_CANDIDATES = 9
MAX_NOTES = 5
METRIC_NAMES = {"bleu": "BLEU", "chrf": "chrF", "chrfpp": "chrF++", "ter": "TER", "agreement": "agreement"}
SCOPE_NAMES = {"pseudo": "vs retranslations", "reference": "vs reference"}


@dataclass
class DetailData:
    """What the pane shows for one segment, gathered by the screen from the store."""

    number: int
    total: int
    detail: SegmentDetail
    candidates: list[Candidate]
    candidate_scores: dict[int, dict[str, dict[str, float | None]]] = field(default_factory=dict)
    mt_scores: dict[str, dict[str, float | None]] = field(default_factory=dict)
    flags: list[tuple[str, str, float]] = field(default_factory=list)
    diff_against: str | None = None
    diff_spans: list[tuple[int, int, str]] = field(default_factory=list)
    diff_skipped: str | None = None
    """Why the MT is shown without highlights although it has candidates (a text too long to diff)."""
    final_checks: tuple[str, list[tuple[str, str, float]]] | None = None
    """The checks run on the decided text when it is not the MT (an edit, a candidate): what it is
    ("your edit") and its flags; None when the decision took the MT or there is none."""
    codes: CodedTexts | None = None
    """The texts with the inline codes of the segment's bilingual file, as markers (None: it has none)."""
    remarks: FileRemarks | None = None
    search: str | None = None
    """The list's search: its matches are marked in the texts (QA: a search for a term showed which segments
    have it, not where in them)."""
    """The notes and workflow state the segment's bilingual file gave it (None: it gave none)."""


def local_time(stored: str) -> str:
    """A stored decision time (UTC, ISO 8601) on the reviewer's clock, to the second: ``2026-12-07 08:35:07``
    (QA: the UTC time was shown as it is stored, hours off the reviewer's clock and not marked UTC)."""
    try:
        when = datetime.fromisoformat(stored)
    except ValueError:
        return stored[:19].replace("T", " ")
    if when.tzinfo is None:
        return when.strftime("%Y-%m-%d %H:%M:%S")
    return when.astimezone().strftime("%Y-%m-%d %H:%M:%S")


def _metric_order(metric: str) -> int:
    names = list(METRIC_NAMES)
    return names.index(metric) if metric in names else len(names)


def scores_text(scores: dict[str, dict[str, float | None]]) -> str:
    """``vs retranslations: chrF 51.2 BLEU 20.1 · vs reference: chrF 60.3`` (the risk is shown apart)."""
    parts = []
    for scope in sorted(s for s in scores if s != "risk"):
        metrics = " ".join(f"{METRIC_NAMES.get(m, m)} {fmt_score(v, 1)}"
                           for m, v in sorted(scores[scope].items(), key=lambda kv: _metric_order(kv[0]))
                           if v is not None)
        if metrics:
            parts.append(f"{SCOPE_NAMES.get(scope, scope)}: {metrics}")
    return " \u00b7 ".join(parts)


def _label(text: str) -> Text:
    return Text(text, style="bold", end="")


HANG = "mtreview.hang"
"""Style meta key marking a hanging prefix at the start of a line (its length in characters)."""
MIN_HANGING_WIDTH = 12  # narrower than this under the prefix, a line wraps from the margin
TOAST_ROWS = 1
"""Rows a short pane's first screen leaves free at its bottom: the notification a decision raises."""
CANDIDATE_STARTS = 3
"""Candidates whose start a short pane's first screen shows, when it has the rows."""


def _hang(out: Text, prefix: str, style: str = "") -> None:
    """Start a new line of ``out`` with ``prefix`` (a number, a bullet, an indent): its wrapped lines then
    continue under the text after the prefix, not at the margin."""
    out.append("\n")
    out.append(prefix, style=style)
    out.stylize(Style(meta={HANG: len(prefix)}), len(out) - len(prefix), len(out))


def _is_hang(style: str | Style) -> bool:
    return isinstance(style, Style) and HANG in style.meta


def _hang_of(line: Text) -> int:
    """The length of the hanging prefix ``line`` starts with (0: none); the mark is taken off ``line``, so
    that it paints as before (one segment where the prefix and the text share a style)."""
    n = 0
    for span in line.spans:
        if span.start == 0 and isinstance(span.style, Style) and HANG in span.style.meta:
            n = int(span.style.meta[HANG])
    line.spans = [s for s in line.spans if not _is_hang(s.style)]
    return n


def wrap_lines(text: Text, console: Console, width: int) -> list[Text]:
    """``text`` wrapped to ``width`` cells (long words folded), as ``Text.wrap`` does, except that a line
    starting with a hanging prefix continues under the text after it (QA: a wrapped candidate or check
    explanation went back to the margin, under its number or bullet)."""
    out: list[Text] = []
    for line in text.split(allow_blank=True):
        n = _hang_of(line)
        head = line[:n]
        indent = head.cell_len
        if not n or width - indent < MIN_HANGING_WIDTH:
            out.extend(line.wrap(console, width, overflow="fold"))
            continue
        for k, part in enumerate(line[n:].wrap(console, width - indent, overflow="fold")):
            row = head.copy() if k == 0 else Text(" " * indent, end="")
            row.append_text(part)
            out.append(row)
    return out


def detail_text(data: DetailData) -> Text:
    """The whole pane as one ``Text`` (segment text always literal)."""
    return Text("\n\n", end="").join(p for p in detail_parts(data) if p.plain)


def detail_parts(data: DetailData) -> tuple[Text, Text, Text, Text, Text, Text]:
    """The pane in six blocks: the title line, the source, the MT, the decision (empty while unreviewed),
    the candidates and the checks (empty when none), so that a short pane can give each a share."""
    d = data.detail
    title = Text(end="")
    title.append(f"Segment {data.number} of {data.total}", style="bold")
    # the status in short: the title line holds the risk and the confidence too, and "rejected (left out of
    # the cleaned corpus)" wrapped it onto two lines at 80 columns (the decision line says it in full)
    title.append(f"   {STATUS_WORDS.get(d.status, d.status).split(' (')[0]}")
    title.append(f"   risk {fmt_risk(d.risk)}   alignment confidence {fmt_score(d.confidence)}")

    source = Text(end="")
    source.append_text(_label("Source\n"))
    source.append_text(mark_matches(literal(d.source), data.search) if d.source
                       else Text("(nothing: MT without a source)", "italic"))
    codes = data.codes
    if codes is not None and codes.source != d.source:
        # QA: codes were invisible (``Файл  не найден.``), so an edit could move them unseen
        source.append("\nwith its inline codes: ", style="dim")
        source.append_text(literal(codes.source, style="dim"))
    if data.remarks is not None:
        _remark_lines(source, data.remarks)

    out = Text(end="")
    out.append_text(_label("MT"))
    if data.diff_against:
        out.append("  (highlighted: words not in ", style="dim")
        out.append_text(literal(data.diff_against, style="dim"))
        out.append("; \u2038 marks missing words)", style="dim")
    elif data.diff_skipped:
        out.append(f"  ({data.diff_skipped})", style="dim")
    out.append("\n")
    out.append_text(mark_matches(highlighted(d.mt, data.diff_spans, "reverse"), data.search, skip="\u2038") if d.mt
                    else Text("(nothing: source without MT)", "italic"))
    if codes is not None and codes.mt != d.mt:
        out.append("\nwith its inline codes: ", style="dim")
        out.append_text(literal(codes.mt, style="dim"))
    if data.mt_scores and scores_text(data.mt_scores):
        out.append("\n" + scores_text(data.mt_scores), style="dim")
    mt = out

    out = Text(end="")
    if d.status != "unreviewed":
        out.append_text(_label("Decision  "))
        out.append(STATUS_WORDS.get(d.status, d.status))
        if d.candidate:
            out.append(" (")
            out.append_text(literal(d.candidate))
            out.append(")")
        if d.reviewer:
            out.append(" by ")
            out.append_text(literal(d.reviewer))
        if d.decided_at:
            out.append(f" at {local_time(d.decided_at)}", style="dim")
        if d.final is not None and d.status != "accepted_mt":
            out.append("\n")
            out.append_text(mark_matches(literal(d.final), data.search))
            if codes is not None and codes.final is not None and codes.final != d.final:
                # where the export will put the codes (where the reviewer put them, else by word position)
                out.append("\nexported with its codes as: ", style="dim")
                out.append_text(literal(codes.final, style="dim"))
        elif codes is not None and codes.final is not None:  # the MT accepted with its codes moved by hand
            out.append("\nexported with its codes as: ", style="dim")
            out.append_text(literal(codes.final, style="dim"))
        if data.final_checks is not None:
            what, found = data.final_checks
            out.append("\n")
            out.append_text(_label(f"Checks on {what}" + (": " if not found else "")))
            if not found:
                out.append("none")
            _flag_lines(out, found)
    decision = out

    out = Text(end="")
    out.append_text(_label("Candidates"))
    if not data.candidates:
        out.append("  none yet (R retranslates when a model is available)", style="dim")
    for item in candidate_items(data):
        out.append_text(item)
    if len(data.candidates) > MAX_CANDIDATES:
        out.append(f"\n({len(data.candidates) - MAX_CANDIDATES} more, not numbered)", style="dim")
    candidates = out

    out = Text(end="")
    if data.flags:
        # Beside the checks of an edit, say whose these are: they were run on the MT when it was scored.
        out.append_text(_label("Checks on the MT" if data.final_checks is not None else "Checks"))
        _flag_lines(out, data.flags)
    return title, source, mt, decision, candidates, out


def fair_shares(sizes: list[int], budget: int, minimums: list[int]) -> list[int] | None:
    """Rows for blocks of ``sizes`` rows within ``budget``: each gets up to its minimum, then one more row
    in turn while it needs more, so short blocks show whole and long ones share the rest evenly. None
    when the budget cannot give every block its minimum."""
    shares = [min(size, least) for size, least in zip(sizes, minimums, strict=True)]
    left = budget - sum(shares)
    if left < 0:
        return None
    while left > 0:
        growing = [k for k, size in enumerate(sizes) if shares[k] < size]
        if not growing:
            break
        for k in growing[:left]:
            shares[k] += 1
        left -= min(left, len(growing))
    return shares


def _ellipsis(line: Text, width: int) -> Text:
    """``line`` ending in `` …`` (cut to fit): more of its block follows below."""
    if line.plain.endswith(" \u2026"):
        return line
    out = line.copy()
    out.truncate(max(1, width - 2))
    kept = out.plain
    if len(kept) < len(line.plain) and not line.plain[len(kept)].isspace():
        space = kept.rstrip().rfind(" ")
        if space > len(kept) - len(kept.lstrip()):  # back to the word's start, not into the indent
            out = out[:space]
    out.rstrip()
    out.append(" \u2026", style="dim")
    return out


def candidate_items(data: DetailData) -> list[Text]:
    """The numbered candidates, each on lines of its own (the text starts with a line break): its number,
    kind, name, model and scores, then its text under them."""
    items = []
    for n, c in enumerate(data.candidates[:MAX_CANDIDATES], 1):
        out = Text(end="")
        _hang(out, f"{n} ", style="bold")
        out.append(c.kind)
        if c.name and c.name != c.kind:
            out.append(" ")
            out.append_text(literal(c.name))
        if c.model and c.model != c.name:
            out.append(" (")
            out.append_text(literal(c.model))
            out.append(")")
        scores = scores_text(data.candidate_scores.get(c.id, {}))
        if scores:
            out.append(f"  {scores}", style="dim")
        _hang(out, "  ")
        out.append_text(mark_matches(literal(c.text), data.search))
        items.append(out)
    return items


def _remark_lines(out: Text, remarks: FileRemarks) -> None:
    """Under the source: what the file says of the unit, its state and its notes (QA: a CAT tool's
    instructions and "final" units were kept but never shown, so finished work was reviewed again)."""
    if remarks.state:
        _hang(out, "In the file: ", style="bold")
        out.append_text(literal(remarks.state))
    if remarks.notes:
        out.append_text(_label("\nNotes from the file:"))
    for note in remarks.notes[:MAX_NOTES]:
        for k, part in enumerate(note.split("\n")):  # a note's own lines under its first one
            _hang(out, "  " if k else "\u2022 ")
            out.append_text(literal(part))
    if len(remarks.notes) > MAX_NOTES:
        more = len(remarks.notes) - MAX_NOTES
        out.append(f"\n({more} more note{'s' if more > 1 else ''} in the file)", style="dim")


def _flag_lines(out: Text, flags: list[tuple[str, str, float]]) -> None:
    for name, detail, severity in flags:
        _hang(out, "\u2022 ")
        out.append_text(literal(name, style="bold"))
        out.append(f" ({severity:.1f}) ", style="dim")
        out.append_text(literal(detail))


class DetailPane(ScrollView, can_focus=False):
    """Everything about the segment under the cursor, wrapped to the pane's width."""

    def __init__(self, *, id: str | None = None) -> None:
        super().__init__(id=id)
        self._text = Text()
        self._parts: tuple[Text, ...] = ()
        self._items: list[Text] = []  # the candidates one by one, for a short pane's first screen
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
        self._set(detail_text(data), detail_parts(data), candidate_items(data))

    def _set(self, text: Text, parts: tuple[Text, ...] = (), items: list[Text] | None = None) -> None:
        self._text = text
        self._parts = parts
        self._items = items or []
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

        def cut(lines: list[Text], n: int) -> list[Text]:
            if len(lines) <= n:
                return lines
            return [*lines[:n - 1], _ellipsis(lines[n - 1], width)]

        more = Text("(short pane: all of it in full below; J / K scroll)", style="dim")
        out = [*title]
        for k, lines, n in zip(shown[:len(key)], key, shares, strict=True):
            if k == 3 and self._items and n < len(lines):
                out += [*lines[:1], *self._cut_items(console, width, n - 1)]  # the label, then each's start
            else:
                out += cut(lines, n)
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
            out += lines[:n - 1] + [_ellipsis(lines[n - 1], width) if n < len(lines) else lines[n - 1]]
        if out and (len(items) < len(self._items) or len(self._parts[4].split()) > 1 + len(self._items)):
            out[-1] = _ellipsis(out[-1], width)  # candidates left out, or the count of those not numbered
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
