"""Small ordinals written as words (1-й этап = the first stage, 3. Platz = third place, 2nd = второй) and
English "twice" (в 2 раза): the numbers check's mild flag for a small number the MT spelled out."""

from __future__ import annotations

import pytest

from mtreview.checks import run_checks


def numbers_detail(source: str, mt: str, sl: str, tl: str) -> str:
    return " ".join(f.detail for f in run_checks(source, mt, sl, tl) if f.name == "numbers")


@pytest.mark.parametrize(("source", "mt", "sl", "tl"), [
    ("Это 1-й этап.", "This is the first stage.", "ru", "en"),
    ("Он получил 3-е место.", "He took third place.", "ru", "en"),
    ("Это в 2 раза больше.", "It is twice as much.", "ru", "en"),
    ("He came 2nd in the race.", "Он пришёл вторым в гонке.", "en", "ru"),
    ("She won the 3rd prize.", "Она получила третью премию.", "en", "ru"),
    ("She won the 3rd prize.", "Sie gewann den dritten Preis.", "en", "de"),
    ("Er wurde 2. im Rennen.", "Il est arrivé deuxième de la course.", "de", "fr"),
    ("Es el 4.º piso.", "It is the fourth floor.", "es", "en"),
])
def test_a_small_ordinal_the_mt_spelled_out_is_not_flagged(source: str, mt: str, sl: str, tl: str) -> None:
    assert numbers_detail(source, mt, sl, tl) == ""


@pytest.mark.parametrize(("source", "mt", "sl", "tl"), [
    ("Он получил 3-е место.", "He took second place.", "ru", "en"),
    ("She won the 3rd prize.", "Она получила первую премию.", "en", "ru"),
])
def test_another_ordinal_is_still_flagged(source: str, mt: str, sl: str, tl: str) -> None:
    assert "'3'" in numbers_detail(source, mt, sl, tl)
