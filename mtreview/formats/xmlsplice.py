"""Write a few changed elements back into the original bytes of an XML file, every other byte left alone.

``export --into`` changes the targets and states of some units of a CAT tool's file. Serializing the whole
parsed tree would also rewrite what nobody changed (QA: the line breaks after the XML declaration went, a
``<target></target>`` became ``<target/>``, CRLF became LF, a BOM or a UTF-16 encoding was lost, namespace
declarations moved before the other attributes), and translators keep these files under version control.

So the writer records what it is about to change (``Edits``), and ``splice`` re-renders only those elements:
an element's own start tag keeps its spelling with only the changed attributes rewritten (in place, in its
quote style; a new one at the end), its untouched children and the text between them are copied as they
are (a child it removed is left out with its tail), a replaced content or a new element is what lxml serializes for it, in the file's line ending and
encoding. The original is located by a small scanner (``xmlspans``) that the parsed tree checks node by
node, and the result is parsed again and compared with the changed tree: when anything does not match (an
unexpected construct, an encoding Python cannot round-trip), ``splice`` says why and the caller serializes
the tree instead. A large file is spliced a region of whole units at a time (``xmlstream``), each region as a
document of its own.
"""

from __future__ import annotations

import codecs
import io
from dataclasses import dataclass, field
from itertools import zip_longest

from lxml import etree

from .xmlsafe import XML_NS, prefixed_name
from .xmlspans import _ATTR, _START, Unsafe, _positions, _scan, _Spans, qname

__all__ = ["Edits", "Unsafe", "codec_of", "line_ending", "splice"]


@dataclass
class _Snap:
    attrib: dict[str, str]
    text: str | None
    children: list[tuple[etree._Element, str | None]]  # each child (comments too) and its tail, as read
    replaced: bool = False  # the whole content is new
    descendants: int = 0  # nodes under it as read (for a replaced one)


@dataclass
class Edits:
    """What a writer changed in a parsed tree: call ``touch`` before changing an element's attributes or
    children (adding or removing some: a removed child goes with its tail), ``replace`` before replacing all
    of its content, ``added`` for an element it inserted."""

    touched: dict[etree._Element, _Snap] = field(default_factory=dict)
    new: set[etree._Element] = field(default_factory=set)

    def touch(self, el: etree._Element) -> None:
        if el not in self.touched and el not in self.new:  # a new element is written whole anyway
            self.touched[el] = _Snap(dict(el.attrib), el.text, [(c, c.tail) for c in el])

    def replace(self, el: etree._Element) -> None:
        self.touch(el)
        snap = self.touched.get(el)
        if snap is not None and not snap.replaced:
            snap.replaced, snap.descendants = True, sum(1 for _ in el.iter()) - 1

    def added(self, el: etree._Element) -> None:
        self.new.add(el)


# -- writing ---------------------------------------------------------------------------------------------------


def _esc_text(s: str | None) -> str:
    return (s or "").replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;").replace("\r", "&#13;")


def _esc_attr(s: str, quote: str) -> str:
    s = s.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")
    s = s.replace("\t", "&#9;").replace("\n", "&#10;").replace("\r", "&#13;")
    return s.replace(quote, "&quot;" if quote == '"' else "&apos;")


def _attr_name(el: etree._Element, key: str) -> str:
    if (name := prefixed_name(el, key)) is None:
        raise Unsafe(f"no prefix is declared for the attribute {key}")
    return name


def _attr_key(el: etree._Element, name: str) -> str:
    if ":" not in name:
        return name
    prefix, local = name.split(":", 1)
    ns = XML_NS if prefix == "xml" else el.nsmap.get(prefix)
    if ns is None:
        raise Unsafe(f"the attribute prefix {prefix!r} is not declared")
    return f"{{{ns}}}{local}"


def _edit_head(head: str, el: etree._Element, before: dict[str, str], quote: str) -> str:
    """The start tag ``head`` with the attributes that changed since ``before`` rewritten in place, those
    removed taken out and new ones added at the end; everything else as written."""
    now = dict(el.attrib)
    cuts: list[tuple[int, int, str]] = []
    seen: set[str] = set()
    last = len(qname(el)) + 1  # after "<name": where a new attribute goes when there is none
    for m in _ATTR.finditer(head, last):
        name = m.group(2)
        last = m.end()
        if name == "xmlns" or name.startswith("xmlns:"):
            continue
        key = _attr_key(el, name)
        seen.add(key)
        if key not in before:
            raise Unsafe(f"the attribute {name} is not the one read")
        q = '"' if m.group(4) is not None else "'"
        quote = q
        if key not in now:
            cuts.append((m.start(), m.end(), ""))
        elif now[key] != before[key]:
            cuts.append((m.start(4) if q == '"' else m.start(5), m.end() - 1, _esc_attr(now[key], q)))
    if seen != set(before):
        raise Unsafe(f"the attributes of <{qname(el)}> are not those read")
    added = "".join(f" {_attr_name(el, k)}={quote}{_esc_attr(v, quote)}{quote}" for k, v in now.items()
                    if k not in before)
    if added:
        cuts.append((last, last, added))
    for a, b, new in sorted(cuts, reverse=True):
        head = head[:a] + new + head[b:]
    return head


def _inner(el: etree._Element) -> str:
    """What lxml writes between an element's tags (namespace declarations it adds go with the tags)."""
    s = etree.tostring(el, encoding=str, with_tail=False)
    m = _START.match(s)
    if m is None:
        raise Unsafe("lxml wrote a start tag that could not be read")
    return "" if m.group(2) == "/" else s[m.end():s.rfind("</")]


class _Writer:
    def __init__(self, text: str, sp: _Spans, pos: dict[etree._Element, int], edits: Edits, nl: str,
                 quote: str) -> None:
        self.text, self.sp, self.pos, self.edits, self.nl, self.quote = text, sp, pos, edits, nl, quote

    def made(self, s: str) -> str:
        """Text this writes, in the file's line ending (a literal CR is escaped: none is written)."""
        return s.replace("\n", self.nl) if self.nl != "\n" else s

    def raw(self, i: int) -> str:
        return self.text[self.sp.start[i]:self.sp.end[i]]

    def new(self, el: etree._Element) -> str:
        parent = el.getparent()
        if not isinstance(el.tag, str) or parent is None or el.nsmap != parent.nsmap:
            raise Unsafe("a new element declares namespaces")
        q = self.quote
        attrs = "".join(f" {_attr_name(el, k)}={q}{_esc_attr(v, q)}{q}" for k, v in el.attrib.items())
        inner = _inner(el)
        name = qname(el)
        return self.made(f"<{name}{attrs}>{inner}</{name}>" if inner else f"<{name}{attrs}/>")

    def element(self, el: etree._Element) -> str:
        sp, i, snap = self.sp, self.pos[el], self.edits.touched[el]
        head = self.text[sp.start[i]:sp.head_end[i]]
        if dict(el.attrib) != snap.attrib:
            head = _edit_head(head, el, snap.attrib, self.quote)
        if snap.replaced:
            body = self.made(_inner(el))
        else:
            body = self.content(el, snap, i)
        if sp.head_end[i] == sp.end[i]:  # written <a/>: an end tag only when it now has content
            return head if not body else f"{head[:-2]}>{body}</{sp.names[i]}>"
        return head + body + self.text[sp.tail_start[i]:sp.end[i]]

    def content(self, el: etree._Element, snap: _Snap, i: int) -> str:
        sp, text = self.sp, self.text
        olds = [c for c, _ in snap.children]
        old_tails = dict(snap.children)
        kept = [c for c in el if c in old_tails]
        if kept != [c for c in olds if c in set(kept)]:
            raise Unsafe("children were moved")
        # where each original child's tail ends: at the next original child, or the end tag
        ends = [sp.start[self.pos[c]] for c in olds[1:]] + [sp.tail_start[i]] if olds else []
        tail_end = dict(zip(olds, ends, strict=True))
        first = sp.start[self.pos[olds[0]]] if olds else sp.tail_start[i]
        out = [text[sp.head_end[i]:first] if el.text == snap.text else self.made(_esc_text(el.text))]
        last: tuple[str | None, str] = (None, "")  # the tail before, and how it is written
        for c in el:
            if c in old_tails:
                k = self.pos[c]
                out.append(self.element(c) if c in self.edits.touched else self.raw(k))
                if c.tail == old_tails[c]:
                    last = (c.tail, text[sp.end[k]:tail_end[c]])
                else:
                    last = (c.tail, self.made(_esc_text(c.tail)))
                out.append(last[1])
            elif c in self.edits.new:
                out.append(self.new(c))
                # a new element after another takes its indentation: written the same way
                out.append(last[1] if c.tail and c.tail == last[0] else self.made(_esc_text(c.tail)))
            else:
                raise Unsafe("an element was moved in from elsewhere")
        return "".join(out)


# -- the file ------------------------------------------------------------------------------------------------


_BOMS = ((codecs.BOM_UTF8, "utf-8"), (codecs.BOM_UTF16_LE, "utf-16-le"), (codecs.BOM_UTF16_BE, "utf-16-be"))


def codec_of(head: bytes, declared: str | None) -> tuple[bytes, str]:
    """The BOM that ``head`` (a file's first bytes) starts with and the Python codec its text is read with: the
    BOM's, UTF-16 without one when it starts so, else ``declared`` (UTF-8 without)."""
    bom, codec = next(((b, c) for b, c in _BOMS if head.startswith(b)), (b"", ""))
    if not bom:
        codec = ("utf-16-le" if head.startswith(b"<\x00") else "utf-16-be" if head.startswith(b"\x00<")
                 else declared or "utf-8")
    return bom, codec


def _decode(raw: bytes, declared: str | None) -> tuple[bytes, str, str]:
    """The BOM, the Python codec and the text of ``raw``; Unsafe when it would not encode back the same."""
    bom, codec = codec_of(raw, declared)
    body = raw[len(bom):]
    try:
        codec = codecs.lookup(codec).name
        text = body.decode(codec)
        same = text.encode(codec) == body
    except (LookupError, UnicodeError):
        same = False
    if not same:
        raise Unsafe(f"its encoding ({declared or codec}) does not read and write back byte for byte in Python")
    return bom, codec, text


def line_ending(crlf: int, lf: int) -> str:
    """The line ending new text takes in a file with ``crlf`` CRLFs among its ``lf`` line feeds."""
    return "\r\n" if crlf > lf - crlf else "\n"


def _same_tree(a: etree._Element, b: etree._Element) -> bool:
    try:
        if etree.tostring(a) == etree.tostring(b):  # the same serialized: the same nodes (quick, in C)
            return True
    except (ValueError, etree.SerialisationError):
        pass
    for x, y in zip_longest(a.iter(), b.iter()):
        if x is None or y is None or x.tag != y.tag or getattr(x, "target", None) != getattr(y, "target", None):
            return False
        # no text and an empty one read the same
        if (x.text or "") != (y.text or "") or (x.tail or "") != (y.tail or "") or dict(x.attrib) != dict(y.attrib):
            return False
    return True


def splice(raw: bytes, tree: etree._ElementTree, edits: Edits, parser: etree.XMLParser,
           encoding: str | None = None, nl: str | None = None) -> bytes:
    """``raw`` (the bytes ``tree`` was parsed from) with the elements ``edits`` recorded written as ``tree``
    now has them and every other byte kept; raises ``Unsafe`` (saying why) when that cannot be done safely.
    ``encoding``: the bytes' real encoding where it is not the declared one (``parser`` then reads UTF-8: the
    copy is decoded with it and given to ``parser`` as UTF-8 to be checked). ``nl``: the line ending new text
    is written with, where ``raw`` is a piece of a file whose own may not be the piece's (default: the one
    most of ``raw``'s lines end with)."""
    bom, codec, text = _decode(raw, encoding or tree.docinfo.encoding)
    root = tree.getroot()
    sp = _scan(text)
    pos = _positions(root, sp, edits)
    if nl is None:
        nl = line_ending(text.count("\r\n"), text.count("\n"))
    first_attr = _ATTR.search(text, sp.start[0], sp.head_end[0])
    quote = "'" if first_attr is not None and first_attr.group(5) is not None else '"'
    writer = _Writer(text, sp, pos, edits, nl, quote)
    tops = sorted((el for el in edits.touched if not any(a in edits.touched for a in el.iterancestors())),
                  key=lambda el: sp.start[pos[el]])
    out, at = [], 0
    for el in tops:
        i = pos[el]
        out += [text[at:sp.start[i]], writer.element(el)]
        at = sp.end[i]
    out.append(text[at:])
    data = bom + "".join(out).encode(codec, errors="xmlcharrefreplace")
    check = data if encoding is None else data[len(bom):].decode(codec).encode("utf-8")
    try:
        again = etree.parse(io.BytesIO(check), parser).getroot()
    except etree.XMLSyntaxError as err:
        raise Unsafe(f"the spliced copy did not parse ({err.msg})") from None
    if not _same_tree(again, root):
        raise Unsafe("the spliced copy did not read back as the changed file")
    return data
