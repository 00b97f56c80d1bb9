"""What the detail pane shows, as rich Text: the segment's parts (source, MT with its diff, decision,
candidates, checks, file notes), wrapped with hanging indents, and the shares of a short pane's first
screen. No widget here: ``detail.DetailPane`` paints it."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import datetime

from rich.console import Console
from rich.style import Style
from rich.text import Text

from ...review_aids import CodedTexts, FileRemarks
from ...store import Candidate, Note
from ...store_views import SegmentDetail
from ..text import STATUS_WORDS, fmt_risk, fmt_score, highlighted, literal, mark_matches, status_word

MAX_CANDIDATES = 9
NOTE_SIGN = "\u270e"  # as the list marks a segment with a note
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
    """The notes and workflow state the segment's bilingual file gave it (None: it gave none)."""
    search: str | None = None
    """The list's search: its matches are marked in the texts (QA: a search for a term showed which segments
    have it, not where in them)."""
    note: Note | None = None
    """The reviewer's note on the segment (``C``), shown with the decision."""
    bleu_name: str = "BLEU"
    """What the scores call BLEU: ``BLEU(13a)`` where it was tokenised with 13a for want of MeCab (a Japanese
    or Korean target), as the header says; the help explains it."""


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


def scores_text(scores: dict[str, dict[str, float | None]], bleu_name: str = "BLEU") -> str:
    """``vs retranslations: chrF 51.2 BLEU 20.1 · vs reference: chrF 60.3`` (the risk is shown apart)."""
    names = {**METRIC_NAMES, "bleu": bleu_name}
    parts = []
    for scope in sorted(s for s in scores if s != "risk"):
        metrics = " ".join(f"{names.get(m, m)} {fmt_score(v, 1)}"
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
    """The pane in six blocks: the title line, the source, the MT, the decision and the reviewer's note (empty
    while unreviewed and without one), the candidates and the checks (empty when none), so that a short pane can
    give each a share."""
    d = data.detail
    title = Text(end="")
    title.append(f"Segment {data.number} of {data.total}", style="bold")
    if data.note is not None:  # marked as in the list, on the first line: a short pane shows the note below
        title.append(f" {NOTE_SIGN}", style="bold")
    # the status in short: the title line holds the risk and the confidence too, and "rejected (left out of
    # the cleaned corpus)" wrapped it onto two lines at 80 columns (the decision line says it in full)
    title.append(f"   {status_word(d.status)}")
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
        out.append("\n" + scores_text(data.mt_scores, data.bleu_name), style="dim")
    mt = out

    out = Text(end="")
    listed = accepted_number(data)
    if d.status != "unreviewed":
        out.append_text(_label("Decision  "))
        # "candidate 1 accepted": the number points to its text, shown once, in the candidates below
        out.append(STATUS_WORDS.get(d.status, d.status) if listed is None else f"candidate {listed} accepted")
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
            if listed is None:  # else its text shows once, in the candidates, marked (QA: twice at 80x24)
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
    if data.note is not None:
        _note_lines(out, data.note, data.search)
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


def cut_with_ellipsis(line: Text, width: int) -> Text:
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


def accepted_number(data: DetailData) -> int | None:
    """The number of the candidate the decision accepted, when it is numbered and still has the accepted
    text: the pane then shows that text once, in the candidates, marked accepted. None otherwise (another
    decision, or a candidate retranslated since: the decision shows its own text)."""
    d = data.detail
    if d.status != "accepted_candidate" or d.final is None:
        return None
    for n, c in enumerate(data.candidates[:MAX_CANDIDATES], 1):
        if c.name == d.candidate and c.text == d.final:
            return n
    return None


def candidate_items(data: DetailData) -> list[Text]:
    """The numbered candidates, each on lines of its own (the text starts with a line break): its number,
    kind, name, model, whether the decision accepted it, and scores, then its text under them."""
    items = []
    accepted = accepted_number(data)
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
        if n == accepted:
            out.append(" (accepted)", style="bold")
        scores = scores_text(data.candidate_scores.get(c.id, {}), data.bleu_name)
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


def _note_lines(out: Text, note: Note, search: str | None) -> None:
    """The reviewer's note: who wrote it and when, then its lines (each under the first)."""
    if out.plain:
        out.append("\n")
    out.append_text(_label("Note  "))
    out.append("by ")
    out.append_text(literal(note.reviewer))
    out.append(f" at {local_time(note.noted_at)}", style="dim")
    out.append("  (C edits it)", style="dim")
    for line in note.text.split("\n"):
        _hang(out, "  ")
        out.append_text(mark_matches(literal(line), search))


def note_block(note: Note, search: str | None) -> Text:
    """The note's rows as the decision block ends with them (``_note_lines``)."""
    out = Text(end="")
    _note_lines(out, note, search)
    return out


def note_start(note: Note, search: str | None) -> Text:
    """The note in one run for a short pane's first screen: who wrote it, then its text (the time and the
    rest follow in full below). QA: a short pane cut the note after "Note  by root at ...", none of its text."""
    out = _label("Note  ")
    out.append("by ")
    out.append_text(literal(note.reviewer))
    out.append(": ")
    out.append_text(mark_matches(literal(note.text.replace("\n", " ")), search))
    return out


def _flag_lines(out: Text, flags: list[tuple[str, str, float]]) -> None:
    for name, detail, severity in flags:
        _hang(out, "\u2022 ")
        out.append_text(literal(name, style="bold"))
        out.append(f" ({severity:.1f}) ", style="dim")
        out.append_text(literal(detail))
