"""`mtreview report` on compressed scores files, read as every other reader reads them (told by their first
bytes, the format by the name without the compression suffix). QA: ``report scores.jsonl.gz`` was refused as
"unknown scores format '.gz'"."""

from __future__ import annotations

import bz2
import gzip
import json
import lzma
from pathlib import Path

import pytest

from mtreview.cli import main

RECORDS = [{"id": i, "risk": r, "chrf": c, "flags": [{"name": "number", "detail": "2018 vs 2019"}] if i == 2 else []}
           for i, (r, c) in enumerate(((0.1, 71.0), (0.8, 32.5), (0.4, 55.0)), 1)]
JSONL = "".join(json.dumps(rec) + "\n" for rec in RECORDS).encode()


def _csv() -> bytes:
    import csv
    import io

    buf = io.StringIO()
    writer = csv.DictWriter(buf, ["id", "risk", "chrf", "flags"])
    writer.writeheader()
    writer.writerows({**r, "flags": json.dumps(r["flags"])} for r in RECORDS)
    return buf.getvalue().encode()


CSV = _csv()
COMPRESS = {".gz": gzip.compress, ".xz": lzma.compress, ".bz2": bz2.compress}


def report_json(path: Path, capsys: pytest.CaptureFixture[str], *extra: str) -> dict:
    assert main(["report", str(path), "--json", "--bootstrap", "20", *extra]) == 0, capsys.readouterr().err
    return json.loads(capsys.readouterr().out)


def comparable(rep: dict, name: str) -> dict:
    """The report but for the input's name (each input is a document named by its file name)."""
    kept = {k: v for k, v in rep.items() if k not in ("inputs", "title", "generated")}
    return json.loads(json.dumps(kept).replace(json.dumps(name)[1:-1], "NAME"))


@pytest.mark.parametrize("ext", list(COMPRESS))
@pytest.mark.parametrize("fmt", ["jsonl", "csv"])
def test_a_compressed_scores_file_reports_as_the_plain_one(tmp_path: Path, capsys: pytest.CaptureFixture[str],
                                                            ext: str, fmt: str) -> None:
    data = JSONL if fmt == "jsonl" else CSV
    plain = tmp_path / f"s.{fmt}"
    plain.write_bytes(data)
    packed = tmp_path / "packed" / f"s.{fmt}{ext}"
    packed.parent.mkdir()
    packed.write_bytes(COMPRESS[ext](data))
    want, got = report_json(plain, capsys), report_json(packed, capsys)
    assert got["segments"] == 3 and [w["id"] for w in got["worst"]][:1] == [2]
    assert comparable(got, packed.name) == comparable(want, plain.name)


def test_source_and_mt_may_be_compressed_too(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    scores = tmp_path / "s.jsonl.gz"
    scores.write_bytes(gzip.compress(JSONL))
    src, mt = tmp_path / "src.ru.xz", tmp_path / "mt.en.bz2"
    src.write_bytes(lzma.compress("Раз.\nФлот ушёл в 2018 году.\nТри.\n".encode()))
    mt.write_bytes(bz2.compress(b"One.\nThe fleet left in 2019.\nThree.\n"))
    assert main(["report", str(scores), "--source", str(src), "--mt", str(mt), "--format", "markdown",
                 "--bootstrap", "20"]) == 0
    out = capsys.readouterr().out
    assert "The fleet left in 2019." in out and "Флот ушёл в 2018 году." in out


def test_a_compressed_parquet_is_refused_as_import_refuses_it(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    import pandas as pd

    plain = tmp_path / "s.parquet"
    pd.DataFrame([{k: v for k, v in r.items() if k != "flags"} for r in RECORDS]).to_parquet(plain)
    packed = tmp_path / "s.parquet.gz"
    packed.write_bytes(gzip.compress(plain.read_bytes()))
    assert main(["report", str(packed), "--json"]) == 2
    err = capsys.readouterr().err
    assert err.count("\n") == 1
    assert f"{packed}:1: gzip-compressed: a compressed Parquet file" in err and f"gunzip -k {packed}" in err


def test_zstd_is_refused_with_the_command_that_unpacks_it(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    packed = tmp_path / "s.jsonl.zst"
    packed.write_bytes(b"\x28\xb5\x2f\xfd" + b"\x00" * 20)
    assert main(["report", str(packed), "--json"]) == 2
    err = capsys.readouterr().err
    assert f"{packed}:1: zstd-compressed" in err and f"unzstd {packed}" in err


def test_a_truncated_compressed_scores_file_is_one_line(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    packed = tmp_path / "s.jsonl.gz"
    packed.write_bytes(gzip.compress(JSONL * 200)[:-40])
    assert main(["report", str(packed), "--json"]) == 2
    err = capsys.readouterr().err
    assert err.count("\n") == 1 and f"{packed}:" in err and "truncated gzip stream" in err
