"""`export -o NAME` picks the format from every suffix import reads as one (QA: -o job.xlf2 wrote JSONL with
a note, though import reads job.xlf2 as XLIFF 2.0)."""

from __future__ import annotations

from pathlib import Path

import pytest
from fixtures_corpus import accepted_project

from mtreview.cli import main
from mtreview.cli.cmd_export import _BY_SUFFIX
from mtreview.formats.base import REGISTRY, writer_names
from mtreview.formats.dispatch import sniff_format

IMPORT_SUFFIXES = sorted((s, name) for name in writer_names() for s in REGISTRY[name].suffixes)


def test_every_suffix_import_knows_is_in_the_export_table() -> None:
    assert [(s, _BY_SUFFIX.get(s)) for s, _ in IMPORT_SUFFIXES] == IMPORT_SUFFIXES


@pytest.mark.parametrize("suffix", [".xlf2", ".xliff2", ".tab", ".pq", ".sdlxliff"])
def test_the_suffix_chooses_the_format_and_import_reads_it_back(tmp_path: Path, capsys, suffix: str) -> None:
    proj = accepted_project(tmp_path, [("Да", "Yes")])
    out = tmp_path / f"job{suffix}"
    assert main(["export", str(proj), "-o", str(out)]) == 0
    assert "no known format suffix" not in capsys.readouterr().err
    assert sniff_format(out) == {".xlf2": "xliff2", ".xliff2": "xliff2", ".tab": "tsv", ".pq": "parquet",
                                 ".sdlxliff": "xliff"}[suffix]
    back = tmp_path / "back.mtr"
    assert main(["import", str(out), "-o", str(back), "-s", "ru", "-t", "en"]) == 0


def test_an_unknown_suffix_note_names_the_document_too(tmp_path: Path, capsys) -> None:
    """The note listed every corpus suffix but not .txt, the reviewed article (QA, README walk-through)."""
    proj = accepted_project(tmp_path, [("Да", "Yes")])
    out = tmp_path / "job.foo"
    assert main(["export", str(proj), "-o", str(out)]) == 0
    err = capsys.readouterr().err
    assert "no known format suffix" in err and ".txt for the reviewed translation as a document" in err
    text = tmp_path / "article.text"  # .text is the document as .txt is, as the help now says
    assert main(["export", str(proj), "-o", str(text)]) == 0
    assert text.read_text(encoding="utf-8").strip() == "Yes"
    assert main(["export", "--help"]) == 0
    assert "-o ending in .txt or .text" in " ".join(capsys.readouterr().out.split())
