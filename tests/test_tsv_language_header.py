"""A TSV/CSV whose first row names the two languages (``ru<TAB>en``, as pandas or a spreadsheet heads its
columns) reads it as a header, said on stderr, and in the order it gives (``en<TAB>ru``: the target's column
first); it became a segment "ru" -> "en" of the corpus, and a reversed file was imported reversed. A plain
TSV export whose first pair is such a row writes a header before it, so that it reads back as data."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from mtreview.cli import main


def _pairs(tmp_path: Path, name: str, text: str, *langs: str) -> tuple[list[tuple[str, str]], Path]:
    src = tmp_path / name
    src.write_text(text, encoding="utf-8")
    project, out = tmp_path / (name + ".mtr"), tmp_path / (name + ".jsonl")
    assert main(["import", str(src), "-s", langs[0], "-t", langs[1], "-o", str(project)]) == 0
    assert main(["export", str(project), "--all", "--format", "jsonl", "-o", str(out)]) == 0
    return [(r["source"], r["mt"]) for r in map(json.loads, out.read_text(encoding="utf-8").splitlines())], project


@pytest.mark.parametrize(("name", "text", "langs"), [
    ("a.tsv", "ru\ten\nПривет.\tHello.\n", ("ru", "en")),
    ("b.tsv", "RU\ten-US\nПривет.\tHello.\n", ("ru", "en")),
    ("c.csv", "ru,en\nПривет.,Hello.\n", ("ru", "en-GB")),
    ("d.tsv", "en\tru\nHello.\tПривет.\n", ("ru", "en")),
])
def test_a_row_naming_the_languages_is_a_header(tmp_path: Path, name: str, text: str, langs: tuple[str, str],
                                                capsys: pytest.CaptureFixture[str]) -> None:
    pairs, _ = _pairs(tmp_path, name, text, *langs)
    assert pairs == [("Привет.", "Hello.")]
    assert f"mtreview: {tmp_path / name}: first row (" in capsys.readouterr().err


def test_other_short_rows_stay_data(tmp_path: Path) -> None:
    pairs, _ = _pairs(tmp_path, "e.tsv", "de\tfr\nПривет.\tHello.\n", "ru", "en")
    assert pairs == [("de", "fr"), ("Привет.", "Hello.")]


def test_a_pair_that_names_the_languages_stays_data_through_a_tsv_export(tmp_path: Path) -> None:
    # imported as data from JSONL, exported as plain TSV, read back
    _, project = _pairs(tmp_path, "f.jsonl", '{"source": "en", "target": "ru"}\n{"source": "Да.", "target": "Yes."}\n',
                        "ru", "en")
    assert main(["decide", str(project), "accept-mt", "--all"]) == 0
    out = tmp_path / "clean.tsv"
    assert main(["export", str(project), "--format", "tsv", "-o", str(out)]) == 0
    pairs, _ = _pairs(tmp_path, "g.tsv", out.read_text(encoding="utf-8"), "ru", "en")
    assert pairs == [("en", "ru"), ("Да.", "Yes.")]
