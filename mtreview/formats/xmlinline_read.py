"""Reading inline codes in TMX, XLIFF 1.2 and XLIFF 2.0 segment content (``xmlinline`` writes them).

Mixed content (``text<bpt i="1">&lt;b&gt;</bpt>bold<ept i="1">&lt;/b&gt;</ept>``) becomes parts: text and
``InlineCode``s with their role (open / close / standalone), pairing id, native code and attributes.
"""

from __future__ import annotations

from copy import deepcopy as copy_element
from dataclasses import dataclass
from pathlib import Path
from xml.sax.saxutils import escape, quoteattr

from lxml import etree

from .inline import CLOSE, OPEN, STANDALONE, InlineCode, Part, normalise_parts
from .inline_spacing import spaced_parts
from .xmllayout import drop_layout
from .xmlsafe import check_no_entities, local, prefixed_name

TMX, XLIFF1, XLIFF2 = "tmx", "xliff1", "xliff2"

WRAPPERS = {TMX: {"hi"}, XLIFF1: {"g", "mrk"}, XLIFF2: {"pc", "mrk"}}
# The empty or native-code elements each format defines. Any other element inside a segment (TMX 2.0's or a
# CAT tool's <mrk>, another namespace's markup) is read as a wrapper whose content is segment text: reading it
# as a code would hide the words it marks up. Its own tags travel as the native code of a generic pair.
CODES = {TMX: {"bpt", "ept", "ph", "it", "ut"}, XLIFF1: {"bx", "ex", "x", "bpt", "ept", "ph", "it"},
         XLIFF2: {"sc", "ec", "ph", "cp", "sm", "em"}}
# Elements whose text content is the native code (the rest of the codes are empty elements).
NATIVE_CONTENT = {TMX: {"bpt", "ept", "ph", "it", "ut"}, XLIFF1: {"bpt", "ept", "ph", "it"}, XLIFF2: set()}

@dataclass
class _ReadState:
    family: str
    path: Path
    originals: dict[str, str]
    synthetic: int = 0

    def new_id(self) -> str:
        self.synthetic += 1
        return f"w{self.synthetic}"


def _attrs(elem: etree._Element) -> tuple[tuple[str, str], ...]:
    return tuple((str(k), str(v)) for k, v in elem.attrib.items())


def _native_text(elem: etree._Element) -> str:
    # The native code may contain <sub> (a sub-flow of translatable text): flattened into the native text,
    # which other formats get; the code's own format gets the <sub>s back (_inner_xml)
    return "".join(elem.itertext())


def _inner_xml(elem: etree._Element) -> str:
    """The content of a code element that holds elements (TMX/XLIFF 1.2 ``<sub>``), as XML without
    namespaces: "" for one of text only (``native`` says it all)."""
    if len(elem) == 0:
        return ""
    copy = copy_element(elem)
    for el in copy.iter():
        if isinstance(el.tag, str):
            el.tag = local(el)
    etree.cleanup_namespaces(copy)
    return escape(copy.text or "") + "".join(etree.tostring(c, encoding="unicode", with_tail=True) for c in copy)


def _code_for(elem: etree._Element, st: _ReadState) -> tuple[str, str | None, str]:
    """(role, pairing id, native text) of a non-wrapper code element."""
    name, fam, get = local(elem), st.family, elem.get
    if fam == TMX:
        if name == "bpt":
            return OPEN, get("i") or get("x"), _native_text(elem)
        if name == "ept":
            return CLOSE, get("i"), _native_text(elem)
        return STANDALONE, get("x") or get("i"), _native_text(elem)  # ph, it, ut
    if fam == XLIFF1:
        if name in ("bx", "bpt"):
            return OPEN, get("rid") or get("id"), _native_text(elem) if name == "bpt" else ""
        if name in ("ex", "ept"):
            return CLOSE, get("rid") or get("id"), _native_text(elem) if name == "ept" else ""
        return STANDALONE, get("id"), _native_text(elem) if name in ("ph", "it") else ""  # x, ph, it
    # XLIFF 2.0: natives live in <originalData>, referenced by dataRef*
    if name in ("sc", "sm"):
        return OPEN, get("id"), st.originals.get(get("dataRef") or "", "")
    if name in ("ec", "em"):
        return CLOSE, get("startRef") or get("id"), st.originals.get(get("dataRef") or "", "")
    return STANDALONE, get("id"), st.originals.get(get("dataRef") or "", "")  # ph, cp


def _attr_qname(elem: etree._Element, key: str) -> str:
    """An attribute's name with its prefix (``its:translate``, ``xml:lang``): without it, the code would
    stand for another attribute (QA: ``translate="no"``, ``lang="en"``); the bare name where none is declared."""
    return prefixed_name(elem, key) or key.split("}", 1)[-1]


def _foreign_tags(elem: etree._Element) -> tuple[str, str]:
    """The start and end tags of an element the format does not define, as written in the file."""
    name = local(elem)
    qname = f"{elem.prefix}:{name}" if elem.prefix else name
    attrs = "".join(f" {_attr_qname(elem, k)}={quoteattr(str(v))}" for k, v in elem.attrib.items())
    return f"<{qname}{attrs}>", f"</{qname}>"


def _read_into(elem: etree._Element, st: _ReadState, parts: list[Part]) -> None:
    for child in elem:
        name = local(child)
        if not name:  # comment or PI (already removed by the parser; kept safe here)
            if child.tail:
                parts.append(child.tail)
            continue
        if name in WRAPPERS[st.family]:
            cid = child.get("id") or child.get("x") or st.new_id()
            attrs = _attrs(child)
            native_open = native_close = ""
            if st.family == XLIFF2:
                native_open = st.originals.get(child.get("dataRefStart") or "", "")
                native_close = st.originals.get(child.get("dataRefEnd") or "", "")
            parts.append(InlineCode(OPEN, name, cid, native_open, attrs, st.family))
            if child.text:
                parts.append(child.text)
            _read_into(child, st, parts)
            parts.append(InlineCode(CLOSE, name, cid, native_close, (), st.family))
        elif name == "sub":  # a stray sub-flow outside a code: its text is content
            parts.append("".join(child.itertext()))
        elif name not in CODES[st.family]:
            cid = st.new_id()
            start, end = _foreign_tags(child)
            # family "": written back by its role (a generic pair), never as an element of the format
            parts.append(InlineCode(OPEN, name, cid, start, (), ""))
            if child.text:
                parts.append(child.text)
            _read_into(child, st, parts)
            parts.append(InlineCode(CLOSE, name, cid, end, (), ""))
        else:
            role, cid, native = _code_for(child, st)
            inner = _inner_xml(child) if name in NATIVE_CONTENT[st.family] else ""
            parts.append(InlineCode(role, name, cid, native, _attrs(child), st.family, inner=inner))
        if child.tail:
            parts.append(child.tail)


def read_content(elem: etree._Element | None, family: str, path: Path,
                 originals: dict[str, str] | None = None) -> tuple[str, list[Part] | None]:
    """The plain text of a segment element and its parts (None when it has no codes)."""
    if elem is None:
        return "", None
    check_no_entities(path, elem)
    if len(elem) == 0:
        text = drop_layout(elem, [elem.text] if elem.text else [])  # a pretty-printed element's indentation
        return "".join(p for p in text if isinstance(p, str)), None
    st = _ReadState(family, path, originals or {})
    parts: list[Part] = [elem.text] if elem.text else []
    _read_into(elem, st, parts)
    parts = drop_layout(elem, normalise_parts(parts))
    if not any(isinstance(p, InlineCode) for p in parts):
        return "".join(p for p in parts if isinstance(p, str)), None
    parts = spaced_parts(parts)  # no words glued by a removed <br/>, no double space left by a removed code
    return "".join(p for p in parts if isinstance(p, str)), parts
