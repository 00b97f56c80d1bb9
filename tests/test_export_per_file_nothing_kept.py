"""A --per-file export that keeps nothing names its folder and says no file was written (QA: its summary line
began with an empty name, ': 0 segment(s) kept; left out: 2 unreviewed')."""

from __future__ import annotations

from pathlib import Path

from mtreview.cli import main


def test_the_summary_names_the_folder(tmp_path: Path, capsys) -> None:
    (tmp_path / "s.ru").write_text("Да.\nНет.\n", encoding="utf-8")
    (tmp_path / "m.en").write_text("Yes.\nNo.\n", encoding="utf-8")
    project = tmp_path / "p.mtr"
    assert main(["import", str(tmp_path / "s.ru"), str(tmp_path / "m.en"), "--aligned", "-s", "ru", "-t", "en",
                 "-o", str(project)]) == 0
    capsys.readouterr()
    out = tmp_path / "pf"
    assert main(["export", str(project), "--per-file", "-o", str(out), "--format", "tsv"]) == 0
    assert capsys.readouterr().err.splitlines()[0] == (f"{out} (no file written): 0 segment(s) kept; left out: "
                                                       "2 unreviewed")
