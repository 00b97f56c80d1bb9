"""Streaming record writers: JSONL, CSV or Parquet by suffix, a chunk at a time, in bounded memory.

The file appears at its path only when complete (written to a temporary file beside it, then renamed), so
an interrupted run never leaves a truncated scores file that looks finished. A JSONL or CSV name ending in
``.gz``, ``.xz`` or ``.bz2`` (``s.jsonl.gz``) is compressed as it is written (``formats.outcompress``), as
``report`` reads it back; Parquet compresses its own columns and takes no such suffix."""

from __future__ import annotations

import csv
import io
import json
import os
import tempfile
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import IO, Any

from ..errors import MtReviewError, UsageError
from ..formats.outcompress import base_name, check_output_compression, compressor, output_compression
from ..interrupts import signals_held as _signals_held
from ..jsonio import json_line

WRITER_SUFFIXES = (".jsonl", ".csv", ".parquet")
# json.dumps(r, ensure_ascii=False) builds this encoder for every call; one serves every record (same text).
_JSONL = json.JSONEncoder(ensure_ascii=False).encode


def _cell(value: Any) -> Any:
    """CSV cell: lists and dicts (the flags) as JSON text; None as empty."""
    if value is None:
        return ""
    if isinstance(value, (list, dict)):
        return json.dumps(value, ensure_ascii=False)
    return value


ENCODABLE = ("jsonl", "csv")  # formats a worker can encode itself (Parquet is columnar: the parent builds it)


@dataclass
class EncodedRecords:
    """A chunk of records already encoded as the output file's lines (``encode_records``): what a worker
    sends back instead of the records, so the parent neither unpickles dicts nor encodes them.

    ``fields``: for CSV, the columns the rows were written against (the chunk's first record's keys);
    ``records`` holds the records instead of ``text`` when a CSV chunk's records do not all share them."""

    fmt: str
    text: str
    count: int
    fields: tuple[str, ...] = ()
    records: list[dict[str, Any]] | None = None


def _csv_rows(records: Sequence[dict[str, Any]], fields: Sequence[str]) -> str:
    """``csv.DictWriter(fieldnames=fields, extrasaction="ignore", lineterminator="\\n")`` rows, cells by
    ``_cell``: a missing key is an empty cell, a key not in ``fields`` is left out."""
    buf = io.StringIO(newline="")
    csv.writer(buf, lineterminator="\n").writerows(
        [_cell(r[k]) if k in r else "" for k in fields] for r in records)
    return buf.getvalue()


def encode_records(records: Sequence[dict[str, Any]], fmt: str) -> EncodedRecords:
    """The bytes ``RecordWriter.write(records)`` would add to a ``fmt`` file (``jsonl`` or ``csv``), as text.
    ``RecordWriter`` itself writes through this function, so both paths give the same file."""
    if fmt == "jsonl":
        # json_line: a U+2028 in a text would split the line for a str.splitlines() reader
        text = json_line("\n".join(map(_JSONL, records))) + "\n" if records else ""
        return EncodedRecords(fmt, text, len(records))
    if fmt != "csv":
        raise ValueError(f"cannot encode records as {fmt!r} (only {', '.join(ENCODABLE)})")
    if not records:
        return EncodedRecords(fmt, "", 0)
    fields = tuple(records[0])
    if any(tuple(r) != fields for r in records):
        # mixed columns (some segments with a reference, some without): the parent writes them against
        # the file's header, as DictWriter does
        return EncodedRecords(fmt, "", len(records), fields, list(records))
    return EncodedRecords(fmt, _csv_rows(records, fields), len(records), fields)


def record_format(path: str | Path, hint: str = "") -> tuple[str, str | None]:
    """The records format a scores file's name asks for (``jsonl``, ``csv``, ``parquet``) and its compression
    (``gzip``, ``xz``, ``bzip2`` or None): ``s.jsonl.gz`` is gzip-compressed JSONL. An unknown format, a
    compression mtreview does not write (``.zst``) or a compressed Parquet is a UsageError naming the file;
    ``hint`` ends the unknown-format message."""
    check_output_compression(path)  # s.jsonl.zst: refused rather than written plain under that name
    kind = output_compression(path)
    fmt = Path(base_name(path)).suffix.lower()
    if fmt not in WRITER_SUFFIXES:
        raise UsageError(f"{path}: unknown output format; use a name ending in " + ", ".join(WRITER_SUFFIXES)
                         + " (.jsonl and .csv may add .gz, .xz or .bz2)" + hint)
    if kind and fmt == ".parquet":
        raise UsageError(f"{path}: Parquet compresses its own columns, and a compressed Parquet file cannot be "
                         f"read back; leave out the {Path(path).suffix} suffix")
    return fmt.lstrip("."), kind


class RecordWriter:
    """``with RecordWriter(path) as w: w.write(records)``; the format comes from the suffix
    (``-`` writes JSONL to standard output), and a ``.gz``, ``.xz`` or ``.bz2`` after it compresses so."""

    def __init__(self, path: str | Path, stdout: IO[str] | None = None, row_group: int | None = None,
                 empty: dict[str, Any] | None = None) -> None:
        self.path = Path(path) if str(path) != "-" else None
        self.stdout = stdout
        self.fmt, self._kind = ("jsonl", None) if self.path is None else record_format(path)
        if self.path is not None and not self.path.parent.exists():
            raise UsageError(f"{path}: folder {self.path.parent} does not exist")
        self.count = 0
        self._tmp: str | None = None
        self._fh: IO[Any] | None = None
        self._fields: tuple[str, ...] | None = None  # CSV header, once written
        self._pq: Any = None
        self._schema: Any = None
        self._json_cols: frozenset[str] = frozenset()
        self._direct = False  # Parquet written straight into a FIFO or device (see __enter__)
        self._target: Path | None = None  # the file the temporary file replaces
        self._raw: IO[bytes] | None = None  # the file itself under a compressed output's text (self._fh)
        # Parquet row groups of ``row_group`` records whatever the chunks written, so that the file's bytes do
        # not depend on how the run was chunked (QA: a parallel run's half-size tail chunks, pipeline.tail_split,
        # made row groups of 333, ..., 166, 166, 166 where one process wrote 333, ..., 333, 2: same table,
        # different files). None: one row group per write, as given.
        self.row_group = row_group
        self._pending: list[dict[str, Any]] = []
        # A record of this run's shape (``scoring.blank_record``), for a run that writes none: a CSV then gets
        # its header and a Parquet file its columns (QA: an empty input gave a 0-byte CSV that pandas.read_csv
        # refuses, and a Parquet file of one "id" column that no other shard's table concatenates with).
        self.empty = empty

    def __enter__(self) -> RecordWriter:
        if self.path is None:
            self._fh = self.stdout
            if self._fh is None:
                import sys

                self._fh = sys.stdout
            return self
        from ..formats.atomic import new_file_mode, rename_target, writes_in_place

        if writes_in_place(self.path):
            # A FIFO or a device: written straight through (a rename would replace the FIFO itself).
            if self.fmt == "parquet":
                self._direct = True
            elif self._kind:
                self._fh = self._compressing(open(self.path, "wb"))  # noqa: SIM115 (closed in _close)
            else:
                self._fh = open(self.path, "w", encoding="utf-8", newline="" if self.fmt == "csv" else "\n")
            return self
        target = rename_target(self.path)  # a symbolic link stays a link; its file is replaced
        # Ctrl-C and SIGTERM wait while the temporary file is made and opened: one that landed in between
        # raised before __exit__ could run, and the file stayed (QA: a SIGTERM sent as the file appeared, on
        # a loaded machine, left .out.jsonl.*.tmp behind). Held, it is raised as the hold ends, in the try.
        fd = -1
        try:
            with _signals_held():
                fd, self._tmp = tempfile.mkstemp(prefix=f".{target.name}.", suffix=".tmp", dir=target.parent)
                self._target = target
                os.fchmod(fd, new_file_mode(target))  # what open() would give, not mkstemp's 0600
                if self.fmt == "parquet":
                    os.close(fd)
                elif self._kind:
                    self._fh = self._compressing(os.fdopen(fd, "wb"))
                else:
                    self._fh = os.fdopen(fd, "w", encoding="utf-8", newline="" if self.fmt == "csv" else "\n")
        except BaseException as err:
            if self._fh is not None:
                self._fh.close()
            if self._raw is not None:
                self._raw.close()
            elif self._fh is None and fd >= 0 and self.fmt != "parquet":
                os.close(fd)
            if self._tmp:
                Path(self._tmp).unlink(missing_ok=True)
                self._tmp = None
            if isinstance(err, OSError):  # name the user's file, not the hidden temporary one
                raise UsageError(f"{self.path}: cannot write: {err.strerror or err}") from None
            raise
        return self

    def _compressing(self, raw: IO[bytes]) -> IO[str]:
        """The text handle of a compressed output: the lines, encoded as a plain file's, through the
        compressor into ``raw`` (kept in ``_raw``, to be synced and closed once the compressor has ended)."""
        self._raw = raw  # set first: a compressor that fails to start leaves the file to be closed
        stream: Any = compressor(raw, self._kind or "", self.path or "")
        return io.TextIOWrapper(stream, encoding="utf-8", newline="" if self.fmt == "csv" else "\n")

    def write(self, records: Sequence[dict[str, Any]] | EncodedRecords) -> None:
        """Append records (a chunk) to the output: the records, or their ``EncodedRecords`` in this
        file's format (made by a worker with ``encode_records``)."""
        try:
            if isinstance(records, EncodedRecords):
                self._write_encoded(records)
            elif not records:
                return
            elif self.fmt == "parquet":
                self._write_grouped(records)
                self.count += len(records)
            else:
                self._write_encoded(encode_records(records, self.fmt))
        except OSError as err:
            raise self._failed(err) from None

    def _write_encoded(self, enc: EncodedRecords) -> None:
        if enc.fmt != self.fmt:
            raise ValueError(f"records encoded as {enc.fmt}, but {self.path or '-'} is {self.fmt}")
        if not enc.count:
            return
        assert self._fh is not None
        if self.fmt == "csv":
            if self._fields is None:  # the first record's keys are the header, as with csv.DictWriter
                self._fields = enc.fields
                csv.writer(self._fh, lineterminator="\n").writerow(self._fields)
            if enc.records is not None:
                self._fh.write(_csv_rows(enc.records, self._fields))
            elif enc.fields != self._fields:
                self._fh.write(_csv_rows([dict(zip(enc.fields, row, strict=True))
                                          for row in csv.reader(io.StringIO(enc.text, newline=""))],
                                         self._fields))
            else:
                self._fh.write(enc.text)
        else:
            self._fh.write(enc.text)
        self.count += enc.count

    def _write_grouped(self, records: Sequence[dict[str, Any]]) -> None:
        """Parquet: whole row groups of ``row_group`` records; the rest waits for the next chunk or the end."""
        if self.row_group is None:
            self._write_parquet(records)
            return
        self._pending.extend(records)
        size = self.row_group
        full = len(self._pending) - len(self._pending) % size
        for start in range(0, full, size):
            self._write_parquet(self._pending[start:start + size])
        del self._pending[:full]

    def _write_parquet(self, records: Sequence[dict[str, Any]]) -> None:
        import pyarrow as pa
        import pyarrow.parquet as pq

        if self._pq is None:
            self._schema, self._json_cols = parquet_schema(records)
            self._pq = pq.ParquetWriter(str(self.path) if self._direct else self._tmp, self._schema,
                                        compression="zstd")
        if self._json_cols:
            records = [{k: (json.dumps(v, ensure_ascii=False) if k in self._json_cols and v is not None else v)
                        for k, v in r.items()} for r in records]
        table = pa.Table.from_pylist(list(records), schema=self._schema)
        self._pq.write_table(table)

    def __exit__(self, exc_type: object, exc: object, tb: object) -> None:
        complete = exc_type is None
        try:
            self._close(complete)
        except OSError as err:
            # The last buffered records did not reach the disk (a full disk at the final flush): the file
            # is incomplete and must not be renamed into place (QA: a 352,256-byte s.jsonl cut inside a
            # record was left at the output path, exit 2). An error already ending the run is the one told.
            complete = False
            if exc_type is None:
                raise self._failed(err) from None
        finally:
            if self._tmp:
                if complete:
                    os.replace(self._tmp, self._target)  # type: ignore[arg-type]
                else:
                    Path(self._tmp).unlink(missing_ok=True)

    def _close(self, complete: bool) -> None:
        """Finish the file: Parquet's footer, the last buffered text flushed and synced."""
        if self._pending and complete:  # the last, shorter row group
            pending, self._pending = self._pending, []
            try:
                self._write_parquet(pending)
            except BaseException:
                if self._pq is not None:
                    _close_quietly(self._pq)
                raise
        if self._pq is not None:
            self._pq.close()
        elif self.fmt == "parquet" and (self._tmp or self._direct) and complete:
            # no records at all: still a valid (empty) Parquet file, with the run's columns where known
            import pyarrow as pa
            import pyarrow.parquet as pq

            table = (parquet_schema([self.empty])[0].empty_table() if self.empty
                     else pa.table({"id": pa.array([], pa.int64())}))
            pq.write_table(table, self._tmp or str(self.path))
        if self.fmt == "csv" and self._fields is None and self.empty and complete and self._fh is not None:
            self._fields = tuple(self.empty)
            csv.writer(self._fh, lineterminator="\n").writerow(self._fields)
        if self._raw is not None:  # compressed: the compressor's end (gzip's checksum) first, then the file
            try:
                assert self._fh is not None
                self._fh.close()
                self._raw.flush()
                if self._tmp is not None:  # a FIFO or device has nothing to sync
                    os.fsync(self._raw.fileno())
            finally:
                _close_quietly(self._fh)  # (a full disk as the compressor ended: it is closed all the same)
                self._raw.close()
        elif self._fh is not None and self._tmp is not None:
            try:
                self._fh.flush()
                os.fsync(self._fh.fileno())
            finally:
                self._fh.close()
        elif self._fh is not None:
            self._fh.flush()
            if self.path is not None:  # a FIFO or device opened in __enter__ (never standard output)
                self._fh.close()

    def _failed(self, err: OSError) -> OSError | MtReviewError:
        """A write error naming the output file (pyarrow's says "Error writing bytes to file. Detail: ...");
        standard output's own error as it is, so that a closed pipe still ends with 141."""
        if self.path is None:
            return err
        reason = os.strerror(err.errno) if err.errno else (err.strerror or str(err))
        return MtReviewError(f"{self.path}: cannot write: {reason}")


def _close_quietly(fh: IO[Any] | None) -> None:
    try:
        if fh is not None:
            fh.close()
    except (OSError, ValueError):
        pass


FLAG_TYPE_FIELDS = (("name", "string"), ("detail", "string"), ("severity", "float64"))
# The score record's integers (mtreview.scoring): its id, a count and an index (null without pseudo-references).
# Named, not guessed from the values: a metric that happens to be whole in a first chunk (a TER of 50) would
# make an integer column that a later 50.5 cannot enter.
INTEGER_FIELDS = frozenset({"id", "n_pseudo", "closest_pseudo"})


def parquet_schema(records: Sequence[dict[str, Any]]) -> tuple[Any, frozenset[str]]:
    """An Arrow schema for score records that later chunks also fit, and the columns stored as JSON text.

    Numbers are float64, the record's integers (``INTEGER_FIELDS``) int64 (nullable, as every Arrow
    column), ``flags`` a list of {name, detail, severity} structs, text strings. Other lists and dicts (the
    diff spans ``[start, end, kind]`` mix types, which Arrow lists cannot) are stored as JSON text."""
    import pyarrow as pa

    flag_type = pa.list_(pa.struct([(n, getattr(pa, t)()) for n, t in FLAG_TYPE_FIELDS]))
    fields = []
    as_json = set()
    for name in records[0]:
        value = next((r.get(name) for r in records if r.get(name) is not None), None)
        if name in INTEGER_FIELDS:
            typ = pa.int64()
        elif name == "flags":
            typ = flag_type
        elif isinstance(value, bool):
            typ = pa.bool_()
        elif isinstance(value, (int, float)) or value is None:
            typ = pa.float64()
        elif isinstance(value, str):
            typ = pa.string()
        else:
            typ = pa.string()
            as_json.add(name)
        fields.append(pa.field(name, typ))
    return pa.schema(fields), frozenset(as_json)
