"""Scores files for the report: ``mtreview score``'s records as JSONL, CSV or Parquet (each record checked by
``load.check_record``, errors naming file and line), and its ``--summary``."""

from __future__ import annotations

import csv
import json
import math
import re
from collections.abc import Iterator
from pathlib import Path
from typing import Any

from ..errors import InputError
from ..jsonio import loads
from ..textio import allow_long_csv_fields, read_input_bytes
from .load import NOT_METRICS, check_record, is_metric

SCORE_SUFFIXES = (".jsonl", ".csv", ".parquet")


def iter_score_records(path: str | Path) -> Iterator[dict[str, Any]]:
    """Records of a scores file, streamed. Bad lines raise :class:`InputError` naming file and line. A gzip,
    xz or bzip2-compressed JSONL or CSV file (told by its first bytes; ``s.jsonl.gz``, its name without the
    compression suffix giving the format) is read decompressed, as every other reader reads it."""
    p = Path(path)
    suffix = score_file_format(p)
    if suffix == ".jsonl":
        yield from _iter_jsonl(p)
    elif suffix == ".csv":
        yield from _iter_csv(p)
    else:
        yield from _iter_parquet(p)


def score_file_format(path: str | Path) -> str:
    """A scores file's format, ``.jsonl``, ``.csv`` or ``.parquet``, from its name (without a compression
    suffix), or an :class:`InputError`: a missing file, another format, a compressed Parquet file. The report
    asks it of every input before reading any (QA: a summary given among the inputs was refused after the
    scores before it had been read)."""
    from ..compressed import check_file_not_compressed, compressed_file_kind, uncompressed_name

    p = Path(path)
    if not p.exists():
        raise InputError(p, "no such file")
    check_file_not_compressed(p, readable=True)  # zstd, ZIP, 7-Zip: refused with the command that unpacks them
    compressed = compressed_file_kind(p) is not None
    suffix = Path(uncompressed_name(p) if compressed else p).suffix.lower()
    if compressed and suffix == ".parquet":  # as import refuses it (formats.base)
        check_file_not_compressed(p, why="a compressed Parquet file: Parquet compresses its own columns and is "
                                         "read by random access, which a compressed stream cannot give")
    if suffix in SCORE_SUFFIXES:
        return suffix
    if suffix == ".json":
        # QA: `report summary.json` said only "unknown scores format '.json'"; the summary is a JSON file the
        # report takes, but beside the records of its run, which hold the segments
        raise InputError(p, "a JSON file, not a scores file: a 'score --summary' goes with --summary beside the "
                            f"records of the same run (mtreview report scores.jsonl --summary {p.name}); scores "
                            f"files are {', '.join(SCORE_SUFFIXES)}")
    raise InputError(p, f"unknown scores format {suffix!r}: expected a project (.mtr) or a scores file "
                        f"({', '.join(SCORE_SUFFIXES)}; .jsonl and .csv also gzip, xz or bzip2-compressed, "
                        "as .jsonl.gz)")


def score_record_count(path: str | Path) -> int | None:
    """About how many records a scores file holds, cheaply, for a progress bar: an uncompressed JSONL file's
    lines, a Parquet file's rows from its footer; None for others (a compressed file would be read twice, a
    CSV row may span lines) and for a file that cannot be read so."""
    p = Path(path)
    suffix = p.suffix.lower()
    try:
        if suffix == ".jsonl":
            from ..batch.pipeline import count_lines_fast

            return count_lines_fast(p)
        if suffix == ".parquet":
            import pyarrow.parquet as pq

            return int(pq.ParquetFile(p).metadata.num_rows)
    except Exception:  # noqa: BLE001  (the reading proper says what is wrong with the file)
        return None
    return None


def _iter_jsonl(p: Path) -> Iterator[dict[str, Any]]:
    from ..batch.lines import LineStream

    lines = iter(LineStream(p))
    for n, line in enumerate(lines, 1):
        if not line.strip():
            continue
        try:
            rec = loads(line)
        except json.JSONDecodeError as err:
            where = "column" if err.msg.endswith(" at") else "at column"  # ("Unterminated string starting at")
            why = f"not a JSON record ({err.msg} {where} {err.colno})"
            if _ends_inside(err, line) and _nothing_after(lines):
                # QA: a file still being written (score -o - > s.jsonl) said only "Unterminated string
                # starting at"
                why += ": the file ends inside it; is the file still being written, or was it cut short?"
            raise InputError(p, why, line=n) from None
        if not isinstance(rec, dict):
            raise InputError(p, "expected a JSON object per line", line=n)
        if "\\u" in line:  # (a surrogate can only come from an escape: the file itself is strict UTF-8)
            rec = without_lone_surrogates(rec)
        yield check_record(p, rec, n)


_SURROGATE = re.compile("[\ud800-\udfff]")


def without_lone_surrogates(value: Any) -> Any:
    """``value`` (decoded JSON) with every unpaired surrogate escape ("\\ud800") in its strings, keys included,
    as U+FFFD, as import repairs them: JSON lets a tool that cut a string inside a UTF-16 pair write one, and
    no UTF-8 output takes it (QA: the report stopped with a UnicodeEncodeError traceback). A pair that
    makes one character was decoded as that character and is kept."""
    if isinstance(value, str):
        return _SURROGATE.sub("\ufffd", value) if _SURROGATE.search(value) else value
    if isinstance(value, list):
        return [without_lone_surrogates(v) for v in value]
    if isinstance(value, dict):
        return {without_lone_surrogates(k): without_lone_surrogates(v) for k, v in value.items()}
    return value


# What the text may end with when it is cut inside a bare value: a prefix of a literal (``"blank": fal``) or
# the rest of a number the decoder stopped short of (``0.`` of ``0.35``, ``-``, ``1e-``).
_CUT_VALUE = re.compile(r"(t(r(ue?)?)?|f(a(l(se?)?)?)?|n(u(ll?)?)?|N(aN?)?|-?(I(n(f(i(n(i(ty?)?)?)?)?)?)?)?"
                        r"|[.eE][-+]?\d*)")


def _ends_inside(err: json.JSONDecodeError, line: str) -> bool:
    """Whether the JSON error is the text ending inside a value (a line cut short), not a wrong character.
    A cut inside ``false`` or ``0.35`` is one too, though the decoder reports the bare start (QA: a line cut
    at ``"blank": fal`` said only "Expecting value at column 265", 10 of a record's 302 cut points)."""
    if err.msg.startswith("Unterminated string"):
        return True
    rest = line[err.pos:].rstrip()
    return not rest or _CUT_VALUE.fullmatch(rest) is not None


def _nothing_after(lines: Iterator[str]) -> bool:
    """Whether the rest of the file holds no text (read on the error path only)."""
    try:
        return not any(line.strip() for line in lines)
    except InputError:  # the rest does not decode: no last line to speak of
        return False


def _check_unique(p: Path, names: list[str], line: int | None = None) -> None:
    """Refuse a column the report reads (a score, the flags, a text) that the file has twice: a record keeps
    one of them, and which is anyone's guess (QA, fuzzing: a second 'risk' column silently replaced the first)."""
    for name in dict.fromkeys(names):
        if (is_metric(name) or name in NOT_METRICS or name == "blank") and (count := names.count(name)) > 1:
            raise InputError(p, f"has {count} columns named {name!r}: keep one (rename or drop the others)", line=line)


def _iter_csv(p: Path) -> Iterator[dict[str, Any]]:
    from ..batch.lines import LineStream

    # Each line with its line end back: a quoted field that spans lines keeps its line break (QA: without it,
    # "line one<CRLF>line two" read as "line oneline two")
    lines = (line + "\n" for line in LineStream(p))
    allow_long_csv_fields()
    reader = csv.DictReader(lines)
    try:
        header = reader.fieldnames or []
        if len(header) == 1 and ";" in header[0]:
            raise InputError(p, "the header is one column holding semicolons: a semicolon-separated file "
                                "(as Excel writes in some locales)? save it as comma-separated CSV", line=1)
        if len(header) == 1 and "\t" in header[0]:
            # QA: Excel's "Unicode Text" (or a TSV named .csv) said "line 2: more fields than the header has"
            raise InputError(p, "the header is one column holding tabs: a tab-separated file (as Excel's "
                                "\"Unicode Text\" is)? save it as comma-separated CSV", line=1)
        _check_unique(p, list(header), line=1)
        for rec in reader:
            if None in rec:
                raise InputError(p, "more fields than the header has", line=reader.line_num)
            if None in rec.values():
                # (DictReader's filler: every row mtreview writes has every column.) QA: a file cut short
                # mid-row, as one still being written is, gave its last record with a risk cut to "0.24"
                # and its other scores missing, silently
                short = sum(v is not None for v in rec.values())
                raise InputError(p, f"{short} field{'' if short == 1 else 's'} where the header has {len(header)}: "
                                    "a row cut short (is the file still being written?)", line=reader.line_num)
            yield check_record(p, rec, reader.line_num)
    except csv.Error as err:
        raise InputError(p, f"not valid CSV ({err})", line=reader.line_num) from None


def _iter_parquet(p: Path) -> Iterator[dict[str, Any]]:
    import pyarrow as pa
    import pyarrow.parquet as pq

    try:
        pf = pq.ParquetFile(p)
        _check_unique(p, pf.schema_arrow.names)
    except (pa.ArrowInvalid, OSError) as err:
        raise InputError(p, f"not a Parquet file ({err})") from None
    row = 0
    try:
        for batch in pf.iter_batches(batch_size=10_000):
            for rec in batch.to_pylist():
                row += 1
                yield check_record(p, rec, row)  # "line": the row, 1-based
    except (pa.ArrowException, OSError) as err:
        # QA: damaged data past the footer said "cannot write the output: Corrupt snappy compressed data"
        detail = str(err).strip().rstrip(".")
        raise InputError(p, f"a damaged Parquet file: its data after row {row} cannot be read ({detail})") from None


def read_summary(path: str | Path) -> dict[str, Any]:
    """A ``--summary`` JSON file written by ``mtreview score``."""
    p = Path(path)
    try:
        text = read_input_bytes(p).decode("utf-8")
    except UnicodeDecodeError as err:
        raise InputError(p, f"not a JSON summary ({err})") from None
    if not text.strip():  # QA: "Expecting value: line 1 column 1 (char 0)" of a summary not written yet
        raise InputError(p, "an empty file, not a summary: is it still being written ('mtreview score "
                            "--summary' writes it once the records are done)?")
    try:
        data = loads(text)
    except json.JSONDecodeError as err:
        at = "column" if err.msg.endswith(" at") else "at column"  # ("Unterminated string starting at")
        why = f"not a JSON summary ({err.msg} {at} {err.colno})"
        if _ends_inside(err, text):  # QA: a summary cut short said only "Unterminated string starting at"
            why += ": the file ends inside it; is it still being written, or was it cut short?"
        raise InputError(p, why, line=err.lineno) from None
    if not isinstance(data, dict):
        raise InputError(p, "expected a JSON object")
    data = without_lone_surrogates(data)
    if (where := _non_finite(data)) is not None:
        # QA: a NaN score went into report --json as the bare token NaN, which is not JSON (jq refused the
        # report), and into the tables as "nan"
        value = "NaN" if math.isnan(where[1]) else "Infinity" if where[1] > 0 else "-Infinity"  # as JSON has it
        raise InputError(p, f"{where[0]} is {value}, not a finite number")
    return data


def _non_finite(data: Any, path: str = "") -> tuple[str, float] | None:
    """The first NaN or infinity in ``data`` (JSON's NaN, Infinity or 1e999), as (its key path, the value)."""
    if isinstance(data, float) and not math.isfinite(data):
        return (path or "the summary"), data
    items = data.items() if isinstance(data, dict) else enumerate(data) if isinstance(data, list) else ()
    for key, value in items:
        if (found := _non_finite(value, f"{path}.{key}" if path else str(key))) is not None:
            return found
    return None
