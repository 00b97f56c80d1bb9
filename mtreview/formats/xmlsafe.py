"""Hardened, streaming XML reading (and the small helpers XML writers share).

Hostile XML is refused *before* lxml sees it: the prolog is scanned, and a DOCTYPE whose internal subset
declares entities (billion laughs, external entities) is an error that says so. lxml then runs with
``resolve_entities=False, no_network=True, load_dtd=False`` and libxml2's default size limits, so an
external DTD is never fetched. Because lxml with ``resolve_entities=False`` silently *keeps* an unresolved
``&xxe;`` as a node (with an external DTD it is only a warning), every element a reader takes is checked for
entity references, and one is an error too: a reference is never kept as text, never expanded.

Readers stream with ``iterparse`` and clear each unit once read, so memory stays flat however big the file.
"""

from __future__ import annotations

import codecs
import re
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import BinaryIO

from lxml import etree

from ..errors import InputError
from ..textio import open_input
from .xml_controls import ControlsReplaced, filters_bytes, wide_codec
from .xmldecl import check_declared_encoding

XML_NS = "http://www.w3.org/XML/1998/namespace"
XML_LANG = f"{{{XML_NS}}}lang"
XML_SPACE = f"{{{XML_NS}}}space"
XLIFF1_NS = "urn:oasis:names:tc:xliff:document:1.2"
XLIFF2_NS = "urn:oasis:names:tc:xliff:document:2.0"
MTR_NS = "urn:mtreview:1"  # our extension attributes in XLIFF (status, risk, reviewer)

# The most prolog (XML declaration, comments, DOCTYPE) we scan before the root element.
_PROLOG_LIMIT = 4 * 1024 * 1024
_CHUNK = 64 * 1024


@dataclass
class Prolog:
    """What comes before the root element."""

    doctype: str | None = None
    internal_subset: str | None = None
    external_id: str | None = None
    doctype_line: int = 1
    root_found: bool = False


@dataclass
class RootInfo:
    """The root element: local name, namespace, ``version`` attribute and the format it means."""

    local: str
    namespace: str | None
    version: str | None
    attrib: dict[str, str] = field(default_factory=dict)

    @property
    def format_name(self) -> str | None:
        if self.local == "tmx":
            return "tmx"
        if self.local == "xliff":
            return "xliff2" if xliff_major(self) == 2 else "xliff"
        return None


def xliff_major(root: RootInfo) -> int:
    """2 for XLIFF 2.x, 1 for 1.x: the namespace decides, then the version attribute."""
    ns = root.namespace or ""
    if ns.startswith("urn:oasis:names:tc:xliff:document:2"):
        return 2
    if ns.startswith("urn:oasis:names:tc:xliff:document:1"):
        return 1
    return 2 if (root.version or "").strip().startswith("2") else 1


def looks_like_xml(head: bytes) -> bool:
    """True when the first bytes are XML markup (any BOM, UTF-16 included)."""
    for bom, enc in ((codecs.BOM_UTF8, "utf-8"), (codecs.BOM_UTF16_LE, "utf-16-le"), (codecs.BOM_UTF16_BE, "utf-16-be")):
        if head.startswith(bom):
            return head[len(bom):].decode(enc, errors="ignore").lstrip().startswith("<")
    if head.startswith(b"<\x00") or head.startswith(b"\x00<"):
        return True
    return head.lstrip().startswith(b"<")


def _scan_encoding(head: bytes) -> str:
    if head.startswith(codecs.BOM_UTF16_LE) or head.startswith(b"<\x00"):
        return "utf-16-le"
    if head.startswith(codecs.BOM_UTF16_BE) or head.startswith(b"\x00<"):
        return "utf-16-be"
    # Markup characters are ASCII in UTF-8 and every ASCII-compatible encoding: latin-1 never fails.
    return "latin-1"


def _parse_doctype(text: str, start: int) -> tuple[int, str | None, str | None] | None:
    """End of the DOCTYPE starting at ``start`` (index after ``>``), its internal subset and external id;
    None when ``text`` ends first."""
    i, n = start + len("<!DOCTYPE"), len(text)
    quote: str | None = None
    subset_start = subset_end = None
    while i < n:
        ch = text[i]
        if quote:
            if ch == quote:
                quote = None
        elif subset_start is not None and subset_end is None:
            if text.startswith("<!--", i):
                j = text.find("-->", i + 4)
                if j < 0:
                    return None
                i = j + 3
                continue
            if ch in "\"'":
                quote = ch
            elif ch == "]":
                subset_end = i
        elif ch in "\"'":
            quote = ch
        elif ch == "[":
            subset_start = i + 1
        elif ch == ">":
            head = text[start:subset_start - 1 if subset_start else i]
            m = re.search(r"(SYSTEM|PUBLIC)\s+(.*)$", head, re.S)
            subset = text[subset_start:subset_end] if subset_start is not None and subset_end is not None else None
            return i + 1, subset, (m.group(0).strip() if m else None)
        i += 1
    return None


def scan_prolog(path: Path) -> Prolog:
    """Scan what precedes the root element without an XML parser."""
    out = Prolog()
    with open_input(path) as fh:  # (a .tmx.gz read decompressed)
        data = fh.read(_CHUNK)
        enc = _scan_encoding(data)
        while True:
            text = data.decode(enc, errors="ignore")
            if text.startswith("\ufeff"):
                text = text[1:]
            i, n, need_more = 0, len(text), False
            while i < n:
                while i < n and text[i] in " \t\r\n":
                    i += 1
                if i >= n:
                    need_more = True
                    break
                if text.startswith("<?", i):
                    j = text.find("?>", i)
                    if j < 0:
                        need_more = True
                        break
                    i = j + 2
                elif text.startswith("<!--", i):
                    j = text.find("-->", i)
                    if j < 0:
                        need_more = True
                        break
                    i = j + 3
                elif text.startswith("<!DOCTYPE", i):
                    res = _parse_doctype(text, i)
                    if res is None:
                        need_more = True
                        break
                    end, subset, ext = res
                    out.doctype, out.internal_subset, out.external_id = text[i:end], subset, ext
                    out.doctype_line = text.count("\n", 0, i) + 1
                    i = end
                elif len(text) - i < 9 and "<!DOCTYPE".startswith(text[i:]):
                    need_more = True  # a DOCTYPE cut by the chunk boundary
                    break
                else:
                    out.root_found = text.startswith("<", i)
                    return out
            if not need_more:
                return out
            more = fh.read(_CHUNK)
            if not more or len(data) >= _PROLOG_LIMIT:
                return out
            data += more


_ENTITY_DECL_RE = re.compile(r"<!ENTITY", re.I)


def guard(path: Path, notes: list[str] | None = None) -> Prolog:
    """Refuse XML that declares entities; note an external DTD (which is never fetched)."""
    prolog = scan_prolog(path)
    if prolog.internal_subset is not None and _ENTITY_DECL_RE.search(prolog.internal_subset):
        names = re.findall(r"<!ENTITY\s+(%\s*)?([^\s]+)", prolog.internal_subset)
        shown = ", ".join(n for _, n in names[:3])
        raise InputError(path, f"the DOCTYPE declares entities ({shown}); refusing to read it: entity "
                               "declarations enable entity-expansion ('billion laughs') and external-entity "
                               "attacks, and TMX/XLIFF never need them. Remove the DOCTYPE's [...] subset",
                         line=prolog.doctype_line)
    if prolog.external_id and notes is not None:
        notes.append(f"external DTD ({prolog.external_id}) not fetched")
    return prolog


def _syntax_error(path: Path, err: etree.XMLSyntaxError) -> InputError:
    # lxml's own message is sometimes generic ("no element found") while its error log has the cause.
    msg, line = err.msg, err.lineno
    entries = [e for e in err.error_log if e.level >= 2]
    if entries and (not line or "no element found" in (msg or "")):
        last = entries[-1]
        msg, line = last.message, last.line
    msg = re.sub(r",?\s*line \d+, column \d+\s*$", "", (msg or "").strip())
    # libxml2's advice to use its XML_PARSE_HUGE option is none to a user (and, for too deep a nesting, it
    # drew the hint about a long text below: QA)
    msg = re.sub(r",?\s*(?:use|try) XML_PARSE_HUGE(?: option)?", "", msg)
    # libxml2 ends some messages with a line break, before the ", line N, column M" taken off above
    # ("Char 0x0 out of allowed range\n"): the error would show a literal "\n" (QA)
    msg = " ".join(msg.split())
    hint = ""
    if "encoding" in msg.lower() or "not proper utf-8" in msg.lower():
        hint = "; if the file uses another encoding than it declares, pass --encoding (e.g. --encoding cp1251)"
    if re.search(r"invalid (?:xml)?char value|out of allowed range|invalid character in attribute", msg, re.I):
        # (reading removes such characters from UTF-8 and 8-bit files, xml_controls; export --into writes into
        # the file as it is, and UTF-16 text is not filtered)
        hint = "; XML does not allow this control character: remove it from the file"
    if "entity" in msg.lower() and "not defined" in msg.lower():
        hint = "; entity references are not expanded"
    if "excessive depth" in msg.lower():
        hint = "; elements nested this deep are past the XML parser's safety limit (TMX and XLIFF need a few levels)"
    elif "buffer size limit" in msg.lower():
        # an attribute value (or a text) past libxml2's limit; the line it gives is where it stopped reading,
        # the end of the file or far past the value, so none is named (QA: "line 6" of a 5-line file)
        hint = ("; an attribute value or a text of over 10,000,000 characters is past the XML parser's safety "
                "limit (shorten or split it, or use JSONL)")
        line = 0
    elif "huge" in msg.lower() or "too long" in msg.lower() or "too big" in msg.lower():
        what = next((w for k, w in (("comment", "a comment"), ("cdata", "a CDATA section"),
                                    ("pi ", "a processing instruction"), ("name", "a name"))
                     if k in msg.lower()), "a text")
        fix = {"a comment": "remove it", "a processing instruction": "remove it",
               "a name": "the file is damaged"}.get(what, "split it, or use JSONL")
        where = " in one element" if what == "a text" else ""
        hint = f"; {what} of over 10,000,000 characters{where} is past the XML parser's safety limit ({fix})"
    if "amplification" in msg.lower():
        # libxml2 >= 2.14 stops a billion-laughs DTD itself, before lxml yields the first element to the DTD
        # check below: the same refusal, in the parser's words.
        hint = "; its entity declarations expand past the parser's limit: refusing to read it"
    return InputError(path, f"malformed XML: {msg}{hint}", line=line or None)


def check_no_entities(path: Path, elem: etree._Element) -> None:
    """An unresolved entity reference left in a unit is an error, never text."""
    for ent in elem.iter(etree.Entity):
        raise InputError(path, f"entity reference {ent.text} is not allowed (entities are never expanded "
                               "or fetched); remove it", line=ent.sourceline or elem.sourceline)


def iterparse(path: Path, tags: tuple[str, ...] | None, events: tuple[str, ...] = ("end",),
              encoding: str | None = None, notes: list[str] | None = None) -> Iterator[tuple[str, etree._Element]]:
    """Hardened ``lxml.etree.iterparse`` over ``path``: guarded prolog, no entities, no network, no DTD,
    comments and processing instructions dropped; syntax errors become one-line ``InputError``s."""
    guard(path, notes)
    if encoding is None:
        check_declared_encoding(path)
    parser_encoding = _parser_encoding(path, encoding) if encoding else None
    with open_input(path) as fh:  # (a .tmx.gz read decompressed)
        kwargs = {"encoding": parser_encoding} if parser_encoding else {}
        head = _head(path)
        wide = wide_codec(head) if encoding is None else None
        source: Nameless | Transcoded | ControlsReplaced
        if wide:  # decoded here, so that its control characters can be taken out (the parser reads UTF-8)
            source, kwargs = Transcoded(fh, wide), {"encoding": "utf-8"}
        elif encoding is None or parser_encoding != "utf-8" or _libxml2_knows(encoding):
            source = Nameless(fh)
        else:
            source = Transcoded(fh, encoding)
        if isinstance(source, Transcoded) or filters_bytes(head, encoding):
            source = ControlsReplaced(source.read)  # (libxml2 refused a whole file for one vertical tab: QA)
        try:
            parser = etree.iterparse(
                source, events=events, tag=tags, resolve_entities=False, no_network=True, load_dtd=False,
                dtd_validation=False, huge_tree=False, remove_comments=True, remove_pis=True, recover=False,
                **kwargs,
            )
            first = True
            for event, elem in parser:
                if first:
                    first = False
                    dtd = elem.getroottree().docinfo.internalDTD
                    if dtd is not None and list(dtd.iterentities()):
                        # Only reached when the prolog was too long to scan; libxml2 has not expanded anything
                        # big (its amplification limit holds), but nothing is read from such a file.
                        names = ", ".join(e.name for e in list(dtd.iterentities())[:3])
                        raise InputError(path, f"the DOCTYPE declares entities ({names}); refusing to read it: "
                                               "entity declarations enable entity-expansion and external-entity "
                                               "attacks, and TMX/XLIFF never need them")
                yield event, elem
        except etree.XMLSyntaxError as err:
            raise _syntax_error(path, err) from None
        except LookupError as err:  # an encoding libxml2 does not know
            raise InputError(path, f"unknown encoding: {err}") from None
        except UndecodableBytes as err:
            raise InputError(path, f"bytes that are not {encoding} ({err.reason}): pass the file's own "
                                   "--encoding", line=err.line) from None


def _head(path: Path) -> bytes:
    """The first bytes of ``path`` (decompressed), for its XML declaration."""
    with open_input(path) as fh:
        return fh.read(512)


def _libxml2_knows(encoding: str) -> bool:
    """Does libxml2 decode ``encoding`` itself (by that spelling)?"""
    try:
        etree.fromstring(b"<a/>", etree.XMLParser(encoding=encoding))
    except LookupError:
        return False
    except etree.XMLSyntaxError:  # UTF-16/32: ASCII bytes are not such text, but the name is known
        return True
    return True


def _parser_encoding(path: Path, encoding: str) -> str:
    """The name to give libxml2 for the user's ``--encoding``: as spelt, else Python's canonical name for it
    (libxml2 knows ``iso8859-1`` but not ``latin-1``, QA), else ``utf-8`` for text that ``Transcoded``
    decodes in Python first (``mac-cyrillic``, ``cp437``: codecs libxml2 lacks)."""
    try:
        canonical = codecs.lookup(encoding).name
    except LookupError:
        raise InputError(path, f"unknown encoding {encoding!r}") from None
    for name in (encoding, canonical, canonical.replace("_", "-")):
        if _libxml2_knows(name):
            return name
    return "utf-8"


class UndecodableBytes(Exception):
    """Bytes ``Transcoded`` cannot decode: on ``line``, for ``reason``."""

    def __init__(self, line: int, reason: str) -> None:
        super().__init__(line, reason)
        self.line, self.reason = line, reason


class Transcoded:
    """A binary file in ``encoding`` read as UTF-8 bytes, for an encoding libxml2 does not know (the parser
    is told the text is UTF-8 whatever the XML declaration says). Line numbers of errors stay right."""

    def __init__(self, fh: BinaryIO, encoding: str) -> None:
        self._fh = fh
        self.encoding = encoding
        self._decoder = codecs.getincrementaldecoder(encoding)("strict")
        self._pending = b""
        self._lines = 1  # the line the next decoded text starts on

    def read(self, size: int = -1) -> bytes:
        while size < 0 or len(self._pending) < size:
            chunk = self._fh.read(65536 if size < 0 else max(size, 65536))
            final = not chunk
            try:
                text = self._decoder.decode(chunk, final=final)
            except UnicodeDecodeError as err:
                # raised as our own error: lxml passes a read() exception on, where an XMLSyntaxError made
                # here would be reported with whatever its global error log last held
                line = self._lines + chunk[:max(0, err.start)].count(b"\n")
                raise UndecodableBytes(line, err.reason) from None
            self._lines += text.count("\n")
            self._pending += text.encode("utf-8")
            if final:
                break
        if size < 0:
            out, self._pending = self._pending, b""
        else:
            out, self._pending = self._pending[:size], self._pending[size:]
        return out


class Nameless:
    """A binary file without its name: lxml takes a file object's ``name`` for the document's base URL
    and cannot encode a name that is not UTF-8 (QA: a traceback). No URL is ever resolved here."""

    def __init__(self, fh: BinaryIO) -> None:
        self.read = fh.read


def release(elem: etree._Element) -> None:
    """Free a unit that has been read, and the already-read siblings before it (flat memory)."""
    elem.clear(keep_tail=True)
    parent = elem.getparent()
    if parent is not None:
        while elem.getprevious() is not None:
            del parent[0]


def sniff_root(path: Path, encoding: str | None = None) -> RootInfo:
    """The root element of an XML file (its first start tag), read safely; ``encoding`` overrides the
    declared one as the reader's does (libxml2 decodes a whole input buffer before the first event, so a
    file in another encoding than it declares fails here already without it)."""
    for _event, elem in iterparse(path, None, events=("start",), encoding=encoding):
        qname = etree.QName(elem)
        return RootInfo(qname.localname, qname.namespace, elem.get("version"), dict(elem.attrib))
    raise InputError(path, "malformed XML: no root element")


def prefixed_name(elem: etree._Element, key: str) -> str | None:
    """An attribute key (``{uri}name`` or ``name``) as written in the file: with its declared prefix
    (``its:translate``, ``xml:lang``), or None when no prefix for its namespace is in scope at ``elem``."""
    if not key.startswith("{"):
        return key
    ns, name = key[1:].split("}", 1)
    if ns == XML_NS:
        return f"xml:{name}"
    prefix = next((p for p, uri in elem.nsmap.items() if uri == ns and p), None)
    return f"{prefix}:{name}" if prefix else None


def local(elem: etree._Element) -> str:
    """Local name of an element (no namespace)."""
    tag = elem.tag
    if not isinstance(tag, str):
        return ""
    return tag.rsplit("}", 1)[-1]


# -- writing ---------------------------------------------------------------------------------------------

# Characters XML 1.0 cannot carry at all, even escaped.
_NON_XML_RE = re.compile("[^\t\n\r\u0020-\ud7ff\ue000-\ufffd\U00010000-\U0010ffff]")
_NON_XML_IN_WORDS_RE = re.compile("(?<=\\w)[^\t\n\r\u0020-\ud7ff\ue000-\ufffd\U00010000-\U0010ffff]+(?=\\w)")


def xml_safe(text: str | None, counter: dict | None = None, what: str = "characters XML cannot carry removed") -> str:
    """``text`` without characters XML 1.0 cannot represent (counted in ``counter`` under ``what``)."""
    if not text:
        return text or ""
    # Between two word characters a run of them becomes a space, as reading does (textio.strip_controls):
    # QA found "vt\x0bhere" exported as "vthere" while JSONL kept "vt here".
    spaced, m = _NON_XML_IN_WORDS_RE.subn(" ", text)
    cleaned, n = _NON_XML_RE.subn("", spaced)
    n += m
    if n and counter is not None:
        counter[what] = counter.get(what, 0) + 1
    return cleaned
