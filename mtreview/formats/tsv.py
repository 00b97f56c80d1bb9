"""TSV (tab-separated, no quote processing) and CSV (RFC 4180 quoting).

Columns: without a header, exactly two (source, target). With a header row naming ``source`` and ``target``
(or ``src``/``tgt``, ``mt``, ``final``, ``translation``), columns go by name: ``id``, ``status``, ``risk``,
``reviewer``, ``candidate``, ``decided_at``, ``final_digest`` are understood, any other column is kept as a property. Every
row must have as many columns as the first: a row that does not is an error naming its line.

TSV is read as it is: quotes are ordinary characters and backslashes are not escapes. It therefore cannot
carry a tab or a line break inside a segment: on export each run of them becomes one space (counted in the
export summary), and so does each run of line-separator characters (U+2028, U+0085, form feed...: what
``str.splitlines()`` splits on), which mtreview reads inside a line but other tools take for a line end.
A U+FEFF starting a cell is dropped, and counted (at the start of the file it would read as a
byte-order mark). CSV quotes such fields and carries them. A risk is written with at most 4 decimals.

Writing: the cleaned corpus is ``source<TAB>target`` without a header (what corpus tools expect); with
``--all`` a header and the columns ``id source target mt status risk reviewer candidate decided_at note
note_by note_at final_digest``:
``target`` is the final text (the MT until decided), ``mt`` the original MT (the JSONL field of that name),
so that a cleaned corpus can be audited against what the MT said. CSV always has a header. Read back, such
a file restores each segment's review state, its MT and the time of its decision (``unitstore``).
"""

from __future__ import annotations

import csv
import io
import re
from collections.abc import Iterable, Iterator, Sequence
from pathlib import Path
from typing import IO

from ..errors import InputError
from ..textio import allow_long_csv_fields
from .base import (
    KEPT_STATUSES,
    BilingualUnit,
    FormatHandler,
    ReadContext,
    WriteContext,
    WriteReport,
    finish_unit,
    lang_match,
    register,
)
from .cells import flatten_cells, risk_text

SOURCE_NAMES = ("source", "src", "source_text")
TARGET_NAMES = ("target", "tgt", "translation", "final", "mt", "target_text")
KNOWN = ("id", "status", "risk", "reviewer", "candidate", "decided_at", "final_digest")
# id, source and target keep the places they had before the MT column came (scripts cut them by number).
STATUS_COLUMNS = ("id", "source", "target", "mt", "status", "risk", "reviewer", "candidate", "decided_at")
# The reviewer's note, after those (as the JSONL record names them), written with --all and read back from a
# table that has a status column (an --all export: elsewhere a "note" column is the file's own, kept as a prop)
NOTE_COLUMNS = ("note", "note_by", "note_at")
# Last, after the notes (scripts cut the columns before it by number): an edited or accepted-candidate row's text's digest
# (formats.final_digest), so that its target changed later imports as a new edit
DIGEST_COLUMNS = ("final_digest",)
_NOTE_FIELDS = {"note": "review_note", "note_by": "review_note_by", "note_at": "review_note_at"}
_CORE = (*SOURCE_NAMES, *TARGET_NAMES, *KNOWN)


def _header_map(cells: Sequence[str]) -> dict[str, int] | None:
    """Column index by name when ``cells`` is a header row, else None."""
    names = [c.strip().lower() for c in cells]
    if not any(n in SOURCE_NAMES for n in names) or not any(n in TARGET_NAMES for n in names):
        return None
    out: dict[str, int] = {}
    for i, n in enumerate(names):
        if n and n not in out:  # a repeated name is refused by _Columns; keep the first here
            out[n] = i
    return out


# Excel's separator line ("sep=;"), which it writes first and reads as no row: the cells' separator
_EXCEL_SEP_RE = re.compile(r'^"?sep=([^\n"])"?[ \t]*(?:\n|$)')


def excel_separator(text: str) -> tuple[str, str] | None:
    """(the separator, the text with that line blanked, so that line numbers stay the file's) when ``text``
    opens with Excel's ``sep=X`` line; else None."""
    match = _EXCEL_SEP_RE.match(text)
    if match is None:
        return None
    rest = text[match.end():]
    return match.group(1), ("\n" + rest) if match.group(0).endswith("\n") else rest


def semicolon_header(text: str) -> bool:
    """Whether the first row of a CSV text is a header separated by semicolons, not commas (``source;target``,
    as Excel saves CSV where the comma is the decimal separator)."""
    first = next((line for line in text.lstrip("\ufeff").split("\n", 20)[:20] if line.strip()), "")
    return "," not in first and ";" in first and _header_map(first.rstrip("\r").split(";")) is not None


_LANG_TAG_RE = re.compile(r"[A-Za-z]{2,3}(?:[-_][A-Za-z0-9]{1,8})*")


def names_langs(cells: Sequence[str], source_lang: str | None, target_lang: str | None) -> bool:
    """Whether a two-cell first row names the source and target languages (``ru<TAB>en``, as a corpus made
    with pandas or a spreadsheet heads its columns): a header, not a pair (QA: it became a segment "ru" ->
    "en" of the corpus)."""
    if len(cells) != 2 or not source_lang or not target_lang:
        return False
    a, b = (c.strip() for c in cells)
    return (bool(_LANG_TAG_RE.fullmatch(a)) and bool(_LANG_TAG_RE.fullmatch(b))
            and lang_match(a, source_lang) > 0 and lang_match(b, target_lang) > 0)


def _first_row_header(path: Path, cells: Sequence[str], ctx: ReadContext, sep: str) -> dict[str, int] | None:
    """The header of a first row: named columns, or the two languages (said, since it is not data)."""
    header = _header_map(cells)
    if header is not None or len(cells) != 2:
        return header
    shown = ", ".join(repr(c.strip()) for c in cells)
    if names_langs(cells, ctx.source_lang, ctx.target_lang):
        ctx.note(f"{path}: first row ({shown}) read as a header: it names the two languages")
        return {"source": 0, "target": 1}
    if names_langs(cells[::-1], ctx.source_lang, ctx.target_lang):
        # the columns by their names: the target first (read in file order, it was the source)
        ctx.note(f"{path}: first row ({shown}) read as a header: it names the two languages, the target's first; "
                 "the columns are read by it")
        return {"target": 0, "source": 1}
    return None


def _repeated_column(cells: Sequence[str]) -> str | None:
    """The first column name the header repeats among those read by name (which copy would count?)."""
    names = [c.strip().lower() for c in cells]
    for n in names:
        if n in _CORE and names.count(n) > 1:
            return n
    return None


class _Columns:
    """Turns rows into units, by header or as plain (source, target) pairs."""

    def __init__(self, path: Path, header: dict[str, int] | None, width: int, what: str,
                 cells: Sequence[str] = (), line: int | None = None) -> None:
        self.path, self.header, self.width, self.what = path, header, width, what
        if header is not None:
            twice = _repeated_column(cells)
            if twice is not None:
                raise InputError(path, f"the header names column {twice!r} twice", line=line)
            self.src = next(header[n] for n in SOURCE_NAMES if n in header)
            # "target" wins over "final" wins over "mt": an export with --all has mt and final columns.
            self.tgt = next(header[n] for n in TARGET_NAMES if n in header)
            self.mt = header.get("mt") if "mt" in header and header["mt"] != self.tgt else None
            self.notes = {name: header[name] for name in NOTE_COLUMNS if name in header} if "status" in header else {}

    def unit(self, cells: list[str], line: int) -> BilingualUnit:
        if len(cells) != self.width:
            shape = f"{self.width} (a header row set it)" if self.header else "2 (source, target)"
            what = self.what
            if len(cells) > self.width and not any(c.strip() for c in cells[self.width:]):
                # a spreadsheet's or paste's empty last column: the extra cells are empty, no tab split a text
                what = "the extra column(s) are empty: remove the separators at the ends of the lines"
            raise InputError(self.path, f"has {len(cells)} column(s), expected {shape}; {what}", line=line)
        if self.header is None:
            return BilingualUnit(source=cells[0], target=cells[1], line=line)
        h = self.header
        unit = BilingualUnit(source=cells[self.src], target=cells[self.tgt], line=line)
        for key in KNOWN:
            if key not in h:
                continue
            value = cells[h[key]]
            if value == "":
                continue
            if key == "risk":
                try:  # (a spreadsheet of a decimal-comma locale saves 0.25 as "0,25")
                    unit.risk = float(value.strip().replace(",", ".", 1) if value.count(",") == 1 else value)
                except ValueError:
                    raise InputError(self.path, f"risk {value!r} is not a number", line=line) from None
            else:
                setattr(unit, key, value)
        if self.mt is not None:
            unit.mt = cells[self.mt]
            if not unit.target and unit.status not in KEPT_STATUSES:
                # No final text yet (unreviewed or rejected, a table with mt and final columns): the MT. An
                # accepted or edited row keeps its empty final text: that is what was decided.
                unit.target = unit.mt
        used = {self.src, self.tgt, *(h[k] for k in KNOWN if k in h), *self.notes.values()}
        if self.mt is not None:
            used.add(self.mt)
        for name, i in self.notes.items():
            if cells[i] != "":
                setattr(unit, _NOTE_FIELDS[name], cells[i])
        for name, i in h.items():
            if i not in used and cells[i] != "":
                unit.props[name] = cells[i]
        return unit


def _status_cells(unit: BilingualUnit, number: int) -> list[str]:
    """The ``STATUS_COLUMNS`` and ``NOTE_COLUMNS`` of a unit (``--all``): an unknown value is an empty cell."""
    return [str(unit.id if unit.id is not None else number), unit.source, unit.target,
            unit.mt if unit.mt is not None else unit.target, unit.status or "",
            "" if unit.risk is None else risk_text(unit.risk), unit.reviewer or "", unit.candidate or "",
            unit.decided_at or "", unit.review_note or "", unit.review_note_by or "" if unit.review_note else "",
            unit.review_note_at or "" if unit.review_note else "", unit.final_digest or ""]


def _no_rows(cols: _Columns | None) -> str:
    """Why a TSV/CSV gave no unit: a header with no row under it (an empty export, say) is not an empty file."""
    if cols is not None:  # QA: a header-only file was called "empty"
        return "no rows to review (the file holds only its header row)"
    return "no rows to review (the file is empty)"


@register
class TsvFormat(FormatHandler):
    name = "tsv"
    description = "tab-separated source<TAB>target (no quoting)"
    suffixes = (".tsv", ".tab")
    carries_newlines = False
    carries_tabs = False
    output_suffix = ".tsv"

    def read(self, path: Path, ctx: ReadContext) -> Iterator[BilingualUnit]:
        return self._units(path, ctx.read_lines(path), ctx)

    def _units(self, path: Path, lines: list[str], ctx: ReadContext) -> Iterator[BilingualUnit]:
        cols: _Columns | None = None
        blank = number = 0
        what = "TSV is read without quote processing: a tab inside a segment splits it"
        for line_no, line in enumerate(lines, 1):
            if "\t" not in line and not line.strip():  # "\t" alone is a pair of empty cells, not a blank
                blank += 1
                continue
            cells = line.split("\t")
            if cols is None:
                header = _first_row_header(path, cells, ctx, "\t")
                cols = _Columns(path, header, len(cells) if header else 2, what, cells, line_no)
                if header is not None:
                    continue
            number += 1
            yield finish_unit(cols.unit(cells, line_no), ctx, number)
        if blank:
            ctx.note(f"{path}: {blank} blank line(s) skipped")
        if number == 0:
            raise InputError(path, _no_rows(cols))

    def write_stream(self, fh: IO, units: Iterable[BilingualUnit], ctx: WriteContext, report: WriteReport) -> None:
        if ctx.with_status:
            fh.write("\t".join((*STATUS_COLUMNS, *NOTE_COLUMNS, *DIGEST_COLUMNS)) + "\n")
        for number, unit in enumerate(units, 1):
            cells = _status_cells(unit, number) if ctx.with_status else [unit.source, unit.target]
            if ctx.with_status:  # the note's changes counted as the note's (QA: they read as the text's)
                note = len(STATUS_COLUMNS)
                cells = (flatten_cells(cells[:note], report, "tsv")
                         + flatten_cells(cells[note:], report, "tsv", "in the reviewer's note, "))
            else:
                cells = flatten_cells(cells, report, "tsv")
            if number == 1 and not ctx.with_status and (
                    _header_map(cells) is not None or names_langs(cells, ctx.source_lang, ctx.target_lang)
                    or names_langs(cells[::-1], ctx.source_lang, ctx.target_lang)):
                # A first pair that reads like a header ("source<TAB>target") would be taken for one:
                # write a real header first so that it stays data.
                fh.write("source\ttarget\n")
            fh.write("\t".join(cells) + "\n")
            report.units += 1


@register
class CsvFormat(FormatHandler):
    name = "csv"
    description = "comma-separated with a header row (RFC 4180 quoting)"
    suffixes = (".csv",)
    output_suffix = ".csv"

    def read(self, path: Path, ctx: ReadContext) -> Iterator[BilingualUnit]:
        return self._units(path, ctx.read_text(path), ctx)

    def _units(self, path: Path, text: str, ctx: ReadContext) -> Iterator[BilingualUnit]:
        allow_long_csv_fields()
        delimiter = ","
        what = "quote a field that contains a comma"
        if (excel := excel_separator(text)) is not None:
            # (QA: "sep=," became a segment and the header after it another; "sep=;" refused the file)
            delimiter, text = excel
            if delimiter != ",":
                ctx.note(f"{path}: cells separated by {delimiter!r}, as its first line (sep={delimiter}) says")
                what = f"quote a field that contains {delimiter!r}"
        elif semicolon_header(text):
            # Excel in a decimal-comma locale saves CSV with semicolons and no "sep=" line (QA: an --all export
            # re-saved in a German Excel was refused, "a semicolon-separated file?")
            delimiter, what = ";", "quote a field that contains ';'"
            ctx.note(f"{path}: cells separated by ';', as its header row shows")
        reader = csv.reader(io.StringIO(text, newline=""), strict=True, delimiter=delimiter)
        cols: _Columns | None = None
        number = 0
        while True:
            start = reader.line_num + 1
            try:
                cells = next(reader)
            except StopIteration:
                break
            except csv.Error as err:
                raise InputError(path, f"malformed CSV: {err}", line=start) from None
            if not cells or (len(cells) == 1 and not cells[0].strip()):
                continue
            if cols is None:
                if len(cells) == 1 and ";" in cells[0] and delimiter == ",":
                    # Excel in locales with a decimal comma writes CSV with semicolons
                    what = "a semicolon-separated file? save it as comma-separated CSV"
                header = _first_row_header(path, cells, ctx, delimiter)
                cols = _Columns(path, header, len(cells) if header else 2, what, cells, start)
                if header is not None:
                    continue
            number += 1
            yield finish_unit(cols.unit(cells, start), ctx, number)
        if number == 0:
            raise InputError(path, _no_rows(cols))

    def write_stream(self, fh: IO, units: Iterable[BilingualUnit], ctx: WriteContext, report: WriteReport) -> None:
        writer = csv.writer(fh, lineterminator="\n")
        writer.writerow((*STATUS_COLUMNS, *NOTE_COLUMNS, *DIGEST_COLUMNS) if ctx.with_status else ("source", "target"))
        for number, unit in enumerate(units, 1):
            writer.writerow(_status_cells(unit, number) if ctx.with_status else (unit.source, unit.target))
            report.units += 1
