"""Compressed input files (a corpus's .gz, .xz, .bz2, .zst) are refused on one line that says what the file
is and how to unpack it, by every reader: before, a legacy --encoding scored the compressed bytes as text
(exit 0), and without one the advice was to pass --encoding cp1251."""

from __future__ import annotations

import bz2
import gzip
import lzma
from pathlib import Path

import pytest

from mtreview.cli import main
from mtreview.compressed import compression_of

SRC = "".join(f"Строка номер {i} здесь.\n" for i in range(200))
MT = "".join(f"Line number {i} here.\n" for i in range(200))


def one_line_error(capsys: pytest.CaptureFixture[str], code: int, *needles: str) -> None:
    err = capsys.readouterr().err
    assert code == 2, err
    assert "Traceback" not in err
    last = err.strip().splitlines()[-1]
    for needle in needles:
        assert needle in last, (needle, err)


@pytest.fixture
def pair(tmp_path: Path) -> tuple[Path, Path]:
    src, mt = tmp_path / "s.ru", tmp_path / "m.en.gz"
    src.write_text(SRC, encoding="utf-8")
    mt.write_bytes(gzip.compress(MT.encode()))
    return src, mt


def test_score_with_a_legacy_encoding_refuses_a_gzip_file_instead_of_scoring_its_bytes(
        tmp_path: Path, pair: tuple[Path, Path], capsys: pytest.CaptureFixture[str]) -> None:
    out = tmp_path / "o.jsonl"
    for mode in (["--aligned"], []):
        code = main(["score", *map(str, pair), "-s", "ru", "-t", "en", *mode, "--no-retranslate",
                     "--encoding", "latin-1", "-o", str(out), "--workers", "1"])
        one_line_error(capsys, code, "m.en.gz:1: gzip-compressed", "gunzip -k")
        assert not out.exists()


def test_import_refuses_a_gzip_file_by_name_and_with_format(tmp_path: Path, pair: tuple[Path, Path],
                                                          capsys: pytest.CaptureFixture[str]) -> None:
    tmx = tmp_path / "m.tmx.gz"
    tmx.write_bytes(gzip.compress(b'<?xml version="1.0"?><tmx version="1.4"><body/></tmx>'))
    for args in ([str(tmx)], [str(tmx), "-f", "tmx"], [str(pair[1]), "-f", "jsonl"], [*map(str, pair), "--aligned"]):
        code = main(["import", *args, "-s", "ru", "-t", "en", "-o", str(tmp_path / "p.mtr")])
        one_line_error(capsys, code, "gz:1: gzip-compressed")
        assert not (tmp_path / "p.mtr").exists()


@pytest.mark.parametrize(("compress", "said"), [(gzip.compress, "gzip"), (bz2.compress, "bzip2"),
                                                (lzma.compress, "xz")])
def test_segment_names_the_compression(tmp_path: Path, capsys: pytest.CaptureFixture[str], compress, said: str) -> None:  # noqa: ANN001
    doc = tmp_path / "doc.ru.z"
    doc.write_bytes(compress(SRC.encode()))
    one_line_error(capsys, main(["segment", str(doc), "-l", "ru"]), f"doc.ru.z:1: {said}-compressed")


def test_plain_text_that_starts_like_a_signature_is_text() -> None:
    # "BZh" alone is a word's start (bzip2 needs its block magic after it); text never starts with 0x1f 0x8b
    assert compression_of(b"BZh, said he") is None
    assert compression_of("PKW зарплата".encode()) is None
    assert compression_of(b"BZh91AY&SY") == ("bzip2-compressed", "bunzip2 -k {name}")


def test_score_help_says_what_input_it_reads(capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["score", "--help"]) == 0
    out = " ".join(capsys.readouterr().out.split())
    assert "uncompressed (gunzip -k a .gz first)" in out and "files rather than pipes" in out
