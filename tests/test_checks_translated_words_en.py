"""English capitalises words that other languages translate: the Earth, the Sun, the Big Bang, degrees
Centigrade, the Government; and GNP, GDP are BSP, BIP in German. The names check does not want their letters
(WMT21 TED en -> de: "Earth" and "Bang" made 78 of the 117 names flags, on correct translations)."""

from __future__ import annotations

import pytest

from mtreview.checks import run_checks


def names_detail(source: str, mt: str, tl: str = "de") -> str:
    return " ".join(f.detail for f in run_checks(source, mt, "en", tl) if f.name == "names")


@pytest.mark.parametrize(("source", "mt", "tl"), [
    ("There are experiments being built on Earth to detect it.", "Auf der Erde werden Experimente gebaut.", "de"),
    ("Each branch has its own Big Bang in its past.", "Jeder Zweig hat seinen eigenen Urknall.", "de"),
    ("It rose to 43 degrees Centigrade for two days.", "Es stieg zwei Tage lang auf 43 Grad Celsius.", "de"),
    ("It is measured in relation to GNP per capita.", "Es wird im Verhältnis zum BSP pro Kopf gemessen.", "de"),
    ("Life on Earth needs the Sun and the Moon.", "Жизнь на Земле нуждается в Солнце и Луне.", "ru"),
])
def test_words_english_capitalises_and_others_translate_are_not_missing_names(source: str, mt: str,
                                                                              tl: str) -> None:
    assert names_detail(source, mt, tl) == ""


def test_a_name_beside_them_is_still_checked() -> None:
    detail = names_detail("On Earth, Obama said so.", "Auf der Erde sagte er das.")
    assert "Obama" in detail and "Earth" not in detail
