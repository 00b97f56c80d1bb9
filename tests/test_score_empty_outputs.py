"""score on inputs without segments writes outputs a script can read like any other shard's: a CSV with the
header a run with segments writes, a Parquet file with the same columns and types (QA: a 0-byte CSV that
pandas.read_csv refuses, and a Parquet file of one "id" column)."""

from __future__ import annotations

from pathlib import Path

import pandas as pd
import pyarrow.parquet as pq
import pytest

from mtreview.cli import main


def _score(tmp_path: Path, name: str, lines: int, out: str, reference: bool = False) -> Path:
    """Score ``lines`` aligned segments (0: empty files) into ``out``; the output's path."""
    folder = tmp_path / name
    folder.mkdir()
    src, mt, ref = folder / "s.txt", folder / "m.txt", folder / "r.txt"
    src.write_text("".join(f"Строка номер {i}.\n" for i in range(lines)), encoding="utf-8")
    mt.write_text("".join(f"Line number {i}.\n" for i in range(lines)), encoding="utf-8")
    ref.write_text("".join(f"Line {i}.\n" for i in range(lines)), encoding="utf-8")
    args = ["score", str(src), str(mt), "--aligned", "-s", "ru", "-t", "en", "--no-retranslate",
            "-o", str(folder / out)]
    if reference:
        args += ["--reference", str(ref)]
    assert main(args) == 0
    return folder / out


@pytest.mark.parametrize("reference", [False, True])
def test_an_empty_csv_has_the_header_of_a_run_with_segments(tmp_path: Path, reference: bool) -> None:
    empty = _score(tmp_path, "empty", 0, "out.csv", reference)
    full = _score(tmp_path, "full", 2, "out.csv", reference)
    header = full.read_text(encoding="utf-8").splitlines()[0]
    assert empty.read_text(encoding="utf-8") == header + "\n"
    frame = pd.read_csv(empty)  # raised EmptyDataError on the 0-byte file
    assert len(frame) == 0 and list(frame.columns) == header.split(",")
    assert any(c.startswith("ref_") for c in frame.columns) == reference


def test_an_empty_compressed_csv_has_its_header_too(tmp_path: Path) -> None:
    empty = _score(tmp_path, "empty", 0, "out.csv.gz")
    full = _score(tmp_path, "full", 1, "out.csv")
    assert list(pd.read_csv(empty).columns) == list(pd.read_csv(full).columns)


def test_an_empty_parquet_file_has_the_columns_of_a_run_with_segments(tmp_path: Path) -> None:
    empty = _score(tmp_path, "empty", 0, "out.parquet")
    full = _score(tmp_path, "full", 2, "out.parquet")
    assert pq.read_table(empty).num_rows == 0
    assert pq.read_schema(empty).equals(pq.read_schema(full))
    # shards concatenate: the empty one adds nothing and breaks nothing
    both = pd.concat([pd.read_parquet(full), pd.read_parquet(empty)])
    assert len(both) == 2


def test_an_empty_jsonl_file_stays_empty(tmp_path: Path) -> None:
    assert _score(tmp_path, "empty", 0, "out.jsonl").read_bytes() == b""


@pytest.mark.parametrize("lines", [0, 2])
def test_a_summary_always_has_the_risk_keys(tmp_path: Path, lines: int) -> None:
    # QA: an empty run's summary had no "risk" at all, so summary["risk"]["mean"] was a KeyError in a script
    import json

    out = _score(tmp_path, f"n{lines}", lines, "out.jsonl")
    assert main(["score", str(out.parent / "s.txt"), str(out.parent / "m.txt"), "--aligned", "-s", "ru", "-t", "en",
                 "--no-retranslate", "-o", str(out), "--summary", str(tmp_path / f"s{lines}.json")]) == 0
    risk = json.loads((tmp_path / f"s{lines}.json").read_text(encoding="utf-8"))["risk"]
    assert set(risk) == {"mean", "median", "above_0.5"}
    records = [json.loads(line) for line in out.read_text(encoding="utf-8").splitlines()]
    risks = [r["risk"] for r in records if r["risk"] is not None]
    assert risk["mean"] == (pytest.approx(sum(risks) / len(risks), abs=1e-12) if risks else None)
    assert risk["above_0.5"] == sum(r > 0.5 for r in risks)
