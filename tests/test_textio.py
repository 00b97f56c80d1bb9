"""Strict reading: encodings, BOMs, line ends, control and invisible characters."""

from __future__ import annotations

import random

import pytest

from mtreview.controls import strip_controls
from mtreview.encoding_sniff import bomless_utf16
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


@pytest.mark.parametrize("encoding", ["cp1251", "koi8-r", "latin-1"])
def test_a_utf8_file_given_a_legacy_encoding_is_read_as_utf8_and_says_so(write, encoding: str) -> None:
    # QA: one --encoding cp1251 for a cp1251 source and its UTF-8 MT turned "“Kazbrig”" into "вЂњKazbrigвЂќ".
    text, rep = read_text(write("mt.txt", "the unit “Kazbrig”, naïve\n"), encoding=encoding)
    assert text == "the unit “Kazbrig”, naïve\n" and rep.encoding == "utf-8"
    assert any(f"not as --encoding {encoding}" in n for n in rep.notes())


def test_a_legacy_file_and_an_ascii_one_keep_the_encoding_given(write) -> None:
    text, rep = read_text(write("src.txt", "Зачем Казахстан зовет НАТО\n".encode("cp1251")), encoding="cp1251")
    assert text == "Зачем Казахстан зовет НАТО\n" and rep.encoding == "cp1251" and not rep.notes()
    text, rep = read_text(write("a.txt", "plain ascii\n"), encoding="cp1251")
    assert rep.encoding == "cp1251" and not rep.notes()
    # UTF-16 of Cyrillic can be valid UTF-8 byte by byte: its NULs and control bytes say it is not UTF-8.
    for raw in ("Пётр\n", "Пётр"):
        text, rep = read_text(write("u.txt", raw.encode("utf-16-le")), encoding="utf-16-le")
        assert text == raw and rep.encoding == "utf-16-le"


@pytest.mark.parametrize("encoding", ["utf-16", "utf-16-le", "utf-32"])
def test_a_utf8_file_given_a_utf16_encoding_is_read_as_utf8(write, encoding: str) -> None:
    # QA: a UTF-16 source and its UTF-8 MT could not be imported with one --encoding (the MT failed to decode)
    for raw in ("the unit “Kazbrig”\n", "plain ascii\n"):
        text, rep = read_text(write("mt.txt", raw), encoding=encoding)
        assert text == raw and rep.encoding == "utf-8" and any("not as --encoding" in n for n in rep.notes())


@pytest.mark.parametrize("encoding, data", [("utf-16", "строка\n".encode("utf-16-be")),
                                            ("utf-16", "строка\n".encode("utf-16-le")),
                                            ("utf-32", "строка\n".encode("utf-32-be"))],
                         ids=["utf16-be", "utf16-le", "utf32-be"])
def test_utf16_or_32_asked_for_without_a_byte_order_mark_is_refused(write, encoding: str, data: bytes) -> None:
    # QA: Python's utf-16 codec assumed this machine's byte order, and a big-endian file became CJK junk, rc 0
    path = write("u.txt", data)
    with pytest.raises(InputError) as err:
        read_text(path, encoding=encoding)
    assert str(err.value).startswith(f"{path}:1:") and f"{encoding}-le or {encoding}-be" in str(err.value)


def test_a_file_not_in_the_encoding_given_is_told_so(write) -> None:
    path = write("bad.txt", b"caf\xc3\xa9 \xff\n")
    with pytest.raises(InputError, match="not in that encoding: pass the right --encoding"):
        read_text(write("odd.txt", b"caf\xc3\xa9 \xff!\n"), encoding="utf-16-le")  # 9 bytes: not UTF-16
    with pytest.raises(InputError, match=r"e\.g\. --encoding cp1251"):
        read_text(path)


def test_unknown_encoding(write) -> None:
    with pytest.raises(InputError, match="unknown encoding"):
        read_text(write("a.txt", "x"), encoding="no-such-codec")


def test_line_ends_normalised(write) -> None:
    text, rep = read_text(write("a.txt", b"a\r\nb\rc\n"))
    assert text == "a\nb\nc\n" and rep.crlf_lines == 1 and rep.lone_cr == 1


def test_unicode_line_separators_stay_inside_lines(write) -> None:
    lines, _ = read_lines(write("a.txt", "one\u2028still one\u0085same\x0cline\nsecond\n"))
    # The form feed between two words becomes a space (removing it would join "same" and "line").
    assert lines == ["one\u2028still one\u0085same line", "second"]


def test_control_characters_removed_and_counted(write) -> None:
    text, rep = read_text(write("a.txt", b"a.\x00b\x07\x07-c\td\x1b[31m\n"))
    assert text == "a.b-c\td[31m\n" and rep.controls_removed == 4


def test_a_control_character_between_words_becomes_a_space(write) -> None:
    # QA: "Привет\0мир." became "Приветмир.".
    text, rep = read_text(write("a.txt", "Привет\x00мир. Один\x01\x02два\x07.\n".encode()))
    assert text == "Привет мир. Один два.\n" and rep.controls_removed == 4


def test_strip_controls_on_its_own() -> None:
    assert strip_controls("Привет\x00мир.") == ("Привет мир.", 1)
    assert strip_controls("\x00start end\x1b") == ("start end", 2)
    assert strip_controls("2020\x0b2021") == ("2020 2021", 1)
    assert strip_controls("clean\ttext\n") == ("clean\ttext\n", 0)


def test_a_page_break_or_vertical_tab_after_punctuation_keeps_the_sentences_apart(write, capsys) -> None:
    # QA: pdftotext's form feed after "One." and Word's vertical tab made "One.Two.Three." one sentence
    from mtreview.cli import main

    assert strip_controls("One.\x0cTwo.\x0bThree.") == ("One. Two. Three.", 2)
    assert strip_controls("«Да»\x1cнет") == ("«Да» нет", 1)  # a separator is whitespace too
    assert strip_controls("end.\x0c\n") == ("end.\n", 1)  # at a line's end it simply goes
    assert strip_controls("a.\x00B") == ("a.B", 1)  # other controls between punctuation and a letter go as before
    path = write("pages.txt", b"One.\x0cTwo.\x0bThree.\n")
    assert main(["segment", str(path), "-l", "en"]) == 0
    assert capsys.readouterr().out.splitlines() == ["One.", "Two.", "Three."]


def test_random_binary_is_invalid_utf8_not_utf16(write) -> None:
    # QA: junk was called "UTF-16 without a byte-order mark". Binary with many NULs, spread on both sides of
    # the byte pairs, is no UTF-16: it is refused as binary data (it was "not valid utf-8", with the advice to
    # pass --encoding, which read it as text).
    rng = random.Random(7)
    junk = bytes(0 if rng.random() < 0.2 else rng.randrange(0x80, 0x100) for _ in range(3000))
    assert bomless_utf16(junk) is None
    with pytest.raises(InputError, match=r"binary data, not text: \d+ control characters in its first 3,000 bytes$"):
        read_text(write("junk.bin", junk))


def test_a_stray_nul_in_a_short_utf8_file_is_no_sign_of_utf16(write) -> None:
    # QA: 'a\nb\x00b\nc\n' was refused as "UTF-16 without a byte-order mark", and following that advice
    # garbled a longer file with one NUL into CJK.
    assert bomless_utf16(b"a\nb\x00b\nc\n") is None
    text, rep = read_text(write("nul.txt", b"a\nb\x00b\nc\n"))
    assert text == "a\nb b\nc\n" and rep.controls_removed == 1
    assert bomless_utf16("hi\n".encode("utf-16-le")) == "utf-16-le"  # three NULs, all on one side


def test_bomless_utf16_needs_nuls_on_one_side() -> None:
    text = "Привет, мир. Как дела? Хорошо, спасибо.\n" * 20
    assert bomless_utf16(text.encode("utf-16-le")) == "utf-16-le"
    assert bomless_utf16(text.encode("utf-16-be")) == "utf-16-be"
    assert bomless_utf16(text.encode("utf-8")) is None
    assert bomless_utf16(b"one stray \x00 NUL in plain text\n" * 10) is None
    assert bomless_utf16(b"") is None and bomless_utf16(b"\x00") is None


def test_cyrillic_utf16_without_bom_is_refused_not_read_as_garbage(write) -> None:
    # Cyrillic UTF-16-LE bytes are mostly ASCII-range (0x04 high bytes): decoded as UTF-8 it was "valid" text
    # of control characters. Few NULs (only spaces and punctuation carry one) must still be enough.
    data = "Привет,мир.Какдела?Хорошо,спасибо.\n".encode("utf-16-le") * 5
    with pytest.raises(InputError, match="UTF-16 without a byte-order mark; pass --encoding utf-16-le"):
        read_text(write("ru16.txt", data))


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


def test_utf32_with_a_bom_is_read_as_utf32(write) -> None:
    # QA: its little-endian BOM starts with UTF-16's: the file was read as UTF-16, its NULs "removed"
    from mtreview.batch.lines import LineStream

    path = write("u32.txt", "Москва\nПариж\n".encode("utf-32"))
    text, rep = read_text(path)
    assert text == "Москва\nПариж\n" and rep.encoding == "utf-32" and rep.controls_removed == 0
    assert list(LineStream(path)) == ["Москва", "Париж"]
