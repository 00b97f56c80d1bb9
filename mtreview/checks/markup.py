"""Markup left in the MT: HTML tags, comments and character entities of a crawled web page.

Segment text is plain text (the inline codes of TMX and XLIFF are taken out at import), so ``<br/>``,
``<b>``, ``<!-- -->`` or ``&nbsp;`` in an MT is web-page residue or double escaping, not words. Tags count
only for HTML's own element names (``<v>``, ``a < b > c`` are text). An entity the source has too is a
convention of the whole pair (Moses-escaped corpora write ``&amp;`` on both sides) and is left alone.
"""

from __future__ import annotations

import re
from bisect import bisect_right
from html.entities import html5

from .context import CheckContext, Flag, quote

_ELEMENTS = (
    "a|abbr|article|aside|audio|b|big|blockquote|body|br|button|center|cite|code|dd|div|dl|dt|em|figcaption|"
    "figure|font|footer|form|h[1-6]|head|header|hr|html|i|iframe|img|input|label|li|link|main|meta|nav|"
    "noscript|ol|option|p|picture|pre|q|s|script|section|select|small|source|span|strike|strong|style|sub|"
    "sup|svg|table|tbody|td|textarea|tfoot|th|thead|title|tr|tt|u|ul|video"
)
_ATTRIBUTE = r"""\s+[A-Za-z_:][-\w:.]*(?:\s*=\s*(?:"[^"<>]*"|'[^'<>]*'|[^\s"'=<>`]+))?"""
_TAG_RE = re.compile(rf"</?(?:{_ELEMENTS})(?:{_ATTRIBUTE})*\s*/?>", re.IGNORECASE)
_COMMENT_RE = re.compile(r"<!--.*?-->", re.DOTALL)
_ENTITY_RE = re.compile(r"&(?:#[0-9]{1,7}|#[xX][0-9A-Fa-f]{1,6}|[A-Za-z][A-Za-z0-9]{1,31});")


def markup_in(text: str) -> list[str]:
    """The HTML tags, comments and character entities in ``text``, in order of appearance."""
    if "<" not in text and "&" not in text:
        return []
    # A comment ends at the last "-->" at the latest: searched only up to it, an unclosed "<!--" no longer
    # scans the rest of the text, for each of them (QA: 24,000 of them took 9 s). Tags inside a comment are
    # part of it.
    end = text.rfind("-->") + 3
    comments = [(m.start(), m.end(), m.group(0)) for m in _COMMENT_RE.finditer(text, 0, end)] if end >= 3 else []
    found = [(start, s) for start, _, s in comments]
    found += [(m.start(), m.group(0)) for m in _TAG_RE.finditer(text) if not _inside(m.start(), comments)]
    found += [(m.start(), m.group(0)) for m in _ENTITY_RE.finditer(text)
              if m.group(0)[1] == "#" or m.group(0)[1:] in html5]
    return [s for _, s in sorted(found)]


def _inside(pos: int, spans: list[tuple[int, int, str]]) -> bool:
    """Whether ``pos`` falls inside one of ``spans`` (start, end, text), sorted and disjoint."""
    k = bisect_right(spans, pos, key=lambda span: span[0]) - 1
    return k >= 0 and pos < spans[k][1]


def check_markup(ctx: CheckContext) -> list[Flag]:
    """Flag HTML tags, comments or character entities in the MT (entities the source has too excepted)."""
    found = markup_in(ctx.mt)
    if not found:
        return []
    source_entities = {s for s in markup_in(ctx.source) if s.startswith("&")}
    found = [s for s in found if s not in source_entities]
    if not found:
        return []
    shown = ", ".join(quote(s, 30) for s in dict.fromkeys(found))
    return [Flag("markup", f"HTML markup left in the MT: {shown} (web-page residue or double escaping, "
                           "not text).", 0.5)]
