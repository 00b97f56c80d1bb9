"""A JSON scores file may hold an unpaired surrogate escape ("\\ud800": a tool that cut a string inside a
UTF-16 pair writes one); the report shows it as U+FFFD, as import repairs it (QA: every format stopped with a
UnicodeEncodeError traceback, exit 1). An escaped pair is one character and stays."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from mtreview.cli import main

RECORD = ('{"id": 1, "risk": 0.9, "doc": "d\\ud800", "source": "ok \\ud83d\\ude00 end", "mt": "x\\udfffy", '
          '"flags": [{"name": "empty", "detail": "cut \\udc80"}]}\n')


@pytest.mark.parametrize("fmt", ["html", "markdown", "json"])
def test_lone_surrogates_are_shown_as_replacement_characters(tmp_path: Path, write, fmt: str) -> None:  # noqa: ANN001
    out = tmp_path / ("r." + {"html": "html", "markdown": "md", "json": "json"}[fmt])
    assert main(["report", str(write("s.jsonl", RECORD)), "-o", str(out), "--format", fmt]) == 0
    text = out.read_text(encoding="utf-8")
    assert "x\ufffdy" in text and "d\ufffd" in text
    assert "ok \U0001f600 end" in text  # the pair: one character


def test_a_summary_with_a_lone_surrogate_is_read(tmp_path: Path, write) -> None:  # noqa: ANN001
    scores = write("s.jsonl", '{"id": 1, "risk": 0.5, "flags": []}\n')
    summary = write("sum.json", '{"segments": 1, "corpus": {"pseudo": {}, "reference": {}}, "flags": {}, '
                                '"risk": {"mean": 0.5, "median": 0.5, "above_0.5": 0}, "project": "p\\ud800.mtr"}')
    out = tmp_path / "r.json"
    assert main(["report", str(scores), "--summary", str(summary), "-o", str(out)]) == 0
    assert json.loads(out.read_text(encoding="utf-8"))["summary"]["project"] == "p\ufffd.mtr"
