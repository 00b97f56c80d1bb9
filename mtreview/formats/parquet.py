"""Apache Parquet: one row per unit, written and read in batches (pyarrow).

Columns written: ``id source target mt status risk reviewer candidate decided_at`` (strings, ``risk`` a
double; nulls where unknown). Read: ``source`` and ``target`` (or ``final``, then ``mt``) are required;
the other columns above are used when present.
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator
from pathlib import Path
from typing import IO, Any

from ..errors import InputError
from .base import BilingualUnit, FormatHandler, ReadContext, WriteContext, WriteReport, finish_unit, register

_BATCH = 5000
_STRING_COLUMNS = ("id", "source", "target", "mt", "status", "reviewer", "candidate", "decided_at")


def _schema() -> Any:
    import pyarrow as pa

    fields = [pa.field(name, pa.string()) for name in _STRING_COLUMNS]
    fields.insert(5, pa.field("risk", pa.float64()))
    return pa.schema(fields)


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
        names = set(pf.schema_arrow.names)
        if "source" not in names:
            raise InputError(path, f"has no 'source' column (columns: {', '.join(sorted(names))})")
        tcol = next((n for n in ("target", "final", "mt") if n in names), None)
        if tcol is None:
            raise InputError(path, "has no 'target' column (nor 'final' or 'mt')")
        wanted = [n for n in (*_STRING_COLUMNS, "final", "risk") if n in names]
        return self._units(path, pf, wanted, tcol, ctx)

    @staticmethod
    def _units(path: Path, pf: Any, wanted: list[str], tcol: str, ctx: ReadContext) -> Iterator[BilingualUnit]:
        import pyarrow as pa

        number = 0
        try:
            for batch in pf.iter_batches(batch_size=_BATCH, columns=wanted):
                cols = {name: batch.column(name).to_pylist() for name in wanted}
                for i in range(batch.num_rows):
                    row = {k: v[i] for k, v in cols.items()}
                    number += 1
                    target = row.get(tcol)
                    if tcol == "final" and target is None:
                        target = row.get("mt")
                    if row["source"] is None or target is None:
                        raise InputError(path, f"row {number}: source or target is null")
                    risk = row.get("risk")
                    unit = BilingualUnit(
                        source=str(row["source"]), target=str(target),
                        id=None if row.get("id") is None else str(row["id"]), status=row.get("status"),
                        risk=None if risk is None else float(risk), reviewer=row.get("reviewer"),
                        mt=row.get("mt"), candidate=row.get("candidate"), decided_at=row.get("decided_at"),
                        line=number,
                    )
                    yield finish_unit(unit, ctx, number)
        except pa.ArrowException as err:
            raise InputError(path, f"cannot read Parquet data: {err}") from None
        if number == 0:
            raise InputError(path, "no rows to review (the table is empty)")

    def write_stream(self, fh: IO, units: Iterable[BilingualUnit], ctx: WriteContext, report: WriteReport) -> None:
        import pyarrow as pa
        import pyarrow.parquet as pq

        schema = _schema()
        rows: dict[str, list[Any]] = {name: [] for name in schema.names}

        def flush(writer: Any) -> None:
            writer.write_table(pa.Table.from_pydict(rows, schema=schema))
            for v in rows.values():
                v.clear()

        with pq.ParquetWriter(fh, schema, compression="zstd") as writer:
            for unit in units:
                rows["id"].append(None if unit.id is None else str(unit.id))
                rows["source"].append(unit.source)
                rows["target"].append(unit.target)
                rows["mt"].append(unit.mt)
                rows["status"].append(unit.status)
                rows["risk"].append(unit.risk)
                rows["reviewer"].append(unit.reviewer)
                rows["candidate"].append(unit.candidate)
                rows["decided_at"].append(unit.decided_at)
                report.units += 1
                if len(rows["source"]) >= _BATCH:
                    flush(writer)
            if rows["source"] or report.units == 0:
                flush(writer)
