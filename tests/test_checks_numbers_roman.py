"""Roman numerals: Russian writes centuries (and monarchs, volumes) in them, English in digits, so the numbers
check reads II to XXXIX, with Cyrillic Х, as the numbers they stand for, for matching only."""

from __future__ import annotations

import pytest

from mtreview.checks import run_checks


def numbers_detail(source: str, mt: str, sl: str, tl: str) -> str:
    return " ".join(f.detail for f in run_checks(source, mt, sl, tl) if f.name == "numbers")


@pytest.mark.parametrize(("source", "mt", "sl", "tl"), [
    ("Это было в XX веке.", "It was in the 20th century.", "ru", "en"),
    ("Это было в ХХ веке.", "It was in the 20th century.", "ru", "en"),  # Cyrillic Х
    ("It was in the 19th century.", "Это было в XIX веке.", "en", "ru"),
    ("В XIV-XV веках город рос.", "In the 14th-15th centuries the city grew.", "ru", "en"),
    ("Россия и США подписали СНВ-3 в 2010 году.", "Russia and the US signed START III in 2010.", "ru", "en"),
])
def test_a_roman_numeral_matches_its_number(source: str, mt: str, sl: str, tl: str) -> None:
    assert numbers_detail(source, mt, sl, tl) == ""


@pytest.mark.parametrize(("source", "mt", "sl", "tl", "token"), [
    ("Это было в XIX веке.", "It was in the 20th century.", "ru", "en", "'20'"),  # another century
    ("It was in the 18th century.", "Это было в XVII веке.", "en", "ru", "'18'"),
    ("Он занял 1 место в 2010 году.", "In 2010 I took a place.", "ru", "en", "'1'"),  # the pronoun I is no 1
])
def test_another_number_is_still_flagged(source: str, mt: str, sl: str, tl: str, token: str) -> None:
    assert token in numbers_detail(source, mt, sl, tl)
