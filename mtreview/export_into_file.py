"""The original file of an ``export --into`` (XLIFF or TMX): read, written into, spliced and saved.

A unit writer (``export_into``'s for XLIFF, ``export_into_tmx``'s for TMX) writes the project's decisions
into the units of parsed trees, one after another in document order, recording what it changed in an
``Edits``. This gives it the file:

- streamed (``formats.xmlstream``): a region of whole units at a time, each region it changed spliced into
  the original's text on its own (its new text waits in a temporary file beside the output), the copy
  written from the original's text as it is read again. Memory is a region's tree and the project's sources
  and unit ids, whatever the file's size (QA: a 15 MB TMX memory took 870 MB whole, about 58 times its size);
- whole, as before: the file parsed at once, its changes spliced into all of its text, or the tree
  serialized where they cannot be (a note says so). This is what the stream falls back to wherever it could
  differ from it (an encoding Python cannot write back, an entity reference between units, a file lxml
  refuses: the error is then the whole parse's own), so the copy is the same either way.
"""

from __future__ import annotations

import io
from collections.abc import Callable
from pathlib import Path
from typing import IO, Any, Protocol

from lxml import etree

from .errors import InputError, UsageError
from .formats.xmlsafe import _syntax_error, guard, local
from .formats.xmlsplice import Edits, Unsafe
from .formats.xmlstream import Changed, Fallback, open_original, splice_regions, write_spliced


class UnitWriter(Protocol):
    """Writes decisions into the units of trees given in document order."""

    tally: Any  # export_into.IntoTally

    def write(self, root: etree._Element, edits: Edits) -> bool:
        """Write into the units under ``root``, recording the changes in ``edits``; True when some unit's
        turn comes only after every other unit's (``finish`` writes it then, into the same ``edits``)."""

    def finish(self) -> None:
        """Write the units held back."""

    def done(self) -> None:
        """Every unit written: refuse a file that lacks some of the project's units, add the notes."""

    def close(self) -> None:
        """Done with the project."""


Save = Callable[[Callable[[IO[bytes]], Any]], None]  # writes the output file with what it is given


def _parse(src: Path, raw: bytes, encoding: str | None) -> tuple[etree._ElementTree, etree.XMLParser]:
    """The parsed file and the parser (the splice reads its copy back with it). ``encoding`` (the import's
    ``--encoding``, for a file whose bytes are not what it declares) is decoded in Python and handed to
    libxml2 as UTF-8, whatever the declaration says; the splice then writes the copy in that encoding."""
    opts: dict[str, Any] = {"resolve_entities": False, "no_network": True, "load_dtd": False, "huge_tree": False}
    data = raw
    if encoding is not None:
        try:
            data = raw.decode(encoding).encode("utf-8")
        except LookupError:
            raise UsageError(f"--encoding {encoding}: unknown encoding") from None
        except UnicodeDecodeError as err:
            raise InputError(src, f"bytes that are not {encoding} ({err.reason}): pass the file's own --encoding, "
                             "the one it was imported with", line=raw[:err.start].count(b"\n") + 1) from None
        opts["encoding"] = "utf-8"
    parser = etree.XMLParser(**opts)
    try:  # from bytes, without the file's name: lxml cannot encode one that is not UTF-8
        return etree.parse(io.BytesIO(data), parser), parser
    except etree.XMLSyntaxError as err:
        # says to pass --encoding where the bytes are not the declared encoding (QA: "Invalid bytes", no hint)
        raise _syntax_error(src, err) from None


def _checked(original: str | Path) -> Path:
    src = Path(original)
    if not src.is_file():
        raise InputError(src, "no such file")
    guard(src)
    return src


def _root_is(src: Path, root: etree._Element, root_name: str, kind: str) -> None:
    if (name := local(root)) != root_name:
        raise UsageError(f"--into {src}: not {kind} file (the root element is <{name}>); --into writes into the "
                         "file a project was imported from")


def open_whole(original: str | Path, encoding: str | None, root_name: str,
               kind: str) -> tuple[Path, bytes, etree._ElementTree, etree.XMLParser]:
    """The original file of an ``--into`` export, guarded and parsed whole: its path, bytes (the splice keeps
    them), tree and parser; refused unless its root element is ``root_name`` (``kind`` names the format)."""
    src = _checked(original)
    raw = src.read_bytes()
    tree, parser = _parse(src, raw, encoding)
    _root_is(src, tree.getroot(), root_name, kind)
    return src, raw, tree, parser


def into_file(original: str | Path, output: str | Path, encoding: str | None, root_name: str, kind: str,
              writer: Callable[[Path], UnitWriter], splice: Callable[..., bytes], save: Save) -> Any:
    """Write what ``writer(src)`` decides into a copy of ``original`` (``splice``: the splice to check and
    write each change with), saved by ``save`` (as ``output``); returns the writer's tally."""
    src = _checked(original)
    try:
        orig = open_original(src, encoding)
    except Fallback:
        return _whole(original, encoding, root_name, kind, writer, splice, save)
    _root_is(src, orig.root, root_name, kind)
    units = writer(src)
    with Changed(Path(output).parent) as changed:
        try:
            splice_regions(orig, units.write, units.finish, splice, changed)
            units.done()
            streamed = True
        except Unsafe:  # the whole file's way, from the start, decides what is written
            streamed = False
        finally:
            units.close()
        if streamed:
            save(lambda out: write_spliced(orig, changed, out))
            return units.tally
    return _whole(original, encoding, root_name, kind, writer, splice, save)


def _whole(original: str | Path, encoding: str | None, root_name: str, kind: str,
           writer: Callable[[Path], UnitWriter], splice: Callable[..., bytes], save: Save) -> Any:
    src, raw, tree, parser = open_whole(original, encoding, root_name, kind)
    units = writer(src)
    edits = Edits()
    try:
        units.write(tree.getroot(), edits)
        units.finish()
        units.done()
    finally:
        units.close()
    try:
        data = splice(raw, tree, edits, parser, encoding)
    except Unsafe as why:
        # Every change is still written; only the formatting of the rest may differ from the original's.
        units.tally.notes.append(f"{src} could not be copied byte for byte around the changes ({why}): the whole "
                                 "file was written from its parsed form, so line breaks, quotes and the encoding "
                                 "may differ from the original's outside the changed units too")
        data = etree.tostring(tree, xml_declaration=True, encoding="UTF-8")
    save(lambda out: out.write(data))
    return units.tally
