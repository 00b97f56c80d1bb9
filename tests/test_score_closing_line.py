"""The line score ends with: the commonest checks by name, and how many others there are (QA: the sixth check
and after were left out without a word, so the line read as every flag raised)."""

from __future__ import annotations

from mtreview.cli.score_finish import finish


def _line(flags: dict[str, int]) -> str:
    said: list[str] = []
    finish({"segments": 30, "corpus": {}, "flags": flags}, None, 30, None, said.append)
    assert len(said) == 1
    return said[0]


def test_the_checks_past_the_fifth_are_counted() -> None:
    line = _line({"a": 6, "b": 5, "c": 4, "d": 3, "e": 2, "f": 1, "g": 1})
    assert line.endswith("flags: a 6, b 5, c 4, d 3, e 2, and 2 other checks")


def test_one_other_check() -> None:
    assert _line({"a": 6, "b": 5, "c": 4, "d": 3, "e": 2, "f": 1}).endswith("e 2, and 1 other check")


def test_five_checks_are_all_named() -> None:
    assert _line({"a": 6, "b": 5, "c": 4, "d": 3, "e": 2}).endswith("flags: a 6, b 5, c 4, d 3, e 2")
