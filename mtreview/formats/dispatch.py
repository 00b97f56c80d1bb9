"""Which format a file is (its name, else its first bytes), and reading or writing it through that format's
handler (``base``'s registry): ``read_units``, ``write_units``."""

from __future__ import annotations

import codecs
import re
from collections.abc import Iterable, Iterator, Sequence
from pathlib import Path

from ..compressed import check_file_not_compressed, compressed_file_kind, uncompressed_name
from ..errors import InputError, UsageError
from .base import REGISTRY, BilingualUnit, ReadContext, WriteContext, WriteReport, _load_all, get_handler, reader_names
from .sniff_head import head_past_blanks


def format_from_suffix(path: str | Path) -> str | None:
    """The format a file name announces, or None."""
    _load_all()
    name = Path(path).name.lower()
    for fmt_name, cls in REGISTRY.items():
        if any(name.endswith(s) for s in cls.suffixes):
            return fmt_name
    return None


# Formats whose file names stand for each other: XLIFF 2.0 is often written to ``.xlf`` too.
_SAME_FAMILY = ({"xliff", "xliff2"},)


def check_output_format(path: str | Path, fmt: str) -> str | None:
    """Refuse (UsageError, one line) an output whose name announces another format than ``fmt``, e.g.
    ``-o x.tmx --format jsonl``: the file would hold JSONL under a TMX name. Names that announce nothing
    (no suffix, ``.txt``, ``-`` for stdout, a Moses prefix such as ``corpus``) are accepted. Returns the
    format the name announces (None for none)."""
    if str(path) == "-":
        return None
    announced = format_from_suffix(path)
    if announced is None or announced == "text":
        return None
    if announced == fmt or any(announced in family and fmt in family for family in _SAME_FAMILY):
        return announced
    raise UsageError(f"{path}: the name says {announced} but the format asked for is {fmt}; "
                     f"rename the output or leave out --format (the suffix then decides)")


def sniff_format(path: str | Path) -> str | None:
    """The format the first bytes of a file show, or None: Parquet magic, an XML root (TMX or XLIFF),
    a JSON object per line, tab-separated lines."""
    p = Path(path)
    from ..textio import open_input

    try:
        with open_input(p) as fh:  # (a compressed file's text: its errors, a truncated stream's, are raised)
            head = head_past_blanks(fh)
    except OSError:
        return None
    if not head.removeprefix(codecs.BOM_UTF8):  # nothing to tell a format by, nor to import
        raise InputError(p, "no text: the file is empty or blank")
    if head.startswith(b"PAR1"):
        return "parquet"
    from .xmlsafe import looks_like_xml, sniff_root

    if looks_like_xml(head):
        try:
            root = sniff_root(p)
            if root.format_name is None:  # (was "cannot tell the file format", as for a file of no format)
                raise InputError(p, f"an XML file whose root element is <{root.local}>: neither TMX (<tmx>) nor "
                                    "XLIFF (<xliff>), the XML formats import reads")
            return root.format_name
        except InputError:
            # Not readable as it declares itself (another encoding, or broken further on: libxml2 decodes a
            # whole buffer before the first event). The root's name in the first bytes still says which reader
            # gets it, and that reader, with --encoding, reads it or reports the error.
            m = re.search(rb"<(?:[A-Za-z_][\w.-]*:)?(tmx|xliff)[\s>/]", head)
            if m is None:
                raise
            return m.group(1).decode()
    text = head.decode(_text_codec(head), errors="replace").lstrip("\ufeff")
    first = next((ln for ln in text.split("\n") if ln.strip()), "")
    if first.lstrip().startswith("{"):
        return "jsonl"
    if "\t" in first:
        return "tsv"
    return None


def _text_codec(head: bytes) -> str:
    """The codec to read a text file's first bytes with, for sniffing: UTF-16/32 by its BOM or, without one,
    by where its NULs are (the readers take both); else UTF-8 (QA: UTF-16 JSONL was "cannot tell the file
    format", its "{" followed by a NUL)."""
    from ..encoding_sniff import bomless_utf16

    if head.startswith((codecs.BOM_UTF32_LE, codecs.BOM_UTF32_BE)):
        return "utf-32"
    if head.startswith((codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE)):
        return "utf-16"
    return bomless_utf16(head) or "utf-8"


def detect_format(path: str | Path, fmt: str | None = None) -> str:
    """The registry name of the format of ``path``: ``fmt`` when given, else from the suffix, else from the
    content. XML is routed by its root element and version whatever the suffix says (XLIFF 2.0 in an
    ``.xlf`` file is read as XLIFF 2.0)."""
    _load_all()
    # gzip, xz and bzip2 are read decompressed (by their first bytes, whatever the name), so a .tmx.gz is
    # named by its .tmx; zstd, ZIP and 7-Zip are refused before a reader sees them (QA: a .tmx.zst was
    # "malformed XML: Start tag expected", a .jsonl.zst "pass --encoding cp1251")
    check_file_not_compressed(path, readable=True)
    kind = compressed_file_kind(path)
    if fmt:
        if fmt not in REGISTRY:
            raise UsageError(f"unknown format {fmt!r} (known: {', '.join(sorted(reader_names()))})")
        found: str | None = fmt
    else:
        found = format_from_suffix(uncompressed_name(path) if kind else path)
        if found is None:
            found = sniff_format(path)
    if found is None:
        from ..binary_input import check_signature
        from ..textio import open_input

        with open_input(Path(path)) as fh:  # an image or a PDF is said so, not sent to --format (QA)
            check_signature(path, fh.read(512))
        raise InputError(path, "cannot tell the file format from its name or content; pass --format "
                               f"({', '.join(sorted(reader_names()))})")
    if kind and found == "parquet":
        check_file_not_compressed(path, why="a compressed Parquet file: Parquet compresses its own columns "
                                            "and is read by random access, which a compressed stream cannot give")
    return found


def read_units(path: str | Path | Sequence[str | Path], fmt: str | None = None, *,
               source_lang: str | None = None, target_lang: str | None = None, encoding: str | None = None,
               ctx: ReadContext | None = None) -> Iterator[BilingualUnit]:
    """Stream the units of a bilingual file (or of a Moses pair given as two paths).

    Repairs and observations go to ``ctx.notes`` / ``ctx.summary_notes()``; bad input raises
    ``InputError`` naming the file and line."""
    ctx = ctx if ctx is not None else ReadContext()
    ctx.source_lang = ctx.source_lang or source_lang
    ctx.target_lang = ctx.target_lang or target_lang
    ctx.encoding = ctx.encoding or encoding
    if ctx.format_given is None:  # (a caller that guessed the format from the name says False itself)
        ctx.format_given = fmt is not None
    if isinstance(path, (list, tuple)):
        handler = get_handler(fmt or "moses")
        return handler.read_pair(Path(path[0]), Path(path[1]), ctx)  # type: ignore[attr-defined]
    p = Path(path)  # type: ignore[arg-type]  # (a sequence was handled above)
    if fmt is not None and get_handler(fmt).path_is_prefix:
        return get_handler(fmt).read(p, ctx)
    if not p.exists():
        raise InputError(p, "no such file")
    if p.is_dir():
        raise InputError(p, "is a directory, expected a file")
    name = detect_format(p, fmt)
    if name in ("tmx", "xliff", "xliff2"):
        # XML says what it is: a TMX named .xlf (or passed as --format xliff) is read as TMX, and the reverse.
        # (XLIFF 1.2 versus 2.0 is settled inside the XLIFF reader, which notes it.)
        from .xmlsafe import sniff_root

        root = sniff_root(p, ctx.encoding).format_name
        if root is not None and (root == "tmx") != (name == "tmx"):
            ctx.note(f"read as {'TMX' if root == 'tmx' else 'XLIFF'} (its root element says so), not as {name}")
            name = root
    handler = get_handler(name)
    if not handler.can_read:
        raise UsageError(f"{name} is not a format mtreview reads")
    ctx.format_name = name
    return handler.read(p, ctx)


def write_units(path: str | Path, units: Iterable[BilingualUnit], fmt: str, *, source_lang: str = "und",
                target_lang: str = "und", with_status: bool = False, name: str = "mtreview") -> WriteReport:
    """Write units to ``path`` in format ``fmt`` atomically; returns what was written and changed."""
    handler = get_handler(fmt)
    if not handler.can_write:
        raise UsageError(f"mtreview does not write {fmt}")
    from .. import __version__

    wctx = WriteContext(source_lang=source_lang, target_lang=target_lang, with_status=with_status, name=name,
                        tool_version=__version__)
    return handler.write(Path(path), units, wctx)
