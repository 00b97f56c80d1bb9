"""score's summary and report count "high risk" alike: at or above 0.5, the review screen's default threshold,
under the same key (QA: the summary counted risk > 0.5 as ``above_0.5`` while the report counted risk >= 0.5
as ``high_risk``, so a segment at exactly 0.5 was high risk in the report and not in the summary)."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from mtreview.cli import main
from mtreview.report.build import build_report
from mtreview.scoring import add_risk_summary


def test_the_summary_counts_a_risk_of_exactly_the_threshold_as_high() -> None:
    out: dict = {}
    add_risk_summary(out, [0.2, 0.5, 0.5, 0.9], blank=0)
    assert out["high_risk"] == {"threshold": 0.5, "segments": 3}
    assert out["risk"]["above_0.5"] == 1  # the old key keeps its meaning for scripts that read it


def test_an_empty_summary_has_no_high_risk_segments() -> None:
    out: dict = {}
    add_risk_summary(out, [], blank=2)
    assert out["high_risk"] == {"threshold": 0.5, "segments": 0}


def test_report_and_summary_give_the_same_count(tmp_path: Path) -> None:
    scores = tmp_path / "s.jsonl"
    risks = [0.5, 0.1, 0.75, 0.4999, 0.5]
    scores.write_text("".join(json.dumps({"id": i, "risk": r, "flags": []}) + "\n"
                              for i, r in enumerate(risks, 1)), encoding="utf-8")
    summary: dict = {}
    add_risk_summary(summary, risks, blank=0)
    report = build_report([scores], n_bootstrap=0)
    assert report["high_risk"] == summary["high_risk"] == {"threshold": 0.5, "segments": 3}


def test_score_says_how_many_segments_are_at_high_risk(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    src, mt, pseudo = tmp_path / "s.txt", tmp_path / "m.txt", tmp_path / "p.txt"
    src.write_text("Das ist ein schöner Tag.\nDer Hund schläft im Garten.\n", encoding="utf-8")
    # markup left in the MT puts the first segment at risk 0.5 or more; the second is the retranslation itself
    mt.write_text("C'est une belle journée.<br/>\nLe chien dort dans le jardin.\n", encoding="utf-8")
    pseudo.write_text("C'est une belle journée.\nLe chien dort dans le jardin.\n", encoding="utf-8")
    out, summary = tmp_path / "o.jsonl", tmp_path / "sum.json"
    assert main(["score", str(src), str(mt), "-s", "de", "-t", "fr", "--aligned", "--retranslation", str(pseudo),
                 "-o", str(out), "--summary", str(summary)]) == 0
    risks = [json.loads(line)["risk"] for line in out.read_text(encoding="utf-8").splitlines()]
    assert risks[0] >= 0.5 > risks[1]
    assert json.loads(summary.read_text(encoding="utf-8"))["high_risk"] == {"threshold": 0.5, "segments": 1}
    assert "2 segments scored; 1 at risk \u2265 0.5;" in capsys.readouterr().err
