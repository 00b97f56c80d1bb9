"""Streaming writers: chunks in, one complete file out (JSONL, CSV, Parquet), never a partial one."""

from __future__ import annotations

import csv
import json

import pyarrow.parquet as pq
import pytest

from mtreview.batch.writers import RecordWriter
from mtreview.errors import UsageError

CHUNKS = [
    [{"id": 1, "risk": 0.5, "chrf": 40.0, "flags": [], "diff": [[0, 3, "sub"]]},
     {"id": 2, "risk": None, "chrf": 55.5, "flags": [], "diff": []}],
    [{"id": 3, "risk": 0.9, "chrf": 10,
      "flags": [{"name": "numbers", "detail": "8 ≠ 9, \"quoted\"", "severity": 1.0}]}],
]
ALL = [r for c in CHUNKS for r in c]


def _write(path):
    with RecordWriter(path) as w:
        for chunk in CHUNKS:
            w.write(chunk)
    return w


def test_jsonl(tmp_path):
    w = _write(tmp_path / "s.jsonl")
    assert w.count == 3
    lines = (tmp_path / "s.jsonl").read_text(encoding="utf-8").splitlines()
    assert [json.loads(x) for x in lines] == ALL


def test_csv_flags_as_json_text(tmp_path):
    _write(tmp_path / "s.csv")
    with open(tmp_path / "s.csv", encoding="utf-8", newline="") as fh:
        rows = list(csv.DictReader(fh))
    assert [r["id"] for r in rows] == ["1", "2", "3"]
    assert rows[1]["risk"] == ""
    assert json.loads(rows[2]["flags"]) == CHUNKS[1][0]["flags"]


def test_parquet_types_hold_across_chunks(tmp_path):
    """The first chunk has no flags and a missing risk; the schema still takes the later chunk."""
    _write(tmp_path / "s.parquet")
    table = pq.read_table(tmp_path / "s.parquet")
    assert str(table.schema.field("id").type) == "int64"
    assert str(table.schema.field("chrf").type) == "double"
    rows = table.to_pylist()
    assert rows[2]["flags"] == CHUNKS[1][0]["flags"] and rows[2]["chrf"] == 10.0 and rows[1]["risk"] is None
    assert json.loads(rows[0]["diff"]) == [[0, 3, "sub"]]  # mixed-type lists are kept as JSON text
    assert rows[2]["diff"] is None


def test_parquet_integers_are_integer_columns(tmp_path):
    """n_pseudo and closest_pseudo were written as double; closest_pseudo is null in the whole first chunk,
    and a metric whole in the first chunk (TER 50) stays double for a later 50.5."""
    import pandas as pd

    chunks = [[{"id": 1, "ter": 50, "n_pseudo": 0, "closest_pseudo": None},
               {"id": 2, "ter": 0, "n_pseudo": 0, "closest_pseudo": None}],
              [{"id": 3, "ter": 50.5, "n_pseudo": 2, "closest_pseudo": 1}]]
    with RecordWriter(tmp_path / "s.parquet") as w:
        for chunk in chunks:
            w.write(chunk)
    schema = pq.read_schema(tmp_path / "s.parquet")
    assert {n: str(schema.field(n).type) for n in ("id", "n_pseudo", "closest_pseudo", "ter")} == {
        "id": "int64", "n_pseudo": "int64", "closest_pseudo": "int64", "ter": "double"}
    frame = pd.read_parquet(tmp_path / "s.parquet")
    assert str(frame["n_pseudo"].dtype) == "int64" and frame["n_pseudo"].tolist() == [0, 0, 2]
    nullable = pd.read_parquet(tmp_path / "s.parquet", dtype_backend="numpy_nullable")
    assert str(nullable["closest_pseudo"].dtype) == "Int64"
    assert nullable["closest_pseudo"].isna().tolist() == [True, True, False] and nullable["closest_pseudo"][2] == 1

def test_interrupted_write_leaves_nothing(tmp_path):
    out = tmp_path / "s.jsonl"
    with pytest.raises(RuntimeError), RecordWriter(out) as w:
        w.write(CHUNKS[0])
        raise RuntimeError("killed")
    assert not out.exists()
    assert list(tmp_path.iterdir()) == []  # no temporary file left behind either


def test_bad_names(tmp_path):
    with pytest.raises(UsageError, match="unknown output format"):
        RecordWriter(tmp_path / "s.xlsx")
    with pytest.raises(UsageError, match="does not exist"):
        RecordWriter(tmp_path / "nope" / "s.jsonl")


def test_stdout(capsys):
    with RecordWriter("-") as w:
        w.write(CHUNKS[0])
    assert [json.loads(x) for x in capsys.readouterr().out.splitlines()] == CHUNKS[0]
