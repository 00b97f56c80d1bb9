"""Odd XML on import: a root element that is neither TMX nor XLIFF is named (it was "cannot tell the file
format", as for a file of no format at all); a TMX <tuv> with a second <seg> (TMX allows one) is said, where
the second was dropped without a word."""

from __future__ import annotations

from pathlib import Path

import pytest

from mtreview.cli import main


def test_xml_of_another_kind_names_its_root(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    src = tmp_path / "page.xml"
    src.write_text('<?xml version="1.0"?>\n<!-- x -->\n<html><body>Привет</body></html>\n', encoding="utf-8")
    project = tmp_path / "p.mtr"
    assert main(["import", str(src), "-s", "ru", "-t", "en", "-o", str(project)]) == 2
    assert capsys.readouterr().err.strip() == (
        f"mtreview: error: {src}: an XML file whose root element is <html>: neither TMX (<tmx>) nor XLIFF "
        "(<xliff>), the XML formats import reads")
    assert not project.exists()


def test_a_second_seg_in_a_tuv_is_said(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    src = tmp_path / "m.tmx"
    src.write_text('<?xml version="1.0"?>\n<tmx version="1.4"><header srclang="ru"/><body>\n'
                   '<tu><tuv xml:lang="ru"><seg>Да.</seg></tuv><tuv xml:lang="en"><seg>Yes.</seg></tuv></tu>\n'
                   '<tu><tuv xml:lang="ru"><seg>Один.</seg><seg>Два.</seg></tuv>'
                   '<tuv xml:lang="en"><seg>One.</seg></tuv></tu>\n</body></tmx>\n', encoding="utf-8")
    assert main(["import", str(src), "-s", "ru", "-t", "en", "-o", str(tmp_path / "p.mtr")]) == 0
    assert (f"mtreview: {src}: 1 <tu> with a <tuv> of more than one <seg> (TMX allows one): only the first <seg> "
            "read (line(s) 4)") in capsys.readouterr().err
