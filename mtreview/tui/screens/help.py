"""The help screen: every key, from the same table as the bindings, then what the list's columns, codes
and colours mean."""

from __future__ import annotations

from rich.table import Table
from rich.text import Text
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import VerticalScroll
from textual.widgets import Static

from ...metric_tokens import bleu_fallback_note
from ..keys import help_rows
from ..text import STATUS_LABELS, STATUS_WORDS
from ..widgets.segment_list import NOTE_MARK
from .modal import ReviewModal


def bleu_legend(target_lang: str | None) -> tuple[str, str] | None:
    """The legend's line on ``BLEU(13a)`` (in the header and the detail pane's scores), for a Japanese or Korean
    target whose BLEU tokenises with 13a for want of MeCab (None otherwise). QA: the header said ``BLEU(13a)``
    and nothing on screen said why, nor that the number is not sacrebleu's."""
    if bleu_fallback_note(target_lang) is None:
        return None
    lang = (target_lang or "").lower().replace("_", "-").split("-")[0]
    extra, why = ("ja", "splits Japanese only at spaces and punctuation: near 0,") if lang == "ja" else (
        "ko", "tokenises Korean with 13a,")
    return ("BLEU(13a)", f"Without MeCab (pip install 'sacrebleu[{extra}]') BLEU {why} not sacrebleu's")


def legend_rows(target_lang: str | None = None) -> list[tuple[str, str]]:
    """(column or marker, what it means) for the list and the detail pane (QA: the help named every key
    but not what ``st``, ``cand``, ``conf`` or a red risk meant), and for the header's ``BLEU(13a)`` where the
    project's target language shows it."""
    statuses = ", ".join(f"{code} = {STATUS_WORDS[name]}" for name, code in STATUS_LABELS.items())
    bleu = bleu_legend(target_lang)
    return [
        ("\u25b6", "The segment shown in the detail pane"),
        (NOTE_MARK, "Beside it: the segment has a reviewer's note (C writes it, the detail pane shows it, the "
                    "filter f selects such segments)"),
        ("st", f"Status: {statuses}"),
        ("risk", "0-1, higher = more likely a bad translation; red and bold = at or above the high-risk "
                 "threshold the header names (N goes to the next unreviewed one)"),
        ("conf", "Alignment confidence, 0-1: low means source and MT may not be translations of each other"),
        ("flags", "Checks that found something (explained in the detail pane); +1 = one more that did not fit"),
        ("highlight", "In the detail pane: MT words not in the closest pseudo-reference (or the reference); "
                      "\u2038 marks words missing there"),
        ("underline", "In the detail pane: what the search (/) found"),
        *([bleu] if bleu is not None else []),
    ]


def _grid(rows: list[tuple[str, str]]) -> Table:
    table = Table.grid(padding=(0, 2))
    table.add_column(style="bold", no_wrap=True)
    table.add_column()
    for key, text in rows:
        table.add_row(Text(key), Text(text))
    return table


class HelpScreen(ReviewModal[None]):
    """A list of the keys and a legend of the list; escape, q or ? closes it."""

    # j / k (and J / K, the detail pane's keys) scroll it as they move on the list: only the arrows and the
    # page keys did, and a reviewer's j at 80x24 did nothing (QA).
    BINDINGS = [Binding("escape,q,question_mark", "close", "Close", id="close"),
                Binding("j,J", "scroll(1)", show=False), Binding("k,K", "scroll(-1)", show=False)]

    def __init__(self, target_lang: str | None = None) -> None:
        super().__init__()
        self.target_lang = target_lang

    def compose(self) -> ComposeResult:
        title = Text("mtreview review: keys", style="bold")
        title.append("   (escape, q or ? closes; what the list shows is at the end)", style="dim")
        with VerticalScroll(id="help-box"):
            yield Static(title, id="help-title")
            yield Static(_grid(help_rows()), id="help-table")
            yield Static(Text("What the list shows", style="bold"), id="legend-title")
            yield Static(_grid(legend_rows(self.target_lang)), id="help-legend")

    def action_scroll(self, lines: int) -> None:
        box = self.query_one("#help-box", VerticalScroll)
        box.scroll_to(y=box.scroll_y + lines, animate=False)

    def action_close(self) -> None:
        self.dismiss(None)
