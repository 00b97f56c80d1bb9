"""`report`'s inputs are checked for a scores format before any is read: a `score --summary` given as an input
is told where it goes, and an unknown format is refused before minutes spent on the files before it (QA:
`report s.jsonl sum.json` read s.jsonl whole, then said only "unknown scores format '.json'")."""

from __future__ import annotations

import json

import pytest

from mtreview.errors import InputError
from mtreview.report import build_report

SCORES = '{"id": 1, "risk": 0.25, "flags": []}\n{"id": 2, "risk": 0.75, "flags": []}\n'
SUMMARY = {"segments": 2, "corpus": {"pseudo": {}, "reference": {}}, "flags": {},
           "risk": {"mean": 0.5, "median": 0.5, "above_0.5": 1}}


@pytest.mark.parametrize("name", ["sum.json", "SUM.JSON"])
def test_a_summary_given_as_scores_is_told_to_go_with_summary(write, name: str) -> None:  # noqa: ANN001
    summary = write(name, json.dumps(SUMMARY))
    with pytest.raises(InputError, match=rf"{name}: a JSON file, not a scores file: a 'score --summary' goes "
                                         rf"with --summary beside the records of the same run \(mtreview report "
                                         rf"scores\.jsonl --summary {name}\)"):
        build_report([summary])


@pytest.mark.parametrize("bad", ["sum.json", "notes.txt", "missing.jsonl"])
def test_no_input_is_read_before_every_format_is_known(write, bad: str) -> None:  # noqa: ANN001
    said: list[str] = []
    scores = write("s.jsonl", SCORES)
    other = write(bad, json.dumps(SUMMARY)) if bad != "missing.jsonl" else scores.parent / bad
    with pytest.raises(InputError, match=bad):
        build_report([scores, other], log=said.append)
    assert said == []  # s.jsonl was not read ("s.jsonl: 2 segments") before the refusal


def test_scores_files_and_a_summary_beside_them_are_read(write) -> None:  # noqa: ANN001
    rep = build_report([write("s.jsonl", SCORES)], summary=write("sum.json", json.dumps(SUMMARY)), n_bootstrap=10)
    assert rep["segments"] == 2
