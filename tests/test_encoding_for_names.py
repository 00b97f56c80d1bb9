"""--encoding punycode (a codec for domain names, not files) is a one-line error naming the file (QA: a
UnicodeError traceback from segment, align and import)."""

from __future__ import annotations

from pathlib import Path

from mtreview.cli import main


def test_punycode_is_a_one_line_error(tmp_path: Path, capsys) -> None:
    path = tmp_path / "t.en"
    path.write_text("Hello world.\n", encoding="utf-8")
    assert main(["segment", str(path), "-l", "en", "--encoding", "punycode"]) == 2
    err = capsys.readouterr().err.strip()
    assert len(err.splitlines()) == 1 and f"{path}: cannot be read as punycode" in err
