"""Binary files given as text are refused on one line, with or without --encoding (QA: `segment img.png
--encoding latin-1` printed "PNG", and align and import took an image or an archive for text, since latin-1
decodes every byte); real text with a few control characters, legacy text and UTF-16 are read as before."""

from __future__ import annotations

import gzip
import io
import random
import tarfile
from pathlib import Path

import pytest

from mtreview.cli import main

PNG = b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR\x00\x00\x00\x10\x00\x00\x00\x10\x08\x06\x00\x00\x00\x1f\xf3\xffa"


def random_binary() -> bytes:
    rng = random.Random(3)
    return bytes(rng.randrange(256) for _ in range(4000))


def tar_gz() -> bytes:
    buf = io.BytesIO()
    with tarfile.open(fileobj=buf, mode="w:gz") as tar:
        data = b"Hello world.\n"
        info = tarfile.TarInfo("t.en")
        info.size = len(data)
        tar.addfile(info, io.BytesIO(data))
    return buf.getvalue()


def one_line_error(capsys, *args: str) -> str:
    assert main(list(args)) == 2
    err = capsys.readouterr().err.strip()
    assert len(err.splitlines()) == 1, err
    return err


@pytest.mark.parametrize("encoding", [[], ["--encoding", "latin-1"], ["--encoding", "cp1251"]],
                         ids=["utf-8", "latin-1", "cp1251"])
@pytest.mark.parametrize(("name", "data", "said"), [
    ("img.png", PNG, "img.png:1: a PNG image, not a text file"),
    ("img.png.gz", gzip.compress(PNG), "img.png.gz:1: a PNG image, not a text file"),
    ("t.tar.gz", tar_gz(), "t.tar.gz:1: a tar archive, not a text file: unpack it first (tar xf "),
    ("junk.bin", random_binary(), "junk.bin:1: binary data, not text: "),
], ids=["png", "png.gz", "tar.gz", "random"])
def test_segment_and_align_refuse_binary_input(tmp_path: Path, capsys, encoding: list[str], name: str,
                                               data: bytes, said: str) -> None:
    binary = tmp_path / name
    binary.write_bytes(data)
    text = tmp_path / "t.en"
    text.write_text("Hello world.\n", encoding="utf-8")
    assert said in one_line_error(capsys, "segment", str(binary), "-l", "en", *encoding)
    assert said in one_line_error(capsys, "align", str(binary), str(text), "-s", "ru", "-t", "en", "--no-neural",
                                  *encoding)
    assert said in one_line_error(capsys, "import", str(binary), str(text), "-s", "ru", "-t", "en", "-o",
                                  str(tmp_path / "p.mtr"), *encoding)
    assert not (tmp_path / "p.mtr").exists()


def test_score_aligned_refuses_an_image_before_counting_lines(tmp_path: Path, capsys) -> None:
    (tmp_path / "img.png").write_bytes(PNG)
    (tmp_path / "t.en").write_text("Hello world.\n", encoding="utf-8")
    err = one_line_error(capsys, "score", str(tmp_path / "img.png"), str(tmp_path / "t.en"), "--aligned", "-s", "ru",
                         "-t", "en", "--encoding", "latin-1", "--no-retranslate", "-o", str(tmp_path / "o.jsonl"))
    assert "img.png:1: a PNG image, not a text file" in err  # (was: "has 4 lines but t.en has 1")


@pytest.mark.parametrize("encoding", [[], ["--encoding", "latin-1"]])
def test_text_with_a_few_control_characters_is_still_repaired(tmp_path: Path, capsys, encoding: list[str]) -> None:
    path = tmp_path / "nul.en"
    path.write_bytes(b"Hello\x00\x01\x02\x03 world.\n")
    assert main(["segment", str(path), "-l", "en", *encoding]) == 0
    out = capsys.readouterr()
    assert out.out == "Hello world.\n" and "4 control character(s) removed" in out.err


def test_legacy_text_read_as_latin1_is_still_text(tmp_path: Path, capsys) -> None:
    """cp1252's curly quotes and dashes are C1 controls in latin-1: no sign of binary data."""
    path = tmp_path / "w.en"
    path.write_bytes(("\u201cIt\u2019s \u2014 fine.\u201d " * 50 + "\n").encode("cp1252"))
    assert main(["segment", str(path), "-l", "en", "--encoding", "latin-1"]) == 0
    assert "It" in capsys.readouterr().out


def test_utf16_without_bom_keeps_its_own_advice_and_reads_when_named(tmp_path: Path, capsys) -> None:
    path = tmp_path / "u.ru"
    path.write_bytes("Привет, мир. Как дела? Всё хорошо.\n".encode("utf-16-le"))
    err = one_line_error(capsys, "segment", str(path), "-l", "ru")
    assert "UTF-16 without a byte-order mark" in err and "--encoding utf-16-le" in err
    assert main(["segment", str(path), "-l", "ru", "--encoding", "utf-16-le"]) == 0
    assert "Привет, мир." in capsys.readouterr().out


def test_ebcdic_text_whose_line_end_is_a_control_byte_is_not_binary(tmp_path: Path, capsys) -> None:
    """cp500 writes NEL as byte 0x15, a C0 control in ASCII: a file of short lines is no binary data."""
    path = tmp_path / "e.en"
    path.write_bytes(("Hello.\u0085" * 40 + "\n").encode("cp500"))
    assert path.read_bytes().count(b"\x15") == 40
    assert main(["segment", str(path), "-l", "en", "--encoding", "cp500"]) == 0
    assert "Hello." in capsys.readouterr().out


@pytest.mark.parametrize("encoding", ["latin-1", "cp1251", "koi8-r"])
def test_utf16_with_a_bom_under_a_legacy_encoding_is_named_as_utf16(tmp_path: Path, capsys, encoding: str) -> None:
    """QA: read in the legacy encoding, its text was junk (and since the binary check, 'binary data')."""
    path = tmp_path / "u.ru"
    path.write_bytes("\ufeffПривет, мир.\nКак дела?\n".encode("utf-16-le"))
    (tmp_path / "m.en").write_text("Hello, world.\nHow are you?\n", encoding="utf-8")
    said = f"u.ru:1: starts with a UTF-16 byte-order mark: it is UTF-16 text, not {encoding}; pass --encoding utf-16"
    assert said in one_line_error(capsys, "segment", str(path), "-l", "ru", "--encoding", encoding)
    assert said in one_line_error(capsys, "score", str(path), str(tmp_path / "m.en"), "--aligned", "-s", "ru", "-t",
                                  "en", "--encoding", encoding, "--no-retranslate", "-o", str(tmp_path / "o.jsonl"))


def test_an_image_imported_alone_is_named_not_sent_to_format(tmp_path: Path, capsys) -> None:
    """QA: 'cannot tell the file format from its name or content; pass --format (csv, jsonl, ...)'."""
    path = tmp_path / "img.png"
    path.write_bytes(PNG)
    err = one_line_error(capsys, "import", str(path), "-s", "ru", "-t", "en", "-o", str(tmp_path / "p.mtr"))
    assert "img.png:1: a PNG image, not a text file" in err and "--format" not in err


def test_a_text_that_opens_like_a_signature_is_text(tmp_path: Path, capsys) -> None:
    """'GIF89a' or '%PDF-1.4' opening a sentence is no image: the bytes after a real signature are binary."""
    path = tmp_path / "g.en"
    path.write_text("GIF89a is an old image format. %PDF-1.4 is another.\n", encoding="utf-8")
    assert main(["segment", str(path), "-l", "en"]) == 0
    assert capsys.readouterr().out.startswith("GIF89a is an old image format.")
    gif = tmp_path / "real.gif"
    gif.write_bytes(b"GIF89a\x10\x00\x10\x00\x80\x00\x00\xff\xff\xff")
    assert "real.gif:1: a GIF image, not a text file" in one_line_error(capsys, "segment", str(gif), "-l", "en")



def test_a_parquet_file_given_as_text_is_named(tmp_path: Path, capsys) -> None:
    # QA: 'score --retranslation o.parquet' said "not valid utf-8 at byte offset 19"
    binary = tmp_path / "o.parquet"
    binary.write_bytes(b"PAR1\x15\x04\x15\x10\x15\x14L\x15\x02\x15\x00\x12\x00\x00" + bytes(range(64)) + b"PAR1")
    text = tmp_path / "t.en"
    text.write_text("Hello world.\n", encoding="utf-8")
    said = "o.parquet:1: a Parquet file, not a text file"
    assert said in one_line_error(capsys, "segment", str(binary), "-l", "en")
    assert said in one_line_error(capsys, "score", str(text), str(text), "--aligned", "-s", "ru", "-t", "en",
                                  "--retranslation", str(binary), "-o", str(tmp_path / "s.jsonl"))
