"""Where each node of an XML document is in its text: the small scanner ``formats.xmlsplice`` locates the
elements it rewrites with, checked node by node against the parsed tree (``_positions``).

The scanner reads only what a well-formed document (one lxml has parsed) can hold: start and end tags,
comments, processing instructions, CDATA sections and the text between them; anything else is ``Unsafe``
and the caller serializes the tree instead.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from typing import TYPE_CHECKING

from lxml import etree

from .xmlsafe import _parse_doctype

if TYPE_CHECKING:
    from .xmlsplice import Edits


class Unsafe(Exception):
    """The changes cannot be spliced into the original bytes safely (the message says why)."""


_START = re.compile(r"<([^\s/>]+)(?:\s+[^\s=/>]+\s*=\s*(?:\"[^\"]*\"|'[^']*'))*\s*(/?)>")
_TOKEN = re.compile(r"<(?P<start>[^\s/>!?]+)(?:\s+[^\s=/>]+\s*=\s*(?:\"[^\"]*\"|'[^']*'))*\s*(?P<empty>/?)>"
                    r"|</(?P<end>[^\s>]+)\s*>|<\?(?P<pi>[^\s?]+).*?\?>|(?P<comment><!--.*?-->)"
                    r"|(?P<cdata><!\[CDATA\[.*?\]\]>)|<", re.S)
_ATTR = re.compile(r"(\s+)([^\s=/>]+)(\s*=\s*)(?:\"([^\"]*)\"|'([^']*)')")
_SPACE = re.compile(r"\s*")


@dataclass
class _Spans:
    """The nodes inside the root element (itself included) in document order: elements by their
    qualified name, comments as ``!--``, processing instructions as ``?target``."""

    names: list[str] = field(default_factory=list)
    start: list[int] = field(default_factory=list)
    head_end: list[int] = field(default_factory=list)  # end of the start tag
    tail_start: list[int] = field(default_factory=list)  # start of the end tag (head_end when <a/>)
    end: list[int] = field(default_factory=list)
    after: list[int] = field(default_factory=list)  # index of the first node after its subtree


def _prolog_end(text: str) -> int:
    i = 0
    while True:
        i = _SPACE.match(text, i).end()  # type: ignore[union-attr]
        if text.startswith("<?", i) or text.startswith("<!--", i):
            k = text.find("?>" if text[i + 1] == "?" else "-->", i + 2)
            if k < 0:
                raise Unsafe("its prolog could not be read")
            i = k + (2 if text[i + 1] == "?" else 3)
        elif text.startswith("<!DOCTYPE", i):
            res = _parse_doctype(text, i)
            if res is None:
                raise Unsafe("its DOCTYPE could not be read")
            i = res[0]
        elif text.startswith("<", i):
            return i
        else:
            raise Unsafe("no root element found where expected")


def _scan(text: str) -> _Spans:
    """Where each node inside the root is in ``text`` (a well-formed document: lxml has parsed it)."""
    sp = _Spans()
    stack: list[int] = []
    names, starts, heads, tails, ends, after = sp.names, sp.start, sp.head_end, sp.tail_start, sp.end, sp.after
    for m in _TOKEN.finditer(text, _prolog_end(text)):  # text between tokens has no "<"
        kind = m.lastgroup  # the token's last group: "empty" for a start tag
        if kind == "end":
            name = m.group("end")
            if not stack or names[stack[-1]] != name:
                raise Unsafe("an end tag that does not match")
            idx = stack.pop()
            tails[idx], ends[idx], after[idx] = m.start(), m.end(), len(names)
            if not stack:
                return sp
            continue
        if kind == "empty":
            name = m.group("start")
        elif kind == "pi":
            name = f"?{m.group('pi')}"
        elif kind == "comment":
            name = "!--"
        elif kind == "cdata":  # text: its "<" are no markup
            continue
        else:
            raise Unsafe(f"markup that could not be read at character {m.start()}")
        j, k = m.span()
        idx = len(names)
        names.append(name)
        starts.append(j)
        heads.append(k)
        tails.append(k)
        ends.append(k)
        after.append(idx + 1)
        if kind == "empty":
            if m.group("empty") != "/":
                stack.append(idx)
            elif not stack:
                return sp
    raise Unsafe("the root element does not end")


def qname(el: etree._Element) -> str:
    """An element's name as written: ``prefix:local`` or ``local``."""
    local = etree.QName(el).localname
    return f"{el.prefix}:{local}" if el.prefix else local


def _node_name(node: etree._Element) -> str:
    if isinstance(node, etree._Comment):
        return "!--"
    if isinstance(node, etree._ProcessingInstruction):
        return f"?{node.target}"
    if isinstance(node, etree._Entity):
        raise Unsafe("it has an entity reference")
    return qname(node)


def _named(written: str, node: etree._Element) -> bool:
    """Whether ``node`` is the one written ``written``. A child the writer removed has left the tree, and lxml
    gives a namespaced one a prefix of its own (``ns0:note``): its local name says it (QA: taking a note out
    of an XLIFF unit made the whole file be rewritten)."""
    if written == _node_name(node):
        return True
    return node.getparent() is None and isinstance(node.tag, str) and \
        written.rpartition(":")[2] == etree.QName(node).localname


def _positions(root: etree._Element, sp: _Spans, edits: Edits) -> dict[etree._Element, int]:
    """Index in ``sp`` of each touched element and of its children as read; only the paths down to them are
    walked, whole subtrees are skipped by their size."""
    want: set[etree._Element] = set(edits.touched)
    for snap in edits.touched.values():
        if not snap.replaced:
            want.update(c for c, _ in snap.children)
    paths: set[etree._Element] = set()
    for el in edits.touched:
        paths.update(el.iterancestors())
    pos: dict[etree._Element, int] = {}

    def walk(node: etree._Element, i: int) -> int:  # returns the index after node's subtree
        if i >= len(sp.names) or not _named(sp.names[i], node):
            raise Unsafe("the file could not be located node by node")
        if node in want:
            pos[node] = i
        if node not in paths:
            snap = edits.touched.get(node)
            if snap is None or snap.replaced:
                return sp.after[i]
        k = i + 1
        # a touched element's children as read: one the writer removed (or moved) is still in the text
        snap = edits.touched.get(node)
        children = [c for c, _ in snap.children] if snap is not None else list(node)
        for child in children:
            if child not in edits.new:
                k = walk(child, k)
        if k != sp.after[i]:
            raise Unsafe("the file could not be located node by node")
        return k

    walk(root, 0)
    if len(pos) != len(want):
        raise Unsafe("a changed element could not be located")
    return pos
