"""Line-per-record outputs stay one line per record for a reader that splits with ``str.splitlines()``
(which also breaks at U+2028, U+2029 and U+0085): `segment`, the text and JSONL outputs of `retranslate`,
and `score`'s JSONL records."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from mtreview.batch.writers import encode_records
from mtreview.cli import main
from mtreview.formats.cells import one_line


@pytest.mark.parametrize("sep", ["\u2028", "\u2029", "\x85", "\r", "\n", "\r\n"])
def test_one_line_makes_each_line_break_a_single_space_and_keeps_tabs(sep: str) -> None:
    assert one_line(f"end. {sep} Next\tcell") == "end. Next\tcell"
    assert one_line("plain\ttext") == "plain\ttext"


def test_segment_text_and_json_outputs_are_one_line_per_sentence(tmp_path: Path, capsys) -> None:  # noqa: ANN001
    doc = tmp_path / "doc.ru"
    # U+2028 is a line break (a heading above its text), as a line feed is: two sentences, each on its line
    doc.write_text("Первое слово\u2028второе слово здесь\n", encoding="utf-8")
    assert main(["segment", str(doc), "-l", "ru"]) == 0
    text = capsys.readouterr().out
    assert text.splitlines() == ["Первое слово", "второе слово здесь"]
    assert main(["segment", str(doc), "-l", "ru", "--json"]) == 0
    lines = capsys.readouterr().out.splitlines()
    assert [json.loads(line)["text"] for line in lines] == ["Первое слово", "второе слово здесь"]


def test_score_jsonl_records_escape_line_separators_and_read_back_the_same() -> None:
    records = [{"id": 1, "mt": "a\u2028b\x85c\u2029d"}, {"id": 2, "mt": "plain"}]
    text = encode_records(records, "jsonl").text
    assert len(text.splitlines()) == 2
    assert [json.loads(line) for line in text.splitlines()] == records
