"""Unequal --aligned line counts name a file's trailing blank lines, the commonest cause (QA: "has 3 lines but
mt.txt has 2" with no word of the extra empty line an editor left at the end of src.txt)."""

from __future__ import annotations

from pathlib import Path

import pytest

from mtreview.cli import main


def _score(tmp_path: Path, src: bytes, mt: bytes) -> int:
    (tmp_path / "src.txt").write_bytes(src)
    (tmp_path / "mt.txt").write_bytes(mt)
    (tmp_path / "p1.txt").write_bytes(b"Hallo Welt!\nZweite Zeile.\n")
    return main(["score", str(tmp_path / "src.txt"), str(tmp_path / "mt.txt"), "--aligned", "-s", "en", "-t", "de",
                 "--retranslation", str(tmp_path / "p1.txt"), "--workers", "1", "-o", str(tmp_path / "s.jsonl")])


@pytest.mark.parametrize(("src", "mt", "says"), [
    (b"Hello world.\nSecond line.\n\n", b"Hallo Welt.\nZweite Zeile.\n", "src.txt ends with 1 blank line"),
    (b"Hello world.\nSecond line.\n", b"Hallo Welt.\nZweite Zeile.\r\n\r\n \r\n", "mt.txt ends with 2 blank lines"),
    # a file of blank lines only (QA: "ends with 2 blank lines" of a file of 3)
    (b"Hello world.\nSecond line.\n", b"\n \n\n", "mt.txt has only blank lines (3)"),
])
def test_trailing_blank_lines_are_named(tmp_path: Path, capsys: pytest.CaptureFixture[str], src: bytes, mt: bytes,
                                        says: str) -> None:
    assert _score(tmp_path, src, mt) == 2
    err = capsys.readouterr().err
    assert "must have equal line counts" in err and says in err


def test_no_hint_where_no_file_ends_blank(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    assert _score(tmp_path, b"Hello world.\nSecond line.\n", b"Hallo Welt.\nZweite Zeile.\nDrei.\n") == 2
    assert "blank line" not in capsys.readouterr().err
