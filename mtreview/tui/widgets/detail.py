"""The detail pane: the segment's source, its MT with the words that differ from the closest
pseudo-reference highlighted, the numbered candidates, the check flags explained, and the decision."""

from __future__ import annotations

from dataclasses import dataclass, field

from rich.text import Text
from textual.app import ComposeResult
from textual.containers import VerticalScroll
from textual.widgets import Static

from ...store import Candidate
from ...store_views import SegmentDetail
from ..text import STATUS_WORDS, fmt_score, highlighted, literal

MAX_CANDIDATES = 9


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


METRIC_NAMES = {"bleu": "BLEU", "chrf": "chrF", "chrfpp": "chrF++", "ter": "TER", "agreement": "agreement"}
SCOPE_NAMES = {"pseudo": "vs retranslations", "reference": "vs reference"}


def _scores_text(scores: dict[str, dict[str, float | None]]) -> str:
    """``vs retranslations: chrF 51.2 BLEU 20.1 · vs reference: chrF 60.3`` (the risk is shown apart)."""
    parts = []
    for scope in sorted(s for s in scores if s != "risk"):
        metrics = " ".join(f"{METRIC_NAMES.get(m, m)} {fmt_score(v, 1)}"
                           for m, v in sorted(scores[scope].items(), key=lambda kv: list(METRIC_NAMES).index(kv[0])
                                              if kv[0] in METRIC_NAMES else 99) if v is not None)
        if metrics:
            parts.append(f"{SCOPE_NAMES.get(scope, scope)}: {metrics}")
    return " \u00b7 ".join(parts)


def _label(text: str) -> Text:
    return Text(text, style="bold", end="")


class DetailPane(VerticalScroll, can_focus=False):
    """Everything about the segment under the cursor."""

    def compose(self) -> ComposeResult:
        yield Static(id="detail-title")
        yield Static(id="detail-source", classes="detail-block")
        yield Static(id="detail-mt", classes="detail-block")
        yield Static(id="detail-final", classes="detail-block")
        yield Static(id="detail-candidates", classes="detail-block")
        yield Static(id="detail-flags", classes="detail-block")

    def _set(self, selector: str, text: Text) -> None:
        """Update a block; an empty block takes no room."""
        block = self.query_one(selector, Static)
        block.update(text)
        block.display = bool(text.plain)

    def clear(self, message: str) -> None:
        """Show a message instead of a segment (empty list)."""
        self.query_one("#detail-title", Static).update(Text(message))
        for name in ("source", "mt", "final", "candidates", "flags"):
            self.query_one(f"#detail-{name}", Static).update("")

    def show(self, data: DetailData) -> None:
        """Show one segment."""
        d = data.detail
        title = Text(end="")
        title.append(f"Segment {data.number} of {data.total}", style="bold")
        title.append(f"   {STATUS_WORDS.get(d.status, d.status)}")
        title.append(f"   risk {fmt_score(d.risk)}   alignment confidence {fmt_score(d.confidence)}")
        self.query_one("#detail-title", Static).update(title)

        source = Text(end="")
        source.append_text(_label("Source\n"))
        source.append_text(literal(d.source) if d.source else Text("(nothing: MT without a source)", "italic"))
        self.query_one("#detail-source", Static).update(source)

        mt = Text(end="")
        mt.append_text(_label("MT"))
        if data.diff_against:
            mt.append(f"  (highlighted: words not in {data.diff_against})", style="dim")
        mt.append("\n")
        mt.append_text(highlighted(d.mt, data.diff_spans, "reverse") if d.mt
                       else Text("(nothing: source without MT)", "italic"))
        if data.mt_scores:
            mt.append("\n" + _scores_text(data.mt_scores), style="dim")
        self.query_one("#detail-mt", Static).update(mt)

        final = Text(end="")
        if d.status != "unreviewed":
            final.append_text(_label("Decision  "))
            final.append(STATUS_WORDS.get(d.status, d.status))
            if d.candidate:
                final.append(" (")
                final.append_text(literal(d.candidate))
                final.append(")")
            if d.reviewer:
                final.append(" by ")
                final.append_text(literal(d.reviewer))
            if d.decided_at:
                final.append(f" at {d.decided_at[:19].replace('T', ' ')}", style="dim")
            if d.final is not None and d.status != "accepted_mt":
                final.append("\n")
                final.append_text(literal(d.final))
        self._set("#detail-final", final)

        cands = Text(end="")
        cands.append_text(_label("Candidates"))
        if not data.candidates:
            cands.append("  none yet (R retranslates when a model is available)", style="dim")
        for n, c in enumerate(data.candidates[:MAX_CANDIDATES], 1):
            cands.append(f"\n{n} ", style="bold")
            who = c.kind if c.kind != "retranslation" else "retranslation"
            cands.append(f"{who}")
            if c.name and c.name != c.kind:
                cands.append(" ")
                cands.append_text(literal(c.name))
            if c.model:
                cands.append(" [")
                cands.append_text(literal(c.model))
                cands.append("]")
            scores = _scores_text(data.candidate_scores.get(c.id, {}))
            if scores:
                cands.append(f"  {scores}", style="dim")
            cands.append("\n  ")
            cands.append_text(literal(c.text))
        if len(data.candidates) > MAX_CANDIDATES:
            cands.append(f"\n({len(data.candidates) - MAX_CANDIDATES} more not numbered)", style="dim")
        self.query_one("#detail-candidates", Static).update(cands)

        flags = Text(end="")
        if data.flags:
            flags.append_text(_label("Checks"))
            for name, detail, severity in data.flags:
                flags.append("\n\u2022 ")
                flags.append_text(literal(name, style="bold"))
                flags.append(f" ({severity:.1f}) ", style="dim")
                flags.append_text(literal(detail))
        self._set("#detail-flags", flags)
        self.scroll_home(animate=False)
