"""A score in a scores file outside what that score can be is refused on one line naming the file and line
(QA, fuzzing: a BLEU of 1e308, finite, summed to infinity, `report --json` wrote the bare token Infinity,
which is not JSON, and numpy's overflow warnings went to stderr; a negative chrF was averaged as given)."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from mtreview.cli import main

GOOD = {"id": 2, "risk": 0.5, "bleu": 50.0, "chrf": 60.0, "chrfpp": 58.0, "ter": 40.0, "flags": []}


@pytest.mark.parametrize(("key", "value", "said"), [
    ("bleu", 1e308, "bleu is 1e+308, outside [0, 100]"),
    ("chrf", -3.0, "chrf is -3.0, outside [0, 100]"),
    ("ref_chrfpp", 100.5, "ref_chrfpp is 100.5, outside [0, 100]"),
    ("pseudo_agreement", 250, "pseudo_agreement is 250, outside [0, 100]"),
    ("ter", -1, "ter is -1, outside [0, 1e+09]"),
    ("ter", 1e300, "ter is 1e+300, outside [0, 1e+09]"),
    ("risk", 7, "risk is 7, outside [0, 1]"),
])
def test_a_score_out_of_its_range_is_refused(tmp_path: Path, key: str, value: float, said: str,
                                             capsys: pytest.CaptureFixture[str]) -> None:
    path = tmp_path / "s.jsonl"
    bad = {**GOOD, "id": 1, key: value}
    path.write_text(json.dumps(bad) + "\n" + json.dumps(GOOD) + "\n", encoding="utf-8")
    out = tmp_path / "r.json"
    assert main(["report", str(path), "--json", "-o", str(out)]) == 2
    err = capsys.readouterr().err
    assert err == f"mtreview: error: {path}:1: {said}\n"
    assert not out.exists()


def test_scores_at_their_edges_are_read(tmp_path: Path) -> None:
    # sacrebleu's BLEU of an exact match is 100.00000000000004; a TER of several hundred is a real one
    edge = {**GOOD, "id": 1, "bleu": 100.00000000000004, "chrf": 0.0, "ter": 850.0, "risk": 1.0}
    path = tmp_path / "s.jsonl"
    path.write_text(json.dumps(edge) + "\n" + json.dumps(GOOD) + "\n", encoding="utf-8")
    out = tmp_path / "r.json"
    assert main(["report", str(path), "--json", "-o", str(out)]) == 0
    json.loads(out.read_text(encoding="utf-8"), parse_constant=lambda token: pytest.fail(token))
