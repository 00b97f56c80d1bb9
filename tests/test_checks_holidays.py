"""The main feasts and the New Year, which languages capitalise and translate (Christmas -> Рождество,
Weihnachten, Noël): the names check finds their translation, in any form (рождественские каникулы)."""

from __future__ import annotations

import pytest

from mtreview.checks import run_checks


def names_detail(source: str, mt: str, sl: str, tl: str) -> str:
    return " ".join(f.detail for f in run_checks(source, mt, sl, tl) if f.name == "names")


@pytest.mark.parametrize(("source", "mt", "sl", "tl"), [
    ("We spent the Christmas holidays at home.", "Мы провели рождественские каникулы дома.", "en", "ru"),
    ("We celebrate Christmas and Easter.", "Мы празднуем Рождество и Пасху.", "en", "ru"),
    ("Это было на Рождество.", "It was at Christmas.", "ru", "en"),
    ("После Пасхи мы уехали.", "After Easter we left.", "ru", "en"),
    ("We met at Easter.", "Wir trafen uns zu Ostern.", "en", "de"),
    ("Nous sommes partis après Noël.", "We left after Christmas.", "fr", "en"),
])
def test_a_feast_translated_is_no_missing_name(source: str, mt: str, sl: str, tl: str) -> None:
    assert names_detail(source, mt, sl, tl) == ""


@pytest.mark.parametrize(("source", "mt", "sl", "tl", "missing"), [
    ("We spent Christmas at home.", "Мы провели отпуск дома.", "en", "ru", "Christmas"),
    ("We celebrate Christmas.", "Мы празднуем Пасху.", "en", "ru", "Christmas"),
    ("Это было на Рождество.", "It was at Easter.", "ru", "en", "Рождество"),
])
def test_a_feast_the_mt_lost_or_changed_is_still_flagged(source: str, mt: str, sl: str, tl: str,
                                                          missing: str) -> None:
    assert missing in names_detail(source, mt, sl, tl)
