"""Strict reading: encodings, BOMs, line ends, control and invisible characters."""

from __future__ import annotations

import pytest

from mtreview.errors import InputError
from mtreview.textio import read_lines, read_text, split_lines


def test_utf8_bom_removed_and_reported(write) -> None:
    text, rep = read_text(write("a.txt", b"\xef\xbb\xbfhello\n"))
    assert text == "hello\n" and rep.had_bom and "byte-order mark removed" in rep.notes()


def test_utf16_with_bom(write) -> None:
    text, rep = read_text(write("a.txt", "привет\nмир\n".encode("utf-16")))
    assert text == "привет\nмир\n" and rep.encoding == "utf-16"


def test_utf16_without_bom_refused(write) -> None:
    with pytest.raises(InputError, match="UTF-16 without a byte-order mark"):
        read_text(write("a.txt", "hello".encode("utf-16-le")))


def test_invalid_utf8_names_line_and_offset(write) -> None:
    path = write("bad.txt", b"ok\nstill ok\n" + "плохо".encode("koi8-r") + b"\n")
    with pytest.raises(InputError) as err:
        read_text(path)
    msg = str(err.value)
    assert msg.startswith(f"{path}:3:") and "byte offset 12" in msg  # 0-based: 3 + 9 bytes before it and "--encoding" in msg


def test_unknown_encoding(write) -> None:
    with pytest.raises(InputError, match="unknown encoding"):
        read_text(write("a.txt", "x"), encoding="no-such-codec")


def test_line_ends_normalised(write) -> None:
    text, rep = read_text(write("a.txt", b"a\r\nb\rc\n"))
    assert text == "a\nb\nc\n" and rep.crlf_lines == 1 and rep.lone_cr == 1


def test_unicode_line_separators_stay_inside_lines(write) -> None:
    lines, _ = read_lines(write("a.txt", "one\u2028still one\u0085same\x0cline\nsecond\n"))
    assert lines == ["one\u2028still one\u0085same\x0cline".replace("\x0c", ""), "second"]


def test_control_characters_removed_and_counted(write) -> None:
    text, rep = read_text(write("a.txt", b"a\x00b\x07c\td\x1b[31m\n"))
    assert text == "abc\td[31m\n" and rep.controls_removed == 3


def test_invisible_characters_kept_and_flagged(write) -> None:
    text, rep = read_text(write("a.txt", "plain\nzero\u200bwidth\nbidi\u202etext\n"))
    assert "\u200b" in text and "\u202e" in text
    assert rep.invisible_lines == [2, 3]


def test_split_lines_only_on_newline() -> None:
    assert split_lines("a\u2028b\nc\n") == ["a\u2028b", "c"]
    assert split_lines("") == []
    assert split_lines("x\n\n") == ["x", ""]


def test_missing_and_directory(tmp_path) -> None:
    with pytest.raises(InputError, match="no such file"):
        read_text(tmp_path / "missing.txt")
    with pytest.raises(InputError, match="is a directory"):
        read_text(tmp_path)


def test_utf16_without_bom_russian(write) -> None:
    with pytest.raises(InputError, match="UTF-16 without a byte-order mark"):
        read_text(write("a.txt", "Привет, мир. Как дела?\nХорошо.\n".encode("utf-16-le")))
    text, _ = read_text(write("b.txt", "Привет, мир.\n".encode("utf-16-le")), encoding="utf-16-le")
    assert text == "Привет, мир.\n"
