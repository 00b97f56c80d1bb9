"""A UTF-16 file with bad bytes: `score` names the line (and byte) `import` names. QA: the streaming reader
of UTF-16 named the first line of the block the bad bytes were in (line 1 of a small file whose bad bytes
were on line 3) and an offset counted from the bytes held back from the block before."""

from __future__ import annotations

from pathlib import Path

import pytest

from mtreview.batch.lines import LineStream
from mtreview.cli import main
from mtreview.errors import InputError
from mtreview.textio import read_lines

LINES = ["one two three", "four Ċ five", "six seven eight", "nine ten", "eleven twelve"]
BAD_LINE = 4  # 1-based: the line the bad bytes are on


def utf16(codec: str, ends: list[str]) -> tuple[bytes, int]:
    """LINES in ``codec`` with a byte-order mark, line i ending in ``ends[i]``, and a lone high surrogate
    two characters into line BAD_LINE; with the byte offset of that surrogate."""
    data = "\ufeff".encode(codec)
    bad_at = -1
    for i, (line, end) in enumerate(zip(LINES, ends, strict=True)):
        raw = (line + end).encode(codec)
        if i + 1 == BAD_LINE:
            bad_at = len(data) + 4
            raw = raw[:4] + ("\x00\xd8" if codec.endswith("le") else "\xd8\x00").encode("latin-1") + raw[4:]
        data += raw
    return data, bad_at


def error_of(read) -> InputError:  # noqa: ANN001
    with pytest.raises(InputError) as info:
        read()
    return info.value


@pytest.mark.parametrize("codec", ["utf-16-le", "utf-16-be"])
@pytest.mark.parametrize("ends", [["\n"] * 5, ["\r\n"] * 5, ["\r", "\r\n", "\r", "\n", "\n"]])
def test_the_streamed_error_names_the_line_and_byte_of_the_bad_bytes(tmp_path: Path, codec: str,
                                                                    ends: list[str]) -> None:
    data, bad_at = utf16(codec, ends)
    path = tmp_path / "m.en"
    path.write_bytes(data)
    imported = error_of(lambda: read_lines(path))
    assert imported.line == BAD_LINE
    assert f"byte offset {bad_at} " in str(imported)
    for block in (5, 7, 16, 1 << 20):  # bad bytes in a later block, odd bytes held back, or all in one
        streamed = error_of(lambda b=block: list(LineStream(path, block_bytes=b)))
        assert str(streamed) == str(imported), block


def test_score_names_the_line_import_names(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    data, _ = utf16("utf-16-le", ["\n"] * 5)
    src, mt, ret = tmp_path / "s.en", tmp_path / "m.de", tmp_path / "r.de"
    mt.write_bytes(data)
    src.write_text("\n".join(LINES) + "\n", encoding="utf-8")
    ret.write_text("\n".join(f"{x} eins" for x in LINES) + "\n", encoding="utf-8")
    assert main(["score", str(src), str(mt), "-s", "en", "-t", "de", "--aligned", "--retranslation", str(ret),
                 "-o", str(tmp_path / "s.jsonl"), "--workers", "1"]) == 2
    err = capsys.readouterr().err
    assert f"{mt}:{BAD_LINE}: not valid utf-16" in err
    assert not (tmp_path / "s.jsonl").exists()


@pytest.mark.parametrize("codec", ["utf-16-le", "utf-32-be"])
def test_a_file_its_byte_order_mark_names_is_called_damaged_not_another_encoding(tmp_path: Path, codec: str) -> None:
    """A UTF-16/32 file (its byte-order mark says so) with bad bytes is damaged there; it was told to try
    '--encoding cp1251', which its mark rules out. Import and the streamed reader say the same."""
    path = tmp_path / "m.en"
    bad = ("\x00\xd8" if codec == "utf-16-le" else "\x00\x00\xd8\x00").encode("latin-1")
    path.write_bytes("\ufeffOne.\nTwo.\n".encode(codec) + bad + "Three.\n".encode(codec))
    imported = error_of(lambda: read_lines(path))
    kind = "UTF-16" if codec.startswith("utf-16") else "UTF-32"
    assert f"its byte-order mark says {kind}, so the file is damaged there" in str(imported)
    assert "cp1251" not in str(imported) and imported.line == 3
    assert str(error_of(lambda: list(LineStream(path, block_bytes=8)))) == str(imported)
