"""``export --into`` with a file that is no TMX or XLIFF says so (a JSONL or Parquet file was "malformed XML:
Start tag expected", a TSV "give the output an XLIFF name"), and a project imported from JSONL given an
XLIFF file says it was not imported from XLIFF (it was "it has no unit None with the source ...")."""

from __future__ import annotations

from pathlib import Path

import pytest

from mtreview.cli import main

RECORDS = '{"source": "Привет.", "target": "Hello.", "notes": ["n"]}\n'
XLIFF = """<?xml version="1.0" encoding="UTF-8"?>
<xliff version="1.2" xmlns="urn:oasis:names:tc:xliff:document:1.2"><file original="a" source-language="ru"
 target-language="en" datatype="plaintext"><body><trans-unit id="1"><source>Привет.</source>
<target>Hello.</target></trans-unit></body></file></xliff>
"""


@pytest.fixture
def project(tmp_path: Path) -> Path:
    src = tmp_path / "c.jsonl"
    src.write_text(RECORDS, encoding="utf-8")
    p = tmp_path / "c.mtr"
    assert main(["import", str(src), "-s", "ru", "-t", "en", "-o", str(p)]) == 0
    assert main(["decide", str(p), "accept-mt", "--all"]) == 0
    return p


@pytest.mark.parametrize(("name", "text", "what"), [
    ("c2.jsonl", RECORDS, "is a JSONL file"),
    ("c.tsv", "Привет.\tHello.\n", "is a TSV file"),
    ("c.en", "Hello.\n", "is not a TMX or XLIFF file"),
])
def test_into_a_file_that_is_no_tmx_or_xliff_says_so(tmp_path: Path, project: Path, name: str, text: str,
                                                     what: str, capsys: pytest.CaptureFixture[str]) -> None:
    into = tmp_path / name
    into.write_text(text, encoding="utf-8")
    out = tmp_path / "out.xlf"
    capsys.readouterr()
    assert main(["export", str(project), "--into", str(into), "-o", str(out)]) == 2
    err = capsys.readouterr().err.strip()
    assert err == (f"mtreview: error: --into {into}: {what}; --into writes the review into the TMX or XLIFF file "
                   "the project was imported from (for a corpus in another format, leave out --into)")
    assert not out.exists()


def test_into_xliff_of_a_project_imported_from_jsonl(tmp_path: Path, project: Path,
                                                     capsys: pytest.CaptureFixture[str]) -> None:
    into = tmp_path / "a.xlf"
    into.write_text(XLIFF, encoding="utf-8")
    out = tmp_path / "out.xlf"
    capsys.readouterr()
    assert main(["export", str(project), "--into", str(into), "-o", str(out)]) == 2
    err = capsys.readouterr().err.strip()
    assert err.startswith(f"mtreview: error: {project} was not imported from an XLIFF file")
    assert not out.exists()
