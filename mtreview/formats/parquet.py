"""Apache Parquet: one row per unit, written and read in batches (pyarrow).

Columns written: the JSONL export record's, in its order: ``id source mt final status candidate reviewer
decided_at risk notes note note_by note_at`` (``final`` null unless the segment is in the cleaned corpus; ``risk`` a double;
``id`` an int64 when every id is a number, as in a project export, and when there is no row, else a string;
``notes`` a list of strings, empty when the unit had none; ``note`` the reviewer's note, by ``note_by`` at
``note_at``; nulls where unknown).
Read: the names JSONL reads (``fields``): ``source`` (or ``src``) and a translation, ``target``/``tgt``/
``translation``, else ``final`` where it is not null, else ``mt``; the other columns above are used when
present (``note`` becomes the segment's reviewer note again).
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator
from pathlib import Path
from typing import IO, Any

from ..errors import InputError, MtReviewError
from .base import (
    BilingualUnit,
    FormatHandler,
    ReadContext,
    WriteContext,
    WriteReport,
    clean_text,
    finish_unit,
    lang_match,
    register,
)
from .fields import MT_FIELD, SOURCE_FIELDS, TARGET_FIELDS
from .jsonl import unit_record

_BATCH = 5000
_STRING_COLUMNS = ("id", "source", "target", "mt", "status", "reviewer", "candidate", "decided_at", "note",
                   "note_by", "note_at", "final_digest")
# The JSONL export record's keys, in its order (README: "Parquet: same columns as JSONL").
WRITTEN_COLUMNS = ("id", "source", "mt", "final", "status", "candidate", "reviewer", "decided_at", "risk",
                   "notes", "note", "note_by", "note_at", "final_digest")


def _schema(int_ids: bool) -> Any:
    import pyarrow as pa

    types = {"id": pa.int64() if int_ids else pa.string(), "risk": pa.float64(), "notes": pa.list_(pa.string())}
    return pa.schema([pa.field(name, types.get(name, pa.string())) for name in WRITTEN_COLUMNS])


def _is_int(value: Any) -> bool:
    return isinstance(value, int) and not isinstance(value, bool)


def _is_text(kind: Any) -> bool:
    """A string column of any Arrow layout: string_view is what Polars and newer Arrow writers use (QA: such
    a file was refused as holding no text)."""
    import pyarrow.types as pat

    return bool(pat.is_string(kind) or pat.is_large_string(kind) or pat.is_string_view(kind))


def _check_types(path: Path, schema: Any, columns: list[str]) -> None:
    """Refuse a text column that does not hold text, and a risk that is not a number: read as they were,
    numbers, lists and bytes became their Python spelling (``['a']``, ``b'\\xff'``) as segment text (QA).
    An id may be a number (a project export writes int64); a dictionary-encoded column (pandas' category)
    counts as its values' type."""
    import pyarrow.types as pat

    for name in columns:
        kind = schema.field(name).type
        if pat.is_dictionary(kind):
            kind = kind.value_type
        if name == "risk":
            ok = pat.is_integer(kind) or pat.is_floating(kind) or pat.is_decimal(kind)
            want = "numbers"
        elif name == "notes":
            ok = pat.is_null(kind) or ((pat.is_list(kind) or pat.is_large_list(kind)) and (
                _is_text(kind.value_type) or pat.is_null(kind.value_type)))
            want = "lists of text"
        else:
            ok = _is_text(kind) or pat.is_null(kind) or (name == "id" and pat.is_integer(kind))
            want = "text (a string column)" if name != "id" else "text or integers"
        if not ok:
            raise InputError(path, f"column {name!r} holds {kind}, expected {want}")


def _check_unique(path: Path, names: list[str]) -> None:
    """Refuse a column mtreview reads that the file has twice: which one holds the text is anyone's guess
    (QA: pyarrow's KeyError "Column decided_at does not exist in schema" was a traceback)."""
    read = {*SOURCE_FIELDS, *TARGET_FIELDS, MT_FIELD, *_STRING_COLUMNS, "risk", "notes", "translation"}
    for name in dict.fromkeys(names):
        if name in read and (count := names.count(name)) > 1:
            raise InputError(path, f"has {count} columns named {name!r}: keep one (rename or drop the others)")


def _language_pair(path: Path, schema: Any, ctx: ReadContext) -> tuple[str, str] | None:
    """The fields of the source and target languages (-s/-t) in a struct column ``translation`` of text
    fields, ``{ru: string, en: string}``, as Hugging Face datasets write a translation pair; None when the
    table has no such column (QA: "has no 'source' column (... columns: translation)")."""
    import pyarrow.types as pat

    if "translation" not in schema.names or not pat.is_struct(kind := schema.field("translation").type):
        return None
    fields = [kind.field(i) for i in range(kind.num_fields)]

    def side(lang: str | None) -> str | None:
        best = max(fields, key=lambda f: lang_match(f.name, lang), default=None)
        if best is None or not lang_match(best.name, lang):
            return None
        if not _is_text(best.type):
            raise InputError(path, f"column 'translation' field {best.name!r} holds {best.type}, expected text")
        return str(best.name)

    source, target = side(ctx.source_lang), side(ctx.target_lang)
    if source is None or target is None:
        raise InputError(path, f"column 'translation' has the languages {', '.join(f.name for f in fields) or 'none'}, "
                               f"not both {ctx.source_lang} and {ctx.target_lang}")
    return source, target


@register
class ParquetFormat(FormatHandler):
    name = "parquet"
    description = "Apache Parquet table"
    suffixes = (".parquet", ".pq")
    binary = True
    output_suffix = ".parquet"

    def read(self, path: Path, ctx: ReadContext) -> Iterator[BilingualUnit]:
        import pyarrow as pa
        import pyarrow.parquet as pq

        try:
            pf = pq.ParquetFile(path)
        except (pa.ArrowException, OSError) as err:
            raise InputError(path, f"not a readable Parquet file ({err})") from None
        _check_unique(path, pf.schema_arrow.names)
        names = set(pf.schema_arrow.names)
        # the names JSONL reads (QA: src/tgt/translation columns were refused though the README says "same")
        scol = next((n for n in SOURCE_FIELDS if n in names), None)
        if scol is None and (pair := _language_pair(path, pf.schema_arrow, ctx)) is not None:
            # Hugging Face datasets' layout: a struct column "translation" of one text field per language
            wanted = [n for n in dict.fromkeys(("translation", *_STRING_COLUMNS, "risk", "notes")) if n in names]
            _check_types(path, pf.schema_arrow, [n for n in wanted if n != "translation"])
            return self._units(path, pf, wanted, "source", ["target"], ctx, pair)
        if scol is None:
            raise InputError(path, f"has no 'source' column (nor 'src'; columns: {', '.join(sorted(names))})")
        tcols = [n for n in (*TARGET_FIELDS, MT_FIELD) if n in names]
        if not tcols:
            raise InputError(path, "has no translation column ("
                             + ", ".join(f"'{n}'" for n in (*TARGET_FIELDS, MT_FIELD)) + ")")
        wanted = [n for n in dict.fromkeys((scol, *tcols, *_STRING_COLUMNS, "risk", "notes")) if n in names]
        _check_types(path, pf.schema_arrow, wanted)
        return self._units(path, pf, wanted, scol, tcols, ctx)

    @staticmethod
    def _units(path: Path, pf: Any, wanted: list[str], scol: str, tcols: list[str],
               ctx: ReadContext, pair: tuple[str, str] | None = None) -> Iterator[BilingualUnit]:
        import pyarrow as pa

        number = 0
        try:
            for batch in pf.iter_batches(batch_size=_BATCH, columns=wanted):
                cols = {name: batch.column(name).to_pylist() for name in wanted
                        if pair is None or name != "translation"}
                if pair is not None:  # the two languages' fields of the "translation" struct
                    both = batch.column("translation")
                    cols["source"], cols["target"] = (both.field(key).to_pylist() for key in pair)
                for i in range(batch.num_rows):
                    row = {k: v[i] for k, v in cols.items()}
                    number += 1
                    # the first translation that is not null: an --all export's ``final`` is null where
                    # the segment was not kept, and its ``mt`` is the text then
                    target = next((row[c] for c in tcols if row[c] is not None), None)
                    if row[scol] is None or target is None:
                        raise InputError(path, f"row {number}: source or target is null")
                    risk = row.get("risk")
                    unit = BilingualUnit(
                        source=str(row[scol]), target=str(target),
                        id=None if row.get("id") is None else str(row["id"]), status=row.get("status"),
                        risk=None if risk is None else float(risk), reviewer=row.get("reviewer"),
                        mt=row.get("mt"), candidate=row.get("candidate"), decided_at=row.get("decided_at"),
                        final_digest=row.get("final_digest") or None, line=number,
                    )
                    # (clean_text: a NUL or a lone surrogate in a note is repaired as in the texts)
                    unit.notes = [clean_text(n, ctx) for n in row.get("notes") or [] if n is not None and n.strip()]
                    if (note := row.get("note")) is not None and note.strip():  # the reviewer's, an export's
                        unit.review_note = clean_text(note, ctx)
                        # its author and date (a file written before these columns: the decision's reviewer, now)
                        unit.review_note_by, unit.review_note_at = row.get("note_by") or None, row.get("note_at") or None
                    yield finish_unit(unit, ctx, number)
        except (pa.ArrowException, OSError) as err:
            # pyarrow raises OSError for damaged pages ("Couldn't deserialize thrift"), which the CLI took for
            # an output error without a file name (QA: "cannot write the output: Couldn't deserialize ...")
            detail = " ".join(str(err).split()).rstrip(".")
            raise InputError(path, f"a damaged Parquet file: its data after row {number} cannot be read "
                                   f"({detail})") from None
        if number == 0:
            raise InputError(path, "no rows to review (the table is empty)")

    def write_stream(self, fh: IO, units: Iterable[BilingualUnit], ctx: WriteContext, report: WriteReport) -> None:
        import itertools

        import pyarrow as pa
        import pyarrow.parquet as pq

        # The id type comes from the first batch (a project export numbers its segments: int64, like the
        # JSON numbers of the JSONL export); the schema is fixed before the first row group is written.
        stream = iter(units)
        first = [unit_record(u) for u in itertools.islice(stream, _BATCH)]
        # (no row: int64 still, as a project export numbers its segments; daily files must concatenate)
        int_ids = all(_is_int(r["id"]) for r in first if r["id"] is not None)
        schema = _schema(int_ids)

        def flush(writer: Any, records: list[dict[str, Any]]) -> None:
            cols: dict[str, list[Any]] = {name: [] for name in WRITTEN_COLUMNS}
            for rec in records:
                ident = rec["id"]
                if ident is not None and not int_ids:
                    ident = str(ident)
                elif ident is not None and not _is_int(ident):
                    raise MtReviewError(f"Parquet export: id {ident!r} is not a number like the ids before it")
                cols["id"].append(ident)
                for name in WRITTEN_COLUMNS[1:]:
                    cols[name].append(rec[name])
            writer.write_table(pa.Table.from_pydict(cols, schema=schema))

        with pq.ParquetWriter(fh, schema, compression="zstd") as writer:
            batch = first
            while batch or report.units == 0:
                flush(writer, batch)
                report.units += len(batch)
                if not batch:
                    break
                batch = [unit_record(u) for u in itertools.islice(stream, _BATCH)]
