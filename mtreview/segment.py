"""Sentence segmentation that keeps paragraphs: razdel for Russian, sentencex for other languages."""

from __future__ import annotations

import re
from dataclasses import dataclass

_BLANK_LINE_RE = re.compile(r"\n[ \t\u00a0]*\n")


@dataclass(frozen=True)
class Sentence:
    """One sentence of a document: its 0-based index, the 0-based paragraph it sits in, and its text."""

    index: int
    paragraph: int
    text: str


def split_paragraphs(text: str) -> list[str]:
    """Paragraphs are separated by blank lines; a document without blank lines has one paragraph per line.

    Inside a paragraph, single line breaks are joined with a space (hard-wrapped prose)."""
    text = text.strip("\n")
    if not text.strip():
        return []
    blocks = _BLANK_LINE_RE.split(text) if _BLANK_LINE_RE.search(text) else text.split("\n")
    paras = []
    for block in blocks:
        joined = " ".join(line.strip() for line in block.split("\n") if line.strip())
        if joined:
            paras.append(joined)
    return paras


def split_sentences_in_paragraph(paragraph: str, lang: str) -> list[str]:
    """Split one paragraph into sentences for ``lang`` (ISO 639-1 code)."""
    lang = (lang or "").lower().split("-")[0].split("_")[0]
    if lang == "ru":
        from razdel import sentenize

        parts = [s.text for s in sentenize(paragraph)]
    else:
        parts = _sentencex_split(paragraph, lang or "en")
    return [p.strip() for p in parts if p.strip()]


_QUOTES = str.maketrans({q: " " for q in '"\u201c\u201d\u201e\u00ab\u00bb'})


def _sentencex_split(paragraph: str, lang: str) -> list[str]:
    """sentencex keeps a quotation as one unit, so a paragraph of quoted speech ("... . ... .") comes back as
    a single sentence. Split a copy with the quote marks blanked out (same length), then cut the original
    at the same offsets, so the quote marks stay with their sentences."""
    from sentencex import segment

    masked = paragraph.translate(_QUOTES)
    pieces = list(segment(lang, masked))
    if "".join(pieces) != masked:  # offsets would not map back: keep sentencex's own answer
        return list(segment(lang, paragraph))
    out, pos = [], 0
    for piece in pieces:
        out.append(paragraph[pos:pos + len(piece)])
        pos += len(piece)
    return out


def segment_text(text: str, lang: str) -> list[Sentence]:
    """Split a document into sentences, numbering sentences and paragraphs from 0."""
    out: list[Sentence] = []
    for p_index, para in enumerate(split_paragraphs(text)):
        for sent in split_sentences_in_paragraph(para, lang):
            out.append(Sentence(len(out), p_index, sent))
    return out


def presegmented(lines: list[str]) -> list[Sentence]:
    """One sentence per line, as given: every line is its own paragraph (blank lines are kept as empty
    sentences so that line numbers stay the indices)."""
    return [Sentence(i, i, line.strip()) for i, line in enumerate(lines)]
