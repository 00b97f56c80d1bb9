"""An import that fails prints its error alone: the notes on its input (lines trimmed, characters kept or
removed, a byte-order mark) are about a project that was never made, and came before the error (QA: "5
segment(s) had leading/trailing spaces removed" for a pair with 3 lines, then the unequal line counts).
A run that succeeds says them, before the segment count."""

from __future__ import annotations

from pathlib import Path

import pytest

from mtreview.cli import main

SOURCE = "\ufeff Да. \nНет. \n\u200bЕщё.\nТоже \nИ это \n"  # a BOM, edge spaces, a zero-width space


def _run(tmp_path: Path, capsys, mt: str, *extra: str) -> tuple[int, list[str]]:
    (tmp_path / "c.ru").write_text(SOURCE, encoding="utf-8")
    (tmp_path / "c.en").write_text(mt, encoding="utf-8")
    capsys.readouterr()
    code = main(["import", str(tmp_path / "c.ru"), str(tmp_path / "c.en"), "-s", "ru", "-t", "en",
                 "-o", str(tmp_path / "p.mtr"), *extra])
    return code, capsys.readouterr().err.splitlines()


def test_unequal_aligned_files_print_the_error_alone(tmp_path: Path, capsys) -> None:
    code, err = _run(tmp_path, capsys, "Yes.\nNo. \nMore.\n", "--aligned")
    assert code != 0 and not (tmp_path / "p.mtr").exists()
    assert len(err) == 1 and "has 3 lines but" in err[0] and "equal line counts" in err[0], err


@pytest.mark.parametrize("bad", ["--retranslation", "--reference"])
def test_a_bad_third_file_prints_the_error_alone(tmp_path: Path, capsys, bad: str) -> None:
    (tmp_path / "r.en").write_text(" One. \nTwo.\n", encoding="utf-8")  # 2 lines for 5 segments
    code, err = _run(tmp_path, capsys, "Yes.\nNo.\nMore.\nToo.\nThis.\n", "--aligned", bad, str(tmp_path / "r.en"))
    assert code != 0 and not (tmp_path / "p.mtr").exists()
    assert len(err) == 1 and "r.en" in err[0] and "has 2 lines" in err[0], err


def test_a_successful_import_says_its_notes_before_the_count(tmp_path: Path, capsys) -> None:
    code, err = _run(tmp_path, capsys, "Yes.\nNo. \nMore.\nToo.\nThis.\n", "--aligned")
    assert code == 0, err
    text = "\n".join(err)
    assert "byte-order mark removed" in text and "zero-width/bidi characters kept on line(s) 3" in text
    assert "4 segment(s) had leading/trailing spaces removed" in text
    assert err[-1].endswith("p.mtr: 5 segments")
