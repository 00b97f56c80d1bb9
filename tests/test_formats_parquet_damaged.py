"""Damaged or ambiguous Parquet files given to `import` are one line naming the file, exit 2, no project
(QA, fuzzing: a damaged page said "cannot write the output: Couldn't deserialize thrift" without the file
name; a column the file has twice was a KeyError traceback)."""

from __future__ import annotations

from pathlib import Path

import pyarrow as pa
import pyarrow.parquet as pq

from mtreview.cli import main


def _import(path: Path, out: Path) -> int:
    return main(["import", str(path), "-s", "ru", "-t", "en", "-o", str(out)])


def test_a_damaged_page_names_the_file(tmp_path: Path, capsys) -> None:
    path = tmp_path / "pairs.parquet"
    pq.write_table(pa.table({"source": ["Да", "Нет"], "target": ["Yes", "No"]}), path, compression="none")
    data = bytearray(path.read_bytes())
    data[4:12] = b"\xff" * 8  # the first page header, right after the magic "PAR1"; the footer stays readable
    path.write_bytes(bytes(data))
    out = tmp_path / "p.mtr"
    assert _import(path, out) == 2
    err = capsys.readouterr().err.strip()
    assert len(err.splitlines()) == 1
    assert err.startswith(f"mtreview: error: {path}: a damaged Parquet file")
    assert "cannot write the output" not in err
    assert not out.exists()


def test_a_column_given_twice_is_refused(tmp_path: Path, capsys) -> None:
    path = tmp_path / "pairs.parquet"
    columns = [pa.array(["Да"]), pa.array(["Yes"]), pa.array(["2026-01-01T00:00:00Z"]), pa.array(["x"])]
    pq.write_table(pa.Table.from_arrays(columns, names=["source", "target", "decided_at", "decided_at"]), path)
    out = tmp_path / "p.mtr"
    assert _import(path, out) == 2
    err = capsys.readouterr().err.strip()
    assert err == f"mtreview: error: {path}: has 2 columns named 'decided_at': keep one (rename or drop the others)"
    assert not out.exists()


def test_a_column_it_does_not_read_may_be_given_twice(tmp_path: Path) -> None:
    path = tmp_path / "pairs.parquet"
    columns = [pa.array(["Да"]), pa.array(["Yes"]), pa.array([1]), pa.array([2])]
    pq.write_table(pa.Table.from_arrays(columns, names=["source", "target", "junk", "junk"]), path)
    assert _import(path, tmp_path / "p.mtr") == 0
