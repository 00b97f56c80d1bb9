"""Compressed files mtreview cannot read (zstd, ZIP, 7-Zip; a compressed Parquet; a compressed original for
export --into) are refused on one line that says what the file is and how to unpack it: before, a legacy
--encoding scored the compressed bytes as text (exit 0), and without one the advice was to pass --encoding
cp1251. (gzip, xz and bzip2 are read: tests/test_compressed_reading.py.)"""

from __future__ import annotations

import gzip
from pathlib import Path

import pytest
from test_compressed_reading import one_line_error

from mtreview.cli import main
from mtreview.compressed import compression_of

SRC = "".join(f"Строка номер {i} здесь.\n" for i in range(200))
MT = "".join(f"Line number {i} here.\n" for i in range(200))
ZSTD = b"\x28\xb5\x2f\xfd\x24\x05\x29\x00\x00hello"  # a zstd frame's start: no stdlib reader


@pytest.fixture
def pair(tmp_path: Path) -> tuple[Path, Path]:
    src, mt = tmp_path / "s.ru", tmp_path / "m.en.zst"
    src.write_text(SRC, encoding="utf-8")
    mt.write_bytes(ZSTD)
    return src, mt


def test_score_with_a_legacy_encoding_refuses_a_zstd_file_instead_of_scoring_its_bytes(
        tmp_path: Path, pair: tuple[Path, Path], capsys: pytest.CaptureFixture[str]) -> None:
    out = tmp_path / "o.jsonl"
    for mode in (["--aligned"], []):
        code = main(["score", *map(str, pair), "-s", "ru", "-t", "en", *mode, "--no-retranslate",
                     "--encoding", "latin-1", "-o", str(out), "--workers", "1"])
        one_line_error(capsys, code, "m.en.zst:1: zstd-compressed", "gzip, xz and bzip2", "unzstd")
        assert not out.exists()


def test_import_refuses_a_zstd_file_by_name_and_with_format(tmp_path: Path, pair: tuple[Path, Path],
                                                          capsys: pytest.CaptureFixture[str]) -> None:
    tmx = tmp_path / "m.tmx.zst"
    tmx.write_bytes(ZSTD)
    for args in ([str(tmx)], [str(tmx), "-f", "tmx"], [str(pair[1]), "-f", "jsonl"], [*map(str, pair), "--aligned"]):
        code = main(["import", *args, "-s", "ru", "-t", "en", "-o", str(tmp_path / "p.mtr")])
        one_line_error(capsys, code, "zst:1: zstd-compressed")
        assert not (tmp_path / "p.mtr").exists()


@pytest.mark.parametrize(("head", "said"), [(ZSTD, "zstd-compressed"), (b"PK\x03\x04" + bytes(40), "a ZIP archive"),
                                            (b"7z\xbc\xaf\x27\x1c" + bytes(40), "a 7-Zip archive")])
def test_segment_names_the_compression_it_does_not_read(tmp_path: Path, capsys: pytest.CaptureFixture[str],
                                                        head: bytes, said: str) -> None:
    doc = tmp_path / "doc.ru.z"
    doc.write_bytes(head)
    one_line_error(capsys, main(["segment", str(doc), "-l", "ru"]), f"doc.ru.z:1: {said}")


@pytest.mark.parametrize("name", ["t.parquet.gz", "t.gz"])
def test_a_compressed_parquet_file_is_refused_by_name_or_by_its_content(
        tmp_path: Path, capsys: pytest.CaptureFixture[str], name: str) -> None:
    import pyarrow as pa
    import pyarrow.parquet as pq

    plain = tmp_path / "t.parquet"
    pq.write_table(pa.table({"source": ["Строка."], "target": ["Line."]}), plain)
    packed = tmp_path / name
    packed.write_bytes(gzip.compress(plain.read_bytes()))
    code = main(["import", str(packed), "-s", "ru", "-t", "en", "-o", str(tmp_path / "p.mtr")])
    one_line_error(capsys, code, f"{name}:1: gzip-compressed: a compressed Parquet file", f"gunzip -k {packed}")
    assert not (tmp_path / "p.mtr").exists()


def test_export_into_a_compressed_original_is_refused(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    body = "".join(f'<tu><tuv xml:lang="ru"><seg>Строка {i}.</seg></tuv><tuv xml:lang="en"><seg>Line {i}.</seg>'
                   "</tuv></tu>" for i in range(3))
    tmx = tmp_path / "m.tmx.gz"
    tmx.write_bytes(gzip.compress(f'<?xml version="1.0"?><tmx version="1.4"><header srclang="ru"/><body>{body}'
                                  "</body></tmx>".encode()))
    project, out = tmp_path / "p.mtr", tmp_path / "out.tmx"
    assert main(["import", str(tmx), "-s", "ru", "-t", "en", "-o", str(project)]) == 0
    capsys.readouterr()
    code = main(["export", str(project), "--into", str(tmx), "-o", str(out)])
    one_line_error(capsys, code, "m.tmx.gz:1: gzip-compressed: --into", "uncompressed", f"gunzip -k {tmx}")
    assert sorted(p.name for p in tmp_path.iterdir()) == ["m.tmx.gz", "p.mtr"]


def test_plain_text_that_starts_like_a_signature_is_text() -> None:
    # "BZh" alone is a word's start (bzip2 needs its block magic after it); text never starts with 0x1f 0x8b
    assert compression_of(b"BZh, said he") is None
    assert compression_of("PKW зарплата".encode()) is None
    assert compression_of(b"BZh91AY&SY") == ("bzip2-compressed", "bunzip2 -k {name}")


def test_score_help_says_what_input_it_reads(capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["score", "--help"]) == 0
    out = " ".join(capsys.readouterr().out.split())
    assert "uncompressed or gzip, xz or bzip2-compressed" in out and "files rather than pipes" in out
