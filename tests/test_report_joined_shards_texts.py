"""`report --source/--mt` find a segment's text on the line its id names; scores files joined with cat (ids
1..n again) are refused instead of shown with another shard's texts (QA: the second shard's worst segment,
id 2, was shown with the first shard's line 2, exit 0, since the joined files had as many lines as records)."""

from __future__ import annotations

import json

import pytest

from mtreview.errors import InputError
from mtreview.report import build_report


def _scores(risks: list[float]) -> str:
    return "".join(json.dumps({"id": i, "risk": r, "flags": []}) + "\n" for i, r in enumerate(risks, 1))


def test_joined_shards_are_refused_naming_the_repeated_id(write) -> None:  # noqa: ANN001
    joined = write("all.jsonl", _scores([0.1, 0.2]) + _scores([0.3, 0.9]))  # id 2 of shard 2 is the worst
    src = write("all.src", "a one\na two\nb one\nb two\n")
    mt = write("all.mt", "A one\nA two\nB one\nB two\n")
    with pytest.raises(InputError, match=r"all\.jsonl: record 3: id 1 again, where --source/--mt give each id "
                                         r"its own line \(.*all\.src: line 1\): scores files joined with cat\?"):
        build_report([joined], source=src, mt=mt, n_bootstrap=10)


def test_ids_in_any_order_find_their_lines(write) -> None:  # noqa: ANN001
    rows = [{"id": 3, "risk": 0.9, "flags": []}, {"id": 1, "risk": 0.2, "flags": []},
            {"id": 2, "risk": 0.5, "flags": []}]  # sorted by risk with jq, say
    scores = write("s.jsonl", "".join(json.dumps(r) + "\n" for r in rows))
    rep = build_report([scores], source=write("s.src", "one\ntwo\nthree\n"), mt=write("s.mt", "1\n2\n3\n"),
                       n_bootstrap=10)
    assert [(w["id"], w["source"], w["mt"]) for w in rep["worst"]] == [(3, "three", "3"), (2, "two", "2"),
                                                                       (1, "one", "1")]


def test_a_line_count_that_differs_is_still_told_with_both_counts(write) -> None:  # noqa: ANN001
    with pytest.raises(InputError, match=r"s\.src: has 1 line but the scores have 2 segments"):
        build_report([write("s.jsonl", _scores([0.1, 0.2]))], source=write("s.src", "one\n"), n_bootstrap=10)
