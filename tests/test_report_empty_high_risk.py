"""``report --json`` of scores without a segment gives ``high_risk`` as the summary of that empty run does
(``{"threshold": ..., "segments": 0}``), not null (QA: scripts reading ``high_risk.segments`` broke on it)."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from mtreview.cli import main


def test_empty_scores_report_high_risk_as_the_summary_does(tmp_path: Path, capsys: pytest.CaptureFixture) -> None:
    src, mt = tmp_path / "s.ru", tmp_path / "m.en"
    src.write_text("", encoding="utf-8")
    mt.write_text("", encoding="utf-8")
    scores, summary = tmp_path / "o.jsonl", tmp_path / "sum.json"
    assert main(["score", str(src), str(mt), "--aligned", "-s", "ru", "-t", "en", "--no-retranslate",
                 "-o", str(scores), "--summary", str(summary)]) == 0
    capsys.readouterr()
    assert scores.read_text(encoding="utf-8") == ""
    expected = json.loads(summary.read_text(encoding="utf-8"))["high_risk"]
    assert expected["segments"] == 0
    assert main(["report", str(scores), "--json"]) == 0
    report = json.loads(capsys.readouterr().out)
    assert report["segments"] == 0
    assert report["high_risk"] == expected
