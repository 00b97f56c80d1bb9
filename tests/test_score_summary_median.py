"""The summary's risk median is the median of the records' risks (QA: an even count gave the upper middle)."""

from __future__ import annotations

import json
import statistics
from pathlib import Path

import pytest

from mtreview.cli import main
from mtreview.scoring import add_risk_summary


def test_the_median_of_an_even_count_is_the_mean_of_the_middle_two() -> None:
    out: dict = {}
    add_risk_summary(out, [0.8, 0.2], 0)
    assert out["risk"]["median"] == pytest.approx(0.5)
    add_risk_summary(out, [0.8, 0.2, 0.3], 0)
    assert out["risk"]["median"] == 0.3


@pytest.mark.parametrize("workers", ["1", "2"])
def test_the_summary_median_is_that_of_the_records(tmp_path: Path, workers: str) -> None:
    src = tmp_path / "src.txt"
    mt = tmp_path / "mt.txt"
    ref = tmp_path / "p1.txt"
    src.write_text("The cat sat on the mat today.\nThe dog runs in the park now.\n\nA third line here.\nThe last one.\n",
                   encoding="utf-8")
    mt.write_text("Die Katze saß heute auf der Matte.<br/>\nDer Hund rennt jetzt im Park.\n\nEine Zeile.\nDas letzte.\n",
                  encoding="utf-8")
    ref.write_text("Die Katze saß heute auf der Matte.\nDer Hund läuft jetzt im Park.\n\nEine dritte Zeile.\nDie letzte.\n",
                   encoding="utf-8")
    out, summ = tmp_path / "s.jsonl", tmp_path / "s.json"
    assert main(["score", str(src), str(mt), "--aligned", "-s", "en", "-t", "de", "--retranslation", str(ref),
                 "--workers", workers, "--chunk-size", "2", "-o", str(out), "--summary", str(summ)]) == 0
    risks = [r["risk"] for r in map(json.loads, out.read_text(encoding="utf-8").splitlines())
             if r["risk"] is not None]
    assert len(risks) == 4  # the blank pair has none
    summary = json.loads(summ.read_text(encoding="utf-8"))
    assert summary["risk"]["median"] == statistics.median(risks)
    assert summary["risk"]["mean"] == pytest.approx(statistics.fmean(risks))
