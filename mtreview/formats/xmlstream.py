"""Splicing changes into a large XML file a piece at a time, never holding the whole file parsed
(``export --into``).

``formats.xmlsplice`` rewrites the changed elements of a parsed tree into the original's text and parses the
result again to check it: for a whole file that is its tree twice, its text and a node table, some 50 times
its size (a TMX memory of 300 MB would need 15 GB). Here the file is read in passes, each in bounded memory:

1. lxml reads the whole file, streaming (units cleared as they end): it is well-formed, and its root and
   declared encoding are known, before anything else happens (an error is left to the caller's whole-file
   parse, which says it in its own words);
2. its text is decoded in Python: it must encode back to the same bytes (as the splice requires), and the line
   ending new text takes is the one most of its lines have;
3. ``formats.xmlregions`` cuts the root's content into regions of whole units; each is parsed on its own (the
   open elements' start tags and the prolog around it), handed to the caller's writer, and, where it changed,
   spliced and checked by ``xmlsplice.splice`` as the whole file would have been: the region's new text is
   kept, nothing else;
4. the output is the original's text with those regions replaced, encoded as the original is.

Whatever the whole-file splice would have done differently (an encoding Python cannot round-trip, an entity
reference where its walk goes, a file lxml refuses) makes it raise ``Fallback``/``Unsafe``: the caller then
does the whole file as before, so the result never depends on which way it went.
"""

from __future__ import annotations

import codecs
import hashlib
import io
import tempfile
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import IO, Any

from lxml import etree

from .xmlregions import Region, RegionScanner
from .xmlsplice import Edits, Unsafe, codec_of, line_ending

PIECE = 256 * 1024  # characters of the original's text parsed at a time (more where one unit is longer)
_READ = 1 << 20  # bytes read at a time
_UNITS = ("{*}tu", "{*}trans-unit", "{*}unit")

Writer = Callable[[etree._Element, Edits], bool]  # writes into a region's tree; True: hold it until ``finish``
Splice = Callable[..., bytes]  # xmlsplice.splice, as the caller has it


class Fallback(Exception):
    """The file is to be read whole (the whole-file way says why, or does it)."""


@dataclass
class Original:
    """The original file of an ``--into`` export, checked for streaming."""

    path: Path
    encoding: str | None  # the import's --encoding: the real one, where the bytes are not what they declare
    root: etree._Element  # its root element (no children: read only for its name and attributes)
    bom: bytes = b""
    codec: str = "utf-8"
    nl: str = "\n"
    options: dict[str, Any] = field(default_factory=dict)

    def parser(self) -> etree.XMLParser:
        return etree.XMLParser(**self.options)

    def text(self) -> Iterator[str]:
        """The file's text after its BOM, a piece at a time (the same pieces every time)."""
        decoder = codecs.getincrementaldecoder(self.codec)("strict")
        with open(self.path, "rb") as fh:
            fh.seek(len(self.bom))
            while True:
                raw = fh.read(_READ)
                yield decoder.decode(raw, final=not raw)
                if not raw:
                    return


class _Utf8:
    """A file's bytes in ``encoding`` read as UTF-8: what the whole-file parse gives libxml2 for ``--encoding``."""

    def __init__(self, fh: IO[bytes], encoding: str) -> None:
        self.fh, self.decoder = fh, codecs.getincrementaldecoder(encoding)("strict")
        self.pending = b""

    def read(self, size: int = -1) -> bytes:
        while not self.pending:
            raw = self.fh.read(_READ)
            self.pending = self.decoder.decode(raw, final=not raw).encode("utf-8")
            if not raw:
                break
        size = len(self.pending) if size is None or size < 0 else size
        out, self.pending = self.pending[:size], self.pending[size:]
        return out


def _options(encoding: str | None) -> dict[str, Any]:
    opts: dict[str, Any] = {"resolve_entities": False, "no_network": True, "load_dtd": False, "huge_tree": False}
    if encoding is not None:
        opts["encoding"] = "utf-8"
    return opts


def _read_through(path: Path, encoding: str | None, options: dict[str, Any]) -> tuple[etree._Element, str | None]:
    """Pass 1: the root element and the declared encoding, the file parsed through with lxml, streaming."""
    with open(path, "rb") as fh:
        source: Any = fh if encoding is None else _Utf8(fh, encoding)
        events = etree.iterparse(source, events=("end",), tag=_UNITS, **options)
        for _, unit in events:
            unit.clear(keep_tail=False)
            node = unit  # what ended before it (its ancestors' earlier siblings too) is done with
            while (parent := node.getparent()) is not None:
                while node.getprevious() is not None:
                    del parent[0]
                node = parent
        root = events.root
    for child in list(root):
        root.remove(child)
    return root, root.getroottree().docinfo.encoding


def open_original(path: Path, encoding: str | None) -> Original:
    """``path`` read through (passes 1 and 2): ``Fallback`` when it is not to be streamed."""
    options = _options(encoding)
    try:
        root, declared = _read_through(path, encoding, options)
        with open(path, "rb") as fh:
            head = fh.read(4)
        bom, codec = codec_of(head, encoding or declared)
        orig = Original(path, encoding, root, bom, codecs.lookup(codec).name, options=options)
        crlf, lf = _round_trip(orig)
    except Exception as err:  # noqa: BLE001 - the whole-file way raises it, or copes, in its own words
        raise Fallback(str(err)) from None
    orig.nl = line_ending(crlf, lf)
    return orig


def _round_trip(orig: Original) -> tuple[int, int]:
    """Pass 2: the text encodes back to the file's bytes (UnicodeError otherwise); its CRLFs and LFs."""
    raw_sum, back_sum = hashlib.blake2b(), hashlib.blake2b()
    encoder = codecs.getincrementalencoder(orig.codec)("strict")
    crlf = lf = 0
    last = ""
    with open(orig.path, "rb") as fh:
        fh.seek(len(orig.bom))
        decoder = codecs.getincrementaldecoder(orig.codec)("strict")
        while True:
            raw = fh.read(_READ)
            raw_sum.update(raw)
            text = decoder.decode(raw, final=not raw)
            back_sum.update(encoder.encode(text, final=not raw))
            crlf += text.count("\r\n") + (last == "\r" and text[:1] == "\n")
            lf += text.count("\n")
            last = text[-1:] or last
            if not raw:
                break
    if raw_sum.digest() != back_sum.digest():
        raise UnicodeError("the text does not encode back to the same bytes")
    return crlf, lf


@dataclass
class _Piece:
    region: Region
    text: str  # the region as a document
    raw: bytes  # that, in the file's encoding
    tree: etree._ElementTree
    edits: Edits
    before: int  # characters before and after the region's own text in that document
    after: int


class Changed:
    """The new text of the regions changed, by span: kept in a temporary file (as UTF-8), not in memory."""

    def __init__(self, folder: Path | None = None) -> None:
        try:  # beside the output: where a file of this size is expected to fit (a tmpfs /tmp is memory)
            self.spool: IO[bytes] = tempfile.TemporaryFile(dir=folder)
        except OSError:
            self.spool = tempfile.TemporaryFile()
        self.spans: list[tuple[int, int, int, int]] = []  # start, end, offset in the spool, length there
        self.size = 0

    def add(self, start: int, end: int, text: str) -> None:
        data = text.encode("utf-8")
        self.spool.seek(self.size)
        self.spool.write(data)
        self.spans.append((start, end, self.size, len(data)))
        self.size += len(data)

    def __iter__(self) -> Iterator[tuple[int, int, str]]:
        """Each region's span and new text, in document order."""
        for start, end, offset, length in sorted(self.spans):
            self.spool.seek(offset)
            yield start, end, self.spool.read(length).decode("utf-8")

    def __enter__(self) -> Changed:
        return self

    def __exit__(self, *_exc: object) -> None:
        self.spool.close()


def splice_regions(orig: Original, write: Writer, finish: Callable[[], None], splice: Splice, changed: Changed,
                   piece: int | None = None) -> None:
    """Pass 3: each region of ``orig`` parsed and given to ``write``; those it changed spliced (``splice``,
    raising ``Unsafe``), once ``finish`` has run for the ones ``write`` held, their new text kept in
    ``changed``."""
    parser = orig.parser()
    scanner = RegionScanner(orig.text(), piece or PIECE)
    held: list[_Piece] = []
    for region in scanner:
        text, before, after = region.fragment(scanner.prolog)
        raw = orig.bom + text.encode(orig.codec)
        data = raw if orig.encoding is None else raw[len(orig.bom):].decode(orig.codec).encode("utf-8")
        try:
            tree = etree.parse(io.BytesIO(data), parser)
        except etree.XMLSyntaxError as err:
            raise Unsafe(f"a piece of it did not parse on its own ({err.msg})") from None
        one = _Piece(region, text, raw, tree, Edits(), before, after)
        if write(tree.getroot(), one.edits):
            held.append(one)
        else:
            _splice(orig, one, parser, splice, changed)
    finish()
    for one in held:
        _splice(orig, one, parser, splice, changed)


def _splice(orig: Original, one: _Piece, parser: etree.XMLParser, splice: Splice, changed: Changed) -> None:
    if not one.edits.touched and not one.edits.new:
        return
    data = splice(one.raw, one.tree, one.edits, parser, orig.encoding, orig.nl)
    if not data.startswith(orig.bom):
        raise Unsafe("the piece lost its byte order mark")
    text, old = data[len(orig.bom):].decode(orig.codec), one.text
    if text[:one.before] != old[:one.before] or text[len(text) - one.after:] != old[len(old) - one.after:]:
        raise Unsafe("a change reached outside its piece")
    changed.add(one.region.start, one.region.end, text[one.before:len(text) - one.after])


def write_spliced(orig: Original, changed: Changed, out: IO[bytes]) -> None:
    """Pass 4: the original with the ``changed`` regions' new text, to ``out``, in the original's encoding
    (a character it cannot hold as a character reference, as the splice writes it)."""
    out.write(orig.bom)
    encoder = codecs.getincrementalencoder(orig.codec)("xmlcharrefreplace")
    todo = iter(changed)
    nxt = next(todo, None)
    skip = -1  # the end of the region being replaced, while the text read is in it
    pos = 0  # the offset of the piece of text at hand
    for text in orig.text():
        end = pos + len(text)
        parts, i = [], 0
        while True:
            if skip > pos + i:
                if skip >= end:
                    i = len(text)
                    break
                i = skip - pos
            if nxt is None or nxt[0] >= end:
                parts.append(text[i:])
                break
            a, b, new = nxt
            parts += [text[i:a - pos], new]
            skip, i = b, a - pos
            nxt = next(todo, None)
        out.write(encoder.encode("".join(parts), final=False))
        pos = end
    out.write(encoder.encode("", final=True))
    if nxt is not None:
        raise RuntimeError("a changed region lies past the end of the text")
