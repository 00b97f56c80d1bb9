"""The reader/writer contract every format implements, the unit they exchange, and the registry.

A format is a ``FormatHandler`` subclass registered under a name. Readers *stream*: ``read`` yields
``BilingualUnit`` objects one by one, so a 300,000-unit file never sits in memory. Writers take any
iterable of units and write through ``atomic_write`` (temporary file, fsync, rename).
"""

from __future__ import annotations

import functools
from collections import Counter
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import IO, ClassVar

from ..errors import UsageError
from .atomic import atomic_write
from .inline import Part, has_codes, plain
from .repairs import clean_text, finish_unit  # (the readers import them from here)

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
    # An edited or accepted-candidate unit's text as an export recorded it (``final_digest``): a target unlike it
    # on import was changed by hand after the export
    final_digest: str | None = None
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


__all__ = [
    "BilingualUnit", "TranslationUnit", "ReadContext", "WriteContext", "WriteReport", "FormatHandler",
    "REGISTRY", "register", "get_handler", "plain",
    "KEPT_STATUSES", "lang_match", "norm_lang", "clean_text", "finish_unit",
]
