"""`export --dedupe` compares pairs as the output writes them: Moses and TSV drop a leading U+FEFF and make
line breaks spaces, XML drops the characters it cannot carry; two pairs that would be the same line are one
pair (QA: "\\ufeffx y" and "x y" were both kept and both written "x y" in a deduplicated Moses file)."""

from __future__ import annotations

from pathlib import Path

import pytest
from fixtures_corpus import accepted_project

from mtreview.cli import main
from mtreview.formats import read_units

PAIRS = [("x y", "X Y"), ("\ufeffx y", "\ufeffX Y"), ("x\u2028y", "X\u2028Y"), ("x\uffffy", "X Y")]


@pytest.mark.parametrize("fmt,name", [("moses", "o"), ("tsv", "o.tsv")])
def test_line_files_hold_no_duplicate_line(tmp_path: Path, capsys, fmt: str, name: str) -> None:
    proj = accepted_project(tmp_path, PAIRS[:3])
    out = tmp_path / name
    assert main(["export", str(proj), "-f", fmt, "-o", str(out), "--dedupe"]) == 0
    err = capsys.readouterr().err
    lines = (tmp_path / "o.ru" if fmt == "moses" else out).read_text(encoding="utf-8").splitlines()
    assert lines == (["x y"] if fmt == "moses" else ["x y\tX Y"])
    assert "1 segment(s) kept; left out: 2 duplicate" in err


def test_xml_compares_without_what_it_cannot_carry(tmp_path: Path, capsys) -> None:
    proj = accepted_project(tmp_path, [PAIRS[0], PAIRS[3]])
    out = tmp_path / "o.tmx"
    assert main(["export", str(proj), "-f", "tmx", "-o", str(out), "--dedupe"]) == 0
    assert "1 segment(s) kept; left out: 1 duplicate" in capsys.readouterr().err
    assert [u.source for u in read_units(out, source_lang="ru", target_lang="en")] == ["x y"]


def test_formats_that_keep_the_text_keep_both(tmp_path: Path, capsys) -> None:
    """JSONL writes the U+FEFF: the two pairs differ in the file, and both go out."""
    proj = accepted_project(tmp_path, PAIRS[:2])
    out = tmp_path / "o.jsonl"
    assert main(["export", str(proj), "-f", "jsonl", "-o", str(out), "--dedupe"]) == 0
    assert "2 segment(s) kept" in capsys.readouterr().err
