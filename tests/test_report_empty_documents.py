"""An input without segments stays in the per-document table with 0 segments (QA: it vanished, so a reader
could not tell an empty file from one left out)."""

from __future__ import annotations

import json
from pathlib import Path

from fixtures_report import write_scores_jsonl

from mtreview.cli import main
from mtreview.report import build_report
from mtreview.store import Project


def test_an_empty_scores_file_is_a_document_of_0_segments(tmp_path: Path) -> None:
    full = tmp_path / "a.jsonl"
    write_scores_jsonl(full, n=10)
    empty = tmp_path / "b.jsonl"
    empty.write_text("", encoding="utf-8")
    rep = build_report([full, empty], n_bootstrap=10)
    assert [(d["doc"], d["segments"], d["flagged"]) for d in rep["documents"]] == [("a.jsonl", 10, 3),  # 5, 7, 10
                                                                                    ("b.jsonl", 0, 0)]
    assert rep["documents"][1]["risk"] is None


def test_an_empty_project_is_a_document_of_0_segments(tmp_path: Path) -> None:
    empty = tmp_path / "empty.mtr"
    with Project.create(empty, "ru", "en"):
        pass
    full = tmp_path / "a.jsonl"
    write_scores_jsonl(full, n=3)
    rep = build_report([empty, full], n_bootstrap=10)
    assert [(d["doc"], d["segments"]) for d in rep["documents"]] == [("empty.mtr", 0), ("a.jsonl", 3)]


def test_the_html_and_markdown_tables_show_the_empty_document(tmp_path: Path, capsys) -> None:  # noqa: ANN001
    full = tmp_path / "a.jsonl"
    write_scores_jsonl(full, n=4)
    empty = tmp_path / "b.jsonl"
    empty.write_text("\n", encoding="utf-8")  # a blank line is no record
    assert main(["report", str(full), str(empty), "-o", str(tmp_path / "r.md")]) == 0, capsys.readouterr().err
    md = (tmp_path / "r.md").read_text(encoding="utf-8")
    assert "| b.jsonl | 0 | 0 |" in md
    assert main(["report", str(full), str(empty), "-o", str(tmp_path / "r.html")]) == 0, capsys.readouterr().err
    html = (tmp_path / "r.html").read_text(encoding="utf-8")
    table = html[html.index('<h2 id="documents">'):]
    assert '<tr><td>b.jsonl</td><td class="num">0</td>' in table
    assert main(["report", str(full), str(empty), "--json", "-o", str(tmp_path / "r.json")]) == 0
    docs = json.loads((tmp_path / "r.json").read_text(encoding="utf-8"))["documents"]
    assert [d["doc"] for d in docs] == ["a.jsonl", "b.jsonl"]
