"""Corpus-producer QA: Parquet files from other writers (Polars, newer Arrow) import as text."""

from __future__ import annotations

from pathlib import Path

import pyarrow as pa
import pyarrow.parquet as pq

from mtreview.cli import main
from mtreview.store import Project


def test_string_view_columns_import_as_text(tmp_path: Path) -> None:
    view = pa.string_view()
    table = pa.table({
        "source": pa.array(["Привет", "Да"], view),
        "target": pa.array(["Hi", "Yes\tno"], view),
        "notes": pa.array([["a note"], []], pa.list_(view)),
        "reviewer": pa.array(["anna", None], view),
    })
    path = tmp_path / "polars.parquet"
    pq.write_table(table, path)
    assert pq.read_schema(path).field("source").type == view  # what the reader is given
    out = tmp_path / "p.mtr"
    assert main(["import", str(path), "-s", "ru", "-t", "en", "-o", str(out)]) == 0
    with Project.open(out) as proj:
        assert [(s.source_text, s.mt_text) for s in proj.segments()] == [("Привет", "Hi"), ("Да", "Yes\tno")]


def test_a_binary_column_is_still_refused(tmp_path: Path, capsys) -> None:  # noqa: ANN001
    path = tmp_path / "bytes.parquet"
    pq.write_table(pa.table({"source": pa.array([b"a"], pa.binary_view()), "target": pa.array(["b"])}), path)
    assert main(["import", str(path), "-s", "ru", "-t", "en", "-o", str(tmp_path / "p.mtr")]) == 2
    err = capsys.readouterr().err
    assert err.startswith("mtreview: error: ") and "column 'source' holds binary_view" in err
