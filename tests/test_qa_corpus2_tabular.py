"""Corpus-producer QA: a TSV/CSV row with an empty extra column (a trailing tab or comma) is refused with
what to do about it, not with the hint about a tab splitting a segment."""

from __future__ import annotations

from pathlib import Path

import pytest

from mtreview.cli import main


@pytest.mark.parametrize("name, content", [
    ("trail.tsv", "а\tb\t\nв\tc\t\n"),
    ("trail.csv", "а,b,\nв,c,\n"),
    ("header.tsv", "source\ttarget\nа\tb\t \n"),
])
def test_an_empty_extra_column_is_named_as_such(write, tmp_path: Path, capsys, name: str,  # noqa: ANN001
                                                content: str) -> None:
    path = write(name, content)
    out = tmp_path / "p.mtr"
    assert main(["import", str(path), "-s", "ru", "-t", "en", "-o", str(out)]) == 2
    err = capsys.readouterr().err
    assert err.startswith(f"mtreview: error: {path}:") and err.count("\n") == 1, err
    assert "has 3 column(s)" in err and "the extra column(s) are empty" in err
    assert "splits it" not in err and not out.exists()


def test_a_real_third_column_keeps_the_tab_hint(write, tmp_path: Path, capsys) -> None:  # noqa: ANN001
    path = write("three.tsv", "а\tb\tc\n")
    assert main(["import", str(path), "-s", "ru", "-t", "en", "-o", str(tmp_path / "p.mtr")]) == 2
    err = capsys.readouterr().err
    assert "a tab inside a segment splits it" in err and "are empty" not in err
