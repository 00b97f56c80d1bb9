"""``import`` refuses the source document given again as its --reference or --retranslation (a symbolic link
to it too): every score then compared the MT with the source language, exit 0 and no word of it; ``score``
and ``align`` refuse the same mistake."""

from __future__ import annotations

from pathlib import Path

import pytest

from mtreview.cli import main


@pytest.mark.parametrize("option", ["--reference", "--retranslation"])
@pytest.mark.parametrize("link", [False, True])
def test_the_source_is_no_reference(tmp_path: Path, option: str, link: bool,
                                    capsys: pytest.CaptureFixture[str]) -> None:
    src, mt = tmp_path / "a.ru", tmp_path / "a.en"
    src.write_text("Привет.\nПока.\n", encoding="utf-8")
    mt.write_text("Hello.\nBye.\n", encoding="utf-8")
    given = src
    if link:
        given = tmp_path / "ref.en"
        given.symlink_to(src)
    project = tmp_path / "p.mtr"
    assert main(["import", str(src), str(mt), "--aligned", option, str(given), "-s", "ru", "-t", "en",
                 "-o", str(project)]) == 2
    assert capsys.readouterr().err.strip() == (
        f"mtreview: error: {option} {given}: is SOURCE itself ({src}), not a translation of it; give another "
        "translation of the source")
    assert not project.exists()


def test_the_references_repairs_are_said(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    # (the source's and the MT's were; the reference's went unsaid)
    src, mt, ref = tmp_path / "a.ru", tmp_path / "a.en", tmp_path / "r.en"
    src.write_text("Привет.\nПока.\n", encoding="utf-8")
    mt.write_text("Hello.\nBye.\n", encoding="utf-8")
    ref.write_text("Hi\x01there.\nBye\ufffe.\n", encoding="utf-8")
    assert main(["import", str(src), str(mt), "--aligned", "--reference", str(ref), "-s", "ru", "-t", "en",
                 "-o", str(tmp_path / "p.mtr")]) == 0
    err = capsys.readouterr().err
    assert f"mtreview: {ref}: 1 control character(s) removed" in err
    assert f"mtreview: {ref}: 1 noncharacter(s) U+FFFE/U+FFFF removed" in err
