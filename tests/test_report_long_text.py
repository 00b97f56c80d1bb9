"""A segment of enormous text in a report: HTML and Markdown show its start and how much is left out, --json
keeps it whole. QA: one line of 1,000,000 characters (a document never split into lines) made a 2.6 MB
report whose worst-segments table was one unreadable cell."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from mtreview.cli import main

LONG = 100_000


def _scores(tmp_path: Path) -> Path:
    path = tmp_path / "s.jsonl"
    recs = [{"id": 1, "risk": 0.9, "bleu": 10.0, "chrf": 20.0, "chrfpp": 20.0, "ter": 80.0,
             "source": "Alpha " + "a" * LONG, "mt": "Beta " + "<b>" * LONG,
             "flags": [{"name": "repetition", "message": "r" * LONG, "severity": 0.5}]},
            {"id": 2, "risk": 0.1, "bleu": 90.0, "chrf": 95.0, "chrfpp": 95.0, "ter": 5.0,
             "source": "Short source.", "mt": "Short MT.", "flags": []}]
    path.write_text("".join(json.dumps(r) + "\n" for r in recs), encoding="utf-8")
    return path


@pytest.mark.parametrize("fmt", ["html", "markdown"])
def test_tables_show_the_start_of_a_huge_segment(tmp_path: Path, fmt: str) -> None:
    out = tmp_path / f"r.{'html' if fmt == 'html' else 'md'}"
    assert main(["report", str(_scores(tmp_path)), "--format", fmt, "-o", str(out)]) == 0
    text = out.read_text(encoding="utf-8")
    assert len(text) < 60_000  # the 3 x 100,000 characters of the long segment are not all there
    assert "Alpha aaaa" in text and "Beta &lt;b&gt;" in text  # its start is, escaped
    assert "more characters)" in text
    assert "Short source." in text and "Short MT." in text  # short text whole


def test_json_keeps_the_whole_text(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["report", str(_scores(tmp_path)), "--json", "-o", "-"]) == 0
    report = json.loads(capsys.readouterr().out)
    worst = report["worst"][0]
    assert worst["source"] == "Alpha " + "a" * LONG and worst["mt"] == "Beta " + "<b>" * LONG
