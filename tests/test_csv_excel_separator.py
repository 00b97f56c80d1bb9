"""A CSV that opens with Excel's separator line (``sep=,`` or ``sep=;``) is read with that separator, the line
itself being no row (QA: "sep=," became a segment "sep=" -> "" and the header after it a second one,
"source" -> "target"; "sep=;" refused the file as having 1 column)."""

from __future__ import annotations

from pathlib import Path

import pytest

from mtreview.cli import main
from mtreview.store import Project


def imported(tmp_path: Path, text: str) -> list[tuple[str, str]]:
    src = tmp_path / "x.csv"
    src.write_text(text, encoding="utf-8")
    out = tmp_path / "p.mtr"
    assert main(["import", str(src), "-s", "ru", "-t", "en", "-o", str(out)]) == 0
    with Project.open(out) as proj:
        return [(s.source_text, s.mt_text) for s in proj.segments()]


@pytest.mark.parametrize("sep", [",", ";", "\t", "|"])
def test_the_separator_line_sets_the_separator(tmp_path: Path, capsys, sep: str) -> None:
    text = f"sep={sep}\nsource{sep}target\n\"Да{sep} нет\"{sep}Yes\nНет{sep}No\n"
    assert imported(tmp_path, text) == [(f"Да{sep} нет", "Yes"), ("Нет", "No")]
    said = "cells separated by" in capsys.readouterr().err
    assert said == (sep != ",")  # the usual comma needs no word


def test_a_bad_row_is_named_by_its_line_in_the_file(tmp_path: Path, capsys) -> None:
    src = tmp_path / "x.csv"
    src.write_text("sep=;\nsource;target\nДа;Yes\nНет;No;extra\n", encoding="utf-8")
    assert main(["import", str(src), "-s", "ru", "-t", "en", "-o", str(tmp_path / "p.mtr")]) == 2
    err = capsys.readouterr().err
    assert "x.csv:4: has 3 column(s)" in err and "quote a field that contains ';'" in err
