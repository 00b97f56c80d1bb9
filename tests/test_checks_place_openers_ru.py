"""A Russian word that opens a sentence is checked as a place only when it is one: an indeclinable foreign name
(Дели, Токио) only as it is written, so Дело, Дела ("Дело в том, что ...") are not Delhi; and the world
(CLDR's region 001, Мир, also "peace") is no place to keep."""

from __future__ import annotations

import pytest

from mtreview.checks import run_checks


def names_detail(source: str, mt: str) -> str:
    return " ".join(f.detail for f in run_checks(source, mt, "ru", "en") if f.name == "names")


@pytest.mark.parametrize(("source", "mt"), [
    ("Дело в том, что он ушёл.", "The thing is, he left."),
    ("Дела идут хорошо.", "Things are going well."),
    ("Мира не будет.", "There will be no peace."),
])
def test_a_common_word_opening_a_sentence_is_no_place(source: str, mt: str) -> None:
    assert names_detail(source, mt) == ""


@pytest.mark.parametrize(("source", "mt", "missing"), [
    ("Дели — столица Индии.", "The capital of India is Mumbai.", "Дели"),
    ("Рим — столица Италии.", "The capital of Italy is Milan.", "Рим"),
    ("Вены не видно.", "London is not visible.", "Вены"),
])
def test_a_place_opening_a_sentence_is_still_checked(source: str, mt: str, missing: str) -> None:
    assert missing in names_detail(source, mt)
