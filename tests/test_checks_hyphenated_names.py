"""A hyphenated Russian name that the MT writes as separate words (Сан-Франциско as San Francisco, Нью-Дели as New
Delhi, Тель-Авив as Tel Aviv), and an English name of several words the MT hyphenates (Rio de Janeiro as
Рио-де-Жанейро): found part by part, while an MT that lost or replaced a part is still flagged."""

from __future__ import annotations

import pytest

from mtreview.checks import run_checks


def names_detail(source: str, mt: str, sl: str, tl: str) -> str:
    return " ".join(f.detail for f in run_checks(source, mt, sl, tl) if f.name == "names")


# Each was flagged missing before.
PAIRS = [("Сан-Франциско", "San Francisco"), ("Нью-Дели", "New Delhi"), ("Абу-Даби", "Abu Dhabi"),
         ("Нью-Джерси", "New Jersey"), ("Лас-Вегас", "Las Vegas"), ("Тель-Авив", "Tel Aviv"),
         ("Рио-де-Жанейро", "Rio de Janeiro")]


@pytest.mark.parametrize(("russian", "english"), PAIRS)
def test_a_hyphenated_name_written_as_words_is_found_both_ways(russian: str, english: str) -> None:
    assert names_detail(f"Он давно живёт в городе {russian} с семьёй.", f"He has long lived in {english} with his family.",
                        "ru", "en") == ""
    assert names_detail(f"He has long lived in {english} with his family.", f"Он давно живёт в городе {russian} с семьёй.",
                        "en", "ru") == ""


@pytest.mark.parametrize(("russian", "english"), [("Сан-Франциско", "San Diego"), ("Нью-Дели", "New York"),
                                                  ("Тель-Авив", "Tel"), ("Нью-Джерси", "Jersey"),
                                                  ("Рио-де-Жанейро", "Rio")])
def test_a_hyphenated_name_with_a_part_lost_or_replaced_is_still_flagged(russian: str, english: str) -> None:
    assert russian in names_detail(f"Он давно живёт в городе {russian} с семьёй.",
                                   f"He has long lived in {english} with his family.", "ru", "en")
