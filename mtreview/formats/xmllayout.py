"""Layout whitespace of pretty-printed XML segments, which is not segment text.

An editor or a tool that indents XML puts a ``<seg>``, ``<source>`` or ``<target>``'s text on lines of its
own (``<seg>\\n          Hello, world.\\n        </seg>``). Where ``xml:space`` is not ``preserve`` that newline
and indentation are layout: read as text they reached the review, the scores and every corpus exported
(QA). An element is taken as laid out when the whitespace its content starts with holds a line break (the
text begins on a line of its own); then the whitespace at both ends is dropped and each run of whitespace
with a line break inside it is one space. Other content keeps every space and break it has (a software
string's trailing "\n" included), and ``xml:space="preserve"`` (on the element or the nearest ancestor that
says) keeps everything, byte for byte.
"""

from __future__ import annotations

import re

from lxml import etree

from .inline import CLOSE, OPEN, InlineCode, Part
from .xmlsafe import XML_SPACE

_XML_WS = " \t\r\n"  # XML's whitespace: a no-break space or an ideographic space is text
_EDGE_RE = re.compile("^[ \t\r\n]*")
_RUN_RE = re.compile("[ \t\r]*\n[ \t\r\n]*")


def preserves_space(elem: etree._Element) -> bool:
    """Whether ``xml:space="preserve"`` applies to ``elem`` (its own or its nearest ancestor's that has one)."""
    node: etree._Element | None = elem
    while node is not None:
        value = node.get(XML_SPACE)
        if value is not None:
            return value.strip() == "preserve"
        node = node.getparent()
    return False


def laid_out(parts: list[Part]) -> bool:
    """Whether the content (text and codes, adjacent strings merged) starts with whitespace that holds a line
    break. (Not where only its end does: "Usage: foo\n" is a software string's text, its break included.)"""
    first = parts[0] if parts else None
    return isinstance(first, str) and "\n" in _EDGE_RE.match(first).group()  # type: ignore[union-attr]


def element_text(elem: etree._Element) -> str:
    """All the text of ``elem`` (a ``<note>``) without a pretty-printed element's layout: where the text begins
    on a line of its own, the whitespace at both ends and each line's indentation go, but not its line breaks.
    Unlike a segment's (one sentence or a few), a note's lines are its author's: a project manager's
    "Keep it short." over "Max 12 chars." stays two lines (what the review shows of a note, too)."""
    text = "".join(elem.itertext())
    if not laid_out([text] if text else []) or preserves_space(elem):
        return text
    return "\n".join(line.strip(_XML_WS) for line in text.strip(_XML_WS).split("\n"))


def drop_layout(elem: etree._Element, parts: list[Part]) -> list[Part]:
    """``parts`` (the content of ``elem``, adjacent strings merged) without the layout whitespace of a
    pretty-printed element; unchanged where ``xml:space="preserve"`` applies or the content is not laid out.
    The whitespace at either end goes up to the first word or code (through the opening codes of a wrapper
    such as ``<g>`` at the start, its closing codes at the end)."""
    if not laid_out(parts) or preserves_space(elem):
        return parts
    out: list[Part] = [_RUN_RE.sub(" ", p) if isinstance(p, str) else p for p in parts]
    for i, p in enumerate(out):
        if isinstance(p, InlineCode):
            if p.role != OPEN:
                break
            continue
        out[i] = p.lstrip(_XML_WS)
        if out[i]:
            break
    for i in range(len(out) - 1, -1, -1):
        p = out[i]
        if isinstance(p, InlineCode):
            if p.role != CLOSE:
                break
            continue
        out[i] = p.rstrip(_XML_WS)
        if out[i]:
            break
    return [p for p in out if not isinstance(p, str) or p]
