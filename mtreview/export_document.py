"""The reviewed translation as a document (``mtreview export PROJECT --document``): what a translator hands
back, rather than a corpus of pairs.

Each segment gives its final text where a reviewer kept one (accepted MT, accepted candidate, edit) and its
MT until it is reviewed; rejected segments and MT lines with no source (web boilerplate, a stray title) are
left out unless a reviewer kept them. Paragraphs follow the source document: a segment starts a new one
when its first source sentence sits in another paragraph than the segment before it. Sentences of one
paragraph are joined as the import joins them (no space between Chinese or Japanese sentences).
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from .formats.base import KEPT_STATUSES
from .segment import join_sentences, split_paragraphs
from .store import Project

_BLANK_LINES = re.compile(r"[ \t]*\n(?:[ \t]*\n)+")


@dataclass
class DocumentTally:
    """What went into the document and what did not, by segment number where a reviewer may want to look."""

    written: int = 0
    paragraphs: int = 0
    unreviewed: list[int] = field(default_factory=list)  # their MT is in the document
    rejected: int = 0
    no_source: int = 0  # MT lines with no source, not kept by a reviewer: left out
    untranslated: list[int] = field(default_factory=list)  # source sentences with no text to write

    def lines(self) -> list[str]:
        """One summary line, then notes for what a reviewer should look at."""
        out = [f"{self.written} segment(s) written as {self.paragraphs} paragraph(s)"
               + (f"; left out: {self.rejected} rejected" if self.rejected else "")
               + (f"{'; left out: ' if not self.rejected else ', '}{self.no_source} MT line(s) with no source"
                  if self.no_source else "")]
        if self.unreviewed:
            out.append(f"{len(self.unreviewed)} segment(s) not reviewed yet: their MT is in the document "
                       f"({_numbers(self.unreviewed)})")
        if self.untranslated:
            out.append(f"{len(self.untranslated)} source segment(s) have no translation to write: the document "
                       f"lacks them ({_numbers(self.untranslated)})")
        return out


def _numbers(numbers: list[int], shown: int = 8) -> str:
    """``segment 4`` or ``segments 2, 5, ...``: the numbers, the first ``shown`` of them."""
    head = ("segment " if len(numbers) == 1 else "segments ") + ", ".join(str(n) for n in numbers[:shown])
    return head + (f", ... ({len(numbers) - shown} more)" if len(numbers) > shown else "")


def _line_starts(project: Project, role: str) -> set[int]:
    """The sentences of the document with ``role`` that open a line kept inside their paragraph (a headline
    over its first sentence, a byline, list items: the import keeps those line breaks as sentence boundaries).
    Empty where the stored sentences do not map onto the document's text (a bilingual file's units)."""
    paragraphs = split_paragraphs(project.document_text(role))
    numbers = project.document_paragraphs(role)
    if not paragraphs or not numbers or max(numbers) >= len(paragraphs):
        return set()
    starts: set[int] = set()
    cursor: dict[int, int] = {}  # paragraph -> where its previous sentence ended
    for i, (sentence, par) in enumerate(zip(project.document_sentences(role), numbers, strict=False)):
        body, text = paragraphs[par], sentence.strip()
        at = body.find(text, cursor.get(par, 0)) if text else -1
        if at < 0:
            continue
        if par in cursor and "\n" in body[cursor[par]:at]:
            starts.add(i)
        cursor[par] = at + len(text)
    return starts


def document_text(project: Project) -> tuple[str, DocumentTally]:
    """The reviewed translation of ``project`` as text (paragraphs apart as in the source document, ending
    with a line end; empty when nothing is written) and what went into it."""
    tally = DocumentTally()
    source_paragraph = project.document_paragraphs("source")
    mt_paragraph = project.document_paragraphs("mt")
    source_lines, mt_lines = _line_starts(project, "source"), _line_starts(project, "mt")
    paragraphs: list[list[list[str]]] = []  # each paragraph's lines, each line's segment texts
    last: int | None = None  # the source paragraph of the last segment written
    last_mt: int | None = None  # the MT paragraph of its last MT sentence
    for seg in project.iter_segments():
        st = seg.state
        kept = st.status in KEPT_STATUSES
        if st.status == "rejected":
            tally.rejected += 1
            continue
        if not seg.source_text.strip() and not kept:
            tally.no_source += 1
            continue
        text = (st.final_text if kept else seg.mt_text) or ""
        if not text.strip():
            tally.untranslated.append(seg.number)
            continue
        if not kept:
            tally.unreviewed.append(seg.number)
        first = seg.source_idx[0] if seg.source_idx else None
        par: int | None
        if first is not None and first < len(source_paragraph):
            par = source_paragraph[first]
            opens = par != last
            new_line = first in source_lines
        else:
            # No source sentence (an MT line a reviewer kept, a stray title): its MT paragraph tells whether
            # it stood apart (review: it was glued onto the paragraph before it).
            par = last
            m = seg.mt_idx[0] if seg.mt_idx and seg.mt_idx[0] < len(mt_paragraph) else None
            opens = m is not None and last_mt is not None and mt_paragraph[m] != last_mt
            new_line = m in mt_lines
        if not paragraphs or opens:
            paragraphs.append([[]])
        elif new_line:  # a line of its own in the source (a headline, a byline, a list item) stays one
            paragraphs[-1].append([])
        if seg.mt_idx and seg.mt_idx[-1] < len(mt_paragraph):
            last_mt = mt_paragraph[seg.mt_idx[-1]]
        # A blank line inside a segment's text (an imported unit, an edit made outside the review UI) would
        # read as a paragraph the source does not have: it stays one line break.
        paragraphs[-1][-1].append(_BLANK_LINES.sub("\n", text.strip()))
        last = par
        tally.written += 1
    tally.paragraphs = len(paragraphs)
    # Paragraphs are apart as in the source: a blank line where it had blank lines between them, else a line
    # break (a paragraph per line, or the units of a bilingual file: one per line, not 20,000 blank lines).
    gap = "\n\n" if _BLANK_LINES.search(project.document_text("source").strip()) else "\n"
    body = gap.join("\n".join(join_sentences(line) for line in p) for p in paragraphs)
    return (body + "\n" if body else ""), tally
