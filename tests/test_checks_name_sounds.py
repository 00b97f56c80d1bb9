"""English names as Russian transcribes them (Джордж = George, Кэтрин = Catherine, Хокинг = Hawking): the names
check compares their consonants read as sound when letter-by-letter keys fail, in both directions, against the
MT's capitalised words only, so that a name the MT lost is still flagged."""

from __future__ import annotations

import pytest

from mtreview.checks import run_checks
from mtreview.checks.name_sounds import sound_keys


def names_detail(source: str, mt: str, sl: str, tl: str) -> str:
    return " ".join(f.detail for f in run_checks(source, mt, sl, tl) if f.name == "names")


# Each of these was flagged as missing before the sound keys.
PAIRS = [
    ("George", "Джордж", "Джорджем"), ("Michael", "Майкл", "Майклом"), ("Catherine", "Кэтрин", "Кэтрин"),
    ("Matthew", "Мэттью", "Мэттью"), ("Anthony", "Энтони", "Энтони"), ("Paul", "Пол", "Полом"),
    ("Jacqueline", "Жаклин", "Жаклин"), ("Cynthia", "Синтия", "Синтией"), ("Hawking", "Хокинг", "Хокингом"),
    ("Shakespeare", "Шекспир", "Шекспира"), ("Zuckerberg", "Цукерберг", "Цукербергом"),
    ("Thatcher", "Тэтчер", "Тэтчер"), ("Chopin", "Шопен", "Шопена"), ("Gates", "Гейтс", "Гейтсом"),
    ("Giuliani", "Джулиани", "Джулиани"), ("Hollande", "Олланд", "Олландом"), ("Bach", "Бах", "Баха"),
]


@pytest.mark.parametrize(("english", "russian", "inflected"), PAIRS)
def test_a_transcribed_english_name_is_found_both_ways(english: str, russian: str, inflected: str) -> None:
    assert names_detail(f"Вчера я видел, как {russian} ушёл.", f"Yesterday I saw {english}'s car leave.",
                        "ru", "en") == ""
    assert names_detail(f"Yesterday I talked with {english}.", f"Вчера я говорил с {inflected}.",
                        "en", "ru") == ""


@pytest.mark.parametrize(("source", "mt", "sl", "tl", "missing"), [
    # Another name of the same consonants' start, or none: still missing.
    ("Вчера Джордж приехал.", "Yesterday Gregory arrived.", "ru", "en", "Джордж"),
    ("Yesterday Michael arrived.", "Вчера приехал Марк.", "en", "ru", "Michael"),
    # The consonants of Мэри (m, r) in an ordinary word in lower case: not a name.
    ("Вчера Мэри сказала больше.", "Yesterday she said more.", "ru", "en", "Мэри"),
])
def test_a_name_the_mt_lost_is_still_flagged(source: str, mt: str, sl: str, tl: str, missing: str) -> None:
    assert missing in names_detail(source, mt, sl, tl)


def test_keys_read_spelling_as_sound() -> None:
    assert sound_keys("George") == {"grg", "JrJ"}  # a g before e may be hard (Geller) or soft
    assert sound_keys("Джордж") == {"JrJ"}
    assert sound_keys("Catherine") == sound_keys("Кэтрин") == {"ktrn"}
    assert sound_keys("Amy") == frozenset()  # one consonant would match any word with it
