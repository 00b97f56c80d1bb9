"""The reader/writer contract every format implements, the unit they exchange, and the registry.

A format is a ``FormatHandler`` subclass registered under a name. Readers *stream*: ``read`` yields
``BilingualUnit`` objects one by one, so a 300,000-unit file never sits in memory. Writers take any
iterable of units and write through ``atomic_write`` (temporary file, fsync, rename).
"""

from __future__ import annotations

import codecs
import functools
import re
from collections import Counter
from collections.abc import Iterable, Iterator, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import IO, ClassVar

from ..compressed import check_file_not_compressed, compressed_file_kind, uncompressed_name
from ..errors import InputError, UsageError
from .atomic import atomic_write
from .inline import Part, has_codes, plain
from .repairs import clean_text, finish_unit  # (the readers import them from here)
from .sniff_head import head_past_blanks

# Statuses of the cleaned corpus (re-exported as mtreview.export.KEPT_STATUSES; defined here so that the
# formats package does not import the store).
KEPT_STATUSES = ("accepted_mt", "accepted_candidate", "edited")

# The datatype of the file a unit came from (an XLIFF 1.2 <file>'s, a TMX header's or <tu>'s), in its props
# where it is not plaintext (html, xml...): the XLIFF and TMX writers write it back (QA: html became plaintext)
DATATYPE_PROP = "x-xliff-datatype"


@dataclass
class BilingualUnit:
    """One aligned pair, as read from or written to a bilingual file.

    ``source``/``target`` are plain text (inline codes stripped: what is reviewed and scored);
    ``source_parts``/``target_parts`` keep the codes for export (None when the text has none).
    ``target`` is the translation the unit carries: the MT on import, the final text in a cleaned export.
    ``status``/``risk``/``reviewer`` etc. are mtreview's review state (None when unknown).
    """

    source: str
    target: str
    id: str | int | None = None
    status: str | None = None
    risk: float | None = None
    reviewer: str | None = None
    mt: str | None = None
    candidate: str | None = None
    decided_at: str | None = None
    notes: list[str] = field(default_factory=list)
    # The attributes of the XLIFF notes that have any (from, priority, annotates...), by note text (note_attrs)
    note_attrs: dict[str, dict[str, str]] = field(default_factory=dict)
    review_note: str | None = None  # the reviewer's own note in mtreview (C), by ``review_note_by``: on export
    review_note_by: str | None = None
    review_note_at: str | None = None  # when it was written (ISO 8601): re-imported with that date, not the import's
    # Notes of what encloses the unit (an XLIFF <group>, <file>, a TMX <header>) or of one of its TMX <tuv>s:
    # ("group" | "file" | "tuv:LANG", text); shown, not exported
    context_notes: list[tuple[str, str]] = field(default_factory=list)
    props: dict[str, str] = field(default_factory=dict)
    file_state: dict[str, str] = field(default_factory=dict)  # on export: the unit's state in its file (FILE_STATE_PROPS)
    source_parts: list[Part] | None = None
    target_parts: list[Part] | None = None
    # The MT's own codes (an ``--all`` export's ``mt`` with its codes, ``markers.mt_codes_record``): on export,
    # the MT's parts (None: it has no codes); on import, those rebuilt from the file's recorded ``mt_codes``
    # (None: no record, or one that does not fit the file's codes)
    mt_parts: list[Part] | None = None
    mt_codes: str | None = None
    origin: str | None = None  # the document it belongs to (XLIFF <file original>), if any
    line: int | None = None  # where it starts in the input file (1-based), for messages

    @property
    def has_codes(self) -> bool:
        return has_codes(self.source_parts) or has_codes(self.target_parts)

    def source_or_parts(self) -> list[Part]:
        return list(self.source_parts) if self.source_parts is not None else ([self.source] if self.source else [])

    def target_or_parts(self) -> list[Part]:
        return list(self.target_parts) if self.target_parts is not None else ([self.target] if self.target else [])


TranslationUnit = BilingualUnit


@dataclass
class ReadContext:
    """What a reader needs to know, and where it reports what it repaired or noticed."""

    source_lang: str | None = None
    target_lang: str | None = None
    encoding: str | None = None
    notes: list[str] = field(default_factory=list)
    counts: Counter = field(default_factory=Counter)
    invisible_units: list[int] = field(default_factory=list)
    format_name: str = ""
    format_given: bool | None = None  # the user named the format (--format): a file read as another says so
    # Set when reading the file already named its lines with zero-width/bidi characters (line-based formats
    # read through ``read_text``): the per-unit note would say the same again in other numbers.
    invisible_lines_noted: bool = False

    def note(self, msg: str) -> None:
        if msg not in self.notes:
            self.notes.append(msg)

    def read_text(self, path: Path) -> str:
        """Read a whole text file strictly (``mtreview.textio``), noting the repairs made."""
        from ..textio import read_text

        text, report = read_text(path, self.encoding)
        self.invisible_lines_noted = self.invisible_lines_noted or bool(report.invisible_lines)
        for note in report.notes():
            self.note(f"{path}: {note}")
        return text

    def read_lines(self, path: Path) -> list[str]:
        """Read a line-oriented file strictly, split on ``\\n`` only, noting the repairs made."""
        from ..textio import split_lines

        return split_lines(self.read_text(path))

    def summary_notes(self) -> list[str]:
        """Notes plus the per-unit repair counts gathered while reading."""
        out = list(self.notes)
        if self.counts.get("controls"):
            out.append(f"{self.counts['controls']} control character(s) removed")
        if self.counts.get("surrogates"):
            out.append(f"{self.counts['surrogates']} unpaired surrogate escape(s) replaced by U+FFFD")
        if self.counts.get("nonchars"):
            out.append(f"{self.counts['nonchars']} noncharacter(s) U+FFFE/U+FFFF removed")
        if self.counts.get("line_ends"):
            out.append(f"carriage returns inside {self.counts['line_ends']} segment(s) normalised to line feeds")
        if self.counts.get("hand_edits"):
            out.append(f"{self.counts['hand_edits']} target(s) differ from their MT: imported as edits")
        if self.counts.get("candidate_edits"):
            out.append(f"{self.counts['candidate_edits']} accepted candidate(s) differ from that candidate's text: "
                       "imported as edits")
        if self.counts.get("candidate_unchecked"):
            out.append(f"{self.counts['candidate_unchecked']} accepted candidate(s) kept as such: the file has the "
                       "candidate's name, not its text, so a target changed by hand there cannot be told (import with "
                       "that candidate, --reference or --retranslation, and a changed target becomes an edit)")
        if self.invisible_units and not self.invisible_lines_noted:
            shown = ", ".join(str(n) for n in self.invisible_units[:5])
            extra = self.counts.get("invisible", 0) - len(self.invisible_units[:5])
            more = f" and {extra} more" if extra > 0 else ""
            out.append(f"zero-width/bidi characters kept in unit(s) {shown}{more}")
        return out


@dataclass
class WriteContext:
    """What a writer needs: the language pair, whether to write the review state, a document name."""

    source_lang: str = "und"
    target_lang: str = "und"
    with_status: bool = False
    name: str = "mtreview"
    tool_version: str = ""
    # The datatype (DATATYPE_PROP) every unit written shares, for a file-level one (the TMX header); None:
    # plaintext, or units of several
    datatype: str | None = None

    def __post_init__(self) -> None:
        # Written as xml:lang, source-language and srcLang: a project made before codes were normalised may
        # hold "pt_BR" or "RU", which are no BCP 47 tags there (the CLI now stores "pt-BR", "ru").
        from ..langcodes import normalise

        self.source_lang, self.target_lang = normalise(self.source_lang), normalise(self.target_lang)


@dataclass
class WriteReport:
    """What a writer did: files written, units written, and changes it had to make, by reason."""

    paths: list[Path] = field(default_factory=list)
    units: int = 0
    changes: Counter = field(default_factory=Counter)

    def summary(self) -> str:
        return "; ".join(f"{n} segment(s): {why}" for why, n in sorted(self.changes.items()))


# -- languages ------------------------------------------------------------------------------------------


@functools.lru_cache(maxsize=512)
def norm_lang(code: str | None) -> str:
    """``EN_us`` -> ``en-us``: language tags compare case-insensitively, ``_`` and ``-`` alike, and a
    three-letter or deprecated code as its two-letter one (``eng-US`` -> ``en-us``, ``iw`` -> ``he``), as the
    command line reads them (QA: ``xml:lang="eng"`` no longer matched ``-s eng``, read as ``en``)."""
    from ..langcodes import normalise

    return normalise(code or "").lower().replace("_", "-")


@functools.lru_cache(maxsize=512)
def lang_match(code: str | None, wanted: str | None) -> int:
    """2 for the same tag, 1 for the same primary language (``en-US`` vs ``en``), 0 otherwise."""
    a, b = norm_lang(code), norm_lang(wanted)
    if not a or not b:
        return 0
    if a == b:
        return 2
    return 1 if a.split("-")[0] == b.split("-")[0] else 0


# -- the handler contract and the registry ----------------------------------------------------------------


class FormatHandler:
    """One file format. Subclasses set the class attributes and implement ``read`` and/or ``write_stream``.

    Capabilities say what survives a round trip, so the contract tests know what to expect."""

    name: ClassVar[str] = ""
    description: ClassVar[str] = ""
    suffixes: ClassVar[tuple[str, ...]] = ()
    binary: ClassVar[bool] = False
    can_read: ClassVar[bool] = True
    can_write: ClassVar[bool] = True
    carries_newlines: ClassVar[bool] = True  # a line break inside a segment survives
    carries_tabs: ClassVar[bool] = True
    carries_ids: ClassVar[bool] = True
    carries_codes: ClassVar[bool] = False  # inline codes survive
    carries_status: ClassVar[bool] = True  # status/risk/reviewer survive (when written with_status)
    carries_notes: ClassVar[bool] = False
    output_suffix: ClassVar[str] = ""
    path_is_prefix: ClassVar[bool] = False  # the path names a set of files (a Moses pair), not one file

    def read(self, path: Path, ctx: ReadContext) -> Iterator[BilingualUnit]:
        raise NotImplementedError

    def write_stream(self, fh: IO, units: Iterable[BilingualUnit], ctx: WriteContext,
                     report: WriteReport) -> None:
        raise NotImplementedError

    def output_paths(self, path: Path, ctx: WriteContext) -> list[Path]:
        """The files ``write`` creates for ``-o path``."""
        return [path]

    def write(self, path: Path, units: Iterable[BilingualUnit], ctx: WriteContext) -> WriteReport:
        """Write ``units`` to ``path`` atomically."""
        report = WriteReport(paths=[path])
        with atomic_write(path, "wb" if self.binary else "w") as fh:
            self.write_stream(fh, units, ctx, report)
        return report


REGISTRY: dict[str, type[FormatHandler]] = {}


def register(cls: type[FormatHandler]) -> type[FormatHandler]:
    """Class decorator: add a handler to the registry under its ``name``."""
    REGISTRY[cls.name] = cls
    return cls


def get_handler(name: str) -> FormatHandler:
    _load_all()
    try:
        return REGISTRY[name]()
    except KeyError:
        raise UsageError(f"unknown format {name!r} (known: {', '.join(sorted(REGISTRY))})") from None


def _load_all() -> None:
    # The format modules register themselves on import; import them lazily so that ``mtreview --help``
    # does not pay for lxml and pyarrow.
    from . import jsonl, moses, parquet, plaintext, tmx, tsv, xliff, xliff2  # noqa: F401


def reader_names() -> list[str]:
    _load_all()
    return [n for n, c in REGISTRY.items() if c.can_read and n != "text"]


def writer_names() -> list[str]:
    _load_all()
    return [n for n, c in REGISTRY.items() if c.can_write and n != "text"]


# -- detection -------------------------------------------------------------------------------------------


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


__all__ = [
    "BilingualUnit", "TranslationUnit", "ReadContext", "WriteContext", "WriteReport", "FormatHandler",
    "REGISTRY", "register", "get_handler", "detect_format", "read_units", "write_units", "plain",
    "KEPT_STATUSES", "check_output_format", "lang_match", "norm_lang", "clean_text", "finish_unit",
]
