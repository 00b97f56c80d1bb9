"""An explicit ``--encoding`` is honoured for a file that is not UTF-8 throughout. QA: ``score --aligned
--encoding cp1251`` on a file that was valid UTF-8 for its first 64 KB and cp1251 further on was refused as
"not valid utf-8 ... pass --encoding", the sniff of the start overriding what was asked. A file that is UTF-8
throughout is still read as UTF-8 (decoding it as cp1251 would garble every letter beyond ASCII)."""

from __future__ import annotations

import gzip
from pathlib import Path

import pytest

import mtreview.batch.lines as lines_mod
from mtreview.batch.lines import UTF8_SNIFF_BYTES, LineStream
from mtreview.cli import main
from mtreview.store import Project
from mtreview.textio import read_lines

HEAD = "Заголовок — «первая строка».\n"  # valid UTF-8 beyond ASCII: what made the sniff say "UTF-8"
N_HEAD = UTF8_SNIFF_BYTES // len(HEAD.encode()) + 10  # past the sniffed start
TAIL = ["Последняя строка.", "Ещё одна."]


def mixed(tmp_path: Path, name: str = "src.ru") -> Path:
    path = tmp_path / name
    path.write_bytes(HEAD.encode() * N_HEAD + "".join(t + "\n" for t in TAIL).encode("cp1251"))
    return path


def test_the_reader_reads_all_of_it_in_the_encoding_asked(tmp_path: Path) -> None:
    path = mixed(tmp_path)
    stream = LineStream(path, "cp1251")
    got = list(stream)
    assert len(got) == N_HEAD + 2 and got[-2:] == TAIL
    assert got[0] == HEAD.encode().decode("cp1251").rstrip("\n")  # as asked: the UTF-8 start garbled, and said
    assert stream.stats.encoding == "cp1251" and stream.stats.asked is None
    assert stream.stats.utf8_start == len(HEAD.encode()) * N_HEAD
    assert any("valid UTF-8 but the rest is not" in n and "--encoding cp1251" in n for n in stream.stats.notes())


def test_a_compressed_mixed_file_too(tmp_path: Path) -> None:
    path = tmp_path / "src.ru.gz"
    path.write_bytes(gzip.compress(mixed(tmp_path).read_bytes()))
    assert list(LineStream(path, "cp1251"))[-2:] == TAIL


def test_a_file_that_is_utf8_throughout_is_still_read_as_utf8(tmp_path: Path,
                                                              monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(lines_mod, "BLOCK_BYTES", 7)  # characters cut between the blocks of the whole-file test
    path = tmp_path / "mt.ru"
    path.write_bytes(HEAD.encode() * N_HEAD)
    stream = LineStream(path, "cp1251")
    got = list(stream)
    assert got == [HEAD.rstrip("\n")] * N_HEAD
    assert stream.stats.encoding == "utf-8" and stream.stats.asked == "cp1251" and stream.stats.utf8_start is None


def test_score_aligned_honours_the_encoding(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    src = mixed(tmp_path)
    mt = tmp_path / "mt.en"
    mt.write_text("The title.\n" * N_HEAD + "The last line.\nOne more.\n", encoding="utf-8")
    out = tmp_path / "o.jsonl"
    for workers in ("1", "2"):  # read by the parent, and by byte range in worker processes
        assert main(["score", str(src), str(mt), "--aligned", "-s", "ru", "-t", "en", "--no-retranslate",
                     "--encoding", "cp1251", "-o", str(out), "--workers", workers]) == 0
        err = capsys.readouterr().err
        assert f"{N_HEAD + 2} segments scored" in err
        assert f"{src}: its first {len(HEAD.encode()) * N_HEAD:,} bytes are valid UTF-8" in err
        assert out.read_text(encoding="utf-8").count("\n") == N_HEAD + 2


def test_import_honours_it_and_says_so(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    src = mixed(tmp_path)
    text, report = read_lines(src, "cp1251")
    assert text[-2:] == TAIL and report.encoding == "cp1251"
    assert report.utf8_start == len(HEAD.encode()) * N_HEAD
    mt = tmp_path / "mt.en"
    mt.write_text("The title.\n" * N_HEAD + "The last line.\nOne more.\n", encoding="utf-8")
    out = tmp_path / "p.mtr"
    assert main(["import", str(src), str(mt), "--aligned", "-s", "ru", "-t", "en", "--encoding", "cp1251",
                 "-o", str(out)]) == 0
    assert "bytes are valid UTF-8 but the rest is not" in capsys.readouterr().err
    with Project.open(out, writable=False) as p:
        assert p.segments()[-2].source_text == TAIL[0]


def test_plain_legacy_and_plain_utf8_files_get_no_such_note(tmp_path: Path) -> None:
    legacy = tmp_path / "a.ru"
    legacy.write_bytes("Строка.\n".encode("cp1251") * 10)
    assert read_lines(legacy, "cp1251")[1].utf8_start is None
    stream = LineStream(legacy, "cp1251")
    assert list(stream) == ["Строка."] * 10 and stream.stats.utf8_start is None


def test_an_ascii_start_tells_nothing_the_whole_file_decides(tmp_path: Path) -> None:
    # as the whole-file readers decide (textio.decode_bytes): QA-adjacent, an English header of 64 KB made a
    # UTF-8 file with --encoding cp1251 (given for its neighbour) stream as cp1251, every Cyrillic letter garbled
    ascii_start = b"A header line in English.\n" * (UTF8_SNIFF_BYTES // 26 + 10)
    utf8 = tmp_path / "u.ru"
    utf8.write_bytes(ascii_start + "Строка.\n".encode())
    stream = LineStream(utf8, "cp1251")
    assert list(stream)[-1] == "Строка." and stream.stats.encoding == "utf-8" and stream.stats.asked == "cp1251"
    assert read_lines(utf8, "cp1251")[0][-1] == "Строка."
    legacy = tmp_path / "l.ru"
    legacy.write_bytes(ascii_start + "Строка.\n".encode("cp1251"))
    stream = LineStream(legacy, "cp1251")
    assert list(stream)[-1] == "Строка." and stream.stats.encoding == "cp1251" and stream.stats.utf8_start is None
    both = tmp_path / "b.ru"
    both.write_bytes(ascii_start + "«Строка».\n".encode() + "Строка.\n".encode("cp1251"))
    stream = LineStream(both, "cp1251")
    assert list(stream)[-1] == "Строка." and stream.stats.utf8_start == len(ascii_start) + len("«Строка».\n".encode())
    assert read_lines(both, "cp1251")[1].utf8_start == stream.stats.utf8_start  # the same note either way
