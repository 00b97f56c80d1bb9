"""report shows a progress bar while it reads a large scores file, at a terminal (QA: 500,000 records were
read for 20 s with nothing on the screen); small files and pipes get none."""

from __future__ import annotations

import gzip
import json
from pathlib import Path

import pytest

from mtreview.report import build
from mtreview.report.build import build_report


def _scores(path: Path, n: int) -> Path:
    text = "".join(json.dumps({"id": i, "risk": (i % 10) / 10, "chrf": 50.0, "flags": []}) + "\n"
                   for i in range(1, n + 1))
    if path.suffix == ".gz":
        path.write_bytes(gzip.compress(text.encode("utf-8")))
    else:
        path.write_text(text, encoding="utf-8")
    return path


def test_a_large_scores_file_is_read_with_a_bar(tmp_path: Path, monkeypatch: pytest.MonkeyPatch,
                                                capsys: pytest.CaptureFixture[str]) -> None:
    monkeypatch.setattr(build, "PROGRESS_RECORDS", 100)
    report = build_report([_scores(tmp_path / "s.jsonl", 5000)], n_bootstrap=10, progress=True)
    assert report["segments"] == 5000
    final = capsys.readouterr().err.split("\r")[-1]  # the line the bar ends on
    assert "reading s.jsonl" in final and "5000/5000 records" in final and "100%" in final


def test_a_parquet_file_counts_its_rows_for_the_bar(tmp_path: Path, monkeypatch: pytest.MonkeyPatch,
                                                    capsys: pytest.CaptureFixture[str]) -> None:
    import pyarrow as pa
    import pyarrow.parquet as pq

    monkeypatch.setattr(build, "PROGRESS_RECORDS", 100)
    path = tmp_path / "s.parquet"
    pq.write_table(pa.table({"id": list(range(1, 3001)), "risk": [0.25] * 3000}), path, row_group_size=500)
    build_report([path], n_bootstrap=10, progress=True)
    assert "3000/3000 records" in capsys.readouterr().err.split("\r")[-1]


def test_a_small_file_gets_no_bar(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    build_report([_scores(tmp_path / "s.jsonl", 500)], n_bootstrap=10, progress=True)
    assert capsys.readouterr().err == ""


def test_a_large_compressed_file_gets_a_bar_without_a_count(tmp_path: Path, monkeypatch: pytest.MonkeyPatch,
                                                             capsys: pytest.CaptureFixture[str]) -> None:
    monkeypatch.setattr(build, "PROGRESS_RECORDS", 1)  # any file of 100 bytes or more
    build_report([_scores(tmp_path / "s.jsonl.gz", 4000)], n_bootstrap=10, progress=True)
    final = capsys.readouterr().err.split("\r")[-1]
    # no total to show a share of, nor a time left ("-:--:--" before)
    assert "reading s.jsonl.gz" in final and "4000 records" in final and "ETA" not in final


def test_no_bar_unless_asked(tmp_path: Path, monkeypatch: pytest.MonkeyPatch,
                             capsys: pytest.CaptureFixture[str]) -> None:
    monkeypatch.setattr(build, "PROGRESS_RECORDS", 100)
    build_report([_scores(tmp_path / "s.jsonl", 5000)], n_bootstrap=10)
    assert capsys.readouterr().err == ""
