"""A large XML document's text in pieces that hold whole units, read a buffer at a time (``export --into``).

``export --into`` parses and splices a piece at a time instead of the whole file (``formats.xmlstream``). A
piece (``Region``) is a stretch of the root element's content that starts and ends outside every unit
(``<trans-unit>``, ``<unit>``, ``<tu>``, by local name) and holds at least one; with the start tags of the
elements open where it starts (``heads``, as written) before it and end tags for those open where it ends
after it, it is a document of its own that lxml parses as it would read that stretch of the whole file: the
same namespaces in scope, the same ``translate``, ``original`` and ``xml:lang`` around each unit.

Outside the units the scanner reads token by token, as ``xmlspans._scan`` does (same expressions, so markup
that one cannot read, this cannot either: ``Unsafe``). Inside a unit it only looks for the unit's end tag,
stepping over comments, CDATA sections and processing instructions (the only places where ``</tu>`` can be
other than markup). What the whole-file splice would have refused outside the units is refused here too: an
entity reference between them (a node its walk cannot match), a character its expressions read as a space
inside a name (U+1680, which XML allows in names).
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Iterator
from dataclasses import dataclass

from .xmlspans import _TOKEN, Unsafe, _prolog_end

UNIT_NAMES = frozenset({"trans-unit", "unit", "tu"})
_ENTITY = re.compile(r"&(?!(?:lt|gt|amp|apos|quot);|#)")  # a reference to an entity other than XML's own
_NAME_SPACE = "\u1680"  # a name character to XML, whitespace to ``\s``: the span scanner cannot read its names
_COMPACT = 1 << 20  # characters before the start of the current region that are dropped from the buffer at once


@dataclass
class Region:
    """A stretch ``[start, end)`` of the document's text (character offsets) holding whole units."""

    start: int
    end: int
    text: str
    heads: list[str]  # start tags of the elements open at ``start``, the root's first, as written
    closes: list[str]  # names of the elements open at ``end``, the root's first

    def fragment(self, prolog: str) -> tuple[str, int, int]:
        """The region as a document (``prolog`` first: the XML declaration, DOCTYPE...), and the lengths of
        what comes before and after the region's own text in it."""
        before = prolog + "".join(self.heads)
        after = "".join(f"</{name}>" for name in reversed(self.closes))
        return before + self.text + after, len(before), len(after)


class _Buffer:
    """The decoded text from character ``base`` on, read on as needed."""

    def __init__(self, chunks: Iterable[str]) -> None:
        self.chunks = iter(chunks)
        self.text = ""
        self.base = 0

    def more(self) -> bool:
        """Read the next piece of text; False at the end."""
        for piece in self.chunks:
            if piece:
                self.text += piece
                return True
        return False

    def drop(self, upto: int) -> None:
        """Forget the text before ``upto`` (an absolute offset), a large stretch at a time."""
        if upto - self.base >= _COMPACT:
            self.text = self.text[upto - self.base:]
            self.base = upto

    def slice(self, a: int, b: int) -> str:
        return self.text[a - self.base:b - self.base]


_INNER: dict[str, re.Pattern[str]] = {}


def _inner_tokens(name: str) -> re.Pattern[str]:
    """What can hide or end the content of a unit named ``name``: comments, CDATA, PIs, its end tag."""
    pat = _INNER.get(name)
    if pat is None:
        pat = _INNER[name] = re.compile(rf"<!--|<!\[CDATA\[|<\?|</{re.escape(name)}\s*>")
    return pat


class RegionScanner:
    """The regions of the document whose text ``chunks`` yields (decoded, in order), each of about ``limit``
    characters or one unit; ``prolog`` is set once iteration has begun."""

    def __init__(self, chunks: Iterable[str], limit: int) -> None:
        self.buf = _Buffer(chunks)
        self.limit = limit
        self.prolog = ""

    def _root(self) -> re.Match[str]:
        buf = self.buf
        while True:
            try:
                i = _prolog_end(buf.text)
            except Unsafe:
                if buf.more():
                    continue
                raise
            m = _TOKEN.match(buf.text, i)
            if m is not None and m.group("start") is not None:  # a start tag is read whole: it ends with ">"
                return m
            if not buf.more():
                raise Unsafe("no root element found where expected")

    def _unit_end(self, name: str, pos: int) -> int:
        """The end of the unit named ``name`` whose content starts at ``pos``."""
        buf, pat = self.buf, _inner_tokens(name)
        while True:
            m = pat.search(buf.text, pos - buf.base)
            if m is None:
                last = buf.text.rfind("<", pos - buf.base)  # perhaps a token the buffer cuts
                pos = buf.base + (last if last >= 0 else len(buf.text))
            else:
                token = m.group(0)
                close = {"<!--": "-->", "<?": "?>"}.get(token, "]]>")
                if token.startswith("</"):
                    return buf.base + m.end()
                k = buf.text.find(close, m.end())
                if k >= 0:
                    pos = buf.base + k + len(close)
                    continue
                pos = buf.base + m.start()
            if not buf.more():
                raise Unsafe(f"a <{name}> does not end")

    def _check_text(self, a: int, b: int) -> None:
        if _ENTITY.search(self.buf.text, a - self.buf.base, b - self.buf.base):
            raise Unsafe("it has an entity reference")

    def __iter__(self) -> Iterator[Region]:
        buf = self.buf
        root = self._root()
        self.prolog = buf.text[:root.start()]
        if root.group("empty") == "/":
            return
        stack: list[tuple[str, str]] = [(root.group("start"), root.group(0))]
        pos = root.end()
        start, heads, units = pos, [root.group(0)], False  # the region being gathered
        while True:
            m = _TOKEN.search(buf.text, pos - buf.base)
            if m is None or not any(m.group(g) for g in ("start", "end", "pi", "comment", "cdata")):
                # no token, or one the buffer cuts (a reference too: "&l" may be "&lt;")
                if m is not None:
                    at = m.start()
                elif (amp := buf.text.rfind("&", pos - buf.base)) >= 0 and ";" not in buf.text[amp:]:
                    at = amp
                else:
                    at = len(buf.text)
                self._check_text(pos, buf.base + at)
                pos = buf.base + at
                if not buf.more():
                    raise Unsafe("markup that could not be read" if m is not None else "the root element does not end")
                continue
            j, k = buf.base + m.start(), buf.base + m.end()
            self._check_text(pos, j)
            pos = k
            if (name := m.group("start")) is not None:
                if name.rpartition(":")[2] in UNIT_NAMES:
                    pos = k if m.group("empty") == "/" else self._unit_end(name, k)
                    units = True
                    if pos - start < self.limit:
                        continue
                    yield self._region(start, pos, heads, stack)
                    start, heads, units = pos, [h for _, h in stack], False
                    buf.drop(start)
                    continue
                if m.group("empty") != "/":
                    stack.append((name, m.group(0)))
            elif (name := m.group("end")) is not None:
                if stack[-1][0] != name:
                    raise Unsafe("an end tag that does not match")
                if len(stack) == 1:  # the root's: the rest is copied as it is
                    if units:
                        yield self._region(start, j, heads, stack)
                    return
                stack.pop()
            if not units:  # nothing to keep yet: the region starts after this token
                start, heads = pos, [h for _, h in stack]
                buf.drop(start)

    def _region(self, start: int, end: int, heads: list[str], stack: list[tuple[str, str]]) -> Region:
        text = self.buf.slice(start, end)
        if _NAME_SPACE in text:
            raise Unsafe("a name holds a character read as a space")
        return Region(start, end, text, heads, [n for n, _ in stack])
