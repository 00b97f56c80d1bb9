"""``score`` of files refuses a bilingual file (TMX, XLIFF, JSONL, TSV, ...) as SOURCE, MT or --reference, as
``import`` does: it was scored line by line as plain text, XML markup or JSON and all, exit 0 (QA: a TMX
export given as SOURCE gave 3,000 "segments" for 1,000 units)."""

from __future__ import annotations

from pathlib import Path

import pytest

from mtreview.cli import main

TMX = ('<?xml version="1.0" encoding="UTF-8"?>\n<tmx version="1.4"><header srclang="ru"/><body>\n'
       '<tu><tuv xml:lang="ru"><seg>Привет.</seg></tuv><tuv xml:lang="en"><seg>Hello.</seg></tuv></tu>\n'
       '</body></tmx>\n')


@pytest.mark.parametrize("where", ["source", "mt", "reference"])
@pytest.mark.parametrize("name", ["units.tmx", "units.jsonl", "units.tsv"])
def test_a_bilingual_file_is_not_scored_as_text(write, tmp_path: Path, capsys: pytest.CaptureFixture[str],  # noqa: ANN001
                                                where: str, name: str) -> None:
    bilingual = write(name, TMX if name.endswith(".tmx") else '{"source": "Привет.", "target": "Hello."}\n'
                      if name.endswith(".jsonl") else "Привет.\tHello.\n" * 4)
    src, mt = write("s.ru", "Привет.\n" * 4), write("m.en", "Hello.\n" * 4)
    files = {"source": [str(bilingual), str(mt)], "mt": [str(src), str(bilingual)],
             "reference": [str(src), str(mt), "--reference", str(bilingual)]}[where]
    out = tmp_path / "o.jsonl"
    assert main(["score", *files, "-s", "ru", "-t", "en", "--no-retranslate", "-o", str(out)]) == 2
    err = capsys.readouterr().err
    assert err.count("\n") == 1
    assert f"{bilingual}: a bilingual file, not plain text: import it (mtreview import {bilingual} -s ru -t en" in err
    assert not out.exists()


@pytest.mark.parametrize("name", ["corpus.tsv", "memory.tmx.gz"])
def test_a_bilingual_file_given_alone_is_told_to_be_imported(write, tmp_path: Path,  # noqa: ANN001
                                                             capsys: pytest.CaptureFixture[str], name: str) -> None:
    # QA: "score corpus.tsv" said "not a project file; to score files give SOURCE and MT", which it is not
    bilingual = write(name, "Привет.\tHello.\n")
    assert main(["score", str(bilingual), "-t", "en"]) == 2
    err = capsys.readouterr().err
    assert err == (f"mtreview: error: {bilingual}: a bilingual file, not a project: import it (mtreview import "
                   f"{bilingual} -s LANG -t en -o project.mtr), then score the project\n")


def test_a_missing_bilingual_name_is_no_file_to_import(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["score", str(tmp_path / "absent.tsv")]) == 2
    assert "import it" not in capsys.readouterr().err
