"""A TSV or CSV holding only its header row (what an export that kept nothing writes) is refused for having
no rows, not called empty: it was "no rows to review (the file is empty)" for a file that is not (QA)."""

from __future__ import annotations

from pathlib import Path

import pytest

from mtreview.cli import main


@pytest.mark.parametrize(("name", "text"), [("h.tsv", "source\ttarget\n"), ("h.csv", "source,target\n"),
                                            ("l.tsv", "ru\ten\n\n")])
def test_a_header_alone_is_no_rows_not_an_empty_file(tmp_path: Path, name: str, text: str,
                                                     capsys: pytest.CaptureFixture[str]) -> None:
    src = tmp_path / name
    src.write_text(text, encoding="utf-8")
    assert main(["import", str(src), "-s", "ru", "-t", "en", "-o", str(tmp_path / "p.mtr")]) == 2
    err = capsys.readouterr().err
    assert "no rows to review (the file holds only its header row)" in err and "is empty" not in err
    assert not (tmp_path / "p.mtr").exists()


@pytest.mark.parametrize("name", ["e.tsv", "e.csv"])
def test_a_file_of_blank_lines_is_still_empty(tmp_path: Path, name: str, capsys: pytest.CaptureFixture[str]) -> None:
    src = tmp_path / name
    src.write_text("\n\n", encoding="utf-8")
    assert main(["import", str(src), "-s", "ru", "-t", "en", "-o", str(tmp_path / "p.mtr"), "--format",
                 name[-3:]]) == 2
    assert "no rows to review (the file is empty)" in capsys.readouterr().err
