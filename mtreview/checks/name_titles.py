"""Quoted titles: a short quotation is a title (a film, a book, a newspaper: «Star Wars», «Правды.ру»), whose
capitalised words the names check looks for; and a translation may translate a title by its meaning («Star Wars»
as «Звёздные войны», „Krieg der Sterne“), which no letter of it shares.

Such a title's words count as translated when the MT has a quotation of its own in the same place: the source and
the MT have as many quotations, and the one paired with the title (the same one counted from the start) opens
with a capital letter, as the title does (not with a function word: «Мы придём» is speech). An MT that lost the
title, or dropped its quotes, has fewer and is still flagged; a word of the title that the source also writes
outside its quotations is still looked for.
"""

from __future__ import annotations

import re

from .name_keys import WORD_RE
from .stopwords import STOPWORDS

# The quotes a title or a quotation opens with, and the one that closes it.
QUOTE_CLOSE = {"«": "»", "„": "“", "“": "”", '"': '"'}
_OPENER_RE = re.compile("[" + re.escape("".join(QUOTE_CLOSE)) + "]")
# A title closes within a few words: longer, the quotation is speech.
TITLE_WORDS = 4
_SENTENCE_END_RE = re.compile(r"[.!?…](?:\s|$)")
_SPAN_CHARS = 200  # how far a quote is looked for its closing quote
# Articles, which open titles (The Lord of the Rings, Le Petit Prince) as well as speech: a title has a
# capitalised word after one.
_ARTICLES = frozenset("the a an le la les l un une der die das ein eine el los las il lo gli o os as".split())


def quoted_title(text: str, start: int, opener: str) -> bool:
    """Does the quote opened by ``opener`` just before ``start`` close within ``TITLE_WORDS`` words, with
    no sentence end inside (a title, not quoted speech)?"""
    close = QUOTE_CLOSE.get(opener)
    end = text.find(close, start, start + _SPAN_CHARS) if close else -1  # a title closes within a few words
    if end < 0:
        return False
    return _title_text(text[start:end])


def _title_text(inside: str) -> bool:
    return len(WORD_RE.findall(inside)) <= TITLE_WORDS and not _SENTENCE_END_RE.search(inside)


def quoted_spans(text: str) -> list[tuple[int, int]]:
    """(start, end) of the text inside each pair of quotes of ``text``, left to right (a quote that no quote
    closes within ``_SPAN_CHARS`` characters opens none)."""
    spans = []
    at = 0
    while m := _OPENER_RE.search(text, at):
        end = text.find(QUOTE_CLOSE[m.group()], m.end(), m.end() + _SPAN_CHARS)
        if end < 0:
            at = m.end()
            continue
        spans.append((m.end(), end))
        at = end + 1
    return spans


def translated_titles(source: str, mt: str, missing: list[str], src_lang: str = "") -> list[str]:
    """``missing`` (names of ``source`` the MT lacks) without the words of a quoted title that the MT renders
    as a quotation of its own in the same place («Star Wars» as «Звёздные войны»). A short quotation that opens
    with a function word of ``src_lang`` («Мы придём к Мухтарову»), or is not in title case ("Obama failed"), is
    speech, not a title: its names stay."""
    if not missing:
        return missing
    source_spans = quoted_spans(source)
    mt_spans = quoted_spans(mt)
    if not source_spans or len(source_spans) != len(mt_spans):
        return missing
    titles = []
    for (s_start, s_end), (m_start, m_end) in zip(source_spans, mt_spans, strict=True):
        rendered = WORD_RE.search(mt, m_start, m_end)
        if rendered and rendered.group(0)[0].isupper() and _title_text(source[s_start:s_end]) \
                and _opens_title(source[s_start:s_end], src_lang) and _title_case(source[s_start:s_end], src_lang):
            titles.append((s_start, s_end))
    if not titles:
        return missing
    outside = _outside(source, titles)
    return [n for n in missing if not (any(_has_word(source[a:b], n) for a, b in titles) and not _has_word(outside, n))]


def _opens_title(inside: str, lang: str) -> bool:
    """Does a quotation open as a title does: with a capitalised word that is no function word of ``lang``, or
    with an article before one (The Lord, Le Petit Prince)? Speech opens otherwise («Мы придём»)."""
    words = WORD_RE.findall(inside)[:2]
    if not words or not words[0][0].isupper():
        return False
    first = words[0].lower()
    if first in _ARTICLES:
        return len(words) == 2 and words[1][0].isupper()
    return first not in STOPWORDS.get(lang, frozenset())


def _title_case(inside: str, lang: str) -> bool:
    """Are a quotation's words capitalised as a title's (Star Wars, Pride and Prejudice, Le Petit Prince): two
    words or more, every one capitalised but the function words of ``lang``? A short quote in sentence case
    is speech or a headline ("Obama failed", «Путин прав»): a name the MT lost or replaced in it is missing."""
    words = WORD_RE.findall(inside)
    function = STOPWORDS.get(lang, frozenset())
    return len(words) >= 2 and all(w[0].isupper() or w.lower() in function or w.lower() in _ARTICLES
                                   for w in words)


def _outside(text: str, spans: list[tuple[int, int]]) -> str:
    """``text`` with each of ``spans`` blanked out."""
    parts = []
    at = 0
    for start, end in spans:
        parts.append(text[at:start])
        at = end
    parts.append(text[at:])
    return " ".join(parts)


def _has_word(text: str, word: str) -> bool:
    return re.search(rf"(?<!\w){re.escape(word)}(?!\w)", text) is not None
