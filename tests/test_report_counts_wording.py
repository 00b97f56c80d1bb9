"""A report counts in words that agree with the count: a one-segment scores file's report said "1 segments"
in its opening line, its charts' titles, its flag section and "The 1 highest-risk segments" (QA)."""

from __future__ import annotations

import json
import re
from pathlib import Path

import pytest

from mtreview.cli import main


def scores(path: Path, risks: list[float]) -> Path:
    recs = [{"id": i, "risk": r, "bleu": 40.0, "chrf": 60.0, "chrfpp": 58.0, "ter": 30.0,
             "flags": [{"name": "numbers", "detail": "8 vs 9"}] if r > 0.5 else []} for i, r in enumerate(risks, 1)]
    path.write_text("".join(json.dumps(r) + "\n" for r in recs), encoding="utf-8")
    return path


@pytest.mark.parametrize("fmt", ["html", "markdown"])
def test_one_segment_is_one_segment(tmp_path: Path, capsys: pytest.CaptureFixture[str], fmt: str) -> None:
    src = scores(tmp_path / "s.jsonl", [0.9])
    assert main(["report", str(src), "--format", fmt, "-o", "-"]) == 0
    text = re.sub(r"<[^>]+>", " ", capsys.readouterr().out)
    assert "1 segments" not in text
    assert "1 segment from" in text and "(scores, 1 segment)" in text
    assert "highest-risk segment" in text and "The 1 highest-risk" not in text
    assert "of 1 segment flagged" in text
    assert "1 segment at risk" in text.replace("**", "").replace("  ", " ")


def test_two_segments_and_one_flagged(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    src = scores(tmp_path / "s.jsonl", [0.9, 0.1])
    assert main(["report", str(src), "--format", "markdown", "-o", "-"]) == 0
    out = capsys.readouterr().out
    assert "2 segments from" in out and "The 2 highest-risk segments" in out
    assert "**1** segment at risk" in out and "**1** segment flagged by a check" in out


def test_a_scores_file_of_blank_pairs_is_not_told_to_run_score(tmp_path: Path,
                                                               capsys: pytest.CaptureFixture[str]) -> None:
    # QA: `score` of blank lines, then `report`, said "for scores, run 'mtreview score' first"
    blank = tmp_path / "b.jsonl"
    blank.write_text("".join(json.dumps({"id": i, "risk": None, "bleu": None, "flags": [], "blank": True}) + "\n"
                             for i in (1, 2)), encoding="utf-8")
    assert main(["report", str(blank), "-o", str(tmp_path / "r.html")]) == 0
    err = capsys.readouterr().err
    assert "every segment is blank in both source and MT" in err and "run 'mtreview score'" not in err
    empty = tmp_path / "e.jsonl"
    empty.write_text("", encoding="utf-8")
    assert main(["report", str(empty), "-o", str(tmp_path / "r.html")]) == 0
    err = capsys.readouterr().err
    assert "no segment to report on" in err and "run 'mtreview score'" not in err


def test_a_source_of_one_line_and_a_file_without_ids(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    src = tmp_path / "s.ru"
    src.write_text("Да.\n", encoding="utf-8")
    two = scores(tmp_path / "two.jsonl", [0.9, 0.1])
    assert main(["report", str(two), "--source", str(src), "-o", str(tmp_path / "r.html")]) == 2
    assert f"{src}: has 1 line but the scores have 2 segments" in capsys.readouterr().err  # was "1 lines"
    noid = tmp_path / "noid.jsonl"
    noid.write_text('{"risk": 0.5}\n{"risk": 0.7}\n', encoding="utf-8")
    assert main(["report", str(noid), "--format", "markdown", "-o", "-"]) == 0
    assert "| None |" not in capsys.readouterr().out  # the # column of a record without an id is empty


@pytest.mark.parametrize(("name", "args"), [("r.html", ["--format", "markdown"]), ("r.md", ["--json"]),
                                            ("r.json", ["--format", "html"])])
def test_an_output_named_for_another_format_is_refused(tmp_path: Path, capsys: pytest.CaptureFixture[str],
                                                       name: str, args: list[str]) -> None:
    # QA: -o report.html --format markdown wrote Markdown under an HTML name (export refuses the like)
    src = scores(tmp_path / "s.jsonl", [0.9])
    assert main(["report", str(src), "-o", str(tmp_path / name), *args]) == 2
    assert "the name says" in capsys.readouterr().err
    assert not (tmp_path / name).exists()
