"""`score -o scores.jsonl.gz` (.csv.xz, .jsonl.bz2) writes the records compressed as the name says, as they
are scored (the streamed writer, through a temporary file renamed into place), and `report` reads them back.
Before, the compression suffix hid the format and the run was refused: "unknown output format"."""

from __future__ import annotations

import bz2
import csv
import errno
import gzip
import io
import json
import lzma
from pathlib import Path

import pytest

import mtreview.batch.writers as writers
from mtreview.cli import main
from mtreview.errors import MtReviewError

MAGIC = {".gz": b"\x1f\x8b", ".xz": b"\xfd7zXZ\x00", ".bz2": b"BZh"}
OPEN = {".gz": gzip.decompress, ".xz": lzma.decompress, ".bz2": bz2.decompress}
RECORDS = [{"id": i, "risk": 0.5, "bleu": 30.0, "flags": []} for i in range(1, 4)]


def _plain(path: Path) -> str:
    data, suffix = path.read_bytes(), path.suffix.lower()
    assert data.startswith(MAGIC[suffix]), f"{path.name} is not {suffix}-compressed: {data[:20]!r}"
    return OPEN[suffix](data).decode("utf-8")


@pytest.fixture
def pair(write) -> tuple[Path, Path]:  # noqa: ANN001
    src = write("in/s.ru", "Привет, мир.\nКак дела?\nЭто 5 кошек.\n")
    mt = write("in/m.en", "Hello, world.\nHow are you?\nThese are 6 cats.\n")
    return src, mt


def _score(pair: tuple[Path, Path], *extra: str) -> int:
    return main(["score", str(pair[0]), str(pair[1]), "--aligned", "-s", "ru", "-t", "en", "--no-retranslate",
                 "--workers", "1", *extra])


@pytest.mark.parametrize("name", ["s.jsonl.gz", "s.csv.xz", "s.jsonl.bz2", "S.CSV.GZ"])
def test_score_writes_the_records_compressed(pair: tuple[Path, Path], tmp_path: Path, capsys, name: str) -> None:
    out_dir = tmp_path / "out"
    out_dir.mkdir()
    plain = out_dir / ("plain" + Path(name).with_suffix("").suffix.lower())
    assert _score(pair, "-o", str(plain)) == 0
    out = out_dir / name
    assert _score(pair, "-o", str(out)) == 0
    assert capsys.readouterr().err.strip().endswith(f"-> {out}")
    # the same records as the plain file, byte for byte once decompressed; no temporary file left beside it
    assert _plain(out) == plain.read_text(encoding="utf-8")
    assert sorted(p.name for p in out_dir.iterdir()) == sorted([plain.name, name])
    if ".csv" in name.lower():
        rows = list(csv.DictReader(io.StringIO(_plain(out), newline="")))
        assert [r["id"] for r in rows] == ["1", "2", "3"]
    else:
        assert [json.loads(x)["id"] for x in _plain(out).splitlines()] == [1, 2, 3]


def test_a_project_scored_to_a_compressed_file(pair: tuple[Path, Path], tmp_path: Path, capsys) -> None:
    project = tmp_path / "p.mtr"
    assert main(["import", str(pair[0]), str(pair[1]), "-s", "ru", "-t", "en", "--aligned", "-o", str(project)]) == 0
    out = tmp_path / "p.jsonl.gz"
    assert main(["score", str(project), "--no-retranslate", "--workers", "1", "-o", str(out)]) == 0
    assert [json.loads(x)["id"] for x in _plain(out).splitlines()] == [1, 2, 3]


def test_score_to_jsonl_gz_then_report(pair: tuple[Path, Path], tmp_path: Path, capsys) -> None:
    plain, packed = tmp_path / "s.jsonl", tmp_path / "s.jsonl.gz"
    assert _score(pair, "-o", str(plain)) == 0 and _score(pair, "-o", str(packed)) == 0
    reports = []
    for scores in (plain, packed):
        out = tmp_path / f"{scores.name}.report.json"
        assert main(["report", str(scores), "--bootstrap", "50", "-o", str(out)]) == 0
        reports.append(json.loads(out.read_text(encoding="utf-8")))
    assert reports[0]["segments"] == reports[1]["segments"] == 3
    # the same segments, risks and flags (each named after its own file)
    plain_worst, packed_worst = ([{k: v for k, v in w.items() if k != "doc"} for w in r["worst"]] for r in reports)
    assert packed_worst == plain_worst and [w["id"] for w in packed_worst] == [3, 2, 1]
    assert [w["doc"] for w in reports[1]["worst"]] == ["s.jsonl.gz"] * 3
    assert reports[1]["flags"] == reports[0]["flags"]


@pytest.mark.parametrize("name,says", [
    ("s.parquet.gz", "Parquet compresses its own columns"),
    ("s.jsonl.zst", "zstd compression, which mtreview does not write"),
    ("s.txt.gz", "unknown output format")])
def test_names_that_cannot_be_written_are_refused_before_any_work(pair: tuple[Path, Path], tmp_path: Path,
                                                                  capsys, name: str, says: str) -> None:
    out_dir = tmp_path / "out"
    out_dir.mkdir()
    out = out_dir / name
    assert _score(pair, "-o", str(out)) == 2
    err = capsys.readouterr().err.strip()
    assert err.startswith(f"mtreview: error: {out}: ") and says in err and "\n" not in err
    assert list(out_dir.iterdir()) == []


def test_streamed_chunk_by_chunk_and_an_interrupted_write_leaves_nothing(tmp_path: Path) -> None:
    out = tmp_path / "s.jsonl.xz"
    with writers.RecordWriter(out) as w:
        for record in RECORDS:  # one chunk at a time, as the scoring loop writes them
            w.write([record])
    assert [json.loads(x) for x in _plain(out).splitlines()] == RECORDS
    with pytest.raises(RuntimeError), writers.RecordWriter(out) as w:
        w.write(RECORDS[:1])
        raise RuntimeError("killed")
    assert [p.name for p in tmp_path.iterdir()] == ["s.jsonl.xz"]  # the old file kept, no temporary file
    assert [json.loads(x) for x in _plain(out).splitlines()] == RECORDS


def test_a_failed_final_flush_of_a_compressed_file_leaves_none(tmp_path: Path,
                                                               monkeypatch: pytest.MonkeyPatch) -> None:
    def no_space(*_args: object) -> None:
        raise OSError(errno.ENOSPC, "No space left on device")

    monkeypatch.setattr(writers.os, "fsync", no_space)
    out = tmp_path / "s.csv.gz"
    with pytest.raises(MtReviewError) as info, writers.RecordWriter(out) as w:
        w.write(RECORDS)
    assert str(info.value) == f"{out}: cannot write: No space left on device"
    assert list(tmp_path.iterdir()) == []


@pytest.mark.parametrize("name", ["sum.json.gz", "sum.json.xz", "sum.json.bz2"])
def test_the_summary_is_compressed_as_named_and_report_reads_it(pair: tuple[Path, Path], tmp_path: Path, capsys,
                                                                name: str) -> None:
    # before: plain JSON under the .gz name (gunzip refused it)
    summary, scores = tmp_path / name, tmp_path / "s.jsonl"
    assert _score(pair, "-o", str(scores), "--summary", str(summary)) == 0
    data = json.loads(_plain(summary))
    assert data["segments"] == 3 and data["source_lang"] == "ru"
    assert sorted(p.name for p in tmp_path.iterdir()) == sorted(["in", "s.jsonl", name])
    out = tmp_path / "r.json"
    assert main(["report", str(scores), "--summary", str(summary), "--bootstrap", "50", "-o", str(out)]) == 0
    assert json.loads(out.read_text(encoding="utf-8"))["segments"] == 3


def test_a_summary_named_for_a_compression_not_written_is_refused(pair: tuple[Path, Path], tmp_path: Path,
                                                                  capsys) -> None:
    summary, scores = tmp_path / "sum.json.zst", tmp_path / "s.jsonl"
    assert _score(pair, "-o", str(scores), "--summary", str(summary)) == 2
    err = capsys.readouterr().err.strip()
    assert err == (f"mtreview: error: {summary}: the name asks for zstd compression, which mtreview does not "
                   "write; name it .gz (gzip), .xz or .bz2, or leave the compression suffix out")
    assert not summary.exists() and not scores.exists()  # refused before any work


@pytest.mark.parametrize("suffix", [".gz", ".xz", ".bz2"])
def test_the_same_records_compressed_twice_are_the_same_bytes(pair, tmp_path: Path, suffix: str,
                                                              monkeypatch) -> None:  # noqa: ANN001
    """No time in a gzip header (as `gzip -n`): a checksum of the output tells an unchanged corpus."""
    import time

    out = tmp_path / f"s.jsonl{suffix}"
    assert _score(pair, "-o", str(out)) == 0
    first = out.read_bytes()
    real = time.time
    monkeypatch.setattr(time, "time", lambda: real() + 3600)  # an hour later, as gzip's header would say
    assert _score(pair, "-o", str(out)) == 0
    assert out.read_bytes() == first
    if suffix == ".gz":
        assert first[4:8] == b"\0\0\0\0"  # MTIME: none
