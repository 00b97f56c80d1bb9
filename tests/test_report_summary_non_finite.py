"""`report --summary` with NaN or Infinity in it: refused on one line naming the file and the value. QA: a
NaN corpus score went into `report --json` as the bare token NaN, which is not JSON (a strict reader such as
jq refused the whole report), and into the Markdown and HTML tables as "nan"."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from mtreview.cli import main

RECORDS = [{"id": 1, "risk": 0.2, "bleu": 40.0, "chrf": 60.0, "chrfpp": 58.0, "ter": 50.0, "flags": []},
           {"id": 2, "risk": 0.7, "bleu": 10.0, "chrf": 30.0, "chrfpp": 28.0, "ter": 90.0, "flags": []}]


def _summary(bleu_text: str) -> str:
    """A summary as `score --summary` writes one, its corpus BLEU written as ``bleu_text``."""
    return ('{"segments": 2, "corpus": {"pseudo": {"bleu": {"score": ' + bleu_text + ', "signature": "x"},'
            ' "chrf": {"score": 45.0, "signature": "y"}}, "reference": {}}, "flags": {}}')


@pytest.fixture
def scores(tmp_path: Path) -> Path:
    path = tmp_path / "s.jsonl"
    path.write_text("".join(json.dumps(r) + "\n" for r in RECORDS), encoding="utf-8")
    return path


@pytest.mark.parametrize(("token", "said"), [("NaN", "NaN"), ("Infinity", "Infinity"), ("-Infinity", "-Infinity"),
                                              ("1e999", "Infinity")])
@pytest.mark.parametrize("fmt", [["--json"], ["--format", "markdown"], ["--format", "html"]])
def test_a_non_finite_summary_score_is_refused(tmp_path: Path, scores: Path, token: str, said: str,
                                               fmt: list[str], capsys: pytest.CaptureFixture[str]) -> None:
    summary = tmp_path / "sum.json"
    summary.write_text(_summary(token), encoding="utf-8")
    out = tmp_path / "r.out"
    assert main(["report", str(scores), "--summary", str(summary), *fmt, "-o", str(out)]) == 2
    err = capsys.readouterr().err
    assert err.strip().splitlines()[-1] == (f"mtreview: error: {summary}: corpus.pseudo.bleu.score is {said}, "
                                            "not a finite number")
    assert not out.exists()


def test_a_finite_summary_gives_strict_json(tmp_path: Path, scores: Path,
                                            capsys: pytest.CaptureFixture[str]) -> None:
    summary = tmp_path / "sum.json"
    summary.write_text(_summary("38.5"), encoding="utf-8")
    assert main(["report", str(scores), "--summary", str(summary), "--json", "-o", "-"]) == 0

    def refuse(token: str) -> None:
        raise AssertionError(f"{token} in the report")

    report = json.loads(capsys.readouterr().out, parse_constant=refuse)
    rows = {(r["system"], r["metric"]): r["score"] for r in report["corpus"]}
    assert rows[("MT vs pseudo-references (summary file)", "BLEU")] == 38.5


def test_a_summary_score_that_is_no_number_gives_no_row(tmp_path: Path, scores: Path,
                                                        capsys: pytest.CaptureFixture[str]) -> None:
    summary = tmp_path / "sum.json"
    summary.write_text(_summary("true"), encoding="utf-8")  # was a BLEU of 1.0 (True is an int to Python)
    assert main(["report", str(scores), "--summary", str(summary), "--json", "-o", "-"]) == 0
    rows = {(r["system"], r["metric"]) for r in json.loads(capsys.readouterr().out)["corpus"]}
    assert ("MT vs pseudo-references (summary file)", "BLEU") not in rows
    assert ("MT vs pseudo-references (summary file)", "chrF") in rows
