"""Names of one consonant, or of an opening h alone, as Russian transcribes them (Amy = Эми, Ian = Иэн, Wayne =
Уэйн, Hugh = Хью, Lee = Ли), and Walker = Уокер (the l of "walk" is silent): found by their short sound keys, in
both directions, while a name the MT lost or replaced by another is still flagged, and a function word that
opens a sentence (In, Why, Ему) passes for no name."""

from __future__ import annotations

import pytest

from mtreview.checks import run_checks
from mtreview.checks.name_sounds import short_sound_keys, sound_keys


def names_detail(source: str, mt: str, sl: str, tl: str) -> str:
    return " ".join(f.detail for f in run_checks(source, mt, sl, tl) if f.name == "names")


# Each was flagged missing both ways before the short keys (Walker: before its silent l).
PAIRS = [("Amy", "Эми"), ("Ian", "Иэн"), ("Hugh", "Хью"), ("Wayne", "Уэйн"), ("Lee", "Ли"), ("Eve", "Ева"),
         ("Ann", "Энн"), ("Kay", "Кей"), ("Guy", "Гай"), ("Walker", "Уокер")]


@pytest.mark.parametrize(("english", "russian"), PAIRS)
def test_a_short_name_transcribed_is_found_both_ways(english: str, russian: str) -> None:
    assert names_detail(f"Вчера {russian} пришёл к нам.", f"Yesterday {english} came to us.", "ru", "en") == ""
    assert names_detail(f"Yesterday {english} came to us.", f"Вчера {russian} пришёл к нам.", "en", "ru") == ""


@pytest.mark.parametrize(("source", "mt", "sl", "tl", "missing"), [
    # Another short name in its place: another consonant, or one opening with a vowel where it has none.
    ("Вчера Эми пришла.", "Yesterday Ian came.", "ru", "en", "Эми"),
    ("Yesterday Hugh came.", "Вчера пришёл Ли.", "en", "ru", "Hugh"),
    ("Yesterday Amy came.", "Вчера пришла Мэй.", "en", "ru", "Amy"),
    ("Yesterday Walker came.", "Вчера пришёл Али.", "en", "ru", "Walker"),
    # Lost, where a function word of the same consonant opens a sentence.
    ("Вчера Хью сказал, что придёт.", "Why, he said he would come yesterday.", "ru", "en", "Хью"),
    ("Вчера Иэн сказал, что придёт.", "In the end he said he would come.", "ru", "en", "Иэн"),
    ("Yesterday Amy said she would come.", "Ему сказали, что она придёт.", "en", "ru", "Amy"),
])
def test_a_short_name_the_mt_lost_or_replaced_is_still_flagged(source: str, mt: str, sl: str, tl: str,
                                                               missing: str) -> None:
    assert missing in names_detail(source, mt, sl, tl)


def test_short_keys_read_the_opening_vowel_h_and_consonant() -> None:
    assert short_sound_keys("Amy") == short_sound_keys("Эми") == {"~Vm"}
    assert short_sound_keys("Hugh") == short_sound_keys("Хью") == {"~h"}
    assert short_sound_keys("Wayne") == short_sound_keys("Уэйн") == {"~Vn"}  # Wayne read without its w
    assert short_sound_keys("George") == short_sound_keys("Io") == frozenset()  # two consonants; none
    assert "kr" in sound_keys("Walker") & sound_keys("Уокер")
    assert sound_keys("Stalker") == sound_keys("Сталкер") == {"stlkr"}  # an l heard outside "walk"
