"""Spanish names as Russian writes them, j and g before e, i as х (Juan = Хуан, Jorge = Хорхе, Javier = Хавьер,
José = Хосе): found both ways; an English name of the same consonants (John, Jane, Jill) is no Хан, Хуан or Хилл,
and a Spanish name replaced by another is still flagged."""

from __future__ import annotations

import pytest

from mtreview.checks import run_checks
from mtreview.checks.name_sounds import sound_keys


def names_detail(source: str, mt: str, sl: str, tl: str) -> str:
    return " ".join(f.detail for f in run_checks(source, mt, sl, tl) if f.name == "names")


# Each was flagged missing both ways before.
PAIRS = [("Juan", "Хуан"), ("José", "Хосе"), ("Jorge", "Хорхе"), ("Javier", "Хавьер"), ("Joaquin", "Хоакин"),
         ("Jesús", "Хесус"), ("Juárez", "Хуарес")]


@pytest.mark.parametrize(("spanish", "russian"), PAIRS)
def test_a_spanish_name_transcribed_is_found_both_ways(spanish: str, russian: str) -> None:
    assert names_detail(f"Yesterday {spanish} came to us.", f"Вчера {russian} пришёл к нам.", "en", "ru") == ""
    assert names_detail(f"Вчера {russian} пришёл к нам.", f"Yesterday {spanish} came to us.", "ru", "en") == ""


@pytest.mark.parametrize(("english", "russian"), [("John", "Хан"), ("Jane", "Хуан"), ("Jill", "Хилл"),
                                                  ("Joan", "Хан"), ("Gina", "Хуан")])
def test_an_english_name_is_no_russian_name_with_kh(english: str, russian: str) -> None:
    assert english in names_detail(f"Yesterday {english} came to us.", f"Вчера {russian} пришёл к нам.", "en", "ru")
    assert russian in names_detail(f"Вчера {russian} пришёл к нам.", f"Yesterday {english} came to us.", "ru", "en")


@pytest.mark.parametrize(("source", "mt", "sl", "tl", "missing"), [
    ("Yesterday Juan came.", "Вчера пришёл Хосе.", "en", "ru", "Juan"),
    ("Вчера Хавьер пришёл.", "Yesterday Jorge came.", "ru", "en", "Хавьер"),
])
def test_a_spanish_name_replaced_is_still_flagged(source: str, mt: str, sl: str, tl: str, missing: str) -> None:
    assert missing in names_detail(source, mt, sl, tl)


def test_the_spanish_reading_is_its_own_sound() -> None:
    assert "Xn" in sound_keys("Juan") & sound_keys("Хуан")
    assert "Xn" not in sound_keys("John")  # two sounds, not spelt the Spanish way
    assert "XrX" in sound_keys("Jorge") & sound_keys("Хорхе")
