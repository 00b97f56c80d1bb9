"""Parquet export's schema does not depend on the rows: an export that keeps no segment has the same column
types as one that keeps some (QA: `id` was a string column when empty, int64 otherwise, and
pyarrow.concat_tables of daily exports failed)."""

from __future__ import annotations

from pathlib import Path

import pyarrow as pa
import pyarrow.parquet as pq
from fixtures_corpus import accepted_project

from mtreview.cli import main
from mtreview.store import Project


def test_an_empty_export_has_the_same_schema(tmp_path: Path) -> None:
    proj = accepted_project(tmp_path, [("Да", "Yes"), ("Нет", "No")])
    full, empty = tmp_path / "full.parquet", tmp_path / "empty.parquet"
    assert main(["export", str(proj), "-o", str(full)]) == 0
    with Project.open(proj) as p:
        for seg in p.segments():
            p.decide(seg.id, "reject", reviewer="ann")
    assert main(["export", str(proj), "-o", str(empty)]) == 0
    tables = [pq.read_table(full), pq.read_table(empty)]
    assert tables[1].num_rows == 0
    assert tables[1].schema == tables[0].schema
    assert tables[0].schema.field("id").type == pa.int64()
    assert pa.concat_tables(tables).num_rows == 2
