"""Streaming line reading: same lines as the whole-file reader, bounded blocks, and hostile files."""

from __future__ import annotations

import codecs

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from mtreview.batch.lines import LineStream, aligned_columns, iter_aligned
from mtreview.errors import InputError
from mtreview.textio import read_lines


@pytest.mark.parametrize("block", [1, 2, 3, 7, 64, 1 << 20])
def test_lines_match_whole_file_reader_for_any_block_size(write, block):
    text = "первая\r\nsecond\rthird\u2028still third\n\x07bell\n\nlast no newline"
    path = write("a.txt", text.encode("utf-8"))
    expected, _ = read_lines(path)
    stream = LineStream(path, block_bytes=block)
    assert list(stream) == expected
    assert stream.stats.lines == len(expected) == 6
    assert stream.stats.crlf_lines == 1 and stream.stats.lone_cr == 1 and stream.stats.controls_removed == 1


@pytest.mark.parametrize("block", [2, 5, 1 << 20])
def test_repair_notes_match_textio(write, block):
    text = "a\u200bb\r\nplain\n\x01ctl\rzero\u2060width\n\n\u202eRTL"
    path = write("n.txt", text.encode("utf-8"))
    stream = LineStream(path, block_bytes=block)
    list(stream)
    _, report = read_lines(path)
    assert stream.stats.notes() == report.notes()
    assert stream.stats.invisible_lines == report.invisible_lines == [1, 4, 6]


@settings(max_examples=60, deadline=None)
@given(st.text(alphabet=st.sampled_from(list("ab é\n\r\t\u2028\x00\x85€😀")), max_size=60),
       st.integers(min_value=1, max_value=9))
def test_property_same_as_textio(tmp_path_factory, text, block):
    path = tmp_path_factory.mktemp("p") / "x.txt"
    path.write_bytes(b"\xef\xbb\xbf" + text.encode("utf-8"))  # a BOM, so NUL bytes are not refused as UTF-16
    assert list(LineStream(path, block_bytes=block)) == read_lines(path)[0]


def test_utf16_with_bom_streams(write):
    text = "один\r\nдва\nтри\n"
    for bom_enc in ("utf-16-le", "utf-16-be"):
        bom = codecs.BOM_UTF16_LE if bom_enc.endswith("le") else codecs.BOM_UTF16_BE
        path = write(f"u16{bom_enc}.txt", bom + text.encode(bom_enc))
        assert list(LineStream(path, block_bytes=3)) == ["один", "два", "три"]


def test_explicit_single_byte_encoding(write):
    path = write("cp.txt", "привет\nмир\n".encode("cp1251"))
    assert list(LineStream(path, encoding="cp1251")) == ["привет", "мир"]


def test_a_utf8_file_given_a_legacy_encoding_streams_as_utf8(write):
    path = write("mt.txt", "“Kazbrig”\nмир\n" * 3)
    stream = LineStream(path, encoding="cp1251", block_bytes=5)
    assert list(stream) == ["“Kazbrig”", "мир"] * 3
    assert any("not as --encoding cp1251" in n for n in stream.stats.notes())
    bom = write("bom.txt", b"\xef\xbb\xbf" + "мир\n".encode())
    assert list(LineStream(bom, encoding="koi8-r")) == ["мир"]


def test_invalid_utf8_names_file_line_and_offset(write):
    path = write("bad.txt", b"ok\nstill ok\nbroken \xff here\n")
    with pytest.raises(InputError) as err:
        list(LineStream(path, block_bytes=4))
    msg = str(err.value)
    assert f"{path}:3:" in msg and "byte offset 19" in msg and "0xff" in msg and "--encoding" in msg


def test_invalid_byte_in_a_later_block_counts_lines_from_the_start(write):
    path = write("late.txt", b"x\n" * 1000 + b"\xc3(\n")
    with pytest.raises(InputError) as err:
        list(LineStream(path, block_bytes=64))
    assert f"{path}:1001:" in str(err.value) and "byte offset 2000" in str(err.value)


def test_utf16_without_bom_refused(write):
    path = write("nobom.txt", "hello\n".encode("utf-16-le"))
    with pytest.raises(InputError, match="UTF-16 without a byte-order mark"):
        list(LineStream(path))


def test_missing_file_and_directory(tmp_path):
    with pytest.raises(InputError, match="no such file"):
        list(LineStream(tmp_path / "nope.txt"))
    with pytest.raises(InputError, match="is a directory"):
        list(LineStream(tmp_path))


def test_unknown_encoding(write):
    with pytest.raises(InputError, match="unknown encoding 'klingon'"):
        LineStream(write("a.txt", "x\n"), encoding="klingon")


def test_empty_file_has_no_lines(write):
    assert list(LineStream(write("e.txt", b""))) == []
    assert list(LineStream(write("n.txt", b"\n"))) == [""]


def test_aligned_rows(write):
    a = write("a.txt", "1\n2\n3\n")
    b = write("b.txt", "one\ntwo\nthree")
    assert list(iter_aligned([a, b])) == [("1", "one"), ("2", "two"), ("3", "three")]


@pytest.mark.parametrize("short_first", [True, False])
def test_unequal_line_counts_give_both_counts(write, short_first):
    short = write("short.txt", "1\n2\n")
    long_ = write("long.txt", "1\n2\n3\n4\n5\n")
    paths = [short, long_] if short_first else [long_, short]
    with pytest.raises(InputError) as err:
        list(iter_aligned(paths))
    msg = str(err.value)
    assert "long.txt" in msg and "has 5 lines" in msg and "short.txt has 2" in msg


def test_reading_is_lazy(write):
    """A broken line far down the file does not stop the first rows from being yielded."""
    a = write("a.txt", b"a\n" * 10 + b"\xff\n")
    b = write("b.txt", b"b\n" * 11)
    rows = iter_aligned([a, b], block_bytes=4)
    first = [next(rows) for _ in range(3)]
    assert first == [("a", "b")] * 3
    with pytest.raises(InputError, match=":11:"):
        list(rows)


@pytest.mark.parametrize("block", [3, 8, 1 << 20])
def test_aligned_columns_are_runs_of_the_same_rows(write, block):
    """Files whose blocks end on different lines still give equal-length columns, row i on line i."""
    a = write("a.txt", "".join(f"{i}\n" for i in range(1, 40)))
    b = write("b.txt", "".join(f"line number {i} is longer\n" for i in range(1, 40)))
    runs = list(aligned_columns([a, b], block_bytes=block))
    assert all(len(x) == len(y) > 0 for x, y in runs)
    rows = [r for x, y in runs for r in zip(x, y, strict=True)]
    assert rows == [(str(i), f"line number {i} is longer") for i in range(1, 40)]
    assert rows == list(iter_aligned([a, b], block_bytes=block))
    if block == 3:
        assert len(runs) > 1


def test_aligned_columns_error_comes_after_the_rows_before_it(write):
    a = write("a.txt", "1\n2\n3\n4\n5\n6\n7\n")
    b = write("b.txt", "one\ntwo\nthree\n")
    got = []
    with pytest.raises(InputError, match=r"a.txt: has 7 lines but .*b.txt has 3"):
        for x, _ in aligned_columns([a, b], block_bytes=4):
            got.extend(x)
    assert got == ["1", "2", "3"]


# -- a wrong --encoding that decodes without an error ------------------------------------------------------

CP1251_EVEN = "Зачем Казахстан зовет НАТО на Каспий.\nФлот готов к походу!!\n".encode("cp1251")


@pytest.mark.parametrize("reader", ["whole", "stream-ascii", "stream-wide"])
def test_wrong_encoding_that_decodes_into_private_use_junk_is_refused(write, reader):
    assert len(CP1251_EVEN) % 2 == 0 and CP1251_EVEN.decode("utf-16-le")  # decodes without an error
    path = write("c.ru", CP1251_EVEN)
    with pytest.raises(InputError) as err:
        if reader == "whole":
            read_lines(path, "utf-16-le")
        elif reader == "stream-ascii":  # an ASCII-compatible codec, cut at newlines: cp932's user-defined area
            list(LineStream(write("j.txt", b"\xf0\x40\xf0\x41" * 10 + b"\n"), "cp932"))
        else:
            list(LineStream(path, "utf-16-le"))
    msg = str(err.value)
    assert "private-use or unassigned" in msg and "--encoding" in msg and ":1:" in msg


def test_a_few_private_use_characters_are_text(write):
    # Icon-font glyphs in otherwise ordinary text are kept: only a text that is mostly junk is refused.
    text = "Нажмите \ue001 чтобы сохранить, \ue002 чтобы выйти.\nГотово \uf8ff.\n"
    path = write("icons.txt", text.encode("utf-16"))  # with a BOM: checked like any non-UTF-8 decoding
    assert read_lines(path)[0] == text.splitlines()
    assert list(LineStream(path)) == text.splitlines()


def test_utf16_without_a_bom_asked_for_as_utf16_is_a_one_line_error(write):
    path = write("u.txt", "строка\n".encode("utf-16-le"))
    with pytest.raises(InputError) as err:
        list(LineStream(path, "utf-16"))
    assert "utf-16-le or utf-16-be" in str(err.value)


@settings(max_examples=150, deadline=None)
@given(text=st.text(alphabet="ab\r\nя", max_size=40), block=st.integers(1, 6))
def test_the_byte_count_of_lines_is_the_readers_count(tmp_path_factory, text, block):
    # QA: the --aligned pre-check counted only "\n" bytes while the readers end a line at a lone "\r"
    # too, so a file was "2 lines" to one and "3 lines" to the other.
    from mtreview.batch import pipeline

    path = tmp_path_factory.mktemp("count") / "f.txt"
    path.write_bytes(text.encode("utf-8"))
    old = pipeline.BLOCK_BYTES
    pipeline.BLOCK_BYTES = block  # reads of 4 x block bytes: a CRLF gets cut between two reads
    try:
        assert pipeline.count_lines_fast(path) == len(list(LineStream(path))) == len(read_lines(path)[0])
    finally:
        pipeline.BLOCK_BYTES = old


def test_a_utf8_file_given_a_utf16_encoding_streams_as_utf8(write):
    path = write("mt.txt", "the unit “Kazbrig”\nline two\n".encode())
    stream = LineStream(path, "utf-16")
    assert list(stream) == ["the unit “Kazbrig”", "line two"] and stream.stats.asked == "utf-16"


@pytest.mark.timeout(60)
@pytest.mark.parametrize("encoding", ["utf-8", "utf-16"])
def test_a_line_of_many_blocks_is_read_in_linear_time(write, encoding):
    # The start of a long line was glued to each new block and searched again: 16 MB in 16-byte blocks
    # meant terabytes of copying (a 200 MB line took 12 s at the default block size). Now each block is
    # searched once; the bound only stops a run that would never end.
    line = "слово " * 1_400_000  # about 15 MB of UTF-8
    path = write("long.txt", (line + "\r\nend\r\n").encode(encoding))
    stream = LineStream(path, encoding=None, block_bytes=16)
    assert list(stream) == [line, "end"]
    assert stream.stats.crlf_lines == 2
