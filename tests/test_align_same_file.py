"""`align` refuses SOURCE given again as TARGET or as a --retranslation, as `score` does. QA: `align a.txt
a.txt` aligned every sentence with itself (confidence 1.00), exit 0 and no warning."""

from __future__ import annotations

from pathlib import Path

import pytest

from mtreview.cli import main

TEXT = "Der Hund schläft. Die Katze spielt im Garten.\n"


@pytest.fixture
def files(tmp_path: Path) -> tuple[Path, Path]:
    src, tgt = tmp_path / "a.de", tmp_path / "b.en"
    src.write_text(TEXT, encoding="utf-8")
    tgt.write_text("The dog sleeps. The cat plays in the garden.\n", encoding="utf-8")
    return src, tgt


def test_the_source_as_target_is_refused(files: tuple[Path, Path], capsys: pytest.CaptureFixture[str]) -> None:
    src, _ = files
    assert main(["align", str(src), str(src), "-s", "de", "-t", "en", "--no-neural", "--json"]) == 2
    out, err = capsys.readouterr()
    assert out == ""
    assert err.strip() == (f"mtreview: error: {src}: given as both SOURCE and TARGET: the TARGET must be a "
                           "translation of the source, in the target language")


def test_a_link_to_the_source_as_target_is_refused(files: tuple[Path, Path],
                                                   capsys: pytest.CaptureFixture[str]) -> None:
    src, _ = files
    link = src.parent / "link.en"
    link.symlink_to(src)
    assert main(["align", str(src), str(link), "-s", "de", "-t", "en", "--no-neural"]) == 2
    assert "given as both SOURCE and TARGET" in capsys.readouterr().err


def test_the_source_as_its_retranslation_is_refused(files: tuple[Path, Path],
                                                    capsys: pytest.CaptureFixture[str]) -> None:
    src, tgt = files
    assert main(["align", str(src), str(tgt), "-s", "de", "-t", "en", "--retranslation", str(src)]) == 2
    assert f"--retranslation {src}: is SOURCE itself" in capsys.readouterr().err


def test_a_copy_is_another_file(files: tuple[Path, Path], capsys: pytest.CaptureFixture[str]) -> None:
    src, _ = files
    copy = src.parent / "copy.en"
    copy.write_text(TEXT, encoding="utf-8")
    assert main(["align", str(src), str(copy), "-s", "de", "-t", "en", "--no-neural", "--json"]) == 0
    assert capsys.readouterr().out.startswith("[")


def test_the_target_as_its_own_retranslation_is_refused(files: tuple[Path, Path],
                                                        capsys: pytest.CaptureFixture[str]) -> None:
    # QA: every bead then had confidence 1.0, exit 0 (import and score refuse the same mistake)
    src, tgt = files
    assert main(["align", str(src), str(tgt), "-s", "de", "-t", "en", "--retranslation", str(tgt), "--json"]) == 2
    out, err = capsys.readouterr()
    assert out == ""
    assert err.strip() == (f"mtreview: error: --retranslation {tgt}: is TARGET itself, which every sentence would "
                           "match; give a translation of SOURCE made by another system (or none)")
