"""SOURCE given again as the MT, a --retranslation or the --reference is refused before any work (QA:
`score src.en src.en` scored every line as its own translation, exit 0)."""

from __future__ import annotations

from pathlib import Path

import pytest

from mtreview.cli import main


@pytest.fixture
def files(tmp_path: Path) -> dict[str, Path]:
    out = {"src": tmp_path / "src.en", "mt": tmp_path / "mt.de", "p1": tmp_path / "p1.de"}
    out["src"].write_text("The cat sat on the mat.\nThe dog runs in the park.\n", encoding="utf-8")
    out["mt"].write_text("Die Katze saß auf der Matte.\nDer Hund rennt im Park.\n", encoding="utf-8")
    out["p1"].write_text("Die Katze sass auf der Matte.\nDer Hund läuft im Park.\n", encoding="utf-8")
    return out


@pytest.mark.parametrize("where", ["mt", "--retranslation", "--reference"])
def test_the_source_as_a_translation_is_refused(tmp_path: Path, files: dict[str, Path],
                                                  capsys: pytest.CaptureFixture[str], where: str) -> None:
    src = str(files["src"])
    again = str(tmp_path / "." / "src.en")  # another spelling of the same file
    mt = again if where == "mt" else str(files["mt"])
    args = ["score", src, mt, "--aligned", "-s", "en", "-t", "de", "--workers", "1", "-o", str(tmp_path / "s.jsonl")]
    args += ["--retranslation", again if where == "--retranslation" else str(files["p1"])]
    if where == "--reference":
        args += ["--reference", again]
    assert main(args) == 2
    err = capsys.readouterr().err
    assert "SOURCE" in err and "translation" in err
    assert not (tmp_path / "s.jsonl").exists()


def test_distinct_files_are_scored(tmp_path: Path, files: dict[str, Path]) -> None:
    assert main(["score", str(files["src"]), str(files["mt"]), "--aligned", "-s", "en", "-t", "de", "--workers", "1",
                 "--retranslation", str(files["p1"]), "-o", str(tmp_path / "s.jsonl")]) == 0
