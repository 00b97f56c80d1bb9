"""`report -o` named as a scores file or a project (.jsonl, .csv, .parquet, compressed too) is refused before
any work: a report is HTML, Markdown or JSON (QA: `report s.jsonl -o s2.csv` wrote HTML under that name, with
only a note, and `report s2.csv` then read it as a damaged CSV)."""

from __future__ import annotations

from pathlib import Path

import pytest

from mtreview.cli import main

SCORES = '{"id": 1, "risk": 0.25, "flags": []}\n{"id": 2, "risk": 0.75, "flags": []}\n'


@pytest.mark.parametrize(("name", "extra"), [("r.csv", []), ("r.jsonl.gz", ["--json"]), ("R.PARQUET", []),
                                             ("r.tsv", ["--format", "markdown"])])
def test_a_report_named_as_scores_is_refused(write, tmp_path: Path, capsys, name: str,  # noqa: ANN001
                                             extra: list[str]) -> None:
    out = tmp_path / name
    assert main(["report", str(write("s.jsonl", SCORES)), "-o", str(out), *extra]) == 2
    kind = Path(name.lower().removesuffix(".gz")).suffix[1:]
    assert capsys.readouterr().err == (f"mtreview: error: {out}: a report is html, markdown or json, but the name "
                                       f"says {kind}, a scores file's format: name it .html, .md or .json\n")
    assert not out.exists()


@pytest.mark.parametrize("name", ["r.html", "r.md.gz", "r.json", "r.txt", "report"])
def test_report_names_are_written(write, tmp_path: Path, name: str) -> None:  # noqa: ANN001
    assert main(["report", str(write("s.jsonl", SCORES)), "-o", str(tmp_path / name)]) == 0
    assert (tmp_path / name).stat().st_size > 0
