"""A scores file (CSV, Parquet) with a column the report reads given twice is refused naming the file and
the column, exit 2 (QA, fuzzing: a second 'risk' column silently replaced the first in every record)."""

from __future__ import annotations

from pathlib import Path

import pyarrow as pa
import pyarrow.parquet as pq
import pytest

from mtreview.cli import main


def _report(path: Path, out: Path) -> int:
    return main(["report", str(path), "--json", "-o", str(out)])


def test_a_csv_column_given_twice_is_refused(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    path, out = tmp_path / "s.csv", tmp_path / "r.json"
    path.write_text("id,risk,bleu,risk\n1,0.5,40,0.2\n2,0.1,60,0.9\n", encoding="utf-8")
    assert _report(path, out) == 2
    assert capsys.readouterr().err == (f"mtreview: error: {path}:1: has 2 columns named 'risk': keep one "
                                       "(rename or drop the others)\n")
    assert not out.exists()


def test_a_parquet_column_given_twice_is_refused(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    path, out = tmp_path / "s.parquet", tmp_path / "r.json"
    columns = [pa.array([1, 2]), pa.array([0.5, 0.1]), pa.array([40.0, 60.0]), pa.array([30.0, 20.0])]
    pq.write_table(pa.Table.from_arrays(columns, names=["id", "risk", "ref_bleu", "ref_bleu"]), path)
    assert _report(path, out) == 2
    assert capsys.readouterr().err == (f"mtreview: error: {path}: has 2 columns named 'ref_bleu': keep one "
                                       "(rename or drop the others)\n")
    assert not out.exists()


def test_other_columns_may_repeat(tmp_path: Path) -> None:
    path, out = tmp_path / "s.csv", tmp_path / "r.json"
    path.write_text("id,risk,bleu,extra,extra\n1,0.5,40,a,b\n", encoding="utf-8")
    assert _report(path, out) == 0
