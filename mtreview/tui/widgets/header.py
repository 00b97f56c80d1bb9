"""The header: project name, progress, high-risk segments left, live corpus scores, order and filter;
and the work bar that shows background work with its progress."""

from __future__ import annotations

from rich.text import Text
from textual.app import ComposeResult
from textual.containers import Horizontal
from textual.widget import Widget
from textual.widgets import Label, ProgressBar

from ...review_aids import CorpusScores
from ..text import literal
from ..view import ReviewView


class ReviewHeader(Widget):
    """Two lines: who and where, then progress and scores. A plain ``render`` widget of fixed height,
    so a redraw after each decision repaints two lines without a screen layout."""

    def __init__(self, *, id: str | None = None) -> None:
        super().__init__(id=id)
        self._text = Text()
        self._shown: tuple | None = None  # the last show() arguments: redrawn for a new width

    def on_resize(self) -> None:
        if self._shown is not None:
            self.show(*self._shown)

    def render(self) -> Text:
        return self._text

    def show(self, name: str, reviewer: str, view: ReviewView, scores: CorpusScores | None,
             scores_pending: bool = False) -> None:
        """Redraw from the view's counts and the latest corpus scores."""
        self._shown = (name, reviewer, view, scores, scores_pending)
        line = _title_line(name, reviewer, view)
        if self.size.width and line.cell_len > self.size.width and view.filter.active:
            # A narrow terminal with a filter or search on: the filter and order first, so the search term
            # and its count stay readable (QA: at 80 columns the line ended "filter: searc…"); the project
            # and reviewer names are known anyway. Without one, "filter: none" is not worth the names.
            line = _title_line(name, reviewer, view, short=True)
        line.append("\n")
        progress = _progress_line(view, scores, scores_pending)
        if self.size.width and progress.cell_len > self.size.width:
            # First only the scored-segment count goes: the line is a column or two too wide when a count
            # gains a digit (QA at 100x30: the tenth decision turned "Reviewed 9/70 (13%)   high-risk left 2
            # (risk >= 0.5)   vs reference: ..." into "10/70 (14%)  risky 1  ref ...").
            progress = _progress_line(view, scores, scores_pending, seg_count=False)
        if self.size.width and progress.cell_len > self.size.width:
            # A narrow terminal: the short wording keeps the scores on screen (QA: cut off at 60 columns)
            progress = _progress_line(view, scores, scores_pending, short=True)
        line.append_text(progress)
        self._text = line
        self.refresh()


def _title_line(name: str, reviewer: str, view: ReviewView, short: bool = False) -> Text:
    """The first line: project, reviewer, order and filter (``short``: filter and order first)."""
    who = Text(end="")
    who.append("mtreview ", style="bold")
    who.append_text(literal(name, one_line=True))
    who.append("  reviewer ")
    who.append_text(literal(reviewer, one_line=True))
    what = Text(f"order: {view.order}   filter: ", end="")
    if short:
        what = Text("filter: ", end="")
    what.append_text(literal(view.filter.describe(), one_line=True))
    if view.filter.active:
        what.append(f" ({len(view)} shown)")
    if short:
        return Text.assemble(what, f"   order: {view.order}   ", who, end="")
    return Text.assemble(who, "   ", what, end="")


def _progress_line(view: ReviewView, scores: CorpusScores | None, pending: bool, short: bool = False,
                   seg_count: bool = True) -> Text:
    """The second line: reviewed count, high-risk segments left, live scores against the reference (and,
    with ``seg_count`` in the long wording, how many segments they are on)."""
    line = Text(end="")
    if not view.total:
        # QA: a project without segments read "Reviewed 0/0 (100%)", as if its review were done
        line.append("no segments" if short else "No segments to review", style="bold")
    else:
        pct = round(100 * view.reviewed / view.total)
        if pct == 100 and view.reviewed < view.total:
            pct = 99  # QA: 999 of 1,000 read "(100%)" with a segment still to review
        line.append(f"{view.reviewed}/{view.total} ({pct}%)" if short else
                    f"Reviewed {view.reviewed}/{view.total} ({pct}%)", style="bold")
    gap = "  " if short else "   "
    if not view.total:
        return line  # nothing to score either (R says so)
    if view.scored:
        line.append(f"{gap}risky {view.high_risk_left}" if short else
                    f"{gap}high-risk left {view.high_risk_left} (risk >= {view.risk_threshold:g})")
    else:
        line.append(f"{gap}not scored" if short else f"{gap}not scored yet (R scores)", style="dim")
    if scores is not None:
        bleu = "BLEU(13a)" if scores.bleu_fallback else "BLEU"  # Japanese/Korean without MeCab: not sacrebleu's
        line.append(f"{gap}ref chrF {scores.chrf:.1f} {bleu} {scores.bleu:.1f}" if short else
                    f"{gap}vs reference: chrF {scores.chrf:.1f}  {bleu} {scores.bleu:.1f}")
        if not short and seg_count:
            line.append(f" ({scores.segments} seg)", style="dim")
    elif pending:
        line.append(f"{gap}scoring\u2026", style="dim")
    return line


class WorkBar(Horizontal):
    """Shown while background work runs: what it is, how far, and how to cancel."""

    def compose(self) -> ComposeResult:
        yield Label(id="work-label")
        yield ProgressBar(id="work-progress", show_eta=False)

    def start(self, label: str) -> None:
        self.query_one("#work-label", Label).update(Text(f"{label} (c cancels) "))
        self.query_one("#work-progress", ProgressBar).update(total=None, progress=0)
        self.display = True

    def progress(self, label: str, done: int, total: int) -> None:
        self.query_one("#work-label", Label).update(Text(f"{label} (c cancels) "))
        self.query_one("#work-progress", ProgressBar).update(total=total or None, progress=done)

    def stop(self) -> None:
        self.display = False
